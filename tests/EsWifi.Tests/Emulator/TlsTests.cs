using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Emulator;

/// <summary>
/// Real TLS handshakes from the emulator's SslStream client against a real SslStream server, with
/// certificates generated here, at the three verification levels of P9.
/// </summary>
public class TlsTests : IClassFixture<TlsTests.Credentials>, IDisposable
{
    private readonly Credentials _credentials;
    private readonly RawUart _uart = new(FirmwareProfile.C3525Stm);

    public TlsTests(Credentials credentials)
    {
        _credentials = credentials;
        _uart.Join();
    }

    public void Dispose() => _uart.Dispose();

    private string Connect(LoopbackServer server, int level)
    {
        _uart.Send("P1=3");
        _uart.Send("D0=localhost");
        _uart.Send("P4=" + server.Port);
        _uart.Send("P9=" + level);
        return _uart.Send("P6=1", null, 15000);
    }

    private void Program(int set, int type, byte[] pem) => Assert.EndsWith("OK\r\n> ", _uart.Send($"PG={set},{type},{pem.Length}", pem));

    [Fact]
    public void Level_0_accepts_any_server_and_moves_data()
    {
        using var server = LoopbackServer.TlsEcho(_credentials.Unrelated, false);
        Assert.Equal("\r\n[TCP  RC] Connecting to 127.0.0.1\r\nOK\r\n> ", Connect(server, 0));
        Assert.Equal("\r\n5\r\nOK\r\n> ", _uart.Send("S3=5", RawUart.Bytes("hello")));
        Assert.Equal("\r\nhello\r\nOK\r\n> ", _uart.Send("R0"));
    }

    [Fact]
    public void Level_1_verifies_against_the_programmed_root_ca()
    {
        Program(0, 0, _credentials.Lab.CaPem);
        using var good = LoopbackServer.TlsEcho(_credentials.Lab, false);
        Assert.EndsWith("\r\nOK\r\n> ", Connect(good, 1));
        _uart.Send("P6=0");

        using var wrong = LoopbackServer.TlsEcho(_credentials.Unrelated, false);
        string answer = Connect(wrong, 1);
        Assert.Contains("ERROR: SSL handshake failed", answer);
        Assert.EndsWith("\r\n> ", answer);
    }

    [Fact]
    public void Level_1_without_a_root_ca_accepts_the_server()
    {
        _uart.Send("PF=0,2");
        using var server = LoopbackServer.TlsEcho(_credentials.Unrelated, false);
        Assert.EndsWith("\r\nOK\r\n> ", Connect(server, 1));
    }

    [Fact]
    public void Level_2_presents_the_sets_client_certificate()
    {
        Program(1, 0, _credentials.Lab.CaPem);
        Program(1, 1, _credentials.Lab.ClientCertificatePem);
        Program(1, 2, _credentials.Lab.ClientKeyPem);
        _uart.Send("PF=0,1");
        using var server = LoopbackServer.TlsEcho(_credentials.Lab, requireClientCertificate: true);
        Assert.EndsWith("\r\nOK\r\n> ", Connect(server, 2));
        Assert.Equal("\r\n4\r\nOK\r\n> ", _uart.Send("S3=4", RawUart.Bytes("mtls")));
        Assert.Equal("\r\nmtls\r\nOK\r\n> ", _uart.Send("R0"));
        Assert.Equal(_credentials.Lab.Client.Subject, server.ClientCertificateSubject);
    }

    [Fact]
    public void Level_2_without_the_client_objects_fails()
    {
        Program(2, 0, _credentials.Lab.CaPem);
        _uart.Send("PF=0,2");
        using var server = LoopbackServer.TlsEcho(_credentials.Lab, requireClientCertificate: true);
        Assert.Contains("ERROR: TLS credentials missing in set 2", Connect(server, 2));
    }

    public sealed class Credentials
    {
        public GeneratedCertificates Lab { get; } = GeneratedCertificates.Create("Lab");

        public GeneratedCertificates Unrelated { get; } = GeneratedCertificates.Create("Unrelated");
    }
}
