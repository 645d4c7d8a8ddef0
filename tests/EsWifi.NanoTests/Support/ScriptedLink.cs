namespace EsWifi.NanoTests
{
    /// <summary>
    /// A byte link whose incoming side is filled by the test and handed out in chunks of at most
    /// <see cref="ChunkSize"/> bytes, the way a UART driver returns what has arrived so far.
    /// Everything the host writes is recorded.
    /// </summary>
    public sealed class ScriptedLink : IByteLink
    {
        private byte[] _incoming = new byte[0];
        private int _readPosition;
        private byte[] _written = new byte[256];
        private int _writtenCount;

        /// <summary>Largest number of bytes one Read returns.</summary>
        public int ChunkSize { get; set; } = int.MaxValue;

        /// <summary>Bytes the host has written so far.</summary>
        public int WrittenCount => _writtenCount;

        /// <summary>What the host has written (the first <see cref="WrittenCount"/> bytes).</summary>
        public byte[] Written => _written;

        /// <inheritdoc />
        public int BytesAvailable => _incoming.Length - _readPosition;

        /// <summary>Queues bytes for the host to read.</summary>
        public void Deliver(byte[] bytes)
        {
            byte[] rest = new byte[BytesAvailable + bytes.Length];
            System.Array.Copy(_incoming, _readPosition, rest, 0, BytesAvailable);
            System.Array.Copy(bytes, 0, rest, BytesAvailable, bytes.Length);
            _incoming = rest;
            _readPosition = 0;
        }

        /// <summary>Queues text for the host to read.</summary>
        public void Deliver(string text)
        {
            Deliver(Bytes.Of(text));
        }

        /// <summary>What the host has written, as text.</summary>
        public string WrittenText()
        {
            return Bytes.Text(_written, 0, _writtenCount);
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            if (_writtenCount + count > _written.Length)
            {
                byte[] larger = new byte[(_writtenCount + count) * 2];
                System.Array.Copy(_written, 0, larger, 0, _writtenCount);
                _written = larger;
            }

            System.Array.Copy(buffer, offset, _written, _writtenCount, count);
            _writtenCount += count;
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            int n = BytesAvailable;
            if (n > count)
            {
                n = count;
            }

            if (n > ChunkSize)
            {
                n = ChunkSize;
            }

            System.Array.Copy(_incoming, _readPosition, buffer, offset, n);
            _readPosition += n;
            return n;
        }
    }
}
