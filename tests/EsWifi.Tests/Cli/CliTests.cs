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
        CliAssert.Exit(exit, result);
        Assert.Contains(text, result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Info_shows_identity_and_firmware()
    {
        var result = OnPort(string.Empty, "info");
        CliAssert.Exit(0, result);
        Assert.Contains("ISM43362-M3G-L44-UART", result.Output);
        Assert.Contains("C3.5.2.5.UART", result.Output);
        Assert.Contains("not joined", result.Output);
    }

    [Fact]
    public void Scan_prints_a_table_and_join_joins()
    {
        var scan = OnPort(string.Empty, "scan");
        Assert.True(scan.Exit == 0, scan.Error);
        Assert.Contains("cafe, upstairs", scan.Output);
        Assert.Contains("2 access point(s)", scan.Output);

        var join = OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase, "--security", "Wpa2");
        Assert.True(join.Exit == 0, join.Error);
        Assert.Contains("joined lab as 192.168.1.50", join.Output);

        AssertOneLineError(OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", "wrong one!", "--security", "Wpa2"), 1, "wrong passphrase or network not found");

        // The driver's argument checks speak of flags, never of .NET parameter names.
        var tooShort = OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", "short");
        AssertOneLineError(tooShort, 2, "--passphrase: WPA passphrases are 8 to 63");
        Assert.DoesNotContain("Parameter", tooShort.Error);
    }

    /// <summary>Standard output as the bytes the tool wrote (the in-process writer holds one Latin-1 char a byte).</summary>
    private static System.Text.Json.JsonElement Json(string output) =>
        System.Text.Json.JsonDocument.Parse(Encoding.Latin1.GetBytes(output)).RootElement;

    [Fact]
    public void Info_scan_and_cert_status_print_documented_json_and_keep_traces_out_of_it()
    {
        var info = OnPort(string.Empty, "info", "--json", "--trace");
        CliAssert.Exit(0, info);
        Assert.EndsWith("}\n", info.Output);
        var identity = Json(info.Output);
        Assert.Equal("ISM43362-M3G-L44-UART", identity.GetProperty("product").GetString());
        Assert.Equal("C3.5.2.5.UART", identity.GetProperty("firmware").GetString());
        Assert.Equal("C4:7F:51:8E:2B:01", identity.GetProperty("mac").GetString());
        Assert.False(identity.GetProperty("joined").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, identity.GetProperty("rssi").ValueKind);
        Assert.Contains("  -> I?\\r", info.Error);

        var scan = OnPort(string.Empty, "scan", "--json");
        CliAssert.Exit(0, scan);
        var aps = Json(scan.Output).GetProperty("accessPoints").EnumerateArray().ToArray();
        Assert.Equal(2, aps.Length);
        Assert.Equal(EmulatedBench.Ssid, aps[0].GetProperty("ssid").GetString());
        Assert.Equal(-48, aps[0].GetProperty("rssi").GetInt32());
        Assert.Equal("cafe, upstairs", aps[1].GetProperty("ssid").GetString());
        Assert.Equal(11, aps[1].GetProperty("channel").GetInt32());

        CliAssert.Exit(0, OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase));
        var joined = Json(OnPort(string.Empty, "info", "--json").Output);
        Assert.True(joined.GetProperty("joined").GetBoolean());
        Assert.Equal(-48, joined.GetProperty("rssi").GetInt32());
        Assert.Equal("192.168.1.50", joined.GetProperty("address").GetString());

        CliAssert.Exit(0, OnPort("y\n", "cert", "program", "--set", "1", "--ca", File("ca.pem", _pki.CaPem)));
        var status = OnPort(string.Empty, "cert", "status", "--json");
        CliAssert.Exit(0, status);
        var sets = Json(status.Output).GetProperty("sets").EnumerateArray().ToArray();
        Assert.Equal(new[] { 0, 1, 2 }, sets.Select(x => x.GetProperty("set").GetInt32()).ToArray());
        Assert.True(sets[1].GetProperty("rootCa").GetBoolean());
        Assert.False(sets[1].GetProperty("key").GetBoolean());
        Assert.False(sets[0].GetProperty("rootCa").GetBoolean());
        Assert.Equal("write-once", sets[1].GetProperty("kind").GetString());
    }

    [Fact]
    public void Cert_program_asks_first_and_writes_nothing_when_refused()
    {
        string ca = File("ca.pem", _pki.CaPem);
        var refused = OnPort("n\n", "cert", "program", "--set", "1", "--ca", ca);
        CliAssert.Exit(3, refused);
        Assert.Contains("WRITE (permanent)", refused.Output);
        Assert.Contains("cancelled: nothing was written", refused.Output);

        // The question goes where a redirected plan (> plan.txt) cannot swallow it.
        Assert.Contains("Program them? [y/N]", refused.Error);
        Assert.DoesNotContain("[y/N]", refused.Output);
        Assert.Null(_emulator.Certificates.Get(1, 0));

        var confirmed = OnPort("y\n", "cert", "program", "--set", "1", "--ca", ca);
        CliAssert.Exit(0, confirmed);
        Assert.Contains("written", confirmed.Output);
        Assert.Equal(_pki.CaPem, _emulator.Certificates.Get(1, 0));

        var again = OnPort(string.Empty, "cert", "program", "--set", "1", "--ca", ca);
        CliAssert.Exit(0, again);
        Assert.Contains("verify only", again.Output);
        Assert.Contains("already matching", again.Output);

        var verify = OnPort(string.Empty, "cert", "verify", "--set", "1", "--ca", ca);
        CliAssert.Exit(0, verify);
        Assert.Contains("matches ca.pem", verify.Output);

        // The same PEM with CRLF line endings holds the same certificate.
        string crlf = File("ca-crlf.pem", System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(_pki.CaPem).Replace("\n", "\r\n")));
        var verifyCrlf = OnPort(string.Empty, "cert", "verify", "--set", "1", "--ca", crlf);
        Assert.True(verifyCrlf.Exit == 0, verifyCrlf.Output + verifyCrlf.Error);
        Assert.Contains("matches ca-crlf.pem (same certificate with other line endings: the module compares bytes and holds it with LF", verifyCrlf.Output);

        string other = File("other.pem", GeneratedCertificates.Create("other").CaPem);
        AssertOneLineError(OnPort(string.Empty, "cert", "program", "--set", "1", "--ca", other, "--yes"), 1, "holds different data; nothing was written");
        Assert.Equal(_pki.CaPem, _emulator.Certificates.Get(1, 0));

        var status = OnPort(string.Empty, "cert", "status");
        CliAssert.Exit(0, status);
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
            string request = HttpRequestHead.Read(stream) ?? string.Empty;

            string body = "hello from " + HttpRequestHead.PathOf(request);
            stream.Write(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n" + body));
        });
        AssertOneLineError(OnPort(string.Empty, "get", "https://localhost:" + server.Port + "/index.html", "--verify", "none"), 10, "join one first: eswifi join --ssid");
        CliAssert.Exit(0, OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase));

        // Verification is the default: without a root CA the tool refuses before connecting, and says what to do.
        var noCa = OnPort(string.Empty, "get", "https://localhost:" + server.Port + "/index.html");
        AssertOneLineError(noCa, 1, "has no root CA; program one with 'eswifi cert program --set 0 --ca FILE', or pass --verify none");
        Assert.DoesNotContain("TlsVerification", noCa.Error);
        CliAssert.Exit(0, OnPort("y\n", "cert", "program", "--set", "0", "--ca", File("ca.pem", _pki.CaPem)));

        var page = OnPort(string.Empty, "get", "https://localhost:" + server.Port + "/index.html");
        CliAssert.Exit(0, page);
        Assert.Contains("HTTP/1.1 200 OK", page.Error);
        Assert.Equal("hello from /index.html", page.Output);
    }

    [Fact]
    public void Get_works_after_a_tool_that_left_every_socket_connected()
    {
        // Before: a get killed with kill -9 left its socket connected on the module, and every later
        // get failed with "P6: Socket already connected" (a new driver took every socket for idle).
        using var server = LoopbackServer.Tls(_pki, false, stream =>
        {
            HttpRequestHead.Read(stream);
            stream.Write(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
        });
        CliAssert.Exit(0, OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase));
        string leftOpen = string.Concat(Enumerable.Range(0, 4).Select(s => $"P0={s}\nP1=0\nP3=127.0.0.1\nP4={server.Port}\nP6=1\n")) + "exit\n";
        CliAssert.Exit(0, OnPort(leftOpen, "at"));
        Eventually.True(() => server.ActiveConnections == 4, "four connections the killed tools left");

        for (int i = 0; i < 5; i++)
        {
            var page = OnPort(string.Empty, "get", "https://localhost:" + server.Port + "/", "--verify", "none");
            CliAssert.Exit(0, page);
            Assert.Equal("ok", page.Output);
        }
    }

    [Fact]
    public void Get_writes_bodies_byte_exact_and_exits_4_for_http_errors()
    {
        // 48 KiB holding every byte value, a long line without breaks and CR LFs: nothing may change it.
        byte[] binary = new byte[48 * 1024];
        for (int i = 0; i < binary.Length; i++)
        {
            binary[i] = i < 40000 ? (byte)'x' : (byte)(i * 7);
        }

        using var server = LoopbackServer.Tls(_pki, false, stream =>
        {
            string request = HttpRequestHead.Read(stream) ?? string.Empty;

            string path = HttpRequestHead.PathOf(request);
            byte[] head = path switch
            {
                "/binary" => Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: " + binary.Length + "\r\nConnection: close\r\n\r\n"),
                "/chunked" => Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"),
                "/moved" => Encoding.ASCII.GetBytes("HTTP/1.1 301 Moved Permanently\r\nLocation: https://localhost/new\r\nContent-Length: 0\r\n\r\n"),
                _ => Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found"),
            };
            stream.Write(head);
            if (path == "/binary")
            {
                stream.Write(binary);
            }
            else if (path == "/chunked")
            {
                stream.Write(Encoding.ASCII.GetBytes("10\r\n"));
                stream.Write(binary, 0, 16);
                stream.Write(Encoding.ASCII.GetBytes("\r\n" + (binary.Length - 16).ToString("x") + "\r\n"));
                stream.Write(binary, 16, binary.Length - 16);
                stream.Write(Encoding.ASCII.GetBytes("\r\n0\r\n\r\n"));
            }
        });
        CliAssert.Exit(0, OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase));
        CliAssert.Exit(0, OnPort("y\n", "cert", "program", "--set", "0", "--ca", File("ca.pem", _pki.CaPem)));
        string url = "https://localhost:" + server.Port;
        string expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(binary));

        string saved = Path.Combine(_folder, "body.bin");
        var toFile = OnPort(string.Empty, "get", url + "/binary", "-o", saved);
        Assert.True(toFile.Exit == 0, toFile.Error);
        Assert.Equal(string.Empty, toFile.Output);
        Assert.Equal(expected, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(saved))));

        // Standard output carries the body alone (the in-process writer gets one Latin-1 char a byte).
        var toStdout = OnPort(string.Empty, "get", url + "/chunked");
        CliAssert.Exit(0, toStdout);
        Assert.Equal(expected, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.Latin1.GetBytes(toStdout.Output))));
        Assert.Contains("HTTP/1.1 200 OK", toStdout.Error);

        var included = OnPort(string.Empty, "get", url + "/binary", "-i", "-o", saved);
        Assert.Contains("Content-Length: " + binary.Length, included.Error);

        var moved = OnPort(string.Empty, "get", url + "/moved");
        CliAssert.Exit(0, moved);
        Assert.Contains("redirected to https://localhost/new (not followed; -L follows)", moved.Error);

        var missing = OnPort(string.Empty, "get", url + "/missing");
        CliAssert.Exit(4, missing);
        Assert.Equal("not found", missing.Output);
        Assert.Contains("404 Not Found", missing.Error);
    }

    [Fact]
    public void Get_follows_redirects_only_with_L_and_max_time_ends_a_silent_transfer()
    {
        using var release = new ManualResetEventSlim();
        int port = 0;
        using var server = LoopbackServer.Tls(_pki, false, stream =>
        {
            string request = HttpRequestHead.Read(stream);
            if (request == null)
            {
                return;
            }

            string path = HttpRequestHead.PathOf(request);
            string answer = path switch
            {
                "/old" => "HTTP/1.1 302 Found\r\nLocation: /middle\r\nContent-Length: 0\r\n\r\n",
                "/middle" => "HTTP/1.1 301 Moved Permanently\r\nLocation: https://localhost:" + port + "/new\r\nContent-Length: 0\r\n\r\n",
                "/new" => "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\narrived",
                "/plain" => "HTTP/1.1 301 Moved Permanently\r\nLocation: http://localhost/\r\nContent-Length: 0\r\n\r\n",
                _ => null,
            };
            if (answer == null)
            {
                release.Wait(TimeSpan.FromSeconds(60)); // /silent: never answers
                return;
            }

            stream.Write(Encoding.ASCII.GetBytes(answer));
        });
        port = server.Port;
        CliAssert.Exit(0, OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase));
        CliAssert.Exit(0, OnPort("y\n", "cert", "program", "--set", "0", "--ca", File("ca.pem", _pki.CaPem)));
        string url = "https://localhost:" + port;

        var notFollowed = OnPort(string.Empty, "get", url + "/old");
        CliAssert.Exit(0, notFollowed);
        Assert.Equal(string.Empty, notFollowed.Output);
        Assert.Contains("redirected to /middle (not followed; -L follows)", notFollowed.Error);

        var followed = OnPort(string.Empty, "get", url + "/old", "-L");
        Assert.True(followed.Exit == 0, followed.Error);
        Assert.Equal("arrived", followed.Output);
        Assert.Contains("following the redirect to " + url + "/middle", followed.Error);
        Assert.Contains("following the redirect to " + url + "/new", followed.Error);

        var plain = OnPort(string.Empty, "get", url + "/plain", "-L");
        CliAssert.Exit(1, plain);
        Assert.EndsWith("which is not https: the module's TLS is the only way this tool fetches", plain.Error.TrimEnd());
        Assert.Equal(string.Empty, plain.Output);

        // --max-time: the silent server is given up on, the socket closed, the next get works.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var silent = OnPort(string.Empty, "get", url + "/silent", "--max-time", "1.5");
        CliAssert.Exit(5, silent);
        Assert.Contains("--max-time 1.5 s reached", silent.Error);
        Assert.True(watch.Elapsed.TotalSeconds < 14, "the 15 s read timeout ended it, not --max-time");
        Assert.Null(_emulator.Socket(0).Connection);
        Assert.Equal("arrived", OnPort(string.Empty, "get", url + "/new", "--max-time", "30").Output);
        AssertOneLineError(OnPort(string.Empty, "get", url + "/new", "--max-time", "-1"), 2, "--max-time takes a number of seconds");
    }

    [Fact]
    public void Post_sends_text_or_a_files_bytes_exactly()
    {
        using var server = LoopbackServer.Tls(_pki, false, stream =>
        {
            string head = HttpRequestHead.Read(stream);
            if (head == null)
            {
                return;
            }

            var length = System.Text.RegularExpressions.Regex.Match(head, @"Content-Length: (\d+)");
            byte[] body = new byte[length.Success ? int.Parse(length.Groups[1].Value) : 0];
            stream.ReadExactly(body);
            string type = System.Text.RegularExpressions.Regex.Match(head, @"Content-Type: ([^\r]*)").Groups[1].Value;
            string reply = head.Split(' ')[0] + " " + type + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body));
            stream.Write(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: " + reply.Length + "\r\n\r\n" + reply));
        });
        CliAssert.Exit(0, OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase));
        string url = "https://localhost:" + server.Port + "/submit";

        var text = OnPort(string.Empty, "post", url, "--verify", "none", "--data", "a=1&b=ü");
        Assert.True(text.Exit == 0, text.Error);
        Assert.Equal("POST application/x-www-form-urlencoded " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("a=1&b=ü"))), text.Output);

        byte[] binary = new byte[5000];
        for (int i = 0; i < binary.Length; i++)
        {
            binary[i] = (byte)(i * 31);
        }

        var file = OnPort(string.Empty, "post", url, "--verify", "none", "--data", "@" + File("body.bin", binary), "--content-type", "application/octet-stream");
        Assert.True(file.Exit == 0, file.Error);
        Assert.Equal("POST application/octet-stream " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(binary)), file.Output);

        AssertOneLineError(OnPort(string.Empty, "post", url, "--data", "@" + Path.Combine(_folder, "none.bin")), 2, "no such file");
        CliAssert.Exit(2, OnPort(string.Empty, "post", url));
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
        CliAssert.Exit(0, OnPort(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase, "--security", "Wpa2"));
        var hidden = OnPort("C?\npg=2,0,4\n  Pg=2,0,4\ns3=10\nZ0\nexit\n", "at");
        Assert.True(hidden.Exit == 0, hidden.Output + hidden.Error);
        Assert.DoesNotContain(EmulatedBench.Passphrase, hidden.Output + hidden.Error);
        Assert.Contains("OK lab,***,", hidden.Output);
        Assert.Equal(3, CountOf(hidden.Output, "is not sent as a raw command: it carries a binary payload"));
        Assert.Contains("Z0 is not sent as a raw command", hidden.Output);

        // The console's own words, not the driver's parameter names or API calls.
        var refusals = OnPort("x\nzr\nexit\n", "at");
        Assert.DoesNotContain("(Parameter", refusals.Output);
        Assert.DoesNotContain("Initialize()", refusals.Output);
        Assert.Contains("any eswifi command with --reset resets it", refusals.Output);

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
        CliAssert.Exit(2, result);
        Assert.StartsWith("eswifi: ", result.Error);
        Assert.Contains("--help", result.Error);
    }

    [Fact]
    public void Link_problems_end_in_one_line_and_a_non_zero_exit()
    {
        AssertOneLineError(Run(string.Empty, "info"), 2, "name the module's link");
        AssertOneLineError(Run(string.Empty, "info", "--port", "/dev/no-such-port"), 2, "no such port: /dev/no-such-port");
        AssertOneLineError(Run(string.Empty, "info", "--port", File("not-a-port", new byte[] { 1 })), 2, "is not a serial port (not a terminal device)");
        AssertOneLineError(Run(string.Empty, "info", "--port", _folder), 2, "is a directory, not a serial port");
        AssertOneLineError(Run(string.Empty, "info", "--spidev", "7.3"), 2, "no spidev device /dev/spidev7.3");
        AssertOneLineError(Run(string.Empty, "info", "--port", "/dev/no-such-port", "--spidev", "0.0"), 2, "not both");
        AssertOneLineError(Run(string.Empty, "info", "--port", _pty.SlavePath, "--baud", "9600"), 1, "no prompt from the module");
    }

    [Fact]
    public void The_demo_runs_the_three_flows()
    {
        var result = Run(string.Empty, "demo");
        CliAssert.Exit(0, result);
        Assert.Contains("all flows behaved as expected", result.Output);
        Assert.Contains("-> C2=***\\r", result.Output);
        Assert.DoesNotContain("demo passphrase", result.Output);
        Assert.Contains("CN=eswifi demo device", result.Output);

        // The trace: one line per frame, control bytes escaped, long data elided in the middle with
        // its count, the frame's end (OK and the prompt) still shown; nothing wrapped.
        string[] trace = result.Output.Split('\n').Where(l => l.StartsWith("  -> ") || l.StartsWith("  <- ")).ToArray();
        Assert.True(trace.Length > 50, "trace lines: " + trace.Length);
        Assert.All(trace, line => Assert.DoesNotContain('\r', line));
        Assert.All(trace, line => Assert.True(line.Length <= 5 + 4 * 200, "a trace line of " + line.Length + " chars"));
        Assert.Contains(trace, l => l.StartsWith("  -> S3=") && l.Contains(" more bytes)..."));
        Assert.Contains(trace, l => l.StartsWith("  <- \\r\\n") && l.Contains(" more bytes)...") && l.EndsWith("\\r\\nOK\\r\\n> "));
        string[] lines = result.Output.Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("\\r\\n") || l.StartsWith("....."));
    }

    [Fact]
    public void Nothing_is_coloured_or_wrapped_off_a_terminal()
    {
        var result = Run(string.Empty, "demo");
        Assert.DoesNotContain("\u001b[", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Error, StringComparison.Ordinal);
        string row = result.Output.Split('\n').Single(l => l.Contains("verify an impostor server") && l.Contains("refused as it should"));
        Assert.Contains("SSL handshake failed", row);
    }
}
