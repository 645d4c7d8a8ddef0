using System.Runtime.InteropServices;

namespace EsWifi.Cli.Infrastructure;

/// <summary>
/// Says what is wrong with a link the tool could not open, in words a person can act on (.NET's
/// serial port says "Access to the port is denied" also for a port that does not exist). Linux and
/// macOS look at the device themselves; elsewhere there is nothing to add.
/// </summary>
public static class LinkProbe
{
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int EBUSY = 16;

    /// <summary>Why <paramref name="port"/> cannot serve as a serial port, or null when the device looks usable.</summary>
    public static string ExplainSerialPort(string port)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        if (Directory.Exists(port))
        {
            return port + " is a directory, not a serial port";
        }

        // Non-blocking and without becoming the controlling terminal: a modem line without carrier
        // would otherwise block the open.
        int flags = 2 | (OperatingSystem.IsLinux() ? 0x100 | 0x800 : 0x20000 | 0x4);
        int fd = open(port, flags);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError() switch
            {
                ENOENT => "no such port: " + port + " (is the adapter plugged in? ls /dev/ttyUSB* /dev/ttyACM*)",
                EACCES => "permission denied on " + port + " (on Linux add yourself to its group, usually dialout, and log in again)",
                EBUSY => port + " is busy: another program holds it",
                int errno => "cannot open " + port + " (errno " + errno + ")",
            };
        }

        try
        {
            return isatty(fd) == 1 ? null : port + " is not a serial port (not a terminal device)";
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>Why spidev <paramref name="bus"/>.<paramref name="chip"/> and a GPIO chip are not there, or null.</summary>
    public static string ExplainSpi(int bus, int chip)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "--spidev needs Linux (spidev and a GPIO character device)";
        }

        string device = "/dev/spidev" + bus + "." + chip;
        if (!File.Exists(device))
        {
            return "no spidev device " + device + " (enable SPI, e.g. dtparam=spi=on on a Raspberry Pi, or check BUS.CS)";
        }

        if (!Directory.EnumerateFiles("/dev", "gpiochip*").Any())
        {
            return "no GPIO chip (/dev/gpiochip*): --spidev needs GPIO lines for chip select, data-ready and reset";
        }

        return null;
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int open(string path, int flags);

    [DllImport("libc")]
    private static extern int isatty(int fd);

    [DllImport("libc")]
    private static extern int close(int fd);
}
