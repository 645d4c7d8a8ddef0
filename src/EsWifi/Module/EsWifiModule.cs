using System;

namespace EsWifi
{
    /// <summary>
    /// An Inventek eS-WiFi module behind a transport: bring-up, identity, and the entry points to
    /// Wi-Fi (<see cref="Wifi"/>), DNS (<see cref="Dns"/>), certificate sets (<see cref="Certificates"/>)
    /// and sockets (<see cref="ConnectTcp"/>, <see cref="ConnectTls"/>, <see cref="OpenUdp"/>,
    /// <see cref="Listen"/>). Safe to use from several threads: one command is in flight at a time.
    /// </summary>
    /// <example>
    /// <code>
    /// var module = new EsWifiModule(transport);
    /// module.Initialize();
    /// module.Wifi.Join("lab", "correct horse", WifiSecurity.Wpa2);
    /// using (EsWifiSslStream tls = module.ConnectTls("example.com", 443, new TlsOptions()))
    /// {
    ///     tls.Write(request, 0, request.Length);
    /// }
    /// </code>
    /// </example>
    public sealed class EsWifiModule
    {
        private readonly IEsWifiTransport _transport;
        private readonly IResetPin _resetPin;
        private readonly byte[] _scratch = new byte[4];
        private string _mac;

        /// <summary>A module on <paramref name="transport"/>, with real time and no reset pin (soft reset by <c>ZR</c>).</summary>
        /// <param name="transport">The framed link (UART or SPI).</param>
        public EsWifiModule(IEsWifiTransport transport)
            : this(transport, SystemClock.Instance, null)
        {
        }

