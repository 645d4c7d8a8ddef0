using System;
using System.IO;

namespace EsWifi
{
    /// <summary>
    /// A TCP connection through one module socket: a <see cref="Stream"/> with the semantics of the
    /// platform's NetworkStream, so StreamReader, <c>CopyTo</c>, nanoFramework.Json and every library
    /// written against a stream can use it. Not seekable; a read after the peer closed returns 0;
    /// <see cref="ReadTimeout"/> and <see cref="WriteTimeout"/> are honoured; <see cref="Stream.Close"/>
    /// and <see cref="Stream.Dispose()"/> close the connection. Steady-state reads and writes on
    /// (buffer, offset, count) cost one module round trip each and allocate nothing. Safe to use from
    /// several threads; after a close no byte of this stream reaches a later connection on the same socket.
    /// </summary>
    public class EsWifiNetworkStream : Stream
    {
        private readonly SocketConnection _connection;
        private int _readTimeout = -1;
        private int _writeTimeout = 10000;

        // ReadByte (and, on nanoFramework, Read(SpanByte)) and WriteByte go through buffers of their own,
        // each its own lock: a reader waiting for data never holds up a writer on another thread.
        private readonly byte[] _readOne = new byte[1];
        private readonly byte[] _writeOne = new byte[1];
#if NANOFRAMEWORK_1_0
        private byte[] _spanScratch;
#endif

        internal EsWifiNetworkStream(SocketConnection connection)
        {
            _connection = connection;

            // nanoFramework's Stream has a finalizer, and this stream's would do nothing (a finalizer never
            // closes a module socket): suppressed, so a board's GC frees a stream without a finalizer run.
            GC.SuppressFinalize(this);
        }

        /// <summary>The module socket (0–3) this stream uses.</summary>
        public int Socket => _connection.Index;

        /// <summary>True until the stream is closed.</summary>
        public override bool CanRead => !_connection.IsClosed;

        /// <summary>True until the stream is closed.</summary>
        public override bool CanWrite => !_connection.IsClosed;

        /// <summary>False: a connection cannot seek.</summary>
        public override bool CanSeek => false;

        /// <summary>True: <see cref="ReadTimeout"/> and <see cref="WriteTimeout"/> apply.</summary>
        public override bool CanTimeout => true;

        /// <summary>
        /// Milliseconds a <see cref="Read(byte[], int, int)"/> waits for data; -1 (the default) waits
        /// forever. When it passes the read throws <see cref="EsWifiException"/> (<see cref="EsWifiErrorKind.Timeout"/>)
        /// and the connection stays usable.
        /// </summary>
        public override int ReadTimeout
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
        public override int WriteTimeout
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

        /// <summary>False after a close, after the peer closed and its data was read, after a fault, or after a module reset.</summary>
        public bool Connected => _connection.Connected;

        /// <summary>
        /// True when a <see cref="Read(byte[], int, int)"/> would return at once: data is buffered, or
        /// the module has some (asking costs one round trip when nothing is buffered), or the peer has closed.
        /// </summary>
        public bool DataAvailable => _connection.DataAvailable();

#if NANOFRAMEWORK_1_0
        /// <summary>
        /// The bytes a read returns at once, as nanoFramework's NetworkStream reports its socket's
        /// <c>Available</c> (StreamReader and nanoFramework.Json size their reads by it): those the driver
        /// holds, else what one look at the module brings (one round trip). 0 when nothing has come.
        /// </summary>
        public override long Length => _connection.Available();
#else
        /// <summary>Not supported, as on .NET's NetworkStream: a connection has no length.</summary>
        /// <exception cref="NotSupportedException">Always.</exception>
        public override long Length => throw new NotSupportedException("a module connection has no length");
#endif

        /// <summary>Not supported: a connection has no position.</summary>
        /// <exception cref="NotSupportedException">Always.</exception>
        public override long Position
        {
            get => throw new NotSupportedException("a module connection cannot seek");
            set => throw new NotSupportedException("a module connection cannot seek");
        }

