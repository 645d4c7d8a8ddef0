using System.Text;
using EsWifi.Cli.Infrastructure;

namespace EsWifi.Cli.Http;

/// <summary>A request body for <c>post</c>: <c>--data TEXT</c> (UTF-8) or <c>--data @FILE</c> (its bytes, exact).</summary>
public sealed class HttpRequestBody
{
    private HttpRequestBody(byte[] bytes, string contentType)
    {
        Bytes = bytes;
        ContentType = contentType;
    }

    public byte[] Bytes { get; }

    public string ContentType { get; }

    public static HttpRequestBody From(string data, string contentType)
    {
        if (contentType.IndexOfAny(new[] { '\r', '\n' }) >= 0)
        {
            throw new CliException(ExitCodes.UsageError, "--content-type must be one line");
        }

        if (!data.StartsWith('@'))
        {
            return new HttpRequestBody(Encoding.UTF8.GetBytes(data), contentType);
        }

        string file = data.Substring(1);
        if (!File.Exists(file))
        {
            throw new CliException(ExitCodes.UsageError, "no such file: " + file + " (--data @FILE)");
        }

        return new HttpRequestBody(File.ReadAllBytes(file), contentType);
    }

    /// <summary>
    /// The request bytes: GET without a body, POST with its Content-Type and Content-Length. The
    /// <c>Host</c> header carries the port when it is not 443 (the URI's authority).
    /// </summary>
    public static byte[] Request(Uri uri, HttpRequestBody body)
    {
        string head = (body == null ? "GET " : "POST ") + uri.PathAndQuery + " HTTP/1.1\r\nHost: " + uri.Authority + "\r\nUser-Agent: eswifi\r\nConnection: close\r\n"
            + (body == null ? string.Empty : "Content-Type: " + body.ContentType + "\r\nContent-Length: " + body.Bytes.Length + "\r\n") + "\r\n";
        byte[] headBytes = Encoding.ASCII.GetBytes(head);
        if (body == null)
        {
            return headBytes;
        }

        byte[] request = new byte[headBytes.Length + body.Bytes.Length];
        headBytes.CopyTo(request, 0);
        body.Bytes.CopyTo(request, headBytes.Length);
        return request;
    }
}