        /// <summary>A module on <paramref name="transport"/>.</summary>
        /// <param name="transport">The framed link (UART or SPI).</param>
        /// <param name="clock">Time source for timeouts and polling.</param>
        /// <param name="resetPin">The RESET line, or null to reset with <c>ZR</c>.</param>
        public EsWifiModule(IEsWifiTransport transport, IClock clock, IResetPin resetPin)
        {
            if (transport == null)
            {
                throw new ArgumentNullException(nameof(transport));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            _transport = transport;
            _resetPin = resetPin;
            Channel = new AtChannel(transport, clock);
            Sockets = new SocketEngine(Channel);
            Wifi = new WifiStation(this);
            Dns = new DnsResolver(this);
            Certificates = new CertificateStore(this);
        }

        /// <summary>The command channel (for the raw AT console and traces).</summary>
        public AtChannel Channel { get; }

        /// <summary>Identity read at <see cref="Initialize()"/>; null before.</summary>
        public ModuleInfo Info { get; private set; }

        /// <summary>Wi-Fi station functions.</summary>
        public WifiStation Wifi { get; }

        /// <summary>Name resolution through the module.</summary>
        public DnsResolver Dns { get; }

        /// <summary>Certificate sets for TLS.</summary>
        public CertificateStore Certificates { get; }

        /// <summary>Timeout of ordinary commands, socket commands included; 5 s by default.</summary>
        public int CommandTimeoutMilliseconds
        {
            get => Sockets.CommandTimeoutMilliseconds;
            set => Sockets.CommandTimeoutMilliseconds = CheckTimeout(value, nameof(CommandTimeoutMilliseconds));
        }

        /// <summary>How long opening a connection may take (TCP connect, and the TLS handshake inside it); 30 s by default.</summary>
        public int ConnectTimeoutMilliseconds
        {
            get => Sockets.ConnectTimeoutMilliseconds;
            set => Sockets.ConnectTimeoutMilliseconds = CheckTimeout(value, nameof(ConnectTimeoutMilliseconds));
        }

        /// <summary>How long the module may take to boot after a reset; 10 s by default.</summary>
        public int BootTimeoutMilliseconds { get; set; } = 10000;

        /// <summary>How long the reset pin is held low; 50 ms by default (10 ms is too short for some modules).</summary>
        public int ResetPulseMilliseconds { get; set; } = 50;

        /// <summary>Module sockets not in use (of 4).</summary>
        public int FreeSockets
        {
            get
            {
                lock (Channel.SyncRoot)
                {
                    return Sockets.FreeCount;
                }
            }
        }

        internal SocketEngine Sockets { get; }

        /// <summary>True on SPI firmware that scans with <c>F0=2</c> and one record per <c>MR</c> (3.5.2.5 and later).</summary>
        internal bool ScansPerRecord =>
            !_transport.PushesMessages && Info != null && Info.Firmware.IsAtLeast(3, 5, 2, 5);

        /// <summary>Resets the module (pin, or <c>ZR</c>) and brings it up; see <see cref="Initialize(bool)"/>.</summary>
        public void Initialize()
        {
            Initialize(true);
        }

        /// <summary>
        /// Brings the module up: optionally resets it (pin if there is one, else <c>ZR</c>) and waits
        /// for the boot prompt, else checks it answers a bare <c>\r</c>; then reads <c>I?</c> and
        /// adapts to the firmware. All sockets of an earlier session become invalid. Call it again
        /// after a <see cref="EsWifiErrorKind.ModuleReset"/> error.
        /// </summary>
        /// <param name="reset">True to reset the module first.</param>
        public void Initialize(bool reset)
        {
            lock (Channel.SyncRoot)
            {
                if (!reset)
                {
                    Channel.Probe(BootTimeoutMilliseconds);
                }
                else if (_resetPin != null)
                {
                    _resetPin.Write(true);
                    Channel.Clock.Sleep(ResetPulseMilliseconds);
                    Channel.Transport.OnModuleReset();
                    _resetPin.Write(false);
                    Channel.AwaitPrompt(BootTimeoutMilliseconds);
                }
                else
                {
                    Channel.Writer.Command("ZR").End();
                    Channel.ExecuteReboot(BootTimeoutMilliseconds);
                }

                Sockets.ModuleRestarted();
                _mac = null;
                Channel.Writer.Command("I?").End();
                Info = ModuleInfo.Parse(Channel.ExecuteOk(CommandTimeoutMilliseconds).PayloadText());

                // C6.2.1.8 and later put an extra CR LF before every OK (protocol.md §11).
                Channel.OkHasExtraCrLf = Info.Firmware.Major >= 6 && Info.Firmware.IsAtLeast(6, 2, 1, 8);
            }
        }

        /// <summary>The module's MAC address (<c>Z5</c>), e.g. <c>C4:7F:51:8E:2B:01</c>.</summary>
        /// <returns>The MAC address.</returns>
        public string GetMacAddress()
        {
            lock (Channel.SyncRoot)
            {
                if (_mac == null)
                {
                    Channel.Writer.Command("Z5").End();
                    _mac = Channel.ExecuteOk(CommandTimeoutMilliseconds).PayloadText();
                }

                return _mac;
            }
        }

        /// <summary>Opens a TCP connection on a free module socket.</summary>
        /// <param name="host">Dotted IPv4 address, or a host name (1–63 bytes) resolved by the module.</param>
        /// <param name="port">Remote port, 1–65535.</param>
        /// <returns>The connection.</returns>
        public EsWifiNetworkStream ConnectTcp(string host, int port)
        {
            CheckEndpoint(host, port);
            lock (Channel.SyncRoot)
            {
                SocketSlot slot = Sockets.Allocate();
                try
                {
                    OpenClient(slot, 0, -1, host, port);
                    return new EsWifiNetworkStream(this, slot, false);
                }
                catch
                {
                    Sockets.Release(slot, slot.Generation);
                    throw;
                }
            }
        }

        /// <summary>
        /// Opens a TLS connection: the module runs the handshake with the options' certificate set and
        /// verification level. Before anything is connected the driver checks (<c>PE</c>) that the set
        /// holds what the level needs, and refuses with <see cref="EsWifiErrorKind.CertificateMissing"/>
        /// instead of connecting unverified.
        /// </summary>
        /// <param name="host">Dotted IPv4 address, or a host name (1–63 bytes) resolved by the module.</param>
        /// <param name="port">Remote port, 1–65535.</param>
        /// <param name="options">Certificate set and verification; <c>new TlsOptions()</c> verifies the server with set 0.</param>
        /// <returns>The connection.</returns>
        public EsWifiSslStream ConnectTls(string host, int port, TlsOptions options)
        {
            CheckEndpoint(host, port);
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            int set = options.CertificateSet;
            TlsVerification verification = options.Verification;
            if (set < 0 || set > CertificateStore.RewritableSet)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "certificate sets are 0 to 3");
            }

