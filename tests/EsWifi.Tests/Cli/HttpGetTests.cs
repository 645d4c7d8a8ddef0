using System.Text;
using EsWifi.Cli;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Cli;

/// <summary>
/// <c>eswifi get</c> the way curl users expect it, against the emulator on a pseudo-terminal and real
/// HTTPS servers: it ends when the body is complete (a kept-alive connection is not waited out), the
/// body streams to its destination, the destination is checked before the request, <c>Host</c> carries
/// a port that is not 443, <c>-i</c> prints the head as curl does; and hostile servers (endless
/// heads, lengths that lie or are no number, bad chunks, escape sequences, redirect loops) end in one
/// line and the documented exit code, with nothing written outside <c>--output</c>.
/// </summary>
public class HttpGetTests : IDisposable
{
    private readonly EmulatedPort _port = new("eswifi-get-");

    public HttpGetTests()
    {
        CliAssert.Exit(0, Run(string.Empty, "join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase));
    }

    public void Dispose()
    {
        _port.Dispose();
    }

    [Fact]
    public void A_kept_alive_connection_ends_with_its_content_length_and_host_names_the_port()
    {
        string host = null;
        bool clientClosedFirst = false;
        using var done = new ManualResetEventSlim();
        using var server = LoopbackServer.Tls(GeneratedCertificates.Create("get"), false, stream =>
        {
            string request = HttpRequestHead.Read(stream);
            host = request?.Split("\r\n").FirstOrDefault(l => l.StartsWith("Host: ", StringComparison.Ordinal));
            stream.Write(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello"));
            stream.Flush();

            // The server keeps the connection: the tool must not wait for it to close.
            clientClosedFirst = stream.ReadByte() < 0;
            done.Set();
        });

        var result = Run(string.Empty, "get", "https://localhost:" + server.Port + "/", "--verify", "none");

        CliAssert.Exit(0, result);
        Assert.Equal("hello", result.Output);
        Assert.Equal("Host: localhost:" + server.Port, host);
        Assert.True(done.Wait(TimeSpan.FromSeconds(10)) && clientClosedFirst, "the tool closed the connection when the body was complete");
    }

    [Fact]
    public void A_chunked_body_ends_with_its_last_chunk_on_a_kept_alive_connection()
    {
        using var server = Serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n", keepOpen: true);

        var result = Run(string.Empty, "get", "https://localhost:" + server.Port + "/", "--verify", "none");

        CliAssert.Exit(0, result);
        Assert.Equal("hello world", result.Output);
    }

    [Fact]
    public void The_destination_is_checked_before_the_request()
    {
        using var server = Serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", keepOpen: false);
        string url = "https://localhost:" + server.Port + "/";

        var missing = Run(string.Empty, "get", url, "--verify", "none", "-o", "/nonexistent/x");
        var folder = Run(string.Empty, "get", url, "--verify", "none", "-o", _port.Folder);

        AssertOneLine(missing, 2, "no such folder /nonexistent");
        AssertOneLine(folder, 2, "is a folder: name a file in it");
        Assert.Equal(0, server.Accepted);

        var dash = Run(string.Empty, "get", url, "--verify", "none", "-o", "-");
        CliAssert.Exit(0, dash);
        Assert.Equal("ok", dash.Output);
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void Include_prints_the_head_as_curl_does_then_the_summary_on_its_own_line()
    {
        using var server = Serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Test: yes\r\n\r\nok", keepOpen: false);

        var result = Run(string.Empty, "get", "https://localhost:" + server.Port + "/", "--verify", "none", "-i");

        CliAssert.Exit(0, result);
        Assert.Equal("ok", result.Output);
        string[] lines = result.Error.Replace("\r\n", "\n").Split('\n');
        int status = Array.IndexOf(lines, "HTTP/1.1 200 OK");
        Assert.True(status >= 0, result.Error);
        Assert.Equal("Content-Length: 2", lines[status + 1]);
        Assert.Equal("X-Test: yes", lines[status + 2]);
        Assert.Equal(string.Empty, lines[status + 3]);
        Assert.Equal("(2 body bytes, verification none)", lines[status + 4]);
    }

    [Theory]
    [InlineData("endless head", "the response head is longer than 64 KiB")]
    [InlineData("negative length", "a Content-Length that is not a length: -5")]
    [InlineData("lying length", "the body ended after 3 of 100 bytes")]
    [InlineData("huge chunk", "broke off inside a chunk")]
    [InlineData("bad chunk", "bad chunk size: zz")]
    [InlineData("not http", "not HTTP/1.x")]
    [InlineData("two lengths", "two different Content-Lengths (3 and 4)")]
    public void A_hostile_response_ends_in_one_line_and_exit_1_with_nothing_written_outside_the_output(string behaviour, string message)
    {
        string answer = behaviour switch
        {
            "endless head" => "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Repeat("X-Filler: " + new string('a', 90) + "\r\n", 800)),
            "negative length" => "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nabc",
            "lying length" => "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc",
            "huge chunk" => "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7FFFFFFF\r\nabc",
            "bad chunk" => "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
            "not http" => "SSH-2.0-OpenSSH_9.6\r\n\r\n",
            _ => "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        };
        using var server = Serve(answer, keepOpen: false);
        string saved = Path.Combine(_port.Folder, "body");

        var result = Run(string.Empty, "get", "https://localhost:" + server.Port + "/", "--verify", "none", "-o", saved);

        AssertOneLine(result, 1, message);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Escape_sequences_in_a_status_line_never_reach_the_terminal()
    {
        using var server = Serve("HTTP/1.1 200 \u001b]0;owned\u0007OK\u001b[2J\r\nContent-Length: 2\r\n\r\nok", keepOpen: false);

        var result = Run(string.Empty, "get", "https://localhost:" + server.Port + "/", "--verify", "none", "-i");

        CliAssert.Exit(0, result);
        Assert.DoesNotContain('\u001b', result.Error);
        Assert.DoesNotContain('\u0007', result.Error);
        Assert.Contains("HTTP/1.1 200 ?]0;owned?OK?[2J", result.Error);
    }

    [Fact]
    public void A_redirect_loop_ends_after_ten_hops()
    {
        int port = 0;
        using var server = LoopbackServer.Tls(GeneratedCertificates.Create("loop"), false, stream =>
        {
            HttpRequestHead.Read(stream);
            stream.Write(Encoding.ASCII.GetBytes("HTTP/1.1 302 Found\r\nLocation: https://localhost:" + port + "/again\r\nContent-Length: 0\r\n\r\n"));
        });
        port = server.Port;

        var result = Run(string.Empty, "get", "https://localhost:" + port + "/", "--verify", "none", "-L");

        CliAssert.Exit(1, result);
        Assert.Contains("more than 10 redirects", result.Error);
        Assert.Equal(11, server.Accepted);
    }

    [Fact]
    public void A_closed_output_ends_the_transfer_with_exit_6()
    {
        byte[] body = new byte[200_000];
        using var server = Serve("HTTP/1.1 200 OK\r\nContent-Length: " + body.Length + "\r\n\r\n" + Encoding.Latin1.GetString(body), keepOpen: false);
        var error = new StringWriter();

        int exit = EsWifiCli.Run(new[] { "get", "https://localhost:" + server.Port + "/", "--verify", "none", "--port", _port.Path }, new StringReader(string.Empty), new ClosedPipeWriter(4096), error);

        Assert.True(exit == 6, "exit " + exit + ": " + error);
        Assert.Contains("standard output was closed", error.ToString());
    }

    [Fact]
    public void Each_failure_a_script_acts_on_has_its_own_exit_code()
    {
        // 7: the module's DNS does not know the name.
        var unknown = Run(string.Empty, "get", "https://no-such-host.invalid/", "--verify", "none");
        CliAssert.Exit(7, unknown);
        Assert.Contains("Host not found", unknown.Error);

        // 8: nothing listens on the port.
        var refused = Run(string.Empty, "get", "https://localhost:" + Driver.TransferTests.FreePort() + "/", "--verify", "none");
        CliAssert.Exit(8, refused);
        Assert.Contains("refused", refused.Error);

        // 9: the server's certificate is not signed by the set's root CA.
        _port.Emulator.Certificates.Program(2, CertificateSets.RootCa, GeneratedCertificates.Create("another CA").CaPem);
        using var server = Serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", keepOpen: false);
        var impostor = Run(string.Empty, "get", "https://localhost:" + server.Port + "/", "--set", "2");
        CliAssert.Exit(9, impostor);
        Assert.Contains("TLS handshake failed", impostor.Error);

        // 10: the module has left the network; the message says what to do.
        Assert.NotNull(_port.Emulator.Execute(Encoding.ASCII.GetBytes("CD"), Array.Empty<byte>()));
        var notJoined = Run(string.Empty, "get", "https://localhost:" + server.Port + "/", "--verify", "none");
        CliAssert.Exit(10, notJoined);
        Assert.Contains("eswifi join", notJoined.Error);
    }

    [Fact]
    public void A_binary_body_is_not_written_to_a_terminal_unless_asked_and_text_is()
    {
        byte[] binary = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x00, 0x01, 0x02, 0x03 };
        using var server = LoopbackServer.Tls(GeneratedCertificates.Create("get"), false, stream =>
        {
            string request = HttpRequestHead.Read(stream) ?? string.Empty;
            byte[] body = request.Contains(" /text ", StringComparison.Ordinal) ? Encoding.ASCII.GetBytes("plain text\n") : binary;
            stream.Write(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n"));
            stream.Write(body);
            stream.Flush();
        });
        string url = "https://localhost:" + server.Port;

        // On a terminal (script(1) gives the tool one for its output): binary refused, exit 6, nothing of it shown.
        var refused = OnTerminal("get", url + "/image", "--verify", "none");
        Assert.Equal(6, refused.Exit);
        Assert.Contains("the body is binary: not written to the terminal", refused.Seen);
        Assert.DoesNotContain("PNG", refused.Seen);

        // Text goes to the terminal; -o - writes binary there anyway, as asked.
        var text = OnTerminal("get", url + "/text", "--verify", "none");
        Assert.Equal(0, text.Exit);
        Assert.Contains("plain text", text.Seen);
        var forced = OnTerminal("get", url + "/image", "--verify", "none", "-o", "-");
        Assert.Equal(0, forced.Exit);
        Assert.Contains("PNG", forced.Seen);
    }

    /// <summary>Runs the built tool in its own process with a pseudo-terminal for its output and error (script(1)).</summary>
    private (int Exit, string Seen) OnTerminal(params string[] args)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "EsWifi.Cli.dll");
        var start = new System.Diagnostics.ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        string command = "dotnet '" + tool + "' " + string.Join(" ", args.Select(a => "'" + a + "'")) + " --port " + _port.Path;
        foreach (string arg in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start);
        string seen = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60000), "the tool ended");
        return (process.ExitCode, seen);
    }

    private (int Exit, string Output, string Error) Run(string input, params string[] args) => _port.Run(input, args);

    private static LoopbackServer Serve(string answer, bool keepOpen) =>
        LoopbackServer.Tls(GeneratedCertificates.Create("get"), false, stream =>
        {
            if (HttpRequestHead.Read(stream) == null)
            {
                return;
            }

            stream.Write(Encoding.Latin1.GetBytes(answer));
            stream.Flush();
            if (keepOpen)
            {
                stream.ReadByte();
            }
        });

    private static void AssertOneLine((int Exit, string Output, string Error) result, int exit, string text)
    {
        CliAssert.Exit(exit, result);
        Assert.Contains(text, result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error);
    }

    /// <summary>Standard output whose reader went away after <c>limit</c> characters (a pipe to head).</summary>
    private sealed class ClosedPipeWriter : StringWriter
    {
        private readonly int _limit;
        private int _written;

        public ClosedPipeWriter(int limit) => _limit = limit;

        public override void Write(char value)
        {
            if (++_written > _limit)
            {
                throw new IOException("Broken pipe");
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Write(buffer[index + i]);
            }
        }

        public override void Write(string value)
        {
            foreach (char c in value ?? string.Empty)
            {
                Write(c);
            }
        }
    }
}
