namespace EsWifi.Tests.Support;

/// <summary>
/// A module side that answers each command phase with the next scripted data phase (then
/// filler words while data-ready stays high, for ever if stuck).
/// </summary>
internal sealed class ScriptedSpi : ISpiLink, IDataReadyPin, IResetPin
{
    private readonly byte[][] _phases;
    private readonly int[] _extraPads;
    private readonly bool[] _stuck;
    private int _next;
    private byte[] _current;
    private int _position;
    private int _padsLeft;
    private bool _stuckNow;
    private bool _awaitingCommand = true;

    public ScriptedSpi(byte[][] phases, int[] extraPads, bool[] stuck)
    {
        _phases = phases;
        _extraPads = extraPads;
        _stuck = stuck;

        // Power-on: the transport first expects a data phase (the boot cursor).
        StartPhase(System.Text.Encoding.ASCII.GetBytes("\x15\x15\r\n> "), 0, false);
    }

    public long WordsClocked { get; private set; }

    public bool IsHigh => _awaitingCommand || _stuckNow || (_current != null && (_position < _current.Length || _padsLeft > 0));

    public void Select()
    {
    }

    public void Deselect()
    {
        if (_current != null && _position >= _current.Length && _padsLeft <= 0 && !_stuckNow)
        {
            _current = null;
            _awaitingCommand = true;
        }
    }

    public void Exchange(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        WordsClocked += count;
        if (_awaitingCommand && write != null)
        {
            // A command phase: answer with the next scripted phase.
            _awaitingCommand = false;
            int index = _next++ % _phases.Length;
            StartPhase(_phases[index], _extraPads[index % _extraPads.Length], _stuck[index % _stuck.Length]);
            return;
        }

        for (int i = 0; i < count * 2; i++)
        {
            byte b = 0x15;
            if (_current != null && _position < _current.Length)
            {
                b = _current[_position++];
            }
            else if (_padsLeft > 0)
            {
                _padsLeft--;
            }

            if (read != null)
            {
                read[readOffset + i] = b;
            }
        }
    }

    public void Write(bool asserted)
    {
        if (!asserted)
        {
            StartPhase(System.Text.Encoding.ASCII.GetBytes("\x15\x15\r\n> "), 0, false);
        }
    }

    private void StartPhase(byte[] bytes, int pads, bool stuck)
    {
        _current = bytes;
        _position = 0;
        _padsLeft = pads;
        _stuckNow = stuck;
        _awaitingCommand = false;
    }
}
