using System;

namespace EsWifi
{
    /// <summary>
    /// A TCP server on one module socket (<c>P5=1</c>). The module serves one client on that socket:
    /// <see cref="AcceptStream"/> returns it as a stream, and closing that stream stops the server.
    /// </summary>
    public sealed class EsWifiTcpListener : IDisposable
    {
        private const string AcceptedPrefix = "[TCP SVR] Accepted ";

        private readonly EsWifiModule _module;
        private readonly SocketSlot _slot;
        private readonly int _generation;
        private bool _handedOver;
        private bool _stopped;

        internal EsWifiTcpListener(EsWifiModule module, SocketSlot slot, int port)
        {
            _module = module;
            _slot = slot;
            _generation = slot.Generation;
            Port = port;
        }

        /// <summary>The local port the module listens on.</summary>
        public int Port { get; }

        /// <summary>The module socket (0–3) in use.</summary>
        public int Socket => _slot.Index;

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

            if (_stopped || _handedOver)
            {
                throw new InvalidOperationException("the listener has stopped or already handed over its client");
            }

            IClock clock = _module.Channel.Clock;
            long deadline = timeoutMilliseconds < 0 ? long.MaxValue : clock.NowMilliseconds + timeoutMilliseconds;
            while (true)
            {
                lock (_module.Channel.SyncRoot)
                {
                    _module.Sockets.EnsureAlive(_slot, _generation);
                    _module.CollectMessages();
                    string message = _module.Channel.Messages.TryDequeue(AcceptedPrefix);
                    if (message != null)
                    {
                        if (_module.Sockets.HasServerClient(_slot))
                        {
                            _handedOver = true;
                            return new EsWifiNetworkStream(_module, _slot, true);
                        }

                        // Another listener's client: put the message back for it.
                        _module.Channel.Messages.Enqueue(message);
                    }
                }

                if (clock.NowMilliseconds >= deadline)
                {
                    throw new EsWifiException(EsWifiErrorKind.Timeout, "no client connected to port " + Port.ToString() + " in time");
                }

                clock.Sleep(_module.Sockets.IdlePollMilliseconds * 4);
            }
        }

        /// <summary>Stops listening (<c>P5=0</c>) unless a client was handed over (its stream owns the socket then).</summary>
        public void Stop()
        {
            lock (_module.Channel.SyncRoot)
            {
                if (_stopped || _handedOver)
                {
                    return;
                }

                _stopped = true;
                _module.Sockets.Close(_slot, _generation, true);
            }
        }

        /// <summary>Same as <see cref="Stop"/>.</summary>
        public void Dispose()
        {
            Stop();
        }
    }
}
