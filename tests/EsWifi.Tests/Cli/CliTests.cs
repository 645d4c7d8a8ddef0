using System.Text;
using EsWifi.Cli;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Cli;

/// <summary>The eswifi tool against the emulator on a pseudo-terminal: exit codes and output.</summary>
public class CliTests : IDisposable
{
    private readonly EmulatedModule _emulator = new(FirmwareProfile.C3525Uart);
    private readonly PseudoTerminal _pty = new();
    private readonly UartFrontEnd _uart;
    private readonly string _folder = Directory.CreateTempSubdirectory("eswifi-cli-").FullName;
    private readonly GeneratedCertificates _pki = GeneratedCertificates.Create("cli test");

    public CliTests()
    {
        _emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = EmulatedBench.Ssid, Security = 3, Passphrase = EmulatedBench.Passphrase, Rssi = -48 });
        _emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "cafe, upstairs", Security = 0, Rssi = -71, Channel = 11 });
        _uart = new UartFrontEnd(_emulator, _pty);
    }

    public void Dispose()
    {
        _uart.Dispose();
        _pty.Dispose();
        _emulator.Dispose();
        Directory.Delete(_folder, true);
    }

    private (int Exit, string Output, string Error) Run(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = EsWifiCli.Run(args, new StringReader(input), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private (int Exit, string Output, string Error) OnPort(string input, params string[] args) =>
        Run(input, args.Concat(new[] { "--port", _pty.SlavePath }).ToArray());

    private string File(string name, byte[] content)
    {
        string path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    private static void AssertOneLineError((int Exit, string Output, string Error) result, int exit, string text)
    {
        Assert.Equal(exit, result.Exit);
        Assert.Contains(text, result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Info_shows_identity_and_firmware()
    {
        var result = OnPort(string.Empty, "info");
        Assert.Equal(0, result.Exit);
        Assert.Contains("ISM43362-M3G-L44-UART", result.Output);
        Assert.Contains("C3.5.2.5.UART", result.Output);
        Assert.Contains("not joined", result.Output);
    }

    [Fact]
    public void Scan_prints_a_table_and_join_joins()
    {
        var scan = OnPort(string.Empty, "scan");
        Assert.Equal(0, scan.Exit);
        Assert.Contains("cafe, upstairs", scan.Output);
        Assert.Contains("2 access point(s)", scan.Output);

        var join = OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase, "--security", "Wpa2");
        Assert.Equal(0, join.Exit);
        Assert.Contains("joined lab as 192.168.1.50", join.Output);

        AssertOneLineError(OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", "wrong one!", "--security", "Wpa2"), 1, "Unknown Error");
    }

    [Fact]
    public void Cert_program_asks_first_and_writes_nothing_when_refused()
    {
        string ca = File("ca.pem", _pki.CaPem);
        var refused = OnPort("n\n", "cert", "program", "--set", "1", "--ca", ca);
        Assert.Equal(3, refused.Exit);
        Assert.Contains("WRITE (permanent)", refused.Output);
        Assert.Contains("cancelled: nothing was written", refused.Output);
        Assert.Null(_emulator.Certificates.Get(1, 0));

        var confirmed = OnPort("y\n", "cert", "program", "--set", "1", "--ca", ca);
        Assert.Equal(0, confirmed.Exit);
        Assert.Contains("written", confirmed.Output);
        Assert.Equal(_pki.CaPem, _emulator.Certificates.Get(1, 0));

        var again = OnPort(string.Empty, "cert", "program", "--set", "1", "--ca", ca);
        Assert.Equal(0, again.Exit);
        Assert.Contains("verify only", again.Output);
        Assert.Contains("already matching", again.Output);

        var verify = OnPort(string.Empty, "cert", "verify", "--set", "1", "--ca", ca);
        Assert.Equal(0, verify.Exit);
        Assert.Contains("matches ca.pem", verify.Output);

        // The same PEM with CRLF line endings holds the same certificate.
        string crlf = File("ca-crlf.pem", System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(_pki.CaPem).Replace("\n", "\r\n")));
        var verifyCrlf = OnPort(string.Empty, "cert", "verify", "--set", "1", "--ca", crlf);
        Assert.True(verifyCrlf.Exit == 0, verifyCrlf.Output + verifyCrlf.Error);
        Assert.Contains("matches ca-crlf.pem (the module holds it with LF line endings)", verifyCrlf.Output);

        string other = File("other.pem", GeneratedCertificates.Create("other").CaPem);
        AssertOneLineError(OnPort(string.Empty, "cert", "program", "--set", "1", "--ca", other, "--yes"), 1, "holds different data; nothing was written");
        Assert.Equal(_pki.CaPem, _emulator.Certificates.Get(1, 0));

        var status = OnPort(string.Empty, "cert", "status");
        Assert.Equal(0, status.Exit);
        Assert.Contains("programmed", status.Output);
    }

    [Fact]
    public void Cert_program_refuses_bad_files_before_touching_the_module()
    {
        string bad = File("bad.pem", Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"));
        AssertOneLineError(OnPort(string.Empty, "cert", "program", "--set", "0", "--ca", bad, "--yes"), 2, "bad.pem is not a usable root CA");
        AssertOneLineError(OnPort(string.Empty, "cert", "program", "--set", "0", "--ca", Path.Combine(_folder, "missing.pem")), 2, "no such file");
        string key = File("key.pem", _pki.ClientKeyPem);
        AssertOneLineError(OnPort(string.Empty, "cert", "program", "--set", "0", "--ca", key), 2, "is not a usable root CA");
        Assert.Equal(0, _emulator.Counters.Commands("PG"));
    }

    [Fact]
    public void Get_fetches_a_page_through_the_modules_tls()
    {
        using var server = LoopbackServer.Tls(_pki, false, stream =>
        {
            var request = new StringBuilder();
            var buffer = new byte[1];
            while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && stream.Read(buffer, 0, 1) == 1)
            {
                request.Append((char)buffer[0]);
            }

            string body = "hello from " + request.ToString().Split(' ')[1];
            stream.Write(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n" + body));
        });
        Assert.Equal(0, OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase).Exit);

        // Verification is the default: without a root CA the tool refuses before connecting.
        AssertOneLineError(OnPort(string.Empty, "get", "https://localhost:" + server.Port + "/index.html"), 1, "has no root CA");
        Assert.Equal(0, OnPort("y\n", "cert", "program", "--set", "0", "--ca", File("ca.pem", _pki.CaPem)).Exit);

        var page = OnPort(string.Empty, "get", "https://localhost:" + server.Port + "/index.html");
        Assert.Equal(0, page.Exit);
        Assert.Contains("HTTP/1.1 200 OK", page.Output);
        Assert.Contains("hello from /index.html", page.Output);
    }

    [Fact]
    public void The_at_console_sends_commands_and_shows_answers()
    {
        var result = OnPort("I?\nCS\nexit\n", "at");
        Assert.True(result.Exit == 0, result.Output + result.Error);
        Assert.Contains("OK ISM43362-M3G-L44-UART", result.Output);
        Assert.Contains("-> CS\\r", result.Output);
    }

    [Fact]
    public void The_at_console_hides_the_passphrase_and_refuses_payload_commands_in_any_case()
    {
        Assert.Equal(0, OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase, "--security", "Wpa2").Exit);
        var hidden = OnPort("C?\npg=2,0,4\n  Pg=2,0,4\ns3=10\nZ0\nexit\n", "at");
        Assert.True(hidden.Exit == 0, hidden.Output + hidden.Error);
        Assert.DoesNotContain(EmulatedBench.Passphrase, hidden.Output + hidden.Error);
        Assert.Contains("OK lab,***,", hidden.Output);
        Assert.Equal(3, CountOf(hidden.Output, "is not sent as a raw command: it carries a binary payload"));
        Assert.Contains("Z0 is not sent as a raw command", hidden.Output);

        var shown = OnPort("C?\nexit\n", "at", "--show-secrets");
        Assert.Contains("lab," + EmulatedBench.Passphrase + ",", shown.Output);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("info", "--no-such-flag")]
    [InlineData("join", "--port", "/dev/null")]
    [InlineData("info", "--baud", "abc")]
    [InlineData("join", "--ssid", "lab", "--security", "Bogus")]
    public void Usage_errors_the_parser_finds_exit_2(params string[] args)
    {
        var result = Run(string.Empty, args);
        Assert.Equal(2, result.Exit);
        Assert.StartsWith("eswifi: ", result.Error);
        Assert.Contains("--help", result.Error);
    }

    [Fact]
    public void Link_problems_end_in_one_line_and_a_non_zero_exit()
    {
        AssertOneLineError(Run(string.Empty, "info"), 2, "name the module's link");
        AssertOneLineError(Run(string.Empty, "info", "--port", "/dev/no-such-port"), 2, "cannot open /dev/no-such-port");
        AssertOneLineError(Run(string.Empty, "info", "--port", "/dev/no-such-port", "--spidev", "0.0"), 2, "not both");
        AssertOneLineError(Run(string.Empty, "info", "--port", _pty.SlavePath, "--baud", "9600"), 1, "no prompt from the module");
    }

    [Fact]
    public void The_demo_runs_the_three_flows()
    {
        var result = Run(string.Empty, "demo");
        Assert.Equal(0, result.Exit);
        Assert.Contains("all flows behaved as expected", result.Output);
        Assert.Contains("-> C2=***\\r", result.Output);
        Assert.DoesNotContain("demo passphrase", result.Output);
        Assert.Contains("CN=eswifi demo device", result.Output);
    }
}
