using EsWifi.Emulator.Model;

namespace EsWifi.Tests.Support;

/// <summary>
/// The driver over its SPI transport, wired word by word to the emulator's SPI front end, with the
/// data-ready line and the reset pin, as on a B-L475E-IOT01A.
/// </summary>
public sealed class SpiBench : IDisposable
{
    public SpiBench(FirmwareProfile profile, bool join = true)
    {
        Emulator = new EmulatedModule(profile);
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = EmulatedBench.Ssid, Security = 3, Passphrase = EmulatedBench.Passphrase, Rssi = -48 });
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "cafe, upstairs", Security = 0, Rssi = -71, Channel = 11, Bssid = "00:24:B2:B1:E9:FD" });
        Spi = new SpiFrontEnd(Emulator);
        Link = new SpiFrontEndLink(Spi);
        Transport = new SpiTransport(Link, Link, Link, SystemClock.Instance, 8192);
        Module = new EsWifiModule(Transport, new EsWifiOptions { ResetPin = Link });
        Module.Initialize();
        if (join)
        {
            Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);
        }

        Emulator.Counters.Reset();
    }

    public EmulatedModule Emulator { get; }

    public SpiFrontEnd Spi { get; }

    public SpiFrontEndLink Link { get; }

    public SpiTransport Transport { get; }

    public EsWifiModule Module { get; }

    public void Dispose() => Spi.Dispose();
}
