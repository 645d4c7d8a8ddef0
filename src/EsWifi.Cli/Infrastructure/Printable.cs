using System.Text;

namespace EsWifi.Cli.Infrastructure;

/// <summary>
/// Text a server (or a module) sent, made safe to print: control characters (escape sequences
/// among them) become <c>?</c>, so nothing a peer sends can move the cursor, change colours or the
/// window title of the terminal the tool runs in. Tabs stay.
/// </summary>
public static class Printable
{
    public static string Of(string text)
    {
        if (text == null)
        {
            return null;
        }

        var safe = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            safe.Append(c == '\t' || (c >= ' ' && c != '\x7f' && (c < '\x80' || c > '\x9f')) ? c : '?');
        }

        return safe.ToString();
    }
}