        /// <summary>Not supported: a connection cannot seek.</summary>
        /// <exception cref="NotSupportedException">Always.</exception>
        public override long Seek(long offset, SeekOrigin origin)
        {
            throw new NotSupportedException("a module connection cannot seek");
        }

        /// <summary>Not supported: a connection has no length.</summary>
        /// <exception cref="NotSupportedException">Always.</exception>
        public override void SetLength(long value)
        {
            throw new NotSupportedException("a module connection has no length");
        }

        /// <summary>Does nothing: every <see cref="Write"/> has reached the module when it returns.</summary>
        public override void Flush()
        {
        }

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
        public override int Read(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            return _connection.Read(buffer, offset, count, _readTimeout);
        }

#if NANOFRAMEWORK_1_0
        /// <summary>
        /// Reads up to the span's length. nanoFramework's SpanByte gives no access to its array, so the
        /// bytes pass through a buffer of this stream's (made on first use, at most 1460 bytes) and are
        /// copied one by one: on the data path <see cref="Read(byte[], int, int)"/> is the fast call.
        /// </summary>
        /// <param name="buffer">Destination.</param>
        /// <returns>Bytes read; 0 when the peer has closed the connection.</returns>
        public override int Read(SpanByte buffer)
        {
            if (buffer.Length == 0)
            {
                return 0;
            }

            lock (_readOne)
            {
                if (_spanScratch == null)
                {
                    _spanScratch = new byte[AtChannel.MaxDataPayload];
                }

                int n = _connection.Read(_spanScratch, 0, buffer.Length < _spanScratch.Length ? buffer.Length : _spanScratch.Length, _readTimeout);
                for (int i = 0; i < n; i++)
                {
                    buffer[i] = _spanScratch[i];
                }

                return n;
            }
        }
#endif

        /// <summary>Reads one byte (from the bytes the driver holds when it has some).</summary>
        /// <returns>The byte, or -1 when the peer has closed the connection.</returns>
        public override int ReadByte()
        {
            lock (_readOne)
            {
                return _connection.Read(_readOne, 0, 1, _readTimeout) == 1 ? _readOne[0] : -1;
            }
        }

        /// <summary>Writes all bytes, in chunks of at most 1460 bytes (one <c>S3</c> round trip each).</summary>
        /// <param name="buffer">Source.</param>
        /// <param name="offset">Start of the bytes to send.</param>
        /// <param name="count">Number of bytes to send.</param>
        /// <exception cref="ObjectDisposedException">The stream was closed before or during the call.</exception>
        public override void Write(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            _connection.Write(buffer, offset, count, _writeTimeout);
        }

        /// <summary>As <see cref="Write"/>, with the bytes kept out of the trace (only their length is shown): for a packet that carries a secret.</summary>
        internal void WriteSecret(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            _connection.Write(buffer, offset, count, _writeTimeout, true);
        }

        /// <summary>Writes one byte (one <c>S3</c> round trip: write whole buffers where you can).</summary>
        /// <param name="value">The byte.</param>
        public override void WriteByte(byte value)
        {
            lock (_writeOne)
            {
                _writeOne[0] = value;
                _connection.Write(_writeOne, 0, 1, _writeTimeout);
            }
        }

        /// <summary>
        /// Closes the connection (<c>P6=0</c>, or <c>P5=0</c> for an accepted one) and frees the socket;
        /// <see cref="Stream.Close"/> and <see cref="Stream.Dispose()"/> end here. A read in progress on
        /// another thread returns 0, a write in progress throws; both end before the socket can be
        /// reused. Never throws. A stream left to the garbage collector is not closed from its finalizer
        /// (the module would be driven from the finalizer thread): close it.
        /// </summary>
        /// <param name="disposing">True from Close or Dispose; false from the finalizer.</param>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _connection.Close();
            }

            base.Dispose(disposing);
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
