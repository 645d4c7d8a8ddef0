using System;

namespace EsWifi
{
    /// <summary>
    /// A TCP connection through one module socket, shaped like nanoFramework's NetworkStream:
    /// <see cref="Read"/>/<see cref="Write"/> on (buffer, offset, count), <see cref="DataAvailable"/>,
    /// timeouts, <see cref="Close"/>. A read after the peer closed returns 0. Steady-state reads and
    /// writes cost one module round trip each and allocate nothing. Safe to use from several threads.
    /// </summary>
    public class EsWifiNetworkStream : IDisposable
    {
        private readonly EsWifiModule _module;
        private readonly SocketSlot _slot;
        private readonly int _generation;
        private readonly bool _server;
        private readonly object _readLock = new object();
        private readonly object _writeLock = new object();
        private int _readTimeout = -1;
        private int _writeTimeout = 10000;
        private bool _closed;

        internal EsWifiNetworkStream(EsWifiModule module, SocketSlot slot, bool server)
        {
            _module = module;
            _slot = slot;
            _generation = slot.Generation;
            _server = server;
        }

        /// <summary>The module socket (0–3) this stream uses.</summary>
        public int Socket => _slot.Index;

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

        /// <summary>False after <see cref="Close"/>, after the peer closed and its data was read, or after a module reset.</summary>
        public bool Connected
        {
            get
            {
                lock (_slot.Sync)
                {
                    return !_closed && !(_slot.PeerClosed && _slot.ReceiveCount == 0) && !_module.Sockets.IsStale(_generation);
                }
            }
        }

        /// <summary>
        /// True when a <see cref="Read"/> would return at once: data is buffered, or the module has some
        /// (asking costs one round trip when nothing is buffered), or the peer has closed.
        /// </summary>
        public bool DataAvailable
        {
            get
            {
                ThrowIfClosed();
                lock (_readLock)
                {
                    lock (_slot.Sync)
                    {
                        if (_slot.ReceiveCount > 0 || _slot.PeerClosed)
                        {
                            return true;
                        }
                    }

                    lock (_module.Channel.SyncRoot)
                    {
                        _module.Sockets.EnsureAlive(_slot, _generation);
                        int taken = _module.Sockets.Receive(_slot, _slot.Receive, 0, 0, false);
                        return taken > 0 || _slot.ReceiveCount > 0 || _slot.PeerClosed;
                    }
                }
            }
        }

        internal SocketSlot Slot => _slot;

        internal EsWifiModule Module => _module;

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes. Waits up to <see cref="ReadTimeout"/> for data,
        /// polling the module with a short module-side wait and pausing between polls outside the
        /// channel lock, so other sockets keep working.
        /// </summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">Where to put the first byte.</param>
        /// <param name="count">Most bytes to read.</param>
        /// <returns>Bytes read; 0 when the peer has closed the connection.</returns>
        public int Read(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            ThrowIfClosed();
            if (count == 0)
            {
                return 0;
            }

            lock (_readLock)
            {
                IClock clock = _module.Channel.Clock;
                long deadline = _readTimeout < 0 ? long.MaxValue : clock.NowMilliseconds + _readTimeout;
                while (true)
                {
                    lock (_slot.Sync)
                    {
                        if (_slot.ReceiveCount > 0)
                        {
                            int n = _slot.ReceiveCount < count ? _slot.ReceiveCount : count;
                            Array.Copy(_slot.Receive, _slot.ReceiveStart, buffer, offset, n);
                            _slot.ReceiveStart += n;
                            _slot.ReceiveCount -= n;
                            return n;
                        }

                        if (_slot.PeerClosed)
                        {
                            return 0;
                        }
                    }

                    int read;
                    lock (_module.Channel.SyncRoot)
                    {
                        _module.Sockets.EnsureAlive(_slot, _generation);
                        read = _module.Sockets.Receive(_slot, buffer, offset, count, false);
                    }

                    if (read > 0 || _slot.PeerClosed)
                    {
                        return read;
                    }

                    if (clock.NowMilliseconds >= deadline)
                    {
                        throw new EsWifiException(EsWifiErrorKind.Timeout, "no data on socket " + _slot.Index.ToString() + " within " + _readTimeout.ToString() + " ms");
                    }

                    clock.Sleep(_module.Sockets.IdlePollMilliseconds);
                }
            }
        }

        /// <summary>Writes all bytes, in chunks of at most 1460 bytes (one <c>S3</c> round trip each).</summary>
        /// <param name="buffer">Source.</param>
        /// <param name="offset">Start of the bytes to send.</param>
        /// <param name="count">Number of bytes to send.</param>
        public void Write(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            ThrowIfClosed();
            lock (_writeLock)
            {
                IClock clock = _module.Channel.Clock;
                long deadline = clock.NowMilliseconds + _writeTimeout;
                int chunkLimit = _module.Sockets.MaxWriteChunk;
                while (count > 0)
                {
                    int chunk = count < chunkLimit ? count : chunkLimit;
                    int sent;
                    lock (_module.Channel.SyncRoot)
                    {
                        _module.Sockets.EnsureAlive(_slot, _generation);
                        _module.Sockets.Ensure(_slot, SocketSlot.WriteWait, _writeTimeout);
                        sent = _module.Sockets.Send(_slot, buffer, offset, chunk);
                    }

                    if (sent > 0)
                    {
                        offset += sent;
                        count -= sent;
                        deadline = clock.NowMilliseconds + _writeTimeout;
                        continue;
                    }

                    // The module took nothing (its buffer is full): wait outside the lock and retry.
                    if (clock.NowMilliseconds >= deadline)
                    {
                        throw new EsWifiException(EsWifiErrorKind.Timeout, "socket " + _slot.Index.ToString() + " accepted no data within " + _writeTimeout.ToString() + " ms");
                    }

                    clock.Sleep(_module.Sockets.IdlePollMilliseconds);
                }
            }
        }

        /// <summary>Closes the connection (<c>P6=0</c>, or <c>P5=0</c> for an accepted one) and frees the socket.</summary>
        public void Close()
        {
            lock (_module.Channel.SyncRoot)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                _module.Sockets.Close(_slot, _generation, _server);
            }
        }

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose()
        {
            Close();
        }

        private void ThrowIfClosed()
        {
            if (_closed)
            {
                throw new ObjectDisposedException("EsWifiNetworkStream");
            }
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
