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
    /// var module = new EsWifiModule(transport, new EsWifiOptions { ResetPin = reset });
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
        private readonly EsWifiOptions _options;
        private string _mac;

        /// <summary>A module on <paramref name="transport"/>, with the default options (real time, no reset pin: soft reset by <c>ZR</c>).</summary>
        /// <param name="transport">The framed link (UART or SPI).</param>
        public EsWifiModule(IEsWifiTransport transport)
            : this(transport, new EsWifiOptions())
        {
        }

        /// <summary>A module on <paramref name="transport"/>.</summary>
        /// <param name="transport">The framed link (UART or SPI).</param>
        /// <param name="options">Timeouts, clock and reset line; the module keeps a checked copy.</param>
        public EsWifiModule(IEsWifiTransport transport, EsWifiOptions options)
        {
            if (transport == null)
            {
                throw new ArgumentNullException(nameof(transport));
            }

            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            _transport = transport;
            _options = options.Checked();

            // A new driver knows nothing of the module: it may hold sockets and a join from before
            // the host (re)started.
            Life = new ModuleLife();
            Channel = new AtChannel(transport, _options.Clock, AtChannel.DefaultResponseCapacity, Life);
            Channel.ResetLine = _options.ResetPin;
            Channel.ResetPulseMilliseconds = _options.ResetPulseMilliseconds;
            Channel.BootTimeoutMilliseconds = _options.BootTimeoutMilliseconds;
            Sockets = new SocketEngine(Channel, _options);
            Wifi = new WifiStation(this);
            Dns = new DnsResolver(this);
            Certificates = new CertificateStore(this);
        }

        /// <summary>Identity read at <see cref="Initialize()"/>; null before.</summary>
        public ModuleInfo Info { get; private set; }

        /// <summary>Wi-Fi station functions.</summary>
        public WifiStation Wifi { get; }

        /// <summary>Name resolution through the module.</summary>
        public DnsResolver Dns { get; }

        /// <summary>Certificate sets for TLS.</summary>
        public CertificateStore Certificates { get; }

        /// <summary>
        /// Receives a redacted rendering of every exchange with the module (passphrases and key bytes
        /// never appear); null for none.
        /// </summary>
        public AtTraceHandler Trace
        {
            get => Channel.Trace;
            set => Channel.Trace = value;
        }

        /// <summary>Timeout of ordinary commands, as given in the options.</summary>
        public int CommandTimeoutMilliseconds => _options.CommandTimeoutMilliseconds;

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

        /// <summary>Commands sent to the module so far (each is one round trip).</summary>
        public int CommandCount => Channel.CommandCount;

        /// <summary>Module resets the driver noticed (boot prompts that arrived unasked).</summary>
        public int ResetCount => Channel.ResetCount;

        internal AtChannel Channel { get; }

        /// <summary>What the driver knows of the module's life (one owner; docs/architecture.md).</summary>
        internal ModuleLife Life { get; }

        internal SocketEngine Sockets { get; }

        internal EsWifiOptions Options => _options;

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
        /// adapts to the firmware. All sockets of an earlier session become invalid. With a reset the
        /// module starts clean and the last <see cref="WifiStation.Join"/> is forgotten; without one
        /// (the host restarted, or brings the module back after a <see cref="EsWifiErrorKind.ModuleReset"/>)
        /// every socket it may still hold is stopped before its next use, and the last join, if any,
        /// is checked and made again when the module lost it.
        /// </summary>
        /// <param name="reset">True to reset the module first.</param>
        public void Initialize(bool reset)
        {
            lock (Channel.SyncRoot)
            {
                if (!reset)
                {
                    Channel.Probe(_options.BootTimeoutMilliseconds);
                    Life.HostProbed();
                }
                else if (_options.ResetPin != null)
                {
                    ResetPulse.Apply(_options.ResetPin, _options.Clock, _options.ResetPulseMilliseconds, _transport);
                    Channel.AwaitPrompt(_options.BootTimeoutMilliseconds);
                    Channel.HostResetDone();
                }
                else
                {
                    Channel.Writer.Command("ZR").End();
                    Channel.ExecuteReboot(_options.BootTimeoutMilliseconds);
                    Channel.HostResetDone();
                }

                _mac = null;
                Channel.Writer.Command("I?").End();
                string identity = Channel.ExecuteOkAfterProbe(_options.CommandTimeoutMilliseconds).PayloadText();
                Info = ModuleInfo.Parse(identity);

                // C6.2.1.8 and later put an extra CR LF before every OK (protocol.md §11).
                Channel.OkHasExtraCrLf = Info.Firmware.Major >= 6 && Info.Firmware.IsAtLeast(6, 2, 1, 8);

                // The resync marker is the I? payload as the parser will see it from now on.
                int length = identity.Length;
                bool extra = Channel.OkHasExtraCrLf && length >= 2 && identity[length - 2] == '\r' && identity[length - 1] == '\n';
                Channel.SyncAnswer = extra ? identity.Substring(0, length - 2) : identity;
                if (reset)
                {
                    Life.ForgetJoin();
                }
                else
                {
                    RestoreAfterFault();
                }
            }
        }

        /// <summary>
        /// Tells the driver the module was reset by means it does not control (power, a reset line
        /// not given in <see cref="EsWifiOptions.ResetPin"/>), after a cut payload left it in
        /// <see cref="EsWifiErrorKind.ResetRequired"/>; call <see cref="Initialize()"/> next. Saying so
        /// without a reset would let the next command complete the cut payload.
        /// </summary>
        public void AcknowledgeExternalReset()
        {
            Channel.ForgetCutPayload();
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
                    _mac = Channel.ExecuteOk(_options.CommandTimeoutMilliseconds).PayloadText();
                }

                return _mac;
            }
        }

        /// <summary>
        /// Sends one text command as typed (for consoles and diagnostics), e.g. <c>I?</c> or
        /// <c>P0=1</c>, and returns the module's answer. Refused before anything is sent: commands
        /// that carry a binary payload (<c>S0</c>, <c>S3</c>, <c>PG</c>, <c>PC</c>, <c>PD</c>: the
        /// module would take the next commands as payload and could burn a certificate slot) and
        /// commands that answer without an envelope (<c>ZR</c>, <c>U0</c>), whatever their case.
        /// </summary>
        /// <param name="line">The command without its <c>\r</c>: two letters, optionally <c>=</c> and arguments.</param>
        /// <param name="timeoutMilliseconds">How long the module may take (1 to 300000).</param>
        /// <returns>The answer.</returns>
        public RawAnswer SendRawCommand(string line, int timeoutMilliseconds)
        {
            string name = RawAnswer.CommandNameOf(line);
            if (RawAnswer.IsRefused(name))
            {
                throw new ArgumentException(name + " is not sent as a raw command: " + RawAnswer.RefusalReason(name), nameof(line));
            }

            string arguments = line.Trim().Substring(2);
            if (arguments.Length > 0 && arguments[0] == '=')
            {
                arguments = arguments.Substring(1);
            }

            lock (Channel.SyncRoot)
            {
                AtCommandWriter writer = Channel.Writer.Command(name);
                if (arguments.Length > 0)
                {
                    writer.Text(arguments, "arguments", AtCommandWriter.DefaultCapacity - 8, true);
                }

                writer.End();
                RawAnswer answer = RawAnswer.From(Channel.Execute(timeoutMilliseconds), name);

                // A console may have changed what the driver relies on (CD, C0, a socket): check the
                // join before the next use.
                if (name.Length < 2 || name[1] != '?')
                {
                    Life.Doubt();
                }

                return answer;
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
                RestoreAfterFault();
                return new EsWifiNetworkStream(Sockets.Open(SocketConnection.Stream, 0, -1, host, port));
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
                RestoreAfterFault();
                if (verification != TlsVerification.None)
                {
                    RequireCredentials(set, verification);
                    Certificates.EnsureSelected(set);
                }

                SocketConnection connection = Sockets.Open(SocketConnection.Stream, 3, (int)verification, host, port);
                return new EsWifiSslStream(connection, host, set, verification);
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
                RestoreAfterFault();
                return new EsWifiUdpSocket(Sockets.Open(SocketConnection.Datagram, 1, -1, host, port));
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
                RestoreAfterFault();
                return new EsWifiTcpListener(Sockets.Open(SocketConnection.Server, 0, -1, null, port), port);
            }
        }

        /// <summary>
        /// Before an operation that needs the network: when a join is to be restored and the module is
        /// not known to hold it (after a reset, a probe, or a command that failed without a clear
        /// answer), one <c>CS</c>, and the last <see cref="WifiStation.Join"/> again when the module
        /// lost it. Nothing is sent while the join is known to hold. Caller holds the channel lock.
        /// </summary>
        internal void RestoreAfterFault()
        {
            if (Life.JoinNeedsCheck)
            {
                Wifi.RejoinIfLost();
            }
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
