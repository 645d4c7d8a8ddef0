namespace EsWifi.NanoBench
{
    /// <summary>
    /// A module on SPI that answers at once: data-ready is high for a command phase; the command's
    /// first bytes choose the canned answer; data-ready then stays high while the answer is read
    /// (0x15 filler after its end) and falls once, then rises for the next command. Bytes move with
    /// Array.Copy; <see cref="CannedWords"/> is the same module seen through the adapter's 16-bit words.
    /// </summary>
    internal sealed class CannedSpi : ISpiLink, IDataReadyPin
    {
        internal const byte Pad = 0x15;

        private readonly CannedAnswers _answers;
        private readonly byte[] _pads = new byte[256];
        private byte[] _answer;
        private byte[] _next;
        private int _position;
        private bool _dataPhase;

        internal CannedSpi(CannedAnswers answers)
        {
            // Power-on: the first data phase is the boot cursor.
            _answers = answers;
            _answer = CannedAnswers.Prompt;
            _dataPhase = true;
            for (int i = 0; i < _pads.Length; i++)
            {
                _pads[i] = Pad;
            }
        }

        public bool IsHigh
        {
            get
            {
                if (_dataPhase && _position >= _answer.Length)
                {
                    // The answer is out: data-ready falls once, then rises for the next command.
                    _dataPhase = false;
                    return false;
                }

                return true;
            }
        }

        public void Select()
        {
        }

        public void Deselect()
        {
            if (_next != null)
            {
                // The command phase ended: its answer is what the next data phase reads.
                _answer = _next;
                _next = null;
                _position = 0;
                _dataPhase = true;
            }
        }

        public void Exchange(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            if (!_dataPhase)
            {
                if (write != null && _next == null)
                {
                    _next = _answers.For(write[writeOffset], write[writeOffset + 1]);
                }

                return;
            }

            if (read != null)
            {
                Answer(read, readOffset, count * 2);
            }
        }

        /// <summary>Copies the next <paramref name="bytes"/> of the answer (filler after its end).</summary>
        internal void Answer(byte[] read, int offset, int bytes)
        {
            int n = _answer.Length - _position;
            n = n < bytes ? n : bytes;
            if (n > 0)
            {
                System.Array.Copy(_answer, _position, read, offset, n);
                _position += n;
            }

            if (n < bytes)
            {
                System.Array.Copy(_pads, 0, read, offset + n, bytes - n);
            }
        }
    }
}
