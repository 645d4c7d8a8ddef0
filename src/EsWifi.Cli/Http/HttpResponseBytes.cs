using System.Text;

namespace EsWifi.Cli.Http;

/// <summary>
/// One HTTP/1.1 response read to the server's close, split into its head and its body bytes: a
/// <c>Content-Length</c> body is cut to that length, a <c>Transfer-Encoding: chunked</c> body is
/// joined from its chunks, anything else is the bytes up to the close. The body is never decoded.
/// </summary>
public sealed class HttpResponseBytes
{
    private HttpResponseBytes(string statusLine, int status, string head, byte[] body, string location)
    {
        StatusLine = statusLine;
        Status = status;
        Head = head;
        Body = body;
        Location = location;
    }

    /// <summary>The first line, e.g. <c>HTTP/1.1 200 OK</c>.</summary>
    public string StatusLine { get; }

    /// <summary>The status code, or 0 when the first line is not an HTTP status line.</summary>
    public int Status { get; }

    /// <summary>Status line and headers as sent (ASCII), without the blank line.</summary>
    public string Head { get; }

    /// <summary>The body, byte-exact.</summary>
    public byte[] Body { get; }

    /// <summary>The <c>Location</c> header, or null.</summary>
    public string Location { get; }

    /// <summary>Splits <paramref name="response"/>; throws <see cref="FormatException"/> for a response that is not HTTP or a broken chunked body.</summary>
    public static HttpResponseBytes Parse(byte[] response)
    {
        int headEnd = IndexOf(response, 0, "\r\n\r\n"u8);
        if (headEnd < 0)
        {
            throw new FormatException("the server's answer has no HTTP header (" + response.Length + " bytes)");
        }

        string head = Encoding.Latin1.GetString(response, 0, headEnd);
        string[] lines = head.Split("\r\n");
        string[] status = lines[0].Split(' ');
        if (!lines[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || status.Length < 2 || !int.TryParse(status[1], out int code))
        {
            throw new FormatException("the server's answer is not HTTP/1.x: " + lines[0]);
        }

        long? length = null;
        bool chunked = false;
        string location = null;
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            string name = line.Substring(0, colon).Trim();
            string value = line.Substring(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, out long n))
            {
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
        }

        int start = headEnd + 4;
        byte[] body;
        if (chunked)
        {
            body = Dechunk(response, start);
        }
        else if (length.HasValue)
        {
            if (response.Length - start < length.Value)
            {
                throw new FormatException("the body ended after " + (response.Length - start) + " of " + length.Value + " bytes (Content-Length)");
            }

            body = response.AsSpan(start, (int)length.Value).ToArray();
        }
        else
        {
            body = response.AsSpan(start).ToArray();
        }

        return new HttpResponseBytes(lines[0], code, head, body, location);
    }

    private static byte[] Dechunk(byte[] response, int position)
    {
        using var body = new MemoryStream();
        while (true)
        {
            int lineEnd = IndexOf(response, position, "\r\n"u8);
            if (lineEnd < 0)
            {
                throw new FormatException("a chunked body broke off before its last chunk");
            }

            string size = Encoding.Latin1.GetString(response, position, lineEnd - position).Split(';')[0].Trim();
            if (!int.TryParse(size, System.Globalization.NumberStyles.HexNumber, null, out int count) || count < 0)
            {
                throw new FormatException("a chunked body has a bad chunk size: " + size);
            }

            position = lineEnd + 2;
            if (count == 0)
            {
                return body.ToArray();
            }

            if (response.Length - position < count + 2)
            {
                throw new FormatException("a chunked body broke off inside a chunk");
            }

            body.Write(response, position, count);
            position += count + 2;
        }
    }

    private static int IndexOf(byte[] buffer, int from, ReadOnlySpan<byte> pattern)
    {
        int found = buffer.AsSpan(from).IndexOf(pattern);
        return found < 0 ? -1 : from + found;
    }
}
