namespace EsWifi
{
    /// <summary>
    /// Everything the driver knows about the module's life, in one place: which life it is in (the
    /// generation, new with every reset), whether its sockets are known idle, whether it is joined,
    /// the join to restore after it lost one, whether a payload may still be waiting for bytes, and
    /// whether it was told to keep server messages to itself. Facts change only through the events
    /// below, each named after what happened; the channel, the socket layer, Wi-Fi and the
    /// certificate store report events and read facts, none of them keeps a copy.
    /// </summary>
    /// <remarks>
    /// Who reports what (docs/architecture.md, "The module's life"): the host's own resets and probes
    /// (<see cref="EsWifiModule.Initialize(bool)"/>, the cut-payload guard's reset line); resets the
    /// channel notices (a boot prompt unasked, an answer cut by one); commands that failed without a
    /// clear answer (the channel); a network the module lost and doubts a refused connect raises (the
    /// socket layer); joins confirmed, refused and left (Wi-Fi). Every event and every read happens
    /// under the channel lock.
    /// </remarks>
    internal sealed class ModuleLife
    {
        /// <summary>Nothing known: the host just started, probed a module it did not reset, or a fault left it unsure. Ask <c>CS</c>.</summary>
        internal const int JoinUnknown = 0;

        /// <summary>Known not joined: the host reset it, it left, it lost the network, or <c>CS</c> said 0.</summary>
        internal const int NotJoined = 1;

        /// <summary>Joined in this life: <c>C0</c> or <c>CS</c> said so.</summary>
        internal const int Joined = 2;

        private int _join = JoinUnknown;

        // The generation that began with a reset the host made itself: no socket is open in it.
        private int _idleGeneration = -1;

        // The generation in which the module accepted MS=3; whether the firmware refused it.
        private int _quietGeneration = -1;
        private bool _quietRefused;

        private string _ssid;
        private string _passphrase;
        private WifiSecurity _security;
        private bool _joinEverConfirmed;

        /// <summary>
        /// The module's life: changes with every reset, noticed or made by the host, and when the
        /// module lost its network (its sockets went with it). Everything the driver knows of module
        /// state (sockets, settings, certificate status) belongs to one generation. A field, written
        /// only here: every round trip reads it, and on the device a property read is a call.
        /// </summary>
        internal int Generation;

        /// <summary>Resets the driver noticed without causing them (boot prompts that arrived unasked).</summary>
        internal int ResetCount { get; private set; }

        /// <summary>Commands that failed without a clear answer: after one, what the module holds is not certain.</summary>
        internal int FaultCount { get; private set; }

        /// <summary>One of <see cref="JoinUnknown"/>, <see cref="NotJoined"/>, <see cref="Joined"/>.</summary>
        internal int JoinState => _join;

        /// <summary>True when no socket can be open on the module: the host reset it in this generation.</summary>
        internal bool SocketsKnownIdle => _idleGeneration == Generation;

        /// <summary>True when the module accepted <c>MS=3</c> in this life: it pushes no message, so no byte of a read answer can be one.</summary>
        internal bool MessagesQuiet => _quietGeneration == Generation;

        /// <summary>True once the firmware refused <c>MS=3</c>: it cannot be told to keep server messages to itself.</summary>
        internal bool QuietRefused => _quietRefused;

        /// <summary>True from the moment a payload starts out until the module answers that command completely, or the host resets it.</summary>
        internal bool PayloadPending => PendingPayload != null;

        /// <summary>
        /// The payload command that may be waiting for bytes (<c>PG</c>, <c>S3</c>, <c>S0</c>); null when
        /// none. A field, written only here: the channel looks at it before every command.
        /// </summary>
        internal string PendingPayload;

        /// <summary>True when a join was asked for and is to be restored after the module lost it.</summary>
        internal bool HasJoinToRestore => _ssid != null;

        /// <summary>The SSID of the join to restore; null when none.</summary>
        internal string JoinSsid => _ssid;

        /// <summary>The passphrase of the join to restore.</summary>
        internal string JoinPassphrase => _passphrase;

        /// <summary>The security of the join to restore.</summary>
        internal WifiSecurity JoinSecurity => _security;

        /// <summary>True when the join to restore is to be checked before the next use: remembered, and not known to hold.</summary>
        internal bool JoinNeedsCheck => _ssid != null && _join != Joined;

