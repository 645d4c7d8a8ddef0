using EsWifi.Emulator.FrontEnds;

namespace EsWifi.NanoClrBench;

/// <summary>
/// The module's side of the UART with a fault of the wire: once armed, the next command that starts
/// with a prefix gets only its first bytes through to the module; the next ones are lost. Everything
/// else passes unchanged, and the host's rate is reported as the pseudo-terminal's.
/// </summary>
public sealed class CuttingModulePort : IModulePort, IBaudRateAware
{
    private readonly PseudoTerminal _inner;
    private readonly object _sync = new();
    private byte[] _prefix;
    private bool _inCommand;
    private int _keep;
    private int _drop;

    // The last bytes of the previous read, for a prefix split between two reads.
    private byte[] _tail = Array.Empty<byte>();

    public CuttingModulePort(PseudoTerminal inner) => _inner = inner;

    /// <summary>Bytes lost so far.</summary>
    public int Dropped { get; private set; }

    public int HostBaudRate => _inner.HostBaudRate;

    /// <summary>The next command starting with <paramref name="prefix"/>: <paramref name="keep"/> bytes reach the module, the next <paramref name="drop"/> do not.</summary>
    public void Arm(string prefix, int keep, int drop)
    {
        lock (_sync)
        {
            _prefix = System.Text.Encoding.ASCII.GetBytes(prefix);
            _inCommand = false;
            _keep = keep;
            _drop = drop;
            _tail = Array.Empty<byte>();
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        int read = _inner.Read(buffer, offset, count, timeoutMilliseconds);
        lock (_sync)
        {
            return read > 0 && _prefix != null ? Cut(buffer, offset, read) : read;
        }
    }

    public void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    private int Cut(byte[] buffer, int offset, int read)
    {
        int from = 0;
        if (!_inCommand)
        {
            // Where the command starts: in this read, or begun at the end of the last one (passed already).
            byte[] joined = _tail.Concat(buffer.Skip(offset).Take(read)).ToArray();
            int at = IndexOf(joined, _prefix);
            if (at < 0)
            {
                _tail = joined.Skip(Math.Max(0, joined.Length - (_prefix.Length - 1))).ToArray();
                return read;
            }

            _inCommand = true;
            int passedBefore = _tail.Length - at;
            from = Math.Max(0, -passedBefore);
            _keep -= Math.Max(0, passedBefore);
        }

        var kept = new List<byte>(read);
        for (int i = 0; i < read; i++)
        {
            byte b = buffer[offset + i];
            if (i < from || _prefix == null)
            {
                kept.Add(b);
            }
            else if (_keep > 0)
            {
                kept.Add(b);
                _keep--;
            }
            else if (_drop > 0)
            {
                Dropped++;
                if (--_drop == 0)
                {
                    _prefix = null;
                }
            }
            else
            {
                kept.Add(b);
            }
        }

        kept.CopyTo(buffer, offset);
        return kept.Count;
    }

    private static int IndexOf(byte[] data, byte[] pattern)
    {
        for (int i = 0; i + pattern.Length <= data.Length; i++)
        {
            if (data.AsSpan(i, pattern.Length).SequenceEqual(pattern))
            {
                return i;
            }
        }

        return -1;
    }
}
