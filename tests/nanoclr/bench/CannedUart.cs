namespace EsWifi.NanoBench
{
    /// <summary>
    /// A module on a UART that answers at once: each command line gets its canned answer (the payload
    /// of an S3 is counted and dropped), read out with one Array.Copy.
    /// </summary>
    internal sealed class CannedUart : IByteLink
    {
        private readonly CannedAnswers _answers;
        private byte[] _answer;
        private int _position;
        private int _payloadLeft;

        internal CannedUart(CannedAnswers answers)
        {
            _answers = answers;
        }

        public int BytesAvailable => _answer == null ? 0 : _answer.Length - _position;

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = BytesAvailable < count ? BytesAvailable : count;
            if (n > 0)
            {
                System.Array.Copy(_answer, _position, buffer, offset, n);
                _position += n;
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_payloadLeft > 0)
            {
                // The S3 payload: the driver sends it as a write of its own, straight from the caller's buffer.
                _payloadLeft -= count;
                return;
            }

            _answer = _answers.For(buffer[offset], count > 1 ? buffer[offset + 1] : (byte)0);
            _position = 0;
            if (buffer[offset] == (byte)'S' && buffer[offset + 1] == (byte)'3')
            {
                _payloadLeft = _answers.Size;
            }
        }
    }
}
