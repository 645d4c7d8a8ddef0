namespace EsWifi.NanoTests
{
    /// <summary>
    /// The SPI side of a <see cref="TinyModule"/>: data-ready high means "ready for a command"
    /// or "data to read"; a command phase goes to the module, its answer becomes the next data
    /// phase, padded with 0x15 to whole 16-bit words; the reset pin reboots it into the boot cursor.
    /// </summary>
    public sealed class TinySpiModule : ISpiLink, IDataReadyPin, IResetPin
    {
        private const byte Pad = 0x15;
        private readonly TinyModule _module;
        private readonly byte[] _answer = new byte[8192];
        private int _answerLength;
        private int _position;
        private bool _awaitingCommand;

        /// <summary>Wraps <paramref name="module"/>; it starts with the boot cursor to read.</summary>
        public TinySpiModule(TinyModule module)
        {
            _module = module;
            BootCursor();
        }

        /// <summary>Words clocked so far.</summary>
        public int WordsClocked { get; private set; }

        /// <summary>Command phases so far.</summary>
        public int CommandPhases { get; private set; }

        /// <inheritdoc />
        public bool IsHigh => _awaitingCommand || _position < _answerLength;

        /// <inheritdoc />
        public void Select()
        {
        }

        /// <inheritdoc />
        public void Deselect()
        {
            if (!_awaitingCommand && _position >= _answerLength)
            {
                _awaitingCommand = true;
            }
        }

        /// <inheritdoc />
        public void Exchange(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            WordsClocked += count;
            if (_awaitingCommand && write != null)
            {
                CommandPhases++;
                _awaitingCommand = false;
                _module.Write(write, writeOffset, count * 2);
                _answerLength = _module.Read(_answer, 0, _answer.Length);
                if (_answerLength % 2 != 0)
                {
                    _answer[_answerLength++] = Pad;
                }

                _position = 0;
                return;
            }

            for (int i = 0; i < count * 2; i++)
            {
                byte b = _position < _answerLength ? _answer[_position++] : Pad;
                if (read != null)
                {
                    read[readOffset + i] = b;
                }
            }
        }

        /// <inheritdoc />
        public void Write(bool asserted)
        {
            if (!asserted)
            {
                _module.RebootNow();
                _module.Read(_answer, 0, _answer.Length);
                BootCursor();
            }
        }

        private void BootCursor()
        {
            byte[] cursor = Bytes.Join(Pad, Pad, "\r\n> ");
            System.Array.Copy(cursor, 0, _answer, 0, cursor.Length);
            _answerLength = cursor.Length;
            _position = 0;
            _awaitingCommand = false;
        }
    }
}
