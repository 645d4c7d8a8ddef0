using System;

namespace EsWifi
{
    /// <summary>
    /// Everything about a module's timing and wiring that a user may choose, given once to
    /// <see cref="EsWifiModule"/>. The module keeps its own checked copy: changing this object
    /// afterwards changes nothing.
    /// </summary>
    public sealed class EsWifiOptions
    {
        /// <summary>Longest timeout the driver accepts for any command (5 minutes).</summary>
        public const int MaxTimeoutMilliseconds = 300000;

        /// <summary>Time source for timeouts and polling; the system clock by default.</summary>
        public IClock Clock { get; set; } = SystemClock.Instance;

        /// <summary>The RESET line, or null (the default) to reset with <c>ZR</c>.</summary>
        public IResetPin ResetPin { get; set; }

        /// <summary>Timeout of ordinary commands, socket commands included; 5 s by default.</summary>
        public int CommandTimeoutMilliseconds { get; set; } = 5000;

        /// <summary>How long opening a connection may take (TCP connect, and the TLS handshake inside it); 30 s by default.</summary>
        public int ConnectTimeoutMilliseconds { get; set; } = 30000;

        /// <summary>How long a name lookup (<c>D0</c>) may take, alone or inside a connect; 20 s by default.</summary>
        public int DnsTimeoutMilliseconds { get; set; } = 20000;

        /// <summary>How long a join may take (the module retries internally); 30 s by default.</summary>
        public int JoinTimeoutMilliseconds { get; set; } = 30000;

        /// <summary>How long a scan may take; 30 s by default.</summary>
        public int ScanTimeoutMilliseconds { get; set; } = 30000;

        /// <summary>How long the module may take to boot after a reset; 10 s by default.</summary>
        public int BootTimeoutMilliseconds { get; set; } = 10000;

        /// <summary>How long the reset pin is held low; 50 ms by default (10 ms is too short for some modules).</summary>
        public int ResetPulseMilliseconds { get; set; } = 50;

        /// <summary>
        /// Module-side wait of one poll for data (<c>R2</c>); 1 ms by default: the channel is held
        /// while the module waits, so a reader waiting for data must not keep other sockets out.
        /// </summary>
        public int ReadPollMilliseconds { get; set; } = 1;

        /// <summary>Host-side pause after the first empty poll, spent outside the channel lock; 5 ms by default. Each further empty poll doubles it, up to <see cref="IdlePollLimitMilliseconds"/>.</summary>
        public int IdlePollMilliseconds { get; set; } = 5;

        /// <summary>Longest pause between the empty polls of a waiting read; 40 ms by default (the most a waiting reader notices data late).</summary>
        public int IdlePollLimitMilliseconds { get; set; } = 40;

        /// <summary>A checked copy (the module's own).</summary>
        internal EsWifiOptions Checked()
        {
            if (Clock == null)
            {
                throw new ArgumentNullException("Clock");
            }

            var copy = new EsWifiOptions();
            copy.Clock = Clock;
            copy.ResetPin = ResetPin;
            copy.CommandTimeoutMilliseconds = Range(CommandTimeoutMilliseconds, 1, MaxTimeoutMilliseconds, "CommandTimeoutMilliseconds");
            copy.ConnectTimeoutMilliseconds = Range(ConnectTimeoutMilliseconds, 1, MaxTimeoutMilliseconds, "ConnectTimeoutMilliseconds");
            copy.DnsTimeoutMilliseconds = Range(DnsTimeoutMilliseconds, 1, MaxTimeoutMilliseconds, "DnsTimeoutMilliseconds");
            copy.JoinTimeoutMilliseconds = Range(JoinTimeoutMilliseconds, 1, MaxTimeoutMilliseconds, "JoinTimeoutMilliseconds");
            copy.ScanTimeoutMilliseconds = Range(ScanTimeoutMilliseconds, 1, MaxTimeoutMilliseconds, "ScanTimeoutMilliseconds");
            copy.BootTimeoutMilliseconds = Range(BootTimeoutMilliseconds, 1, MaxTimeoutMilliseconds, "BootTimeoutMilliseconds");
            copy.ResetPulseMilliseconds = Range(ResetPulseMilliseconds, 1, 10000, "ResetPulseMilliseconds");

            // R2 is the module's own wait: it must stay well inside the command timeout.
            copy.ReadPollMilliseconds = Range(ReadPollMilliseconds, 1, 1000, "ReadPollMilliseconds");
            copy.IdlePollMilliseconds = Range(IdlePollMilliseconds, 1, 1000, "IdlePollMilliseconds");
            copy.IdlePollLimitMilliseconds = Range(IdlePollLimitMilliseconds, copy.IdlePollMilliseconds, 10000, "IdlePollLimitMilliseconds");
            return copy;
        }

        private static int Range(int value, int min, int max, string name)
        {
            if (value < min || value > max)
            {
                throw new ArgumentOutOfRangeException(name, name + " must be " + min.ToString() + " to " + max.ToString());
            }

            return value;
        }
    }
}
