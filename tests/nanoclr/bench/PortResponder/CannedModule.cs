using System.Text;

namespace EsWifi.NanoBench.Port;

/// <summary>
/// The bench's canned module (<see cref="CannedAnswers"/>, the same answers the canned links give) on
/// the far side of a pseudo-terminal. It holds no state but the bench's size: R0 gets that many bytes
/// of data (the size is the remote address's last two octets, set by P3), and S3 gets its payload's
/// count once the payload is in.
/// </summary>
public sealed class CannedModule
{
    private readonly List<byte> _input = new();
    private CannedAnswers _answers = new(0);
    private int _payloadLeft;
    private byte[] _sent;

    /// <summary>Takes bytes from the host and returns what to answer (empty while a command is incomplete).</summary>
    public byte[] Feed(byte[] bytes, int count)
    {
        var output = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            if (_payloadLeft > 0)
            {
                if (--_payloadLeft == 0)
                {
                    output.AddRange(_sent);
                }

                continue;
            }

            if (bytes[i] != (byte)'\r')
            {
                _input.Add(bytes[i]);
                continue;
            }

            string command = Encoding.ASCII.GetString(_input.ToArray());
            _input.Clear();
            output.AddRange(Answer(command));
        }

        return output.ToArray();
    }

    private byte[] Answer(string command)
    {
        if (command.StartsWith("S3=", StringComparison.Ordinal))
        {
            int payload = int.Parse(command.AsSpan(3));
            _sent = new CannedAnswers(payload).For((byte)'S', (byte)'3');
            _payloadLeft = payload;
            return payload == 0 ? _sent : Array.Empty<byte>();
        }

        if (command.StartsWith("P3=", StringComparison.Ordinal))
        {
            string[] octets = command.Substring(3).Split('.');
            _answers = new CannedAnswers((int.Parse(octets[2]) * 256) + int.Parse(octets[3]));
        }

        // A lone CR is the probe: CannedAnswers knows it by its first byte.
        return command.Length == 0 ? _answers.For(13, 0) : _answers.For((byte)command[0], command.Length > 1 ? (byte)command[1] : (byte)0);
    }
}
