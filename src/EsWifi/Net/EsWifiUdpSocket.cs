using System;

namespace EsWifi
{
    /// <summary>
    /// A UDP client through one module socket: each <see cref="Send"/> is one datagram (at most 1460
    /// bytes), each <see cref="Receive"/> returns one datagram, cut to the caller's buffer.
    /// </summary>
    public sealed class EsWifiUdpSocket : IDisposable
    {
        private readonly EsWifiModule _module;
        private readonly SocketSlot _slot;
        private readonly int _generation;
        private int _receiveTimeout = -1;
        private bool _closed;

        internal EsWifiUdpSocket(EsWifiModule module, SocketSlot slot)
        {
            _module = module;
            _slot = slot;
            _generation = slot.Generation;
        }

        /// <summary>The module socket (0–3) in use.</summary>
        public int Socket => _slot.Index;

        /// <summary>Milliseconds <see cref="Receive"/> waits; -1 (the default) waits forever.</summary>
        public int ReceiveTimeout
        {
            get => _receiveTimeout;
            set
            {
                if (value < -1)
                {
                    throw new ArgumentOutOfRangeException(nameof(ReceiveTimeout));
                }

                _receiveTimeout = value;
            }
        }

        /// <summary>Sends one datagram.</summary>
        /// <param name="buffer">Source.</param>
        /// <param name="offset">Start of the datagram.</param>
        /// <param name="count">Datagram length (1 to 1460).</param>
        public void Send(byte[] buffer, int offset, int count)
        {
            EsWifiNetworkStream.CheckRange(buffer, offset, count);
            if (count < 1 || count > _module.Sockets.MaxWriteChunk)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "a datagram holds 1 to " + _module.Sockets.MaxWriteChunk.ToString() + " bytes");
            }

            ThrowIfClosed();
            lock (_module.Channel.SyncRoot)
            {
                _module.Sockets.EnsureAlive(_slot, _generation);
                if (_module.Sockets.Send(_slot, buffer, offset, count) != count)
                {
                    throw new EsWifiException(EsWifiErrorKind.Timeout, "the module did not take the datagram");
                }
            }
        }

        /// <summary>Receives one datagram; bytes beyond <paramref name="count"/> are lost, as with any UDP socket.</summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">Where to put the first byte.</param>
        /// <param name="count">Room in the destination.</param>
        /// <returns>Bytes received.</returns>
        public int Receive(byte[] buffer, int offset, int count)
        {
            EsWifiNetworkStream.CheckRange(buffer, offset, count);
            ThrowIfClosed();
            IClock clock = _module.Channel.Clock;
            long deadline = _receiveTimeout < 0 ? long.MaxValue : clock.NowMilliseconds + _receiveTimeout;
            while (true)
            {
                int read;
                lock (_module.Channel.SyncRoot)
                {
                    _module.Sockets.EnsureAlive(_slot, _generation);
                    read = _module.Sockets.Receive(_slot, buffer, offset, count, true);
                }

                if (read > 0)
                {
                    return read;
                }

                if (clock.NowMilliseconds >= deadline)
                {
                    throw new EsWifiException(EsWifiErrorKind.Timeout, "no datagram on socket " + _slot.Index.ToString() + " within " + _receiveTimeout.ToString() + " ms");
                }

                clock.Sleep(_module.Sockets.IdlePollMilliseconds);
            }
        }

        /// <summary>Closes the socket (<c>P6=0</c>) and frees it.</summary>
        public void Close()
        {
            lock (_module.Channel.SyncRoot)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                _module.Sockets.Close(_slot, _generation, false);
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
                throw new ObjectDisposedException("EsWifiUdpSocket");
            }
        }
    }
}
