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

    private readonly int _master;
    private readonly int _slaveKeeper;
    private bool _disposed;

    public PseudoTerminal()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("pseudo-terminals are supported on Linux");
        }

        _master = posix_openpt(O_RDWR | O_NOCTTY);
        if (_master < 0 || grantpt(_master) != 0 || unlockpt(_master) != 0)
        {
            throw new IOException("could not create a pseudo-terminal (errno " + Marshal.GetLastPInvokeError() + ")");
        }

        byte[] name = new byte[256];
        if (ptsname_r(_master, name, name.Length) != 0)
        {
            throw new IOException("ptsname_r failed");
        }

        SlavePath = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));

        // Keep one slave descriptor open (in raw mode) so the master never sees a hang-up while
        // the driver's SerialPort opens and closes the device.
        _slaveKeeper = open(SlavePath, O_RDWR | O_NOCTTY);
        if (_slaveKeeper >= 0)
        {
            byte[] termios = new byte[256];
            if (tcgetattr(_slaveKeeper, termios) == 0)
            {
                // Raw bytes at the module's default rate until a program configures the port.
                cfmakeraw(termios);
                cfsetspeed(termios, 0x1002);
                tcsetattr(_slaveKeeper, 0, termios);
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
            if (_slaveKeeper < 0 || tcgetattr(_slaveKeeper, termios) != 0)
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
        var poll = new PollFd { Fd = _master, Events = POLLIN };
        int ready = poll_(ref poll, 1, timeoutMilliseconds);
        if (ready <= 0 || (poll.Revents & POLLIN) == 0)
        {
            return 0;
        }

        unsafe
        {
            fixed (byte* p = &buffer[offset])
            {
                long n = read(_master, p, (nuint)count);
                if (n < 0)
                {
                    throw new IOException("pseudo-terminal read failed (errno " + Marshal.GetLastPInvokeError() + ")");
                }

                return (int)n;
            }
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        unsafe
        {
            fixed (byte* p = buffer)
            {
                int done = 0;
                while (done < count)
                {
                    long n = write(_master, p + offset + done, (nuint)(count - done));
                    if (n < 0)
                    {
                        throw new IOException("pseudo-terminal write failed (errno " + Marshal.GetLastPInvokeError() + ")");
                    }

                    done += (int)n;
                }
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_slaveKeeper >= 0)
        {
            close(_slaveKeeper);
        }

        close(_master);
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
