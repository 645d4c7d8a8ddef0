namespace EsWifi
{
    /// <summary>
    /// Host-side state of one of the module's four sockets: who holds it now (a lease per opening),
    /// the module-side settings last sent (so each is sent only when it changes), and the receive
    /// buffer for data the module returned beyond what a reader asked for. The settings and the
    /// lease are guarded by the channel lock; the lease and the buffered bytes also by
    /// <see cref="Sync"/>, so a reader can take buffered bytes without waiting for the channel.
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

        // Fields, not properties, for what never changes: every read and write looks at them, and
        // on the device a property is a call.

        /// <summary>The module's socket number (0 to 3).</summary>
        internal readonly int Index;

        /// <summary>Guards the lease and the buffered bytes.</summary>
        internal readonly object Sync = new object();

        /// <summary>The settings last sent, by the indexes above; -1: unknown.</summary>
        internal readonly int[] Settings = new int[SettingCount];

        /// <summary>The module's P3 for this socket, valid when <see cref="RemoteKnown"/>.</summary>
        internal readonly byte[] RemoteAddress = new byte[4];

        /// <summary>Bytes the module returned beyond a reader's count, owned by the current lease.</summary>
        internal readonly byte[] Receive;

        internal SocketSlot(int index, int receiveCapacity)
        {
            Index = index;
            Receive = new byte[receiveCapacity];
            SettingsGeneration = -1;
            Forget();
        }

        internal bool RemoteKnown { get; set; }

        /// <summary>The channel generation <see cref="Settings"/> and <see cref="RemoteAddress"/> were learnt in.</summary>
        internal int SettingsGeneration { get; set; }

        /// <summary>
        /// The current opening; 0 while free. Every opening gets a new number, so a handle of an
        /// earlier opening can never pass for the current one. A field, written only by
        /// <see cref="Open"/> and <see cref="Release"/>: every round trip reads it.
        /// </summary>
        internal int Lease;

        /// <summary>The channel generation of the current opening; a reset ends the opening.</summary>
        internal int Generation { get; private set; }

        /// <summary>
        /// Set when the module may still hold a connection here that the host no longer knows about
        /// (a command on it failed without an answer, or the module's output broke off): the socket
        /// is stopped before its next opening.
        /// </summary>
        internal bool StopBeforeUse { get; set; }

        private int _nextLease;

        internal static string CommandOf(int setting)
        {
            return Commands[setting];
        }

        /// <summary>True while the slot is held by an opening of the current generation.</summary>
        internal bool IsHeld(int generation)
        {
            return Lease != 0 && Generation == generation;
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

        /// <summary>Hands the slot to a new opening; returns its lease. Caller holds the channel lock.</summary>
        internal int Open(int generation)
        {
            lock (Sync)
            {
                _nextLease = _nextLease == int.MaxValue ? 1 : _nextLease + 1;
                Lease = _nextLease;
                Generation = generation;
                return Lease;
            }
        }

        /// <summary>Frees the slot if <paramref name="lease"/> still holds it. Caller holds the channel lock.</summary>
        internal void Release(int lease)
        {
            lock (Sync)
            {
                if (Lease == lease)
                {
                    Lease = 0;
                }
            }
        }
    }
}
