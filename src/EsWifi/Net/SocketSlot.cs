namespace EsWifi
{
    /// <summary>
    /// Host-side state of one of the module's four sockets: whether it is in use, the module-side
    /// settings last sent (so each is sent only when it changes), and a receive buffer for data the
    /// module returned beyond what the caller asked for. Guarded by the channel lock, except the
    /// receive buffer, which is guarded by <see cref="Sync"/>.
    /// </summary>
    internal sealed class SocketSlot
    {
        // Indexes into Settings; the value -1 means "unknown, send it".
        internal const int Protocol = 0;
        internal const int LocalPort = 1;
        internal const int RemotePort = 2;
        internal const int TlsLevel = 3;
        internal const int ReadSize = 4;
        internal const int ReadWait = 5;
        internal const int WriteWait = 6;
        internal const int SettingCount = 7;

        private static readonly string[] Commands = new string[] { "P1", "P2", "P4", "P9", "R1", "R2", "S2" };

        internal SocketSlot(int index, int receiveCapacity)
        {
            Index = index;
            Settings = new int[SettingCount];
            RemoteAddress = new byte[4];
            Receive = new byte[receiveCapacity];
            Sync = new object();
            Forget();
        }

        internal int Index { get; }

        internal object Sync { get; }

        internal int[] Settings { get; }

        /// <summary>The module's P3 for this socket, valid when <see cref="RemoteKnown"/>.</summary>
        internal byte[] RemoteAddress { get; }

        internal bool RemoteKnown { get; set; }

        internal bool InUse { get; set; }

        /// <summary>
        /// Set when the module may or may not have reset (its output broke off): the module may still
        /// hold a connection here, so the socket is stopped before its next use.
        /// </summary>
        internal bool StopBeforeUse { get; set; }

        /// <summary>The module generation the socket was opened in; a reset makes it stale.</summary>
        internal int Generation { get; set; }

        internal byte[] Receive { get; }

        internal int ReceiveStart { get; set; }

        internal int ReceiveCount { get; set; }

        internal bool PeerClosed { get; set; }

        internal static string CommandOf(int setting)
        {
            return Commands[setting];
        }

        /// <summary>Forgets what the module holds (after a reset, or at start).</summary>
        internal void Forget()
        {
            for (int i = 0; i < SettingCount; i++)
            {
                Settings[i] = -1;
            }

            RemoteKnown = false;
        }

        /// <summary>Resets the per-connection state when the slot is handed out.</summary>
        internal void Open(int generation)
        {
            InUse = true;
            Generation = generation;
            ReceiveStart = 0;
            ReceiveCount = 0;
            PeerClosed = false;
        }
    }
}
