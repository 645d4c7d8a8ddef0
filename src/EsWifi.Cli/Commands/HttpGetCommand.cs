using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using EsWifi.Cli.Http;
using EsWifi.Cli.Infrastructure;

namespace EsWifi.Cli.Commands;

/// <summary>
/// <c>get https://host[:port]/path</c> (and <c>post ... --data</c>): HTTP/1.1 through the module's TLS, like curl: the
/// body goes byte-exact to standard output or <c>--output</c>; the status line (and headers with
/// <c>--include</c>) and progress go to standard error; a redirect is reported, and followed only
/// with <c>-L</c>; <c>--max-time</c> bounds the whole transfer.
/// </summary>
public static class HttpGetCommand
{
    /// <summary>Redirects followed with -L before giving up.</summary>
    public const int MaximumRedirects = 10;

    /// <summary><c>get</c>.</summary>
    public static Command Create(CliContext context, LinkOptions link) => Create(context, link, post: false);

    /// <summary><c>post</c>: the same with a request body (<c>--data TEXT</c> or <c>--data @FILE</c>).</summary>
    public static Command CreatePost(CliContext context, LinkOptions link) => Create(context, link, post: true);

    private static Command Create(CliContext context, LinkOptions link, bool post)
    {
        var url = new Argument<string>("url") { Description = "https://host[:port]/path" };
        var verification = new Option<string>("--verify") { Description = "server (default: the set's root CA), mutual (also the client certificate), or none", DefaultValueFactory = _ => "server" };
        var set = new Option<int>("--set") { Description = "Certificate set", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output", "-o") { Description = "Write the body to this file instead of standard output" };
        var include = new Option<bool>("--include", "-i") { Description = "Also print the response headers (to standard error)" };
        var follow = new Option<bool>("--location", "-L") { Description = "Follow redirects (https only, at most " + MaximumRedirects + ")" };
        var maxTime = new Option<double>("--max-time", "-m") { Description = "Give up after this many seconds in all (exit 5)", DefaultValueFactory = _ => 0 };
        var data = new Option<string>("--data", "-d") { Description = "The request body: text, or @FILE for a file's bytes", Required = true };
        var contentType = new Option<string>("--content-type") { Description = "Content-Type of the body", DefaultValueFactory = _ => "application/x-www-form-urlencoded" };
        var command = post
            ? new Command("post", "HTTP/1.1 POST through the module's TLS, otherwise like get") { url, data, contentType, verification, set, output, include, follow, maxTime }
            : new Command("get", "HTTP/1.1 GET through the module's TLS; the body goes raw to stdout or --output, the status to stderr; exit 4 for HTTP status >= 400, 5 for --max-time")
            {
                url, verification, set, output, include, follow, maxTime,
            };
        command.SetAction(parse =>
        {
            HttpRequestBody body = post ? HttpRequestBody.From(parse.GetValue(data), parse.GetValue(contentType)) : null;
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out Uri uri) || uri.Scheme != "https")
            {
                throw new CliException(ExitCodes.UsageError, "the URL must look like https://host[:port]/path");
            }

            TlsVerification level = parse.GetValue(verification) switch
            {
                "server" => TlsVerification.VerifyServer,
                "mutual" => TlsVerification.Mutual,
                "none" => TlsVerification.None,
                _ => throw new CliException(ExitCodes.UsageError, "--verify takes server, mutual or none"),
            };

            double seconds = parse.GetValue(maxTime);
            if (seconds < 0 || double.IsNaN(seconds))
            {
                throw new CliException(ExitCodes.UsageError, "--max-time takes a number of seconds (0: no limit)");
            }

            using var deadline = new TransferDeadline(seconds);
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            HttpResponseBytes response;
            for (int hop = 0; ; hop++)
            {
                response = Fetch(context, session, uri, body, new TlsOptions(parse.GetValue(set), level), deadline);
                context.Error.WriteLine((parse.GetValue(include) ? response.Head : response.StatusLine) + " (" + response.Body.Length + " body bytes, verification " + VerifyName(level) + ")");
                bool redirect = response.Status >= 300 && response.Status < 400 && response.Location != null;
                if (!redirect)
                {
                    break;
                }

                if (!parse.GetValue(follow))
                {
                    context.Error.WriteLine("redirected to " + response.Location + " (not followed; -L follows)");
                    break;
                }

                if (hop + 1 > MaximumRedirects)
                {
                    throw new CliException(ExitCodes.ModuleError, "more than " + MaximumRedirects + " redirects; the last one to " + response.Location);
                }

                if (!Uri.TryCreate(uri, response.Location, out Uri next) || next.Scheme != "https")
                {
                    throw new CliException(ExitCodes.ModuleError, "redirected to " + response.Location + ", which is not https: the module's TLS is the only way this tool fetches");
                }

                context.Error.WriteLine("following the redirect to " + next);
                uri = next;

                // As browsers and curl do: 301, 302 and 303 turn a POST into a GET; 307 and 308 keep it.
                if (response.Status != 307 && response.Status != 308)
                {
                    body = null;
                }
            }

            string file = parse.GetValue(output);
            if (file != null)
            {
                File.WriteAllBytes(file, response.Body);
            }
            else
            {
                context.RawOutput.Write(response.Body, 0, response.Body.Length);
                context.RawOutput.Flush();
            }

            return response.Status >= 400 ? ExitCodes.HttpError : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One request on its own connection, read to the server's close.</summary>
    private static HttpResponseBytes Fetch(CliContext context, ModuleSession session, Uri uri, HttpRequestBody body, TlsOptions options, TransferDeadline deadline)
    {
        deadline.ThrowIfPassed(0);

        // Ctrl-C and --max-time close the socket (P6=0): a read waiting for a silent server returns at once.
        using EsWifiSslStream tls = context.Cancellation.CloseOnCancel(session.Module.ConnectTls(uri.Host, uri.Port, options));
        deadline.Closes(tls);
        deadline.ThrowIfPassed(0);
        byte[] request = HttpRequestBody.Request(uri, body);
        byte[] bytes;
        try
        {
            tls.Write(request, 0, request.Length);
            tls.ReadTimeout = 15000;
            bytes = ReadToEnd(context, tls, uri.Host);
        }
        catch (Exception) when (deadline.HasPassed)
        {
            // The write was under way when the deadline closed the socket.
            deadline.ThrowIfPassed(0);
            throw;
        }

        context.Cancellation.ThrowIfCancelled();
        deadline.ThrowIfPassed(bytes.Length);
        try
        {
            return HttpResponseBytes.Parse(bytes);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.ModuleError, e.Message);
        }
    }

    private static string VerifyName(TlsVerification level) => level switch
    {
        TlsVerification.VerifyServer => "server",
        TlsVerification.Mutual => "mutual",
        _ => "none",
    };

    /// <summary>Reads until the server closes (the request asked for Connection: close), showing progress on a terminal.</summary>
    private static byte[] ReadToEnd(CliContext context, EsWifiNetworkStream stream, string host)
    {
        using var all = new MemoryStream();
        using ProgressReporter progress = ProgressReporter.Start(context, host, -1);
        long expected = -1;
        byte[] buffer = new byte[1460];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Write(buffer, 0, n);
            if (expected < 0)
            {
                expected = ExpectedLength(all.GetBuffer(), (int)all.Length);
                progress.Total = expected;
            }

            progress.Report(all.Length);
        }

        return all.ToArray();
    }

    /// <summary>Head plus Content-Length, once the head is in; -1 before or without one.</summary>
    private static long ExpectedLength(byte[] bytes, int count)
    {
        int end = bytes.AsSpan(0, count).IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return -1;
        }

        Match length = Regex.Match(Encoding.ASCII.GetString(bytes, 0, end), @"(?im)^content-length:\s*(\d+)\s*$");
        return length.Success && long.TryParse(length.Groups[1].Value, out long body) ? end + 4 + body : -1;
    }
}
