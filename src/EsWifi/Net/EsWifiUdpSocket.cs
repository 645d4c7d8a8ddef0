using System;

namespace EsWifi
{
    /// <summary>
    /// A UDP client through one module socket: each <see cref="Send"/> is one datagram (at most 1460
    /// bytes), each <see cref="Receive"/> returns one datagram, cut to the caller's buffer.
    /// </summary>
    public sealed class EsWifiUdpSocket : IDisposable
    {
        private readonly SocketConnection _connection;
        private int _receiveTimeout = -1;
        private int _sendTimeout = 10000;

        internal EsWifiUdpSocket(SocketConnection connection)
        {
            _connection = connection;
        }

        /// <summary>The module socket (0–3) in use.</summary>
        public int Socket => _connection.Index;

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

        /// <summary>Milliseconds <see cref="Send"/> may take (1 to 30000, the module's S2 range); 10 s by default.</summary>
        public int SendTimeout
        {
            get => _sendTimeout;
            set
            {
                if (value < 1 || value > 30000)
                {
                    throw new ArgumentOutOfRangeException(nameof(SendTimeout));
                }

                _sendTimeout = value;
            }
        }

        /// <summary>Sends one datagram.</summary>
        /// <param name="buffer">Source.</param>
        /// <param name="offset">Start of the datagram.</param>
        /// <param name="count">Datagram length (1 to 1460).</param>
        public void Send(byte[] buffer, int offset, int count)
        {
            EsWifiNetworkStream.CheckRange(buffer, offset, count);
            if (count < 1 || count > AtChannel.MaxDataPayload)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "a datagram holds 1 to 1460 bytes");
            }

            _connection.SendDatagram(buffer, offset, count, _sendTimeout);
        }

        /// <summary>Receives one datagram; bytes beyond <paramref name="count"/> are lost, as with any UDP socket.</summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">Where to put the first byte.</param>
        /// <param name="count">Room in the destination.</param>
        /// <returns>Bytes received; 0 when another thread closed the socket during the call.</returns>
        public int Receive(byte[] buffer, int offset, int count)
        {
            EsWifiNetworkStream.CheckRange(buffer, offset, count);
            return _connection.ReceiveDatagram(buffer, offset, count, _receiveTimeout);
        }

        /// <summary>Closes the socket (<c>P6=0</c>) and frees it; a receive in progress returns 0. Never throws.</summary>
        public void Close()
        {
            _connection.Close();
        }

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose()
        {
            Close();
        }
    }
}
