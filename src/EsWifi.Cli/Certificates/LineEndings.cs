namespace EsWifi.Cli.Certificates;

/// <summary>PEM text in one line-ending form: the module compares programmed objects byte by byte.</summary>
public static class LineEndings
{
    /// <summary>The text with every line ending as <paramref name="form"/> ("lf" or "crlf").</summary>
    public static byte[] Convert(byte[] text, string form)
    {
        var result = new List<byte>(text.Length + 64);
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == (byte)'\r' && i + 1 < text.Length && text[i + 1] == (byte)'\n')
            {
                continue; // the LF that follows ends the line
            }

            if (b == (byte)'\n' && form == "crlf")
            {
                result.Add((byte)'\r');
            }

            result.Add(b);
        }

        return result.ToArray();
    }
}
