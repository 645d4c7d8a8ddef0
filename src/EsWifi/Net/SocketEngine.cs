using System;

namespace EsWifi
{
    /// <summary>
    /// The module's four sockets as seen from the host: hands out free slots, selects the active
    /// socket (<c>P0</c>) and sends each per-socket setting only when it changes, so a steady-state
    /// read or write is one round trip. Notices module resets and makes the sockets opened before
    /// them fail with <see cref="EsWifiErrorKind.ModuleReset"/>. Every method that talks to the
    /// module must be called with the channel lock held.
    /// </summary>
    internal sealed class SocketEngine
    {
        internal const int SocketCount = 4;

        private readonly AtChannel _channel;
        private readonly SocketSlot[] _slots;
        private int _selected = -1;
        private int _generation;
        private int _knownResets;

        internal SocketEngine(AtChannel channel)
        {
            _channel = channel;
            _slots = new SocketSlot[SocketCount];
            for (int i = 0; i < SocketCount; i++)
            {
                _slots[i] = new SocketSlot(i, AtChannel.MaxDataPayload);
            }
        }

        /// <summary>Largest S3 payload; 1460 unless a firmware needs less.</summary>
        internal int MaxWriteChunk { get; set; } = AtChannel.MaxDataPayload;

        /// <summary>Module-side wait of one R0 (R2), kept short so a blocking read never holds the channel long.</summary>
        internal int ReadPollMilliseconds { get; set; } = 10;

        /// <summary>Host-side pause between empty polls, spent outside the channel lock.</summary>
        internal int IdlePollMilliseconds { get; set; } = 5;

        /// <summary>Timeout of ordinary socket commands.</summary>
        internal int CommandTimeoutMilliseconds { get; set; } = 5000;

        /// <summary>Timeout of P6=1 (TCP connect and TLS handshake happen inside it).</summary>
        internal int ConnectTimeoutMilliseconds { get; set; } = 30000;

        internal int Generation
        {
            get
            {
                Refresh();
                return _generation;
            }
        }

        internal int FreeCount
        {
            get
            {
                int free = 0;
                for (int i = 0; i < SocketCount; i++)
                {
                    if (!_slots[i].InUse)
                    {
                        free++;
                    }
                }

                return free;
            }
        }

        /// <summary>Forgets everything the module held: called after a reset the host caused (Initialize).</summary>
        internal void ModuleRestarted()
        {
            Restart(false);
        }

        private void Restart(bool uncertain)
        {
            _generation++;
            _knownResets = _channel.ResetCount;
            _selected = -1;
            for (int i = 0; i < SocketCount; i++)
            {
                _slots[i].Forget();
                _slots[i].InUse = false;
                _slots[i].StopBeforeUse = uncertain;
            }
        }

        /// <summary>
        /// After a reset the channel only suspects (output cut off by a prompt), the module may still
        /// hold connections: stop the socket once before reusing it. Errors are expected and ignored.
        /// </summary>
        internal void StopIfUncertain(SocketSlot slot)
        {
            if (!slot.StopBeforeUse)
            {
                return;
            }

            slot.StopBeforeUse = false;
            Select(slot);
            _channel.Writer.Command("P6").Int(0).End();
            _channel.Execute(CommandTimeoutMilliseconds);
            _channel.Writer.Command("P5").Int(0).End();
            _channel.Execute(CommandTimeoutMilliseconds);
        }

        /// <summary>Hands out a free slot: the selected one if free (saves a P0), else the lowest.</summary>
        internal SocketSlot Allocate()
        {
            Refresh();
            SocketSlot chosen = null;
            if (_selected >= 0 && !_slots[_selected].InUse)
            {
                chosen = _slots[_selected];
            }

            for (int i = 0; chosen == null && i < SocketCount; i++)
            {
                if (!_slots[i].InUse)
                {
                    chosen = _slots[i];
                }
            }

            if (chosen == null)
            {
                throw new EsWifiException(EsWifiErrorKind.NoFreeSocket, "all 4 module sockets are in use; close one first");
            }

            chosen.Open(_generation);
            return chosen;
        }

