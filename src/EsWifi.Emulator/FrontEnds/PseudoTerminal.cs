using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EsWifi.Emulator.FrontEnds;

/// <summary>
/// A Linux pseudo-terminal (posix_openpt, grantpt, unlockpt, ptsname_r through libc). The emulator
/// owns the master; a real <c>System.IO.Ports.SerialPort</c> opens <see cref="SlavePath"/>, so the
/// driver talks through the kernel tty layer exactly as it would to a USB-UART adapter.
/// </summary>
public sealed class PseudoTerminal : IModulePort, IBaudRateAware, IDisposable
{
    private const int O_RDWR = 0x2;
    private const int O_NOCTTY = 0x100;
    private const int POLLIN = 0x1;

    // Descriptors are held in handles, never as bare numbers: after Dispose the kernel gives the
    // same numbers to the next terminal, and a late thread (a front end still inside a delayed
    // answer) must get ObjectDisposedException, not another test's terminal.
    private readonly SafeFileHandle _master;
    private readonly SafeFileHandle _slaveKeeper;

    public PseudoTerminal()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("pseudo-terminals are supported on Linux");
        }

        int master = posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0)
        {
            throw new IOException("could not create a pseudo-terminal (errno " + Marshal.GetLastPInvokeError() + ")");
        }

        _master = new SafeFileHandle(master, true);
        byte[] name = new byte[256];
        if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, name.Length) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _master.Dispose();
            throw new IOException("could not set up the pseudo-terminal (errno " + errno + ")");
        }

        SlavePath = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));

        // Keep one slave descriptor open (in raw mode) so the master never sees a hang-up while
        // the driver's SerialPort opens and closes the device.
        int keeper = open(SlavePath, O_RDWR | O_NOCTTY);
        _slaveKeeper = new SafeFileHandle(keeper, true);
        if (keeper >= 0)
        {
            byte[] termios = new byte[256];
            if (tcgetattr(keeper, termios) == 0)
            {
                // Raw bytes at the module's default rate until a program configures the port.
                cfmakeraw(termios);
                cfsetspeed(termios, 0x1002);
                tcsetattr(keeper, 0, termios);
            }
        }
    }

    /// <summary>The device path a serial port opens, e.g. /dev/pts/3.</summary>
    public string SlavePath { get; }

    /// <summary>The rate the program on the slave side configured (termios output speed), or 0.</summary>
    public int HostBaudRate
    {
        get
        {
            byte[] termios = new byte[256];
            if (_slaveKeeper.IsInvalid || Use(_slaveKeeper, fd => tcgetattr(fd, termios)) != 0)
            {
                return 0;
            }

            return cfgetospeed(termios) switch
            {
                0x0D => 9600,
                0x0E => 19200,
                0x0F => 38400,
                0x1001 => 57600,
                0x1002 => 115200,
                0x1003 => 230400,
                0x1004 => 460800,
                0x1007 => 921600,
                _ => 0,
            };
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        return (int)Use(_master, master =>
        {
            var poll = new PollFd { Fd = master, Events = POLLIN };
            int ready = poll_(ref poll, 1, timeoutMilliseconds);
            if (ready <= 0 || (poll.Revents & POLLIN) == 0)
            {
                return 0;
            }

            unsafe
            {
                fixed (byte* p = &buffer[offset])
                {
                    long n = read(master, p, (nuint)count);
                    if (n < 0)
                    {
                        throw new IOException("pseudo-terminal read failed (errno " + Marshal.GetLastPInvokeError() + ")");
                    }

                    return n;
                }
            }
        });
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        Use(_master, master =>
        {
            unsafe
            {
                fixed (byte* p = buffer)
                {
                    int done = 0;
                    while (done < count)
                    {
                        long n = write(master, p + offset + done, (nuint)(count - done));
                        if (n < 0)
                        {
                            throw new IOException("pseudo-terminal write failed (errno " + Marshal.GetLastPInvokeError() + ")");
                        }

                        done += (int)n;
                    }
                }
            }

            return 0;
        });
    }

    /// <summary>Closes both descriptors; a call in progress on another thread finishes on them first.</summary>
    public void Dispose()
    {
        _slaveKeeper.Dispose();
        _master.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="call"/> on the descriptor while holding a reference to its handle, so
    /// it cannot be closed (and its number reused) during the call. Throws ObjectDisposedException
    /// once the terminal is disposed.
    /// </summary>
    private static long Use(SafeFileHandle handle, Func<int, long> call)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return call((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int ptsname_r(int fd, byte[] buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe long read(int fd, byte* buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe long write(int fd, byte* buffer, nuint count);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int poll_(ref PollFd fds, ulong count, int timeout);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int actions, byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw(byte[] termios);

    [DllImport("libc")]
    private static extern uint cfgetospeed(byte[] termios);

    [DllImport("libc")]
    private static extern int cfsetspeed(byte[] termios, uint speed);
}
