using System;
using System.Threading;

namespace EsWifi
{
    /// <summary>
    /// One opening of a module socket, and the only object that acts on it: read, write, receive
    /// and send a datagram, accept, close, the bytes kept from a longer answer, and the one
    /// poll-until-deadline loop all of them use. It takes the channel lock itself for each round
    /// trip and waits outside it. The public stream, datagram and listener types are facades over it.
    /// </summary>
    /// <remarks>
    /// It holds a lease on its slot. Every round trip checks, under the channel lock, that the lease
    /// and the module generation are still its own, so after <see cref="Close"/> (or a reset) no
    /// byte of this connection reaches a later one and no byte of a later one reaches this.
    /// <see cref="Close"/> first waits for a read or write in progress to end (each ends within one
    /// poll), then stops the socket and frees the slot.
    /// </remarks>
    internal sealed class SocketConnection
    {
        internal const int Stream = 0;
        internal const int Datagram = 1;
        internal const int Server = 2;

        // Operations of the poll loop.
        private const int ReadOperation = 0;
        private const int ReceiveOperation = 1;
        private const int WriteOperation = 2;
        private const int AcceptOperation = 3;

        // An attempt that found nothing yet.
        private const int Pending = -2;

        private readonly SocketEngine _engine;

        /// <summary>The module socket this connection holds (a field: the data path reads it at every round trip).</summary>
        internal readonly SocketSlot Slot;

        private readonly int _lease;
        private readonly int _generation;
        private readonly object _channelLock;
        private readonly object _readLock = new object();
        private readonly object _writeLock = new object();

        /// <summary><see cref="Stream"/>, <see cref="Datagram"/> or <see cref="Server"/> (a listener, or the client it accepted).</summary>
        internal readonly int Kind;

        // Guarded by Slot.Sync.
        private bool _closing;
        private bool _closed;
        private int _keptStart;
        private int _keptCount;
        private bool _peerClosed;

        // The module-side send timeout (S2) of the chunk being written.
        private int _writeTimeout;
        private bool _secretWrite;

        // Set when a fault left the byte stream in an unknown state (guarded by the channel lock).
        private string _brokenBy;

        // A listener asks its socket's status without an Accepted message at most this often.
        private const int UnannouncedStatusMilliseconds = 1000;
        private long _statusAskedAt;

        internal SocketConnection(SocketEngine engine, SocketSlot slot, int lease, int generation, int kind)
        {
            _engine = engine;
            _channelLock = engine.Channel.SyncRoot;
            _statusAskedAt = engine.Options.Clock.NowMilliseconds;
            Slot = slot;
            _lease = lease;
            _generation = generation;
            Kind = kind;
        }

        internal int Lease => _lease;

        internal int Generation => _generation;

        internal int Index => Slot.Index;

        internal bool IsClosed
        {
            get
            {
                lock (Slot.Sync)
                {
                    return _closing;
                }
            }
        }

        /// <summary>False after Close, after the peer closed and its data was read, after a fault, or after a module reset.</summary>
        internal bool Connected
        {
            get
            {
                lock (Slot.Sync)
                {
                    return !_closing && _brokenBy == null && !(_peerClosed && _keptCount == 0)
                        && Slot.Lease == _lease && _generation == _engine.Channel.Generation;
                }
            }
        }

        /// <summary>
        /// Reads stream bytes: kept ones first, else one R0 per poll until data, the peer's close (0),
        /// this connection's close (0) or <paramref name="timeout"/> (-1: forever).
        /// </summary>
        internal int Read(byte[] buffer, int offset, int count, int timeout)
        {
            if (_closing)
            {
                throw Disposed();
            }

            if (count == 0)
            {
                return 0;
            }

            Interlocked.Increment(ref _engine.ReadersUnderWay);
            try
            {
                lock (_readLock)
                {
                    return Poll(ReadOperation, buffer, offset, count, timeout);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _engine.ReadersUnderWay);
            }
        }

        /// <summary>Receives one datagram, cut to <paramref name="count"/>.</summary>
        internal int ReceiveDatagram(byte[] buffer, int offset, int count, int timeout)
        {
            if (_closing)
            {
                throw Disposed();
            }

            lock (_readLock)
            {
                return Poll(ReceiveOperation, buffer, offset, count, timeout);
            }
        }

        /// <summary>True when a read would return at once (asks the module when nothing is kept).</summary>
        internal bool DataAvailable()
        {
            return Available(true) > 0;
        }