        /// <summary>The host reset the module (reset line or <c>ZR</c>) and saw its boot prompt: a new life with no socket, no join and no payload in flight.</summary>
        internal void HostReset()
        {
            Generation++;
            _idleGeneration = Generation;
            _join = NotJoined;
            PendingPayload = null;
        }

        /// <summary>
        /// The host probed a module it did not reset (<c>Initialize(false)</c>: the host restarted, or
        /// brings it up again after a reset): a new life in which any socket may still be open and
        /// the join is unknown.
        /// </summary>
        internal void HostProbed()
        {
            Generation++;
            _join = JoinUnknown;
        }

        /// <summary>The channel saw the module reboot unasked (a boot prompt, an answer cut by one): its sockets and join are gone.</summary>
        internal void ResetNoticed()
        {
            ResetCount++;
            Generation++;
            _join = JoinUnknown;
        }

        /// <summary>
        /// The transport pulsed the reset line itself (SPI: data-ready stuck high) and reads the boot
        /// cursor next: the module rebooted, and a cut payload went with it.
        /// </summary>
        internal void ResetLinePulsedByTransport()
        {
            ResetNoticed();
            PendingPayload = null;
        }

        /// <summary>A command failed without a clear answer (timeout, damaged or cut answer, link failure).</summary>
        internal void CommandFailed()
        {
            FaultCount++;
            Doubt();
        }

        /// <summary>The module said something that makes its join doubtful (a connect refused while joined): check it before the next use.</summary>
        internal void Doubt()
        {
            if (_join == Joined)
            {
                _join = JoinUnknown;
            }
        }

        /// <summary>The module is not joined although the driver had it joined: a reboot no prompt showed, or the access point went away. Its sockets are gone.</summary>
        internal void NetworkLost()
        {
            Generation++;
            _join = NotJoined;
        }

        /// <summary><c>CS</c> answered: the module is, or is not, joined.</summary>
        internal void JoinChecked(bool joined)
        {
            _join = joined ? Joined : NotJoined;
        }

        /// <summary>A join is being made with these settings: kept from the start, so a join a fault interrupts is completed after it.</summary>
        internal void JoinStarted(string ssid, string passphrase, WifiSecurity security)
        {
            if (_ssid != ssid || _passphrase != passphrase || _security != security)
            {
                _joinEverConfirmed = false;
            }

            _ssid = ssid;
            _passphrase = passphrase;
            _security = security;
        }

        /// <summary>The module joined with the kept settings (<c>C0</c> answered, or it was joined with them already).</summary>
        internal void JoinConfirmed()
        {
            _join = Joined;
            _joinEverConfirmed = true;
        }

        /// <summary>
        /// The module refused the join (<c>C0</c> answered ERROR): it is not joined. Settings that never
        /// worked are forgotten (they are not tried again after a reset); settings that did are kept.
        /// </summary>
        internal void JoinRefused()
        {
            _join = NotJoined;
            if (!_joinEverConfirmed)
            {
                ForgetJoin();
            }
        }

        /// <summary>The module left its network on the host's request (<c>CD</c>).</summary>
        internal void Left()
        {
            _join = NotJoined;
        }

        /// <summary>No join is to be restored any more (<c>Leave</c>, or a bring-up with a reset).</summary>
        internal void ForgetJoin()
        {
            _ssid = null;
            _passphrase = null;
            _joinEverConfirmed = false;
        }

        /// <summary>The module accepted <c>MS=3</c> (it keeps server messages to itself until its next reset).</summary>
        internal void MessagesQuieted()
        {
            _quietGeneration = Generation;
        }

        /// <summary>The firmware refused <c>MS=3</c>: it will push its messages.</summary>
        internal void QuietingRefused()
        {
            _quietRefused = true;
        }

        /// <summary>A payload command (<c>PG</c>, <c>S3</c>, <c>S0</c>) is about to send its payload.</summary>
        internal void PayloadStarted(string command)
        {
            PendingPayload = command;
        }

        /// <summary>The module answered the payload command completely: it has taken every byte.</summary>
        internal void PayloadAnswered()
        {
            PendingPayload = null;
        }

        /// <summary>
        /// The user reset the module by means the driver does not control (power, a reset line of its
        /// own) and said so: a cut payload is gone, and so is everything else of that life.
        /// </summary>
        internal void ExternalResetAcknowledged()
        {
            PendingPayload = null;
            Generation++;
            _join = JoinUnknown;
        }
    }
}
