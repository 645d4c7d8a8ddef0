using EsWifi.Emulator.Model;
using EsWifi.Serial;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>
/// The driver through a real System.IO.Ports.SerialPort (EsWifi.Serial) and the kernel tty layer,
/// to the emulator on a pseudo-terminal, at 115200 baud.
/// </summary>
public class SerialPortTests : IClassFixture<TlsFlowTests.Credentials>
{
    private readonly TlsFlowTests.Credentials _credentials;

    public SerialPortTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    private sealed class PtyBench : IDisposable
    {
        public PtyBench(FirmwareProfile profile, EsWifiOptions options = null)
        {
            Emulator = new EmulatedModule(profile);
            Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = EmulatedBench.Ssid, Security = 3, Passphrase = EmulatedBench.Passphrase, Rssi = -48 });
            Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "cafe, upstairs", Security = 0, Rssi = -71, Channel = 11 });
            Pty = new PseudoTerminal();
            Uart = new UartFrontEnd(Emulator, Pty, bootPrompt: false);
            Link = new SerialByteLink(Pty.SlavePath, 115200);
            Module = new EsWifiModule(new UartTransport(Link, SystemClock.Instance, 2048), options ?? new EsWifiOptions());
            Module.Initialize();
        }

        public EmulatedModule Emulator { get; }

        public PseudoTerminal Pty { get; }

        public UartFrontEnd Uart { get; }

        public SerialByteLink Link { get; }

        public EsWifiModule Module { get; }

        public void Dispose()
        {
            Link.Dispose();
            Uart.Dispose();
            Pty.Dispose();
            Emulator.Dispose();
        }
    }

    [Fact]
    public void Bring_up_scan_certificates_and_a_256_KiB_tls_transfer_through_the_tty()
    {
        using var bench = new PtyBench(FirmwareProfile.C3525Uart);
        Assert.Equal(115200, bench.Pty.HostBaudRate);
        Assert.Equal("C3.5.2.5.UART", bench.Module.Info.Firmware.Text);

        AccessPointInfo[] found = bench.Module.Wifi.Scan();
        Assert.Equal(new[] { "lab", "cafe, upstairs" }, found.Select(a => a.Ssid));
        bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);

        byte[] ca = _credentials.Lab.CaPem;
        Assert.Equal(CertificateWriteResult.Written, bench.Module.Certificates.Program(0, CertificateKind.RootCa, ca, 0, ca.Length, null));
        Assert.Equal(CertificateWriteResult.AlreadyMatching, bench.Module.Certificates.Verify(0, CertificateKind.RootCa, ca, 0, ca.Length));
        Assert.Equal(ca, bench.Emulator.Certificates.Get(0, 0));

        using var server = LoopbackServer.TlsEcho(_credentials.Lab, false);
        using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions());
        TransferTests.EchoHashed(tls, 256 * 1024, 3);
        Assert.Equal(0, bench.Uart.GarbledBytes);
    }

    [Fact]
    public void Changing_the_baud_rate_switches_the_host_port_and_confirms_the_prompt()
    {
        using var bench = new PtyBench(FirmwareProfile.C3525Uart);
        ModuleBaudRate.Change(bench.Module, bench.Link, 921600);
        Assert.Equal(921600, bench.Emulator.UartBaudRate);
        Assert.Equal(921600, bench.Pty.HostBaudRate);
        Assert.Equal("C4:7F:51:8E:2B:01", bench.Module.GetMacAddress());
        Assert.Throws<ArgumentOutOfRangeException>(() => ModuleBaudRate.Change(bench.Module, bench.Link, 100000));
    }

    [Fact]
    public void A_host_at_the_wrong_rate_gets_no_prompt_and_a_clear_error()
    {
        using var bench = new PtyBench(FirmwareProfile.C3525Uart, new EsWifiOptions { BootTimeoutMilliseconds = 1000 });
        bench.Link.BaudRate = 57600;
        var error = Assert.Throws<EsWifiException>(() => bench.Module.Initialize(false));
        Assert.Equal(EsWifiErrorKind.Timeout, error.Kind);
        Assert.True(bench.Uart.GarbledBytes > 0);
        bench.Link.BaudRate = 115200;
        bench.Module.Initialize(false);
    }
}