        /// <summary>
        /// The bytes a read returns at once, without waiting: those kept, else what one look at the
        /// module brings (one R0 with the module's shortest wait). 0 when nothing came.
        /// </summary>
        internal int Available()
        {
            return Available(false);
        }

        /// <param name="countClose">True: the peer's close counts as something a read returns at once (1).</param>
        private int Available(bool countClose)
        {
            if (_closing)
            {
                throw Disposed();
            }

            lock (_readLock)
            {
                lock (Slot.Sync)
                {
                    if (_keptCount > 0 || (_peerClosed && countClose))
                    {
                        return _keptCount > 0 ? _keptCount : 1;
                    }

                    if (_peerClosed)
                    {
                        return 0;
                    }
                }

                lock (_channelLock)
                {
                    if (Usable(ReadOperation))
                    {
                        Exchange(ReadOperation, Slot.Receive, 0, 0);
                    }
                }

                lock (Slot.Sync)
                {
                    return _keptCount > 0 ? _keptCount : (_peerClosed && countClose ? 1 : 0);
                }
            }
        }

        /// <summary>Writes every byte in chunks of at most 1460 (one S3 each); each chunk may take <paramref name="timeout"/>.</summary>
        internal void Write(byte[] buffer, int offset, int count, int timeout)
        {
            Write(buffer, offset, count, timeout, false);
        }

        /// <summary>
        /// As <see cref="Write(byte[], int, int, int)"/>; with <paramref name="secret"/> the trace shows only the
        /// length of these bytes (an MQTT CONNECT carries a password).
        /// </summary>
        internal void Write(byte[] buffer, int offset, int count, int timeout, bool secret)
        {
            if (_closing)
            {
                throw Disposed();
            }

            lock (_writeLock)
            {
                // Set by every write (and datagram) before its first S3: no try/finally on the data path.
                _writeTimeout = timeout;
                _secretWrite = secret;
                int chunkLimit = _engine.MaxWriteChunk;
                while (count > 0)
                {
                    int chunk = count < chunkLimit ? count : chunkLimit;
                    int sent = Poll(WriteOperation, buffer, offset, chunk, timeout);
                    offset += sent;
                    count -= sent;
                }
            }
        }

        /// <summary>The write under way carries a secret: its S3 payloads are not traced (read only during a write, under its lock).</summary>
        internal bool SecretWrite => _secretWrite;

        /// <summary>Sends one datagram; the module takes it whole or the call fails.</summary>
        internal void SendDatagram(byte[] buffer, int offset, int count, int timeout)
        {
            if (_closing)
            {
                throw Disposed();
            }

            lock (_writeLock)
            {
                _writeTimeout = timeout;
                _secretWrite = false;
                Poll(WriteOperation, buffer, offset, count, timeout);
            }
        }

        /// <summary>
        /// Waits for a client of this server: for the module's <c>[TCP SVR] Accepted</c> message,
        /// confirmed by the socket's status. The message is taken only when this socket has the client.
        /// </summary>
        /// <returns>True when a client arrived; false when the listener was closed meanwhile.</returns>
        internal bool Accept(int timeout)
        {
            if (_closing)
            {
                throw Disposed();
            }

            lock (_readLock)
            {
                return Poll(AcceptOperation, null, 0, 0, timeout) == 1;
            }
        }

        /// <summary>
        /// Ends the connection. A read in progress returns 0, a write in progress throws
        /// <see cref="ObjectDisposedException"/>; once both have ended the socket is stopped and the
        /// slot freed. Never throws. A call while another thread's close is under way returns when
        /// that close has ended, so the socket is closed whenever any Close returns (the caller may
        /// close the link next).
        /// </summary>
        internal void Close()
        {
            bool underWay;
            lock (Slot.Sync)
            {
                underWay = _closing;
                _closing = true;
            }

            if (underWay)
            {
                // No Monitor.Wait on nanoFramework: look again shortly (a close ends within one
                // command timeout).
                while (!HasClosed())
                {
                    _engine.Options.Clock.Sleep(1);
                }

                return;
            }

            try
            {
                lock (_readLock)
                {
                    lock (_writeLock)
                    {
                        lock (_channelLock)
                        {
                            _engine.Close(this);
                        }
                    }
                }
            }
            finally
            {
                lock (Slot.Sync)
                {
                    _closed = true;
                }
            }
        }

