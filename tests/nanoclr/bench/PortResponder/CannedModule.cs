using System.Text;

namespace EsWifi.NanoBench.Port;

/// <summary>
/// A module that answers at once and holds no state but the bench's size: R0 gets that many bytes of
/// data (the size is the remote address's last two octets, set by P3), S3 the count of its payload once
/// the payload is in, CS "joined", I? an identity, a lone CR a prompt, anything else an empty OK.
/// </summary>
public sealed class CannedModule
{
    private static readonly byte[] Ok = Ascii("\r\n\r\nOK\r\n> ");
    private static readonly byte[] Prompt = Ascii("\r\n> ");
    private static readonly byte[] Joined = Ascii("\r\n1\r\nOK\r\n> ");
    private static readonly byte[] Identity = Ascii("\r\nISM43362-M3G-L44-UART,C3.5.2.5.UART,v3.5.2,v1.4.0.rc1,v8.2.1,120000000,Inventek eS-WiFi\r\nOK\r\n> ");

    private readonly List<byte> _input = new();
    private byte[] _read = ReadAnswer(0);
    private int _payloadLeft;
    private int _payloadCount;

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
                    output.AddRange(Ascii("\r\n" + _payloadCount + "\r\nOK\r\n> "));
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
            _payloadCount = int.Parse(command.AsSpan(3));
            _payloadLeft = _payloadCount;
            return _payloadCount == 0 ? Ascii("\r\n0\r\nOK\r\n> ") : Array.Empty<byte>();
        }

        if (command.StartsWith("P3=", StringComparison.Ordinal))
        {
            string[] octets = command.Substring(3).Split('.');
            _read = ReadAnswer((int.Parse(octets[2]) * 256) + int.Parse(octets[3]));
            return Ok;
        }

        return command switch
        {
            "R0" => _read,
            "CS" => Joined,
            "I?" => Identity,
            "" => Prompt,
            _ => Ok,
        };
    }

    /// <summary>An R0 answer of <paramref name="size"/> bytes of data that hold the envelope's own bytes, as data does.</summary>
    private static byte[] ReadAnswer(int size)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        return [.. Ascii("\r\n"), .. data, .. Ascii("\r\nOK\r\n> ")];
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
