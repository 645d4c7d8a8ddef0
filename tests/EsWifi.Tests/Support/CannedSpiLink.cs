namespace EsWifi.Tests.Support;

/// <summary>
/// An SPI link and its data-ready line that answer each command phase with the next of a fixed set
/// of pre-built answers (padded with 0x15 to whole chunks), allocating nothing per command: for
/// measuring the SPI transport's own allocations. Data-ready is high while the module would take a
/// command or has answer bytes left, and low once for the end of each data phase.
/// </summary>
public sealed class CannedSpiLink : ISpiLink, IDataReadyPin
{
    private const byte Pad = 0x15;
    private readonly byte[][] _answers;
    private int _next;
    private byte[] _current;
    private int _position;
    private bool _inCommand;
    private bool _endOfPhase;

    /// <summary>Starts with the boot prompt pending (what a module has after power-on), then the answers in turn.</summary>
    public CannedSpiLink(params byte[][] answers)
    {
        _answers = answers;
        _current = new byte[] { 0x0D, 0x0A, (byte)'>', (byte)' ' };
    }

    public bool IsHigh
    {
        get
        {
            if (_current == null && _endOfPhase)
            {
                _endOfPhase = false;
                return false;
            }

            return true;
        }
    }

    public void Select()
    {
        _inCommand = _current == null;
    }

    public void Deselect()
    {
        if (_inCommand)
        {
            _current = _answers[_next++ % _answers.Length];
            _position = 0;
            _inCommand = false;
        }
    }

    public void Exchange(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        if (read == null)
        {
            return;
        }

        if (_current == null)
        {
            Array.Fill(read, Pad, readOffset, count * 2);
            return;
        }

        for (int i = 0; i < count * 2; i++)
        {
            read[readOffset + i] = _position < _current.Length ? _current[_position++] : Pad;
        }

        if (_position >= _current.Length)
        {
            _current = null;
            _endOfPhase = true;
        }
    }
}