        private bool HasClosed()
        {
            lock (Slot.Sync)
            {
                return _closed;
            }
        }

        /// <summary>Keeps the rest of an R0 answer the reader had no room for (channel lock held).</summary>
        internal void Keep(byte[] source, int offset, int count)
        {
            lock (Slot.Sync)
            {
                Array.Copy(source, offset, Slot.Receive, 0, count);
                _keptStart = 0;
                _keptCount = count;
            }
        }

        /// <summary>The single loop behind every blocking operation: try, then pause outside the lock until the deadline.</summary>
        private int Poll(int operation, byte[] buffer, int offset, int count, int timeout)
        {
            // The first attempt goes ahead at once; the clock is read only when there is something
            // to wait for (the deadline then counts from that first attempt's end).
            int result = Attempt(operation, buffer, offset, count);
            if (result != Pending)
            {
                return result;
            }

            IClock clock = _engine.Options.Clock;
            long deadline = timeout < 0 ? long.MaxValue : clock.NowMilliseconds + timeout;
            int limit = _engine.Options.IdlePollLimitMilliseconds;
            int pause = operation == AcceptOperation ? _engine.Options.IdlePollMilliseconds * 4 : _engine.Options.IdlePollMilliseconds;
            pause = pause < limit ? pause : limit;
            while (true)
            {
                long now = clock.NowMilliseconds;
                if (now >= deadline)
                {
                    throw new EsWifiException(EsWifiErrorKind.Timeout, TimeoutMessage(operation, timeout));
                }

                // Back off while nothing comes, so a waiting socket leaves the channel to the others;
                // never sleep past the deadline.
                clock.Sleep(deadline - now < pause ? (int)(deadline - now) : pause);
                pause = pause * 2 < limit ? pause * 2 : limit;
                result = Attempt(operation, buffer, offset, count);
                if (result != Pending)
                {
                    return result;
                }
            }
        }

        private int Attempt(int operation, byte[] buffer, int offset, int count)
        {
            // Kept bytes, a close or the peer's close are looked at without the slot's lock first (only
            // a thread holding the read lock, this one, changes the kept count) and decided under it.
            if (operation == ReadOperation && (_keptCount > 0 || _closing || _peerClosed))
            {
                lock (Slot.Sync)
                {
                    // Closed while this read waited: the owner ended the stream.
                    if (_closing)
                    {
                        return 0;
                    }

                    if (_keptCount > 0)
                    {
                        int n = _keptCount < count ? _keptCount : count;
                        Array.Copy(Slot.Receive, _keptStart, buffer, offset, n);
                        _keptStart += n;
                        _keptCount -= n;
                        return n;
                    }

                    if (_peerClosed)
                    {
                        return 0;
                    }
                }
            }

            lock (_channelLock)
            {
                if (!Usable(operation))
                {
                    return 0;
                }

                return Exchange(operation, buffer, offset, count);
            }
        }

        /// <summary>One round trip of <paramref name="operation"/> (channel lock held); a fault breaks the connection.</summary>
        private int Exchange(int operation, byte[] buffer, int offset, int count)
        {
            try
            {
                if (operation == WriteOperation)
                {
                    int sent = _engine.Send(this, buffer, offset, count, _writeTimeout);
                    return sent > 0 ? sent : Pending;
                }

                if (operation == AcceptOperation)
                {
                    // Where the module was told to push no messages (MS=3 on UART) the socket's
                    // status is asked at every poll. Elsewhere the message says a client came, not
                    // to which socket, so the status confirms it; without a message it is still
                    // asked once a second: a message the module never pushed or that was lost costs
                    // a second, not the client.
                    AtChannel channel = _engine.Channel;
                    bool quiet = channel.Life.MessagesQuiet;
                    bool announced = false;
                    if (!quiet)
                    {
                        channel.CollectMessages(_engine.Options.CommandTimeoutMilliseconds);
                        announced = channel.Messages.Contains(Envelope.AcceptedPrefix);
                    }

                    long now = _engine.Options.Clock.NowMilliseconds;
                    if (!quiet && !announced && now - _statusAskedAt < UnannouncedStatusMilliseconds)
                    {
                        return Pending;
                    }

                    _statusAskedAt = now;
                    if (!_engine.HasServerClient(this))
                    {
                        return Pending;
                    }

                    // This socket has the client: take one Accepted message, leave the others in order.
                    if (announced)
                    {
                        channel.Messages.TryDequeue(Envelope.AcceptedPrefix);
                    }

                    return 1;
                }

                int read = _engine.Receive(this, buffer, offset, count);
                if (read < 0)
                {
                    MarkPeerClosed();
                    return 0;
                }

                if (read > 0)
                {
                    // Only while another socket's read is under way (this one counts itself).
                    if (_engine.ReadersUnderWay > 1)
                    {
                        ReadAheadWhileOthersWait();
                    }

                    return read;
                }

                return Pending;
            }
            catch (EsWifiException e)
            {
                NoteReadFault(e);
                throw;
            }
        }