            if (verification < TlsVerification.None || verification > TlsVerification.Mutual)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "unknown verification level");
            }

            lock (Channel.SyncRoot)
            {
                if (verification != TlsVerification.None)
                {
                    RequireCredentials(set, verification);
                    Certificates.EnsureSelected(set);
                }

                SocketSlot slot = Sockets.Allocate();
                try
                {
                    OpenClient(slot, 3, (int)verification, host, port);
                    return new EsWifiSslStream(this, slot, host, set, verification);
                }
                catch
                {
                    Sockets.Release(slot, slot.Generation);
                    throw;
                }
            }
        }

        /// <summary>Opens a UDP client socket sending to, and receiving from, <paramref name="host"/>.</summary>
        /// <param name="host">Dotted IPv4 address or host name.</param>
        /// <param name="port">Remote port, 1–65535.</param>
        /// <returns>The socket.</returns>
        public EsWifiUdpSocket OpenUdp(string host, int port)
        {
            CheckEndpoint(host, port);
            lock (Channel.SyncRoot)
            {
                SocketSlot slot = Sockets.Allocate();
                try
                {
                    OpenClient(slot, 1, -1, host, port);
                    return new EsWifiUdpSocket(this, slot);
                }
                catch
                {
                    Sockets.Release(slot, slot.Generation);
                    throw;
                }
            }
        }

        /// <summary>Starts a TCP server on a free module socket.</summary>
        /// <param name="port">Local port, 1–65535.</param>
        /// <returns>The listener.</returns>
        public EsWifiTcpListener Listen(int port)
        {
            if (port < 1 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port));
            }

            lock (Channel.SyncRoot)
            {
                SocketSlot slot = Sockets.Allocate();
                try
                {
                    Sockets.StopIfUncertain(slot);
                    Sockets.Ensure(slot, SocketSlot.Protocol, 0);
                    Sockets.Ensure(slot, SocketSlot.LocalPort, port);
                    Sockets.StartServer(slot);
                    return new EsWifiTcpListener(this, slot, port);
                }
                catch
                {
                    Sockets.Release(slot, slot.Generation);
                    throw;
                }
            }
        }

        /// <summary>
        /// Collects unsolicited messages into <see cref="AtChannel.Messages"/>: those already pushed
        /// (UART), or by one <c>MR</c> (SPI). Caller holds the channel lock.
        /// </summary>
        internal void CollectMessages()
        {
            if (_transport.PushesMessages)
            {
                Channel.PollMessages();
                return;
            }

            Channel.Writer.Command("MR").End();
            AtResponse answer = Channel.ExecuteOk(CommandTimeoutMilliseconds);
            int area;
            int areaLength;
            if (!answer.TryGetMessageArea(out area, out areaLength))
            {
                return;
            }

            int end = area + areaLength;
            int position = area;
            int message;
            int length;
            while ((position = answer.NextMessage(position, end, out message, out length)) >= 0)
            {
                Channel.Messages.Enqueue(AsciiBytes.ToText(answer.Buffer, message, length));
            }
        }

        /// <summary>P1, P9 for TLS (<paramref name="tlsLevel"/> -1: not TLS), the remote end, then P6=1.</summary>
        private void OpenClient(SocketSlot slot, int protocol, int tlsLevel, string host, int port)
        {
            Sockets.StopIfUncertain(slot);
            Sockets.Ensure(slot, SocketSlot.Protocol, protocol);
            if (tlsLevel >= 0)
            {
                Sockets.Ensure(slot, SocketSlot.TlsLevel, tlsLevel);
            }

            Sockets.SetRemote(slot, host, _scratch);
            Sockets.Ensure(slot, SocketSlot.RemotePort, port);
            Sockets.StartClient(slot);
        }

        private void RequireCredentials(int set, TlsVerification verification)
        {
            CertificateSetStatus status = Certificates.CachedStatus(set);
            if (!status.HasRootCa)
            {
                throw new EsWifiException(EsWifiErrorKind.CertificateMissing, "certificate set " + set.ToString() + " has no root CA: cannot verify the server (program one, or choose TlsVerification.None by name)");
            }

            if (verification == TlsVerification.Mutual && (!status.HasCertificate || !status.HasPrivateKey))
            {
                throw new EsWifiException(EsWifiErrorKind.CertificateMissing, "mutual TLS needs a client certificate and key in set " + set.ToString());
            }
        }

        private static int CheckTimeout(int milliseconds, string name)
        {
            if (milliseconds < 1 || milliseconds > 300000)
            {
                throw new ArgumentOutOfRangeException(name);
            }

            return milliseconds;
        }

        private static void CheckEndpoint(string host, int port)
        {
            TextArgument.Validate(host, nameof(host), 1, DnsResolver.MaxHostNameLength, false);
            if (port < 1 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port));
            }
        }
    }
}
