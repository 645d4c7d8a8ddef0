using EsWifi.Spi;

namespace EsWifi.NanoBench
{
    /// <summary>
    /// The SPI adapter's device path without the SPI native: the driver's byte runs go through
    /// <see cref="WordExchanger"/> (the packing into ushort[] runs that nanoFramework's SpiDevice moves)
    /// to a transfer that answers from canned words with Array.Copy, as the native would from the bus.
    /// </summary>
    internal sealed class CannedWords : ISpiLink, IDataReadyPin
    {
        private readonly WordExchanger _words;
        private readonly CannedAnswers _answers;
        private readonly byte[][] _sources = new byte[8][];
        private readonly ushort[][] _packed = new ushort[8][];
        private readonly ushort[] _padWords = new ushort[WordExchanger.MaxChunkWords];
        private ushort[] _answer;
        private ushort[] _next;
        private int _position;
        private bool _dataPhase;

        internal CannedWords(CannedAnswers answers)
        {
            _answers = answers;
            _words = new WordExchanger(Transfer, Write);

            // Power-on: the first data phase is the boot cursor.
            _answer = Pack(CannedAnswers.Prompt);
            _dataPhase = true;
            for (int i = 0; i < _padWords.Length; i++)
            {
                _padWords[i] = 0x1515;
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
            _words.Exchange(write, writeOffset, read, readOffset, count);
        }

        /// <summary>
        /// The model's own work for one command and its answer, without the word exchange: what the
        /// benchmark subtracts. <paramref name="command"/> holds the command's first word.
        /// </summary>
        internal void ModelAlone(ushort[] command, ushort[] chunk)
        {
            Write(command);
            Deselect();
            while (IsHigh)
            {
                Transfer(command, chunk);
            }
        }

        // A write-only run: a command phase (the model looks at its first word), or the module's
        // words clocked out and dropped.
        private void Write(ushort[] write)
        {
            if (!_dataPhase)
            {
                Command(write[0]);
                return;
            }

            int left = _answer.Length - _position;
            _position += write.Length < left ? write.Length : left;
        }

        private void Transfer(ushort[] write, ushort[] read)
        {
            if (!_dataPhase)
            {
                Command(write[0]);
                return;
            }

            int n = _answer.Length - _position;
            n = n < read.Length ? n : read.Length;
            if (n > 0)
            {
                System.Array.Copy(_answer, _position, read, 0, n);
                _position += n;
            }

            if (n < read.Length)
            {
                System.Array.Copy(_padWords, 0, read, n, read.Length - n);
            }
        }

        private void Command(ushort first)
        {
            if (_next == null && first != WordExchanger.IdleWord)
            {
                _next = Packed((byte)(first & 0xFF), (byte)(first >> 8));
            }
        }

        /// <summary>The canned answer as words (first byte low), packed once per answer.</summary>
        private ushort[] Packed(byte first, byte second)
        {
            byte[] bytes = _answers.For(first, second);
            for (int i = 0; i < _sources.Length; i++)
            {
                if (_sources[i] == bytes)
                {
                    return _packed[i];
                }

                if (_sources[i] == null)
                {
                    _sources[i] = bytes;
                    _packed[i] = Pack(bytes);
                    return _packed[i];
                }
            }

            return Pack(bytes);
        }

        private static ushort[] Pack(byte[] bytes)
        {
            ushort[] words = new ushort[(bytes.Length + 1) / 2];
            for (int i = 0; i < words.Length; i++)
            {
                int lo = bytes[2 * i];
                int hi = (2 * i) + 1 < bytes.Length ? bytes[(2 * i) + 1] : CannedSpi.Pad;
                words[i] = (ushort)(lo | (hi << 8));
            }

            return words;
        }
    }
}
