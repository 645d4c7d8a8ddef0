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

    public EmulatedBench(FirmwareProfile profile, bool join = true, EsWifiOptions options = null)
    {
        Emulator = new EmulatedModule(profile);
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = Ssid, Security = 3, Passphrase = Passphrase, Rssi = -48, AssignedIp = "192.168.1.50" });
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "cafe, upstairs", Security = 0, Rssi = -71, Channel = 11, Bssid = "00:24:B2:B1:E9:FD" });
        Uart = new UartFrontEnd(Emulator, _link.Module);

        // The in-memory link delivers without USB-style bursts, so a short quiet gap is enough.
        Transport = new UartTransport(_link.Host, SystemClock.Instance, 2048) { QuietGapMilliseconds = 2 };
        Module = new EsWifiModule(Transport, options ?? new EsWifiOptions());
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

    public EsWifiModule Module { get; }

    public InMemoryDuplexLink Link => _link;

    public void Dispose()
    {
        Uart.Dispose();
        Emulator.Dispose();
    }
}
