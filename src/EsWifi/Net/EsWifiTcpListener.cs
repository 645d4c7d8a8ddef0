using System;

namespace EsWifi
{
    /// <summary>
    /// A TCP server on one module socket (<c>P5=1</c>). The module serves one client on that socket:
    /// <see cref="AcceptStream"/> returns it as a stream, and closing that stream stops the server.
    /// </summary>
    public sealed class EsWifiTcpListener : IDisposable
    {
        private readonly SocketConnection _connection;
        private readonly object _sync = new object();
        private bool _handedOver;

        internal EsWifiTcpListener(SocketConnection connection, int port)
        {
            _connection = connection;
            Port = port;
        }

        /// <summary>The local port the module listens on.</summary>
        public int Port { get; }

        /// <summary>The module socket (0–3) in use.</summary>
        public int Socket => _connection.Index;

        /// <summary>
        /// Waits for a client: for the module's <c>[TCP SVR] Accepted</c> message (pushed on UART,
        /// fetched with <c>MR</c> on SPI), confirmed by the socket's status. Polls outside the channel lock.
        /// </summary>
        /// <param name="timeoutMilliseconds">How long to wait; -1 waits forever.</param>
        /// <returns>The client's connection.</returns>
        public EsWifiNetworkStream AcceptStream(int timeoutMilliseconds)
        {
            if (timeoutMilliseconds < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds));
            }

            lock (_sync)
            {
                if (_handedOver || _connection.IsClosed)
                {
                    throw new InvalidOperationException("the listener has stopped or already handed over its client");
                }
            }

            if (!_connection.Accept(timeoutMilliseconds))
            {
                // Stopped by another thread while waiting for a client.
                throw new ObjectDisposedException("EsWifiTcpListener");
            }

            lock (_sync)
            {
                _handedOver = true;
            }

            return new EsWifiNetworkStream(_connection);
        }

        /// <summary>Stops listening (<c>P5=0</c>) unless a client was handed over (its stream owns the socket then). Never throws.</summary>
        public void Stop()
        {
            lock (_sync)
            {
                if (_handedOver)
                {
                    return;
                }
            }

            _connection.Close();
        }

        /// <summary>Same as <see cref="Stop"/>.</summary>
        public void Dispose()
        {
            Stop();
        }
    }
}
