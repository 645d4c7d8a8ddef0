using EsWifi.Emulator.FrontEnds;
using EsWifi.Emulator.Model;
using EsWifi.Emulator.Peers;

namespace EsWifi.Benchmarks.WireModel;

/// <summary>
/// One measurement setup: the emulator behind an in-memory UART, joined, with certificate set 0
/// programmed (outside the counted traffic), and a real TLS server on 127.0.0.1 that either sends
/// a block on connect (down) or swallows what it gets (up). Paced, the UART carries bytes at the
/// given baud rate, so the phases can be timed.
/// </summary>
public sealed class WireBench : IDisposable
{
    private readonly InMemoryDuplexLink _link = new();
    private readonly UartFrontEnd _uart;

    /// <param name="baudRate">0: bytes at once (counts only); else the UART is paced at this rate and times are real.</param>
    public WireBench(GeneratedCertificates pki, byte[] down, int baudRate = 0)
    {
        _link.BaudRate = baudRate;
        Emulator = new EmulatedModule(FirmwareProfile.C3525Stm);
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "lab", Security = 3, Passphrase = "correct horse" });
        Emulator.Certificates.Program(0, CertificateSets.RootCa, pki.CaPem);
        Emulator.Certificates.Program(0, CertificateSets.Certificate, pki.ClientCertificatePem);
        Emulator.Certificates.Program(0, CertificateSets.Key, pki.ClientKeyPem);
        _uart = new UartFrontEnd(Emulator, _link.Module);
        Module = new EsWifiModule(new UartTransport(_link.Host, SystemClock.Instance, 2048));
        Module.Initialize();
        Module.Wifi.Join("lab", "correct horse", WifiSecurity.Wpa2);
        Server = LoopbackServer.Tls(pki, false, stream =>
        {
            if (down != null)
            {
                stream.Write(down);
                Thread.Sleep(30000);
                return;
            }

            byte[] sink = new byte[16384];
            while (stream.Read(sink, 0, sink.Length) > 0)
            {
                Swallowed += 0;
            }
        });
    }

    public EmulatedModule Emulator { get; }

    public EsWifiModule Module { get; }

    internal AtChannel Channel => Module.Channel;

    public LoopbackServer Server { get; }

    public int Swallowed { get; private set; }

    public void Dispose()
    {
        Server.Dispose();
        _uart.Dispose();
        Emulator.Dispose();
    }
}
