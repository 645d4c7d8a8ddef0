using System.IO;
using System.Text;

namespace EsWifi.Tests.Support;

/// <summary>Reads an HTTP request's head, for the test servers that answer the tool's <c>get</c> and <c>post</c>.</summary>
public static class HttpRequestHead
{
    /// <summary>
    /// Reads up to and including the blank line that ends the head, a byte at a time so no body
    /// byte is taken; null when the client closed first.
    /// </summary>
    public static string Read(Stream stream)
    {
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", System.StringComparison.Ordinal))
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                return null;
            }

            head.Append((char)b);
        }

        return head.ToString();
    }

    /// <summary>The request's path (its second word).</summary>
    public static string PathOf(string head) => head.Split(' ')[1];
}
