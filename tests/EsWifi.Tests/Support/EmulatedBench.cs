using EsWifi.Emulator.Model;

namespace EsWifi.Tests.Support;

/// <summary>
/// The driver (EsWifiModule over UartTransport) wired to the emulator's UART front end through an
/// in-memory link, with one WPA2 access point. Real time, real loopback sockets behind the emulator.
/// </summary>
public sealed class EmulatedBench : IDisposable
{
    public const string Ssid = "lab";
    public const string Passphrase = "correct horse";

    private readonly InMemoryDuplexLink _link = new();

    public EmulatedBench(FirmwareProfile profile, bool join = true, EsWifiOptions options = null, bool resetLine = false)
    {
        Emulator = new EmulatedModule(profile);
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = Ssid, Security = 3, Passphrase = Passphrase, Rssi = -48, AssignedIp = "192.168.1.50" });
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "cafe, upstairs", Security = 0, Rssi = -71, Channel = 11, Bssid = "00:24:B2:B1:E9:FD" });
        Uart = new UartFrontEnd(Emulator, _link.Module);

        // The transport's framing settings are the defaults a user gets (end gap, quiet gap).
        Wire = new CuttingLink(_link.Host);
        Transport = new UartTransport(Wire, SystemClock.Instance, 2048);
        options ??= new EsWifiOptions();
        if (resetLine)
        {
            ResetLine = new UartResetLine(Uart);
            options.ResetPin = ResetLine;
        }

        Module = new EsWifiModule(Transport, options);
        Module.Initialize();
        if (join)
        {
            Module.Wifi.Join(Ssid, Passphrase, WifiSecurity.Wpa2);
        }

        Emulator.Counters.Reset();
    }

    public EmulatedModule Emulator { get; }

    public UartFrontEnd Uart { get; }

    public UartTransport Transport { get; }

    /// <summary>The host's side of the wire, where payloads can be cut.</summary>
    public CuttingLink Wire { get; }

    /// <summary>The module's reset line, when the bench was made with one.</summary>
    public UartResetLine ResetLine { get; }

    public EsWifiModule Module { get; }

    public InMemoryDuplexLink Link => _link;

    /// <summary>The user power-cycles the module: returns once it has rebooted (bounded).</summary>
    public void PowerCycle()
    {
        int reboots = Emulator.Reboots;
        Uart.RequestReset();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Emulator.Reboots == reboots)
        {
            Assert.True(DateTime.UtcNow < deadline, "the emulated module did not reboot");
            Thread.Sleep(5);
        }
    }

    public void Dispose()
    {
        Uart.Dispose();
        Emulator.Dispose();
    }
}