        /// <summary>Gives the slot back, unless a reset already did and it now belongs to a newer socket.</summary>
        internal void Release(SocketSlot slot, int generation)
        {
            if (slot.Generation == generation)
            {
                slot.InUse = false;
            }
        }

        /// <summary>True when the socket opened in <paramref name="generation"/> died with a module reset.</summary>
        internal bool IsStale(int generation)
        {
            Refresh();
            return generation != _generation;
        }

        /// <summary>Throws <see cref="EsWifiErrorKind.ModuleReset"/> for a socket opened before the latest reset.</summary>
        internal void EnsureAlive(SocketSlot slot, int generation)
        {
            if (IsStale(generation))
            {
                throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module reset; socket " + slot.Index.ToString() + " is gone");
            }
        }

        internal void Select(SocketSlot slot)
        {
            EnsureAlive(slot, slot.Generation);
            if (_selected == slot.Index)
            {
                return;
            }

            _channel.Writer.Command("P0").Int(slot.Index).End();
            _channel.ExecuteOk(CommandTimeoutMilliseconds);
            _selected = slot.Index;
        }

        /// <summary>Sends a per-socket setting only when the module does not hold that value already.</summary>
        internal void Ensure(SocketSlot slot, int setting, int value)
        {
            if (slot.Settings[setting] == value)
            {
                return;
            }

            Select(slot);
            slot.Settings[setting] = -1;
            _channel.Writer.Command(SocketSlot.CommandOf(setting)).Int(value).End();
            _channel.ExecuteOk(CommandTimeoutMilliseconds);
            slot.Settings[setting] = value;
        }

        /// <summary>
        /// Points the socket at <paramref name="host"/>: a dotted address goes out as <c>P3</c> (only
        /// when it changes), a name is resolved by <c>D0</c>, which also sets the socket's P3.
        /// </summary>
        internal void SetRemote(SocketSlot slot, string host, byte[] scratch)
        {
            if (Ipv4.TryParse(host, scratch))
            {
                if (slot.RemoteKnown && SameAddress(slot.RemoteAddress, scratch))
                {
                    return;
                }

                Select(slot);
                slot.RemoteKnown = false;
                _channel.Writer.Command("P3").Ip(scratch).End();
                _channel.ExecuteOk(CommandTimeoutMilliseconds);
                Array.Copy(scratch, slot.RemoteAddress, 4);
                slot.RemoteKnown = true;
                return;
            }

            Select(slot);
            slot.RemoteKnown = false;
            _channel.Writer.Command("D0").Text(host, "host", DnsResolver.MaxHostNameLength, false).End();
            AtResponse answer = _channel.ExecuteOk(ConnectTimeoutMilliseconds);
            if (!Ipv4.TryParse(answer.PayloadText(), slot.RemoteAddress))
            {
                throw new EsWifiException(EsWifiErrorKind.ProtocolError, "D0 answered something that is not an IPv4 address");
            }

            slot.RemoteKnown = true;
        }

        /// <summary>D0 outside a connect changes the selected socket's P3: forget it there.</summary>
        internal void ForgetRemoteOfSelected()
        {
            Refresh();
            if (_selected >= 0)
            {
                _slots[_selected].RemoteKnown = false;
            }
        }

        internal void StartClient(SocketSlot slot)
        {
            Select(slot);
            _channel.Writer.Command("P6").Int(1).End();
            _channel.ExecuteOk(ConnectTimeoutMilliseconds);
        }

        internal void StartServer(SocketSlot slot)
        {
            Select(slot);
            _channel.Writer.Command("P5").Int(1).End();
            _channel.ExecuteOk(CommandTimeoutMilliseconds);
        }

