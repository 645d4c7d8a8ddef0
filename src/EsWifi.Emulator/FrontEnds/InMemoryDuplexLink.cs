namespace EsWifi.Emulator.FrontEnds;

/// <summary>
/// A pair of connected in-memory byte pipes: what one end writes, the other end reads. The host
/// end is the driver's <see cref="IByteLink"/>; the module end is an <see cref="IModulePort"/> for
/// the UART front end. Reads can be cut into chunks of arbitrary sizes, the way a UART driver
/// hands out whatever has arrived so far. Thread-safe.
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

    /// <summary>The module's (emulator's) end.</summary>
    public End Module { get; }

    public sealed class End : IByteLink, IModulePort
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
            // No copy unless someone listens: the driver's allocation tests run over this link.
            Peer.Deliver(buffer, offset, count);
            BytesWritten += count;
            if (Written != null)
            {
                byte[] block = new byte[count];
                Array.Copy(buffer, offset, block, 0, count);
                Written(block);
            }
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

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            lock (_sync)
            {
                if (_incoming.Count == 0)
                {
                    Monitor.Wait(_sync, timeoutMilliseconds);
                }

                return Read(buffer, offset, count);
            }
        }

        /// <summary>Makes bytes available to this end's reader.</summary>
        public void Deliver(byte[] bytes) => Deliver(bytes, 0, bytes.Length);

        /// <summary>Makes a range of bytes available to this end's reader.</summary>
        public void Deliver(byte[] bytes, int offset, int count)
        {
            lock (_sync)
            {
                for (int i = offset; i < offset + count; i++)
                {
                    _incoming.Enqueue(bytes[i]);
                }

                Monitor.PulseAll(_sync);
            }
        }
    }
}
