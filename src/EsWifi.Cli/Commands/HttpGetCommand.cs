using System.CommandLine;
using System.Text;
using EsWifi.Cli.Infrastructure;
using Spectre.Console;

namespace EsWifi.Cli.Commands;

/// <summary><c>get https://host[:port]/path</c>: an HTTP/1.1 GET through the module's TLS.</summary>
public static class HttpGetCommand
{
    public static Command Create(CliContext context, LinkOptions link)
    {
        var url = new Argument<string>("url") { Description = "https://host[:port]/path" };
        var verification = new Option<string>("--verify") { Description = "server (default: the set's root CA), mutual (also the client certificate), or none", DefaultValueFactory = _ => "server" };
        var set = new Option<int>("--set") { Description = "Certificate set", DefaultValueFactory = _ => 0 };
        var command = new Command("get", "HTTP/1.1 GET through the module's TLS") { url, verification, set };
        command.SetAction(parse =>
        {
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

            using ModuleSession session = ModuleSession.Open(parse, link, context);
            using EsWifiSslStream tls = session.Module.ConnectTls(uri.Host, uri.Port, new TlsOptions(parse.GetValue(set), level));
            byte[] request = Encoding.ASCII.GetBytes("GET " + uri.PathAndQuery + " HTTP/1.1\r\nHost: " + uri.Host + "\r\nUser-Agent: eswifi\r\nConnection: close\r\n\r\n");
            tls.Write(request, 0, request.Length);
            tls.ReadTimeout = 15000;

            byte[] response = ReadToEnd(tls);
            string text = Encoding.UTF8.GetString(response);
            int headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            string statusLine = text.Split("\r\n")[0];
            context.Console.MarkupLine("[bold]" + Markup.Escape(statusLine) + "[/] (" + response.Length + " bytes, verification " + level + ")");
            context.Console.WriteLine(headerEnd >= 0 ? text.Substring(headerEnd + 4) : text);
            return statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) ? ExitCodes.Ok : ExitCodes.ModuleError;
        });
        return command;
    }

    /// <summary>Reads until the server closes (the request asked for Connection: close).</summary>
    private static byte[] ReadToEnd(EsWifiNetworkStream stream)
    {
        using var all = new MemoryStream();
        byte[] buffer = new byte[1460];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Write(buffer, 0, n);
        }

        return all.ToArray();
    }
}
