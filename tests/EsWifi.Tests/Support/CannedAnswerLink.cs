namespace EsWifi.Tests.Support;

/// <summary>
/// A byte link that answers each command with the next of a fixed set of pre-built answers,
/// allocating nothing per command: for measuring the driver's own allocations.
/// </summary>
public sealed class CannedAnswerLink : IByteLink
{
    private readonly byte[][] _answers;
    private int _next;
    private byte[] _current = Array.Empty<byte>();
    private int _position;
    private int _writes;

    public CannedAnswerLink(params byte[][] answers)
    {
        _answers = answers;
    }

    /// <summary>Number of Write calls that make up one command (2 when a payload follows its header).</summary>
    public int WritesPerCommand { get; set; } = 1;

    public int BytesAvailable => _current.Length - _position;

    public void Write(byte[] buffer, int offset, int count)
    {
        if (++_writes % WritesPerCommand == 0)
        {
            _current = _answers[_next++ % _answers.Length];
            _position = 0;
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, BytesAvailable);
        Array.Copy(_current, _position, buffer, offset, n);
        _position += n;
        return n;
    }
}
