using System;

namespace EsWifi
{
    /// <summary>
    /// A TCP connection through one module socket, shaped like nanoFramework's NetworkStream:
    /// <see cref="Read"/>/<see cref="Write"/> on (buffer, offset, count), <see cref="DataAvailable"/>,
    /// timeouts, <see cref="Close"/>. A read after the peer closed returns 0. Steady-state reads and
    /// writes cost one module round trip each and allocate nothing. Safe to use from several threads;
    /// after <see cref="Close"/> no byte of this stream reaches a later connection on the same socket.
    /// </summary>
    public class EsWifiNetworkStream : IDisposable
    {
        private readonly SocketConnection _connection;
        private int _readTimeout = -1;
        private int _writeTimeout = 10000;

        internal EsWifiNetworkStream(SocketConnection connection)
        {
            _connection = connection;
        }

        /// <summary>The module socket (0–3) this stream uses.</summary>
        public int Socket => _connection.Index;

        /// <summary>Milliseconds a <see cref="Read"/> waits for data; -1 (the default) waits forever.</summary>
        public int ReadTimeout
        {
            get => _readTimeout;
            set
            {
                if (value < -1)
                {
                    throw new ArgumentOutOfRangeException(nameof(ReadTimeout));
                }

                _readTimeout = value;
            }
        }

        /// <summary>Milliseconds a <see cref="Write"/> may take per chunk (1 to 30000, the module's S2 range).</summary>
        public int WriteTimeout
        {
            get => _writeTimeout;
            set
            {
                if (value < 1 || value > 30000)
                {
                    throw new ArgumentOutOfRangeException(nameof(WriteTimeout));
                }

                _writeTimeout = value;
            }
        }

        /// <summary>False after <see cref="Close"/>, after the peer closed and its data was read, after a fault, or after a module reset.</summary>
        public bool Connected => _connection.Connected;

        /// <summary>
        /// True when a <see cref="Read"/> would return at once: data is buffered, or the module has some
        /// (asking costs one round trip when nothing is buffered), or the peer has closed.
        /// </summary>
        public bool DataAvailable => _connection.DataAvailable();

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes. Waits up to <see cref="ReadTimeout"/> for data,
        /// polling the module with a short module-side wait and pausing between polls outside the
        /// channel lock, so other sockets keep working.
        /// </summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">Where to put the first byte.</param>
        /// <param name="count">Most bytes to read.</param>
        /// <returns>Bytes read; 0 when the peer has closed the connection, or when another thread closed this stream during the read.</returns>
        /// <exception cref="ObjectDisposedException">The stream was closed before the call.</exception>
        public int Read(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            return _connection.Read(buffer, offset, count, _readTimeout);
        }

        /// <summary>Writes all bytes, in chunks of at most 1460 bytes (one <c>S3</c> round trip each).</summary>
        /// <param name="buffer">Source.</param>
        /// <param name="offset">Start of the bytes to send.</param>
        /// <param name="count">Number of bytes to send.</param>
        /// <exception cref="ObjectDisposedException">The stream was closed before or during the call.</exception>
        public void Write(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            _connection.Write(buffer, offset, count, _writeTimeout);
        }

        /// <summary>
        /// Closes the connection (<c>P6=0</c>, or <c>P5=0</c> for an accepted one) and frees the socket.
        /// A read in progress on another thread returns 0, a write in progress throws; both end before
        /// the socket can be reused. Never throws.
        /// </summary>
        public void Close()
        {
            _connection.Close();
        }

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose()
        {
            Close();
        }

        internal static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || offset > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }

            if (count < 0 || count > buffer.Length - offset)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }
        }
    }
}
