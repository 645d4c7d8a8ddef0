using System.Diagnostics;

namespace EsWifi.Emulator.FrontEnds;

/// <summary>
/// A pair of connected in-memory byte pipes: what one end writes, the other end reads. The host
/// end is the driver's <see cref="IByteLink"/>; the module end is an <see cref="IModulePort"/> for
/// the UART front end. Reads can be cut into chunks of arbitrary sizes, the way a UART driver
/// hands out whatever has arrived so far. With <see cref="BaudRate"/> set, each direction is paced
/// like a wire: a byte becomes readable one character time (10 bits) after the one before it, and
/// no earlier than one character time after it was written. Thread-safe.
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

    /// <summary>
    /// Paces both directions at this rate (10 bits a byte, as 8N1 on a UART); 0 (the default)
    /// delivers every write at once. Timing comes from the written bytes' timestamps, not from a
    /// thread, so a busy machine delays the readers but never inserts pauses into the line.
    /// </summary>
    public int BaudRate
    {
        get => Host.BaudRate;
        set
        {
            Host.BaudRate = value;
            Module.BaudRate = value;
        }
    }

    public sealed class End : IByteLink, IModulePort
    {
        private readonly object _sync = new();
        private byte[] _bytes = new byte[4096];
        private long[] _readyAt = new long[4096];
        private int _head;
        private int _count;
        private long _lineFreeAt;
        private long _ticksPerByte;
        private int _baudRate;

        internal End Peer { get; set; }

        /// <summary>Size of the next read, given the bytes available; null returns all of them.</summary>
        public Func<int, int> ChunkPolicy { get; set; }

        /// <summary>Called with every block this end writes, after the peer has it.</summary>
        public Action<byte[]> Written { get; set; }

        /// <summary>Total bytes written by this end.</summary>
        public long BytesWritten { get; private set; }

        /// <summary>The rate bytes arrive at this end (0: at once).</summary>
        public int BaudRate
        {
            get => _baudRate;
            set
            {
                ArgumentOutOfRangeException.ThrowIfNegative(value);
                lock (_sync)
                {
                    _baudRate = value;
                    _ticksPerByte = value == 0 ? 0 : Stopwatch.Frequency * 10 / value;
                }
            }
        }

        public int BytesAvailable
        {
            get
            {
                lock (_sync)
                {
                    return Ready(Stopwatch.GetTimestamp());
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
                int n = Math.Min(count, Ready(Stopwatch.GetTimestamp()));
                if (ChunkPolicy != null && n > 0)
                {
                    n = Math.Clamp(ChunkPolicy(n), 1, n);
                }

                for (int i = 0; i < n; i++)
                {
                    buffer[offset + i] = _bytes[_head];
                    _head = (_head + 1) % _bytes.Length;
                }

                _count -= n;
                return n;
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            lock (_sync)
            {
                long deadline = Stopwatch.GetTimestamp() + (timeoutMilliseconds * Stopwatch.Frequency / 1000);
                while (Ready(Stopwatch.GetTimestamp()) == 0)
                {
                    long now = Stopwatch.GetTimestamp();
                    long until = _count > 0 ? Math.Min(_readyAt[_head], deadline) : deadline;
                    if (now >= deadline)
                    {
                        break;
                    }

                    Monitor.Wait(_sync, TimeSpan.FromTicks(Math.Max(1, (until - now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
                }

                return Read(buffer, offset, count);
            }
        }

        /// <summary>Makes bytes available to this end's reader.</summary>
        public void Deliver(byte[] bytes) => Deliver(bytes, 0, bytes.Length);

        /// <summary>Makes a range of bytes available to this end's reader (paced when <see cref="BaudRate"/> is set).</summary>
        public void Deliver(byte[] bytes, int offset, int count)
        {
            lock (_sync)
            {
                Grow(count);
                long at = Stopwatch.GetTimestamp();
                if (_ticksPerByte > 0 && _lineFreeAt > at)
                {
                    at = _lineFreeAt;
                }

                int tail = (_head + _count) % _bytes.Length;
                for (int i = offset; i < offset + count; i++)
                {
                    at += _ticksPerByte;
                    _bytes[tail] = bytes[i];
                    _readyAt[tail] = at;
                    tail = (tail + 1) % _bytes.Length;
                }

                _count += count;
                _lineFreeAt = at;
                Monitor.PulseAll(_sync);
            }
        }

        /// <summary>Bytes whose time has come; arrival times only grow, so they are a prefix.</summary>
        private int Ready(long now)
        {
            if (_ticksPerByte == 0 || _count == 0)
            {
                return _count;
            }

            int low = 0;
            int high = _count;
            while (low < high)
            {
                int middle = (low + high) / 2;
                if (_readyAt[(_head + middle) % _bytes.Length] <= now)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        private void Grow(int more)
        {
            if (_count + more <= _bytes.Length)
            {
                return;
            }

            int size = _bytes.Length;
            while (size < _count + more)
            {
                size *= 2;
            }

            var bytes = new byte[size];
            var readyAt = new long[size];
            for (int i = 0; i < _count; i++)
            {
                bytes[i] = _bytes[(_head + i) % _bytes.Length];
                readyAt[i] = _readyAt[(_head + i) % _bytes.Length];
            }

            _bytes = bytes;
            _readyAt = readyAt;
            _head = 0;
        }
    }
}
