namespace EsWifi.Tests.Support;

/// <summary>
/// A pair of connected in-memory byte links: what one end writes, the other end reads. Each end
/// can cut its reads into chunks of arbitrary sizes, the way a UART driver hands out whatever has
/// arrived so far. Thread-safe.
/// </summary>
public sealed class InMemoryDuplexLink
{
    public InMemoryDuplexLink()
    {
        Host = new End();
        Module = new End();
        Host.Peer = Module;
        Module.Peer = Host;
    }

    /// <summary>The driver's end.</summary>
    public End Host { get; }

    /// <summary>The module's (or emulator's) end.</summary>
    public End Module { get; }

    public sealed class End : IByteLink
    {
        private readonly object _sync = new();
        private readonly Queue<byte> _incoming = new();

        internal End Peer { get; set; }

        /// <summary>Size of the next read, given the bytes available; null returns all of them.</summary>
        public Func<int, int> ChunkPolicy { get; set; }

        /// <summary>Called with every block this end writes, after the peer has it.</summary>
        public Action<byte[]> Written { get; set; }

        /// <summary>Total bytes written by this end.</summary>
        public long BytesWritten { get; private set; }

        public int BytesAvailable
        {
            get
            {
                lock (_sync)
                {
                    return _incoming.Count;
                }
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            byte[] block = new byte[count];
            Array.Copy(buffer, offset, block, 0, count);
            Peer.Deliver(block);
            BytesWritten += count;
            Written?.Invoke(block);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                int n = Math.Min(count, _incoming.Count);
                if (ChunkPolicy != null && n > 0)
                {
                    n = Math.Clamp(ChunkPolicy(n), 1, n);
                }

                for (int i = 0; i < n; i++)
                {
                    buffer[offset + i] = _incoming.Dequeue();
                }

                return n;
            }
        }

        /// <summary>Makes bytes available to this end's reader.</summary>
        public void Deliver(byte[] bytes)
        {
            lock (_sync)
            {
                foreach (byte b in bytes)
                {
                    _incoming.Enqueue(b);
                }
            }
        }
    }
}
