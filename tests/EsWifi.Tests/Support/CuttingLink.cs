using EsWifi.Emulator.FrontEnds;

namespace EsWifi.Tests.Support;

/// <summary>
/// The host side of the UART with a fault of the wire: once armed, the command that starts with a
/// given prefix gets only its first bytes through; the rest are lost silently or the write fails
/// (IOException) right after them. Everything else passes unchanged.
/// </summary>
public sealed class CuttingLink : IByteLink
{
    private readonly IByteLink _inner;
    private string _prefix;
    private int _keep;
    private int _drop;
    private bool _fail;
    private bool _counting;

    public CuttingLink(IByteLink inner) => _inner = inner;

    /// <summary>Bytes lost so far.</summary>
    public int Dropped { get; private set; }

    public int BytesAvailable => _inner.BytesAvailable;

    /// <summary>Cuts the next command starting with <paramref name="prefix"/>: <paramref name="keep"/> bytes pass, the next <paramref name="drop"/> are lost (or the write fails).</summary>
    public void Arm(string prefix, int keep, int drop, bool fail)
    {
        _prefix = prefix;
        _keep = keep;
        _drop = drop;
        _fail = fail;
        _counting = false;
    }

    public int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public void Write(byte[] buffer, int offset, int count)
    {
        if (_prefix != null && !_counting && count >= _prefix.Length
            && System.Text.Encoding.Latin1.GetString(buffer, offset, _prefix.Length) == _prefix)
        {
            _counting = true;
        }

        if (!_counting)
        {
            _inner.Write(buffer, offset, count);
            return;
        }

        int pass = Math.Min(count, _keep);
        if (pass > 0)
        {
            _inner.Write(buffer, offset, pass);
            _keep -= pass;
        }

        int rest = count - pass;
        if (rest == 0)
        {
            return;
        }

        if (_fail)
        {
            _prefix = null;
            _counting = false;
            throw new IOException("the link failed after " + pass + " bytes of this write");
        }

        int lost = Math.Min(rest, _drop);
        _drop -= lost;
        Dropped += lost;
        if (_drop == 0)
        {
            _prefix = null;
            _counting = false;
            if (rest > lost)
            {
                _inner.Write(buffer, offset + pass + lost, rest - lost);
            }
        }
    }
}

/// <summary>The emulated module's reset line on the UART bench: releasing it reboots the module.</summary>
public sealed class UartResetLine : IResetPin
{
    private readonly UartFrontEnd _uart;
    private bool _asserted;

    public UartResetLine(UartFrontEnd uart) => _uart = uart;

    public int Pulses { get; private set; }

    public void Write(bool asserted)
    {
        if (_asserted && !asserted)
        {
            Pulses++;
            _uart.RequestReset();
        }

        _asserted = asserted;
    }
}
