using System.Text;

namespace EsWifi.Emulator.FrontEnds;

/// <summary>
/// Cuts the host's bytes into commands: a line up to <c>\r</c>, then for the binary commands
/// (<c>S3=&lt;n&gt;</c>, <c>PG=&lt;set&gt;,&lt;type&gt;,&lt;n&gt;</c>) exactly n payload bytes (protocol.md §3.1).
/// </summary>
public static class CommandSplitter
{
    /// <summary>
    /// Takes one complete command from the front of <paramref name="pending"/>. Leading LF and pad
    /// bytes (a <c>\r\n</c> terminator, SPI's 0x0A/0x15 padding) are skipped.
    /// </summary>
    public static bool TryTake(List<byte> pending, out byte[] line, out byte[] payload)
    {
        line = null;
        payload = null;
        int skip = 0;
        while (skip < pending.Count && (pending[skip] == 0x0A || pending[skip] == 0x15))
        {
            skip++;
        }

        int cr = pending.IndexOf(0x0D, skip);
        if (cr < 0)
        {
            pending.RemoveRange(0, skip);
            return false;
        }

        byte[] candidate = pending.GetRange(skip, cr - skip).ToArray();
        int length = PayloadLength(candidate);
        if (pending.Count < cr + 1 + length)
        {
            return false;
        }

        payload = pending.GetRange(cr + 1, length).ToArray();
        pending.RemoveRange(0, cr + 1 + length);
        line = candidate;
        return true;
    }

    /// <summary>Payload bytes that follow this command line (0 for ordinary commands).</summary>
    public static int PayloadLength(byte[] line)
    {
        string text = Encoding.Latin1.GetString(line);
        string count = null;
        if (text.StartsWith("S3=", StringComparison.Ordinal))
        {
            count = text.Substring(3);
        }
        else if (text.StartsWith("PG=", StringComparison.Ordinal) && text.Split(',').Length == 3)
        {
            count = text.Substring(text.LastIndexOf(',') + 1);
        }

        return count != null && int.TryParse(count, out int n) && n > 0 && n <= 8192 ? n : 0;
    }
}
