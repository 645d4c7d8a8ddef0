using System;
using System.Collections;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Mqtt
{
    /// <summary>
    /// An MQTT 3.1.1 client over the module's TCP or TLS connection, behind nanoFramework.M2Mqtt's
    /// <see cref="IMqttClient"/>: code written for M2Mqtt, and libraries that take an IMqttClient (the Azure
    /// IoT FullyManaged DeviceClient), work over the module unchanged. QoS 0 and 1 both ways; QoS 2 is
    /// refused with <see cref="NotSupportedException"/>. Every event is raised from one receiver thread
    /// per connection; a received message costs its topic string, its payload array and its event
    /// arguments, nothing more. <see cref="Connect"/> waits for the broker's CONNACK;
    /// <see cref="Publish(string, byte[])"/>, <see cref="Subscribe"/> and <see cref="Unsubscribe"/>
    /// return the packet identifier at once and their acknowledgement arrives as an event.
    /// </summary>
    public sealed class EsWifiMqttClient : IMqttClient
    {
        /// <summary>The default for <see cref="MaxPacketSize"/>: 128 KiB.</summary>
        public const int DefaultMaxPacketSize = 131072;

        /// <summary>How many QoS 1 messages may wait for their PUBACK at once.</summary>
        public const int MaxInflight = 8;

        private static readonly byte[] NoBytes = new byte[0];

        private readonly EsWifiModule _module;
        private readonly TlsOptions _tls;
        private readonly object _connectLock = new object();
        private readonly object _stateLock = new object();
        private readonly object _writeLock = new object();
        private readonly PacketWriter _writer = new PacketWriter(AtChannel.MaxDataPayload);
        private readonly PacketReader _reader = new PacketReader(2 * AtChannel.MaxDataPayload);
        private readonly InflightMessages _inflight = new InflightMessages(MaxInflight);
        private readonly Receiver _receiver;

        private string _host;
        private int _port;
        private bool _secure;
        private bool _initialized;
        private EsWifiNetworkStream _stream;
        private bool _connected;
        private int _nextId;
        private int _timeout;

        /// <summary>A client that verifies a TLS broker with the root CA of certificate set 0.</summary>
        /// <param name="module">The initialized, joined module.</param>
        public EsWifiMqttClient(EsWifiModule module)
            : this(module, new TlsOptions())
        {
        }

        /// <summary>A client whose TLS connections use <paramref name="tls"/>'s certificate set and verification level.</summary>
        /// <param name="module">The initialized, joined module.</param>
        /// <param name="tls">Certificate set and level (<c>P9</c>); copied, so later changes to it do not apply.</param>
        public EsWifiMqttClient(EsWifiModule module, TlsOptions tls)
        {
            if (module == null)
            {
                throw new ArgumentNullException(nameof(module));
            }

            if (tls == null)
            {
                throw new ArgumentNullException(nameof(tls));
            }

            _module = module;
            _tls = new TlsOptions(tls.CertificateSet, tls.Verification);
            _receiver = new Receiver(this);
            MaxPacketSize = DefaultMaxPacketSize;
            _timeout = 10000;
        }

        /// <summary>Raised for each message the broker delivers; a QoS 1 message is acknowledged when the handler returns. An exception from any handler is caught and the session goes on.</summary>
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;

        /// <summary>Raised when the broker acknowledges a QoS 1 message (PUBACK); QoS 0 messages have no acknowledgement and raise nothing.</summary>
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;

        /// <summary>Raised on the broker's SUBACK, with the QoS granted to each filter (<see cref="MqttQoSLevel.GrantedFailure"/> for a refused one).</summary>
        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed;

        /// <summary>Raised on the broker's UNSUBACK.</summary>
        public event IMqttClient.MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;

        /// <summary>
        /// Raised once when a connection ends, whatever ended it (Disconnect, Close, the broker, the
        /// module, a malformed packet, a missed keep-alive); <see cref="LastCloseReason"/> says which.
        /// A handler may call <see cref="Connect"/> again.
        /// </summary>
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;

        /// <summary>True between a successful <see cref="Connect"/> and the end of that connection.</summary>
        public bool IsConnected => _connected;

        /// <summary>The TLS settings the client connects with (a copy of the constructor's).</summary>
        public TlsOptions Tls => new TlsOptions(_tls.CertificateSet, _tls.Verification);

        /// <summary>
        /// Whether <see cref="Init"/> may program certificate bytes into an empty slot of the set (a
        /// write-once slot of sets 0–2 can never be changed again) or replace them in set 3. False by
        /// default: Init then only verifies what the set holds and refuses otherwise.
        /// </summary>
        public bool ProgramCertificatesFromInit { get; set; }

        /// <summary>The largest packet accepted from the broker; a larger one ends the connection as malformed before it is read.</summary>
        public int MaxPacketSize
        {
            get => _reader.MaxPacketSize;
            set
            {
                if (value < 16)
                {
                    throw new ArgumentOutOfRangeException(nameof(MaxPacketSize));
                }

                _reader.MaxPacketSize = value;
            }
        }

        /// <summary>How long Connect waits for CONNACK and a write may take; 10 s by default (1 to 30000 ms).</summary>
        public int TimeoutMilliseconds
        {
            get => _timeout;
            set
            {
                if (value < 1 || value > 30000)
                {
                    throw new ArgumentOutOfRangeException(nameof(TimeoutMilliseconds), "1 to 30000 ms");
                }

                _timeout = value;
            }
        }

        /// <summary>QoS 1 messages sent and not yet acknowledged; they are sent again after a Connect that keeps the session.</summary>
        public int PendingAcknowledgements
        {
            get
            {
                lock (_stateLock)
                {
                    return _inflight.Count;
                }
            }
        }

        /// <summary>Why the last connection ended, in words (null while it lasts and before the first one).</summary>
        public string LastCloseReason { get; private set; }

        /// <summary>
        /// Sets the broker. With <paramref name="secure"/> the connection is TLS terminated in the module
        /// with the constructor's certificate set and level, never unverified unless those options say so.
        /// Certificate bytes are checked against the set (see <see cref="ProgramCertificatesFromInit"/>):
        /// <paramref name="caCert"/> is a PEM root CA; <paramref name="clientCert"/> is the PEM client
        /// certificate followed by its PEM private key. Null leaves the set as provisioned.
        /// </summary>
        /// <param name="brokerHostName">Host name (1–63 bytes) or dotted IPv4 address.</param>
        /// <param name="brokerPort">Port, 1–65535 (1883 plain, 8883 TLS by convention).</param>
        /// <param name="secure">TLS through the module.</param>
        /// <param name="caCert">PEM root CA to verify or program, or null.</param>
        /// <param name="clientCert">PEM certificate and private key to verify or program, or null.</param>
        /// <param name="sslProtocol">Not used: the module negotiates its TLS version itself.</param>
        public void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol)
        {
            if (brokerHostName == null)
            {
                throw new ArgumentNullException(nameof(brokerHostName));
            }

            if (brokerPort < 1 || brokerPort > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(brokerPort));
            }

            if (!secure && (caCert != null || clientCert != null))
            {
                throw new ArgumentException("certificates were given for a connection without TLS (secure is false)");
            }

            lock (_connectLock)
            {
                if (_connected)
                {
                    throw new InvalidOperationException("the client is connected: Disconnect before Init");
                }

                if (secure && (caCert != null || clientCert != null))
                {
                    BrokerCredentials.Apply(_module, _tls, caCert, clientCert, ProgramCertificatesFromInit);
                }

                _host = brokerHostName;
                _port = brokerPort;
                _secure = secure;
                _initialized = true;
            }
        }

        /// <summary>
        /// Opens the connection (TCP, or TLS in the module), sends CONNECT and waits for CONNACK. With
        /// <paramref name="cleanSession"/> false, QoS 1 messages still unacknowledged from the last
        /// connection are sent again, marked as duplicates.
        /// </summary>
        /// <param name="clientId">Client identifier (empty only with a clean session).</param>
        /// <param name="username">User name, or null.</param>
        /// <param name="password">Password, or null; never traced or put in a message.</param>
        /// <param name="willRetain">Retain the will message.</param>
        /// <param name="willQosLevel">QoS of the will message.</param>
        /// <param name="willFlag">Send a will.</param>
        /// <param name="willTopic">Will topic (with <paramref name="willFlag"/>).</param>
        /// <param name="willMessage">Will message, sent as UTF-8 (with <paramref name="willFlag"/>).</param>
        /// <param name="cleanSession">Start a new session instead of resuming the broker's.</param>
        /// <param name="keepAlivePeriod">Seconds; the client pings when idle that long, 0 for never.</param>
        /// <returns><see cref="MqttReasonCode.Success"/>, or the broker's refusal (ConnectionRefused…, 1–5); the connection is closed on a refusal.</returns>
        /// <exception cref="MqttClientException">No CONNACK in time, the connection ended first, or a malformed answer.</exception>
        /// <exception cref="EsWifiException">The module could not connect (host not found, refused, TLS handshake failed, ...).</exception>
        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod)
        {
            CheckConnectArguments(clientId, username, password, willQosLevel, willFlag, willTopic, willMessage, cleanSession);

            // The last connection's receiver finishes first (outside the lock: its ConnectionClosed handler
            // may itself be calling Connect); called from that handler, it is already done with the reader.
            Thread previous;
            lock (_stateLock)
            {
                if (_connected)
                {
                    throw new InvalidOperationException("the client is already connected");
                }

                previous = _receiver.Current;
            }

            _receiver.Join(previous);
            lock (_connectLock)
            {
                if (!_initialized)
                {
                    throw new InvalidOperationException("call Init with the broker before Connect");
                }

                if (_connected)
                {
                    throw new InvalidOperationException("the client is already connected");
                }

                int timeout = _timeout;
                EsWifiNetworkStream stream = _secure ? _module.ConnectTls(_host, _port, _tls) : _module.ConnectTcp(_host, _port);
                try
                {
                    stream.WriteTimeout = timeout;
                    stream.ReadTimeout = timeout;
                    _reader.Reset(stream);
                    int code;
                    try
                    {
                        lock (_writeLock)
                        {
                            _stream = stream;
                            int length = _writer.Connect(clientId, username, password, willFlag, willRetain, (int)willQosLevel, willTopic, willMessage, cleanSession, keepAlivePeriod);

                            // CONNECT carries the user name and password: a trace shows only its length.
                            stream.WriteSecret(_writer.Buffer, 0, length);
                        }

                        code = ReadConnAck(timeout);
                    }
                    catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.ConnectionClosed || e.Kind == EsWifiErrorKind.ConnectionBroken)
                    {
                        throw ClosedBeforeConnAck(e);
                    }

                    if (code != 0)
                    {
                        Abandon(stream);
                        return (MqttReasonCode)code;
                    }

                    lock (_stateLock)
                    {
                        if (cleanSession)
                        {
                            _inflight.Clear();
                        }

                        _connected = true;
                        LastCloseReason = null;
                    }

                    ResendInflight();
                }
                catch
                {
                    Abandon(stream);
                    throw;
                }

                _receiver.Start(stream, keepAlivePeriod * 1000);
                return MqttReasonCode.Success;
            }
        }

        /// <summary>Sends DISCONNECT and closes the connection; no will is published. Nothing happens when not connected.</summary>
        public void Disconnect()
        {
            End(true);
        }

        /// <summary>Closes the connection without DISCONNECT (the broker publishes the will, if any). Nothing happens when not connected.</summary>
        public void Close()
        {
            End(false);
        }

        /// <summary>
        /// Subscribes to topic filters at QoS 0 or 1. Returns the packet identifier; the grant arrives as
        /// <see cref="MqttMsgSubscribed"/>.
        /// </summary>
        /// <param name="topics">Topic filters (wildcards allowed).</param>
        /// <param name="qosLevels">Requested QoS per filter: AtMostOnce or AtLeastOnce.</param>
        /// <returns>The SUBSCRIBE's packet identifier.</returns>
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels)
        {
            CheckTopics(topics, nameof(topics));
            if (qosLevels == null || qosLevels.Length != topics.Length)
            {
                throw new ArgumentException("one QoS level per topic filter", nameof(qosLevels));
            }

            for (int i = 0; i < qosLevels.Length; i++)
            {
                CheckQos(qosLevels[i], nameof(qosLevels));
            }

            ushort id = NextIdWhileConnected();
            lock (_writeLock)
            {
                Send(_writer.Subscribe(id, topics, qosLevels));
            }

            return id;
        }

        /// <summary>Unsubscribes from topic filters. Returns the packet identifier; <see cref="MqttMsgUnsubscribed"/> follows.</summary>
        /// <param name="topics">The filters, as subscribed.</param>
        /// <returns>The UNSUBSCRIBE's packet identifier.</returns>
        public ushort Unsubscribe(string[] topics)
        {
            CheckTopics(topics, nameof(topics));
            ushort id = NextIdWhileConnected();
            lock (_writeLock)
            {
                Send(_writer.Unsubscribe(id, topics));
            }

            return id;
        }

        /// <summary>
        /// Publishes a message. QoS 1 messages are kept (the array itself: do not change it until
        /// <see cref="MqttMsgPublished"/>) until the broker acknowledges them, and sent again after a
        /// reconnect that keeps the session.
        /// </summary>
        /// <param name="topic">Topic name (no wildcards).</param>
        /// <param name="message">Payload, any bytes; null is an empty payload.</param>
        /// <param name="contentType">MQTT 5 only: must be null.</param>
        /// <param name="userProperties">MQTT 5 only: must be null or empty.</param>
        /// <param name="qosLevel">AtMostOnce or AtLeastOnce.</param>
        /// <param name="retain">Ask the broker to retain it.</param>
        /// <returns>The packet identifier for QoS 1 (matched by <see cref="MqttMsgPublished"/>); 0 for QoS 0.</returns>
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain)
        {
            CheckTopic(topic, nameof(topic), false);
            if (contentType != null || (userProperties != null && userProperties.Count > 0))
            {
                throw new NotSupportedException("content type and user properties are MQTT 5; this client speaks MQTT 3.1.1");
            }

            CheckQos(qosLevel, nameof(qosLevel));
            byte[] payload = message ?? NoBytes;
            int qos = (int)qosLevel;
            ushort id = 0;
            lock (_stateLock)
            {
                CheckConnected();
                if (qos == 1)
                {
                    if (_inflight.IsFull)
                    {
                        throw new MqttClientException(MqttClientError.InflightFull, MaxInflight.ToString() + " QoS 1 messages already wait for their acknowledgement");
                    }

                    id = NextId();
                    _inflight.Add(id, topic, payload, retain);
                }
            }

            lock (_writeLock)
            {
                SendPublish(topic, payload, qos, retain, false, id);
            }

            return id;
        }

        /// <summary>Publishes at QoS 0, not retained (<paramref name="contentType"/> must be null: MQTT 5 only).</summary>
        /// <param name="topic">Topic name.</param>
        /// <param name="message">Payload.</param>
        /// <param name="contentType">Must be null.</param>
        /// <returns>0.</returns>
        public ushort Publish(string topic, byte[] message, string contentType)
        {
            return Publish(topic, message, contentType, null, MqttQoSLevel.AtMostOnce, false);
        }

        /// <summary>Publishes at QoS 0, not retained.</summary>
        /// <param name="topic">Topic name.</param>
        /// <param name="message">Payload.</param>
        /// <returns>0.</returns>
        public ushort Publish(string topic, byte[] message)
        {
            return Publish(topic, message, null, null, MqttQoSLevel.AtMostOnce, false);
        }

        // --- for the receiver ---------------------------------------------------------------

        internal PacketReader Reader => _reader;

        internal void SendPing()
        {
            lock (_writeLock)
            {
                Send(_writer.Bare(PacketType.PingReq));
            }
        }

        internal void SendPubAck(ushort id)
        {
            lock (_writeLock)
            {
                Send(_writer.PubAck(id));
            }
        }

        internal bool Acknowledged(ushort id)
        {
            lock (_stateLock)
            {
                return _inflight.Remove(id);
            }
        }

        /// <summary>The receiver's last act for a connection: the state goes, then the event is raised.</summary>
        internal void Ended(EsWifiNetworkStream stream, string reason)
        {
            lock (_stateLock)
            {
                if (_stream != stream)
                {
                    return;
                }

                _connected = false;
                _stream = null;
                LastCloseReason = reason;
            }

            Release(stream);
            IMqttClient.ConnectionClosedEventHandler handler = ConnectionClosed;
            if (handler != null)
            {
                try
                {
                    handler(this, EventArgs.Empty);
                }
                catch (Exception)
                {
                    // As for RaiseReceived.
                }
            }
        }

        internal void RaiseReceived(MqttMsgPublishEventArgs e)
        {
            IMqttClient.MqttMsgPublishEventHandler handler = MqttMsgPublishReceived;
            if (handler != null)
            {
                try
                {
                    handler(this, e);
                }
                catch (Exception)
                {
                    // A handler's failure is the application's: the session goes on (and a QoS 1 message is acknowledged).
                }
            }
        }

        internal void RaisePublished(ushort id)
        {
            IMqttClient.MqttMsgPublishedEventHandler handler = MqttMsgPublished;
            if (handler != null)
            {
                try
                {
                    handler(this, new MqttMsgPublishedEventArgs(id, true));
                }
                catch (Exception)
                {
                    // As for RaiseReceived.
                }
            }
        }

        internal void RaiseSubscribed(ushort id, MqttQoSLevel[] granted)
        {
            IMqttClient.MqttMsgSubscribedEventHandler handler = MqttMsgSubscribed;
            if (handler != null)
            {
                try
                {
                    handler(this, new MqttMsgSubscribedEventArgs(id, granted));
                }
                catch (Exception)
                {
                    // As for RaiseReceived.
                }
            }
        }

        internal void RaiseUnsubscribed(ushort id)
        {
            IMqttClient.MqttMsgUnsubscribedEventHandler handler = MqttMsgUnsubscribed;
            if (handler != null)
            {
                try
                {
                    handler(this, new MqttMsgUnsubscribedEventArgs(id));
                }
                catch (Exception)
                {
                    // As for RaiseReceived.
                }
            }
        }

        // --- connection ---------------------------------------------------------------------

        private int ReadConnAck(int timeout)
        {
            bool got;
            try
            {
                got = _reader.Next();
            }
            catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.Timeout)
            {
                throw new MqttClientException(MqttClientError.Timeout, "the broker sent no CONNACK within " + timeout.ToString() + " ms", e);
            }

            if (!got)
            {
                throw ClosedBeforeConnAck(null);
            }

            if (_reader.Type != PacketType.ConnAck || _reader.BodyLength != 2 || _reader.Flags != 0)
            {
                throw new MqttClientException(MqttClientError.MalformedPacket, "the broker answered CONNECT with something other than a CONNACK");
            }

            int code = _reader.Body[_reader.BodyOffset + 1];
            if (code > 5 || (_reader.Body[_reader.BodyOffset] & 0xFE) != 0)
            {
                throw new MqttClientException(MqttClientError.MalformedPacket, "the broker sent a CONNACK with reserved bits or return code " + code.ToString());
            }

            return code;
        }

        private MqttClientException ClosedBeforeConnAck(Exception cause)
        {
            string hint = _secure && _tls.Verification != TlsVerification.Mutual
                ? " (a broker that requires a client certificate does this to a client without one: use TlsVerification.Mutual with a certificate set that holds one)"
                : string.Empty;
            return new MqttClientException(MqttClientError.ConnectionLost, "the broker closed the connection before its CONNACK" + hint, cause);
        }

        // A connection that never became a session: closed, and forgotten without an event.
        private void Abandon(EsWifiNetworkStream stream)
        {
            lock (_stateLock)
            {
                _connected = false;
                _stream = null;
            }

            Release(stream);
        }

        private void ResendInflight()
        {
            lock (_writeLock)
            {
                for (int i = 0; i < _inflight.Count; i++)
                {
                    SendPublish(_inflight.TopicAt(i), _inflight.PayloadAt(i), 1, _inflight.RetainAt(i), true, _inflight.IdAt(i));
                }
            }
        }

        private void End(bool disconnect)
        {
            Thread ending;
            lock (_connectLock)
            {
                EsWifiNetworkStream stream;
                lock (_stateLock)
                {
                    stream = _stream;
                }

                if (stream == null)
                {
                    return;
                }

                if (disconnect)
                {
                    try
                    {
                        lock (_writeLock)
                        {
                            stream.Write(_writer.Buffer, 0, _writer.Bare(PacketType.Disconnect));
                        }
                    }
                    catch (Exception)
                    {
                        // The connection is going anyway; what matters is that it is closed below.
                    }
                }

                ending = _receiver.Stop(disconnect ? "the client disconnected" : "the client closed the connection");
                Release(stream);
            }

            // Waited for outside the lock: a ConnectionClosed handler that connects again must not wait for us.
            _receiver.Join(ending);
        }

        // --- writing --------------------------------------------------------------------------

        // Call with _writeLock held.
        private void SendPublish(string topic, byte[] payload, int qos, bool retain, bool dup, ushort id)
        {
            int copied;
            int length = _writer.Publish(topic, payload, qos, retain, dup, id, out copied);
            Send(length);
            if (copied < payload.Length)
            {
                Write(payload, copied, payload.Length - copied);
            }
        }

        // Call with _writeLock held.
        private void Send(int length)
        {
            Write(_writer.Buffer, 0, length);
        }

        private void Write(byte[] buffer, int offset, int count)
        {
            EsWifiNetworkStream stream = _stream;
            if (stream == null)
            {
                throw new MqttClientException(MqttClientError.NotConnected, "the client is not connected");
            }

            try
            {
                stream.Write(buffer, offset, count);
                _receiver.Sent();
            }
            catch (ObjectDisposedException e)
            {
                throw new MqttClientException(MqttClientError.ConnectionLost, "the connection closed during the write", e);
            }
            catch (EsWifiException e)
            {
                // A half-written packet leaves the session unusable: end it, the receiver reports it.
                Release(stream);
                throw new MqttClientException(MqttClientError.ConnectionLost, "the write failed and the connection was closed: " + e.Message, e);
            }
        }

        private static void Release(EsWifiNetworkStream stream)
        {
            try
            {
                stream.Close();
            }
            catch (Exception)
            {
                // Closing a connection the module already lost can fail; it is gone either way.
            }
        }

        // --- identifiers and checks -------------------------------------------------------------

        private ushort NextIdWhileConnected()
        {
            lock (_stateLock)
            {
                CheckConnected();
                return NextId();
            }
        }

        // Call with _stateLock held. Skips 0 and identifiers still waiting for an acknowledgement.
        private ushort NextId()
        {
            do
            {
                _nextId = _nextId == 65535 ? 1 : _nextId + 1;
            }
            while (_inflight.Contains((ushort)_nextId));

            return (ushort)_nextId;
        }

        private void CheckConnected()
        {
            if (!_connected)
            {
                throw new MqttClientException(MqttClientError.NotConnected, "the client is not connected");
            }
        }

        private static void CheckQos(MqttQoSLevel qos, string name)
        {
            if (qos == MqttQoSLevel.ExactlyOnce)
            {
                throw new NotSupportedException("QoS 2 (ExactlyOnce) is not supported: use AtLeastOnce");
            }

            if (qos != MqttQoSLevel.AtMostOnce && qos != MqttQoSLevel.AtLeastOnce)
            {
                throw new ArgumentOutOfRangeException(name);
            }
        }

        private static void CheckTopics(string[] topics, string name)
        {
            if (topics == null || topics.Length == 0)
            {
                throw new ArgumentException("at least one topic filter", name);
            }

            for (int i = 0; i < topics.Length; i++)
            {
                CheckTopic(topics[i], name, true);
            }
        }

        private static void CheckTopic(string topic, string name, bool filter)
        {
            if (topic == null)
            {
                throw new ArgumentNullException(name);
            }

            int length = AsciiBytes.Utf8Length(topic);
            if (length < 1 || length > 65535)
            {
                throw new ArgumentException("a topic is 1 to 65535 bytes of UTF-8", name);
            }

            for (int i = 0; i < topic.Length; i++)
            {
                char c = topic[i];
                if (c == '\0')
                {
                    throw new ArgumentException("a topic holds no NUL character", name);
                }

                if (!filter && (c == '+' || c == '#'))
                {
                    throw new ArgumentException("a topic name to publish to holds no wildcard (+ or #)", name);
                }
            }
        }

        private static void CheckString(string value, string name)
        {
            if (value != null && AsciiBytes.Utf8Length(value) > 65535)
            {
                throw new ArgumentException("at most 65535 bytes of UTF-8", name);
            }
        }

        private static void CheckConnectArguments(string clientId, string username, string password, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession)
        {
            if (clientId == null)
            {
                throw new ArgumentNullException(nameof(clientId));
            }

            if (clientId.Length == 0 && !cleanSession)
            {
                throw new ArgumentException("an empty client identifier needs a clean session (MQTT 3.1.1, 3.1.3.1)", nameof(clientId));
            }

            CheckString(clientId, nameof(clientId));
            CheckString(username, nameof(username));
            CheckString(password, nameof(password));
            if (password != null && username == null)
            {
                throw new ArgumentException("MQTT 3.1.1 sends a password only with a user name", nameof(password));
            }

            if (willFlag)
            {
                CheckTopic(willTopic, nameof(willTopic), false);
                if (willMessage == null)
                {
                    throw new ArgumentNullException(nameof(willMessage));
                }

                CheckString(willMessage, nameof(willMessage));
                if (willQosLevel != MqttQoSLevel.AtMostOnce && willQosLevel != MqttQoSLevel.AtLeastOnce && willQosLevel != MqttQoSLevel.ExactlyOnce)
                {
                    throw new ArgumentOutOfRangeException(nameof(willQosLevel));
                }
            }
        }
    }
}
