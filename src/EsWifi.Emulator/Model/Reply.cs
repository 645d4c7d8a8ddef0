using System.Text;

namespace EsWifi.Emulator.Model;

/// <summary>
/// The module's answer envelopes (protocol.md §3.3), built as bytes. Choices where §14 marks the bytes
/// unknown are listed in docs/emulator.md.
/// </summary>
public sealed class Reply
{
    private readonly FirmwareProfile _profile;

    public Reply(FirmwareProfile profile)
    {
        _profile = profile;
    }

    /// <summary>0: errors carry reason and Usage line; 1: a bare ERROR (UM §4.12.5).</summary>
    public int MessageType { get; set; }

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    public static byte[] Concat(params byte[][] parts)
    {
        var all = new byte[parts.Sum(p => p.Length)];
        int position = 0;
        foreach (byte[] part in parts)
        {
            part.CopyTo(all, position);
            position += part.Length;
        }

        return all;
    }

    public byte[] Ok() => Ok(Array.Empty<byte>());

    public byte[] Ok(string payload) => Ok(Latin1(payload));

    /// <summary><c>\r\n&lt;payload&gt;\r\nOK\r\n&gt; </c>; C6.2.1.8 adds a CR LF before OK.</summary>
    public byte[] Ok(byte[] payload) =>
        Concat(Latin1("\r\n"), payload, Latin1(_profile.ExtraCrLfBeforeOk ? "\r\n\r\nOK\r\n> " : "\r\nOK\r\n> "));

    /// <summary>An error envelope: MT=0 <c>\r\nERROR: reason\r\nUsage: usage\r\n&gt; </c>, MT=1 <c>\r\nERROR\r\n&gt; </c>.</summary>
    public byte[] Error(string reason, string usage) => Error(string.Empty, reason, usage);

    /// <summary>An error envelope preceded by information lines (e.g. the two <c>[JOIN   ]</c> lines of a failed join).</summary>
    public byte[] Error(string lines, string reason, string usage)
    {
        string head = "\r\n" + (lines.Length > 0 ? lines + "\r\n" : string.Empty);
        if (MessageType == 1)
        {
            return Latin1(head + "ERROR\r\n> ");
        }

        return Latin1(head + "ERROR" + (reason.Length > 0 ? ": " + reason : string.Empty) + "\r\nUsage: " + usage + "\r\n> ");
    }

    /// <summary>The R0 answer after the connection is gone: <c>\r\n-1\r\nERROR\r\n&gt; </c> (§6.3, no OK trailer).</summary>
    public static byte[] ReadFailure() => Latin1("\r\n-1\r\nERROR\r\n> ");

    /// <summary>The prompt: boot cursor on UART, answer to an empty line.</summary>
    public static byte[] Prompt() => Latin1("\r\n> ");

    /// <summary>An unsolicited message pushed on UART: <c>\r\n&lt;message&gt;\r\n&gt; </c>.</summary>
    public static byte[] Pushed(string message) => Latin1("\r\n" + message + "\r\n> ");
}
