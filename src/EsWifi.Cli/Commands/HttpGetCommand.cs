using System.CommandLine;
using EsWifi.Cli.Http;
using EsWifi.Cli.Infrastructure;

namespace EsWifi.Cli.Commands;

/// <summary>
/// <c>get https://host[:port]/path</c> (and <c>post ... --data</c>): HTTP/1.1 through the module's TLS, like curl: the
/// body streams byte-exact to standard output or <c>--output</c> as it arrives and the command ends
/// when it is complete (Content-Length, the last chunk, or the server's close when it sent neither);
/// the status line (and the headers with <c>--include</c>) and progress go to standard error; a
/// redirect is reported, and followed only with <c>-L</c>; <c>--max-time</c> bounds the whole transfer.
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
        var output = new Option<string>("--output", "-o") { Description = "Write the body to this file instead of standard output (- for standard output, also on a terminal)" };
        var include = new Option<bool>("--include", "-i") { Description = "Also print the response headers, as curl -i does but to standard error (the body stays alone on standard output)" };
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

            // Where the body goes is settled first: a path the tool cannot write to fails before any request.
            using BodyDestination destination = BodyDestination.Open(context, parse.GetValue(output));
            using var deadline = new TransferDeadline(seconds);
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            bool headers = parse.GetValue(include);
            for (int hop = 0; ; hop++)
            {
                TlsOptions options = new TlsOptions(parse.GetValue(set), level);
                deadline.ThrowIfPassed(0);

                // Ctrl-C and --max-time close the socket (P6=0): a read waiting for a silent server returns at once.
                using EsWifiSslStream tls = context.Cancellation.CloseOnCancel(session.Module.ConnectTls(uri.Host, uri.Port, options));
                deadline.Closes(tls);
                deadline.ThrowIfPassed(0);
                var reader = new HttpResponseReader((buffer, offset, count) => tls.Read(buffer, offset, count));
                HttpResponseHead head = Transfer(context, deadline, reader, () =>
                {
                    byte[] request = HttpRequestBody.Request(uri, body);
                    tls.Write(request, 0, request.Length);
                    tls.ReadTimeout = 15000;
                    return reader.ReadHead();
                });
                if (headers)
                {
                    // As curl -i shows them, but on standard error: standard output carries the body alone.
                    foreach (string line in head.Lines)
                    {
                        context.Error.WriteLine(Printable.Of(line));
                    }

                    context.Error.WriteLine();
                }

                bool redirect = head.Status >= 300 && head.Status < 400 && head.Location != null;
                if (redirect && parse.GetValue(follow))
                {
                    if (hop + 1 > MaximumRedirects)
                    {
                        throw new CliException(ExitCodes.ModuleError, "more than " + MaximumRedirects + " redirects; the last one to " + Printable.Of(head.Location));
                    }

                    if (!Uri.TryCreate(uri, head.Location, out Uri next) || next.Scheme != "https")
                    {
                        throw new CliException(ExitCodes.ModuleError, "redirected to " + Printable.Of(head.Location) + ", which is not https: the module's TLS is the only way this tool fetches");
                    }

                    Summary(context, head, headers, 0, level);
                    context.Error.WriteLine("following the redirect to " + next);
                    uri = next;

                    // As browsers and curl do: 301, 302 and 303 turn a POST into a GET; 307 and 308 keep it.
                    if (head.Status != 307 && head.Status != 308)
                    {
                        body = null;
                    }

                    continue;
                }

                long length;
                using (ProgressReporter progress = ProgressReporter.Start(context, uri.Host, head.ContentLength))
                {
                    length = Transfer(context, deadline, reader, () => reader.CopyBody(head, destination.Write, progress.Report));
                }

                Summary(context, head, headers, length, level);
                if (redirect)
                {
                    context.Error.WriteLine("redirected to " + Printable.Of(head.Location) + " (not followed; -L follows)");
                }

                return head.Status >= 400 ? ExitCodes.HttpError : ExitCodes.Ok;
            }
        });
        return command;
    }

    /// <summary>
    /// Runs one step of the exchange on the open connection. Ctrl-C and <c>--max-time</c> close the
    /// socket, so whatever the step then reports (a short body, a closed stream) is their doing; a
    /// response that breaks HTTP is the server's failure (exit 1).
    /// </summary>
    private static T Transfer<T>(CliContext context, TransferDeadline deadline, HttpResponseReader reader, Func<T> step)
    {
        try
        {
            T result = step();
            context.Cancellation.ThrowIfCancelled();
            return result;
        }
        catch (Exception e) when (e is not CliException)
        {
            context.Cancellation.ThrowIfCancelled();
            deadline.ThrowIfPassed(reader.Received);
            if (e is FormatException)
            {
                throw new CliException(ExitCodes.ModuleError, e.Message);
            }

            throw;
        }
    }

    /// <summary>The line that ends a response on standard error: its status (unless -i showed it) and what came.</summary>
    private static void Summary(CliContext context, HttpResponseHead head, bool headersShown, long length, TlsVerification level)
    {
        string what = "(" + length + " body bytes, verification " + VerifyName(level) + ")";
        context.Error.WriteLine(headersShown ? what : Printable.Of(head.StatusLine) + " " + what);
    }

    private static string VerifyName(TlsVerification level) => level switch
    {
        TlsVerification.VerifyServer => "server",
        TlsVerification.Mutual => "mutual",
        _ => "none",
    };
}