        /// <summary>
        /// Closes a socket opened in <paramref name="generation"/>: stops it on the module unless a
        /// reset already did, and frees the slot even when the module does not answer.
        /// </summary>
        internal void Close(SocketSlot slot, int generation, bool server)
        {
            try
            {
                if (!IsStale(generation))
                {
                    Stop(slot, server);
                }
            }
            finally
            {
                Release(slot, generation);
            }
        }

        /// <summary>Stops a client (<c>P6=0</c>) or a server (<c>P5=0</c>); nothing to do after a reset.</summary>
        internal void Stop(SocketSlot slot, bool server)
        {
            if (IsStale(slot.Generation))
            {
                return;
            }

            Select(slot);
            _channel.Writer.Command(server ? "P5" : "P6").Int(0).End();
            _channel.ExecuteOk(CommandTimeoutMilliseconds);
        }

        /// <summary>One S3: returns the bytes the module took (0: try again later).</summary>
        internal int Send(SocketSlot slot, byte[] buffer, int offset, int count)
        {
            Select(slot);

            // %04d keeps the header 8 bytes long: on SPI the payload then starts word-aligned.
            _channel.Writer.Command("S3").IntPadded(count, 4).End();
            AtResponse answer = _channel.ThrowUnlessOk(_channel.ExecuteWithPayload(buffer, offset, count, CommandTimeoutMilliseconds + slot.Settings[SocketSlot.WriteWait]));
            if (answer.IsMinusOne)
            {
                slot.PeerClosed = true;
                throw new EsWifiException(EsWifiErrorKind.ConnectionClosed, "the connection of socket " + slot.Index.ToString() + " is broken");
            }

            int sent;
            if (!answer.TryGetPayloadInt(out sent) || sent < 0 || sent > count)
            {
                throw new EsWifiException(EsWifiErrorKind.ProtocolError, "S3 answered an unexpected byte count");
            }

            return sent;
        }

        /// <summary>
        /// One R0. Copies up to <paramref name="count"/> bytes to the caller; for a stream the rest of
        /// the answer goes to the slot's buffer, for a datagram it is dropped. Returns the bytes
        /// copied; a closed connection sets <see cref="SocketSlot.PeerClosed"/>.
        /// </summary>
        internal int Receive(SocketSlot slot, byte[] buffer, int offset, int count, bool datagram)
        {
            Ensure(slot, SocketSlot.ReadSize, AtChannel.MaxDataPayload);
            Ensure(slot, SocketSlot.ReadWait, ReadPollMilliseconds);
            Select(slot);
            _channel.Writer.Command("R0").End();
            AtResponse answer = _channel.ExecuteRead(AtChannel.MaxDataPayload, CommandTimeoutMilliseconds + ReadPollMilliseconds);
            if (answer.Kind == AtResponseKind.ReadFailure)
            {
                slot.PeerClosed = true;
                return 0;
            }

            _channel.ThrowUnlessOk(answer);
            int length = answer.PayloadLength;
            int copied = length < count ? length : count;
            Array.Copy(answer.Buffer, answer.PayloadOffset, buffer, offset, copied);
            if (!datagram && copied < length)
            {
                lock (slot.Sync)
                {
                    Array.Copy(answer.Buffer, answer.PayloadOffset + copied, slot.Receive, 0, length - copied);
                    slot.ReceiveStart = 0;
                    slot.ReceiveCount = length - copied;
                }
            }

            return copied;
        }

        /// <summary>Asks the socket's status (<c>P?</c>) whether a client is connected to its server.</summary>
        internal bool HasServerClient(SocketSlot slot)
        {
            Select(slot);
            _channel.Writer.Command("P?").End();
            AtResponse answer = _channel.ExecuteOk(CommandTimeoutMilliseconds);
            string[] fields = answer.PayloadText().Split(',');
            return fields.Length > 1 && fields[1].Length > 0 && fields[1] != "0.0.0.0";
        }

        private void Refresh()
        {
            if (_channel.ResetCount != _knownResets)
            {
                Restart(true);
            }
        }

        private static bool SameAddress(byte[] a, byte[] b)
        {
            return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
        }
    }
}
