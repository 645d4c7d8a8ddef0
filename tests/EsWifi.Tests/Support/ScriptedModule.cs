using System.Text;

namespace EsWifi.Tests.Support;

/// <summary>
/// A minimal scripted module for channel tests: it cuts the host's byte stream into commands
/// (binary payloads of S3 and PG included) and answers each through a test-supplied function.
/// The real protocol model is the emulator; this only feeds the channel chosen bytes.
/// </summary>
public sealed class ScriptedModule
{
    private readonly InMemoryDuplexLink.End _end;
    private readonly List<byte> _pending = new();

    public ScriptedModule(InMemoryDuplexLink link, Func<string, byte[], byte[]> answer)
    {
        _end = link.Module;
        link.Host.Written = OnHostWrote;
        Answer = answer;
    }

    public Func<string, byte[], byte[]> Answer { get; set; }

    public List<string> Commands { get; } = new();

    /// <summary>Bytes the module sends just before its next reply, whatever the command (a late answer).</summary>
    public byte[] BeforeNextReply { get; set; }

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    public static byte[] Ok(string payload) => Latin1("\r\n" + payload + "\r\nOK\r\n> ");

    private void OnHostWrote(byte[] block)
    {
        _pending.AddRange(block);
        while (true)
        {
            int cr = _pending.IndexOf(0x0D);
            if (cr < 0)
            {
                return;
            }

            string command = Encoding.Latin1.GetString(_pending.GetRange(0, cr).ToArray());
            int payloadLength = PayloadLength(command);
            if (_pending.Count < cr + 1 + payloadLength)
            {
                return;
            }

            byte[] payload = _pending.GetRange(cr + 1, payloadLength).ToArray();
            _pending.RemoveRange(0, cr + 1 + payloadLength);
            Commands.Add(command);

            // A lone CR is answered with the bare prompt, as the module does (the channel's resync).
            byte[] reply = command.Length == 0 ? Latin1("\r\n> ") : Answer(command, payload);
            if (BeforeNextReply != null)
            {
                _end.Write(BeforeNextReply, 0, BeforeNextReply.Length);
                BeforeNextReply = null;
            }

            if (reply != null)
            {
                _end.Write(reply, 0, reply.Length);
            }
        }
    }

    private static int PayloadLength(string command)
    {
        if (command.StartsWith("S3=", StringComparison.Ordinal))
        {
            return int.Parse(command.AsSpan(3));
        }

        if (command.StartsWith("PG=", StringComparison.Ordinal))
        {
            return int.Parse(command.AsSpan(command.LastIndexOf(',') + 1));
        }

        return 0;
    }
}
