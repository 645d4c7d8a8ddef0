using System.Globalization;
using EsWifi.Cli.Infrastructure;

namespace EsWifi.Cli.Http;

/// <summary>
/// The head of an HTTP/1.1 response: status line, status code, header lines as sent, and what frames
/// the body (<c>Content-Length</c>, chunked encoding). Built only from a head that follows the rules:
/// a status line <c>HTTP/1.x NNN ...</c>, lengths that are plain non-negative numbers and agree.
/// </summary>
public sealed class HttpResponseHead
{
    private HttpResponseHead(string text, string[] lines, int status, long contentLength, bool chunked, string location)
    {
        Text = text;
        Lines = lines;
        Status = status;
        ContentLength = contentLength;
        Chunked = chunked;
        Location = location;
    }

    /// <summary>The head as sent (Latin-1), without the blank line after it.</summary>
    public string Text { get; }

    /// <summary>Status line and header lines.</summary>
    public string[] Lines { get; }

    /// <summary>The first line, e.g. <c>HTTP/1.1 200 OK</c>.</summary>
    public string StatusLine => Lines[0];

    public int Status { get; }

    /// <summary>The body's length from <c>Content-Length</c>, or -1 when it has none (chunked, or to the close).</summary>
    public long ContentLength { get; }

    /// <summary>True for <c>Transfer-Encoding: chunked</c> (it takes precedence over a length).</summary>
    public bool Chunked { get; }

    /// <summary>The <c>Location</c> header, or null.</summary>
    public string Location { get; }

    /// <summary>The <c>Content-Type</c> header, or null.</summary>
    public string ContentType { get; private set; }

    /// <summary>Parses <paramref name="text"/>; a head that breaks the rules is a <see cref="FormatException"/>.</summary>
    public static HttpResponseHead Parse(string text)
    {
        string[] lines = text.Split("\r\n");
        string[] status = lines[0].Split(' ');
        if (!lines[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || status.Length < 2 || status[1].Length != 3
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out int code))
        {
            throw new FormatException("the server's answer is not HTTP/1.x: " + Printable.Of(lines[0].Length > 80 ? lines[0].Substring(0, 80) + "..." : lines[0]));
        }

        long length = -1;
        bool chunked = false;
        string location = null;
        string contentType = null;
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            string name = line.Substring(0, colon).Trim();
            string value = line.Substring(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (value.Length == 0 || value.Length > 18 || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                {
                    throw new FormatException("the server sent a Content-Length that is not a length: " + Printable.Of(value.Length > 40 ? value.Substring(0, 40) + "..." : value));
                }

                if (length >= 0 && n != length)
                {
                    throw new FormatException("the server sent two different Content-Lengths (" + length + " and " + n + ")");
                }

                length = n;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
            else if (name.Equals("Location", StringComparison.OrdinalIgnoreCase))
            {
                location = value;
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
        }

        return new HttpResponseHead(text, lines, code, chunked ? -1 : length, chunked, location) { ContentType = contentType };
    }
}