        /// <summary>
        /// Drains this socket while it has data and another socket's read waits: after a full
        /// answer that the caller took whole, one more R0 is kept here, so the sockets take turns
        /// one P0 per two answers instead of one per answer. A fault in it is not this read's: the
        /// bytes already copied are returned and the fault ends the next call (channel lock held).
        /// </summary>
        private void ReadAheadWhileOthersWait()
        {
            if (Kind == Datagram || _engine.LastReceiveLength < AtChannel.MaxDataPayload)
            {
                return;
            }

            lock (Slot.Sync)
            {
                if (_keptCount > 0 || _closing)
                {
                    return;
                }
            }

            try
            {
                if (_engine.ReadAhead(this) < 0)
                {
                    MarkPeerClosed();
                }
            }
            catch (EsWifiException e)
            {
                NoteReadFault(e);
            }
        }

        /// <summary>A read's fault: the peer's close is remembered as such, anything else breaks the connection.</summary>
        private void NoteReadFault(EsWifiException e)
        {
            if (e.Kind == EsWifiErrorKind.ConnectionClosed)
            {
                MarkPeerClosed();
            }
            else
            {
                _brokenBy = e.Message;
            }
        }

        private void MarkPeerClosed()
        {
            lock (Slot.Sync)
            {
                _peerClosed = true;
            }
        }

        /// <summary>
        /// Refuses an operation on a connection that no longer owns its slot (channel lock held).
        /// Returns false when it is to end quietly (0): this connection was closed while anything
        /// but a write waited, or a stream read finds the peer's close. Throws for everything else.
        /// </summary>
        private bool Usable(int operation)
        {
            // Without the slot's lock: Close sets _closing before it waits for this operation's lock,
            // so a close seen here is seen whole, and one that comes a moment later waits for this
            // round trip to end. The kept count changes only under the read lock a read holds.
            if (_closing)
            {
                if (operation != WriteOperation)
                {
                    return false;
                }

                // Closed by another thread while this write was under way.
                throw new ObjectDisposedException("socket " + Slot.Index.ToString());
            }

            // The end of the stream, once its kept bytes are read (ReadOperation is a stream's).
            if (_peerClosed && operation == ReadOperation && _keptCount == 0)
            {
                return false;
            }

            _engine.CheckHolds(Slot, _lease, _generation);
            if (_brokenBy != null)
            {
                throw new EsWifiException(EsWifiErrorKind.ConnectionBroken, "socket " + Slot.Index.ToString() + " is unusable after an earlier fault (" + _brokenBy + "); close it and connect again");
            }

            if (_peerClosed && Kind != Datagram)
            {
                throw new EsWifiException(EsWifiErrorKind.ConnectionClosed, "the peer closed the connection of socket " + Slot.Index.ToString());
            }

            return true;
        }

        /// <summary>
        /// What an operation started after <see cref="Close"/> throws. Callers look at <c>_closing</c>
        /// themselves, without the slot's lock and without a call (a close racing the look is decided
        /// under the lock, at the attempt).
        /// </summary>
        private ObjectDisposedException Disposed()
        {
            return new ObjectDisposedException("socket " + Slot.Index.ToString());
        }

        private string TimeoutMessage(int operation, int timeout)
        {
            string socket = "socket " + Slot.Index.ToString();
            if (operation == WriteOperation)
            {
                return socket + " accepted no data within " + timeout.ToString() + " ms";
            }

            if (operation == AcceptOperation)
            {
                return "no client connected to " + socket + " within " + timeout.ToString() + " ms";
            }

            return "no " + (operation == ReceiveOperation ? "datagram" : "data") + " on " + socket + " within " + timeout.ToString() + " ms";
        }
    }
}
