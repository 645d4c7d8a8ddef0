using System;

namespace EsWifi
{
    /// <summary>
    /// The module's four sockets as seen from the host. It opens connections (one allocate, try,
    /// release path for TCP, TLS, UDP and servers), selects the active socket (<c>P0</c>) and sends
    /// each per-socket setting only when it changes, so a steady-state read or write is one round
    /// trip. Every operation names the <see cref="SocketConnection"/> it acts for, and that
    /// connection checks (<see cref="CheckHolds"/>) under the same hold of the channel lock, before
    /// each round trip, that it still holds its slot in the current module generation: a handle of
    /// an earlier opening, or of a module life before a reset, can never touch a later connection.
    /// Every method must be called with the channel lock held.
    /// </summary>
    internal sealed class SocketEngine
    {
        internal const int SocketCount = 4;

        // R0, the command of every read: built once.
        private static readonly byte[] ReadCommand = new byte[] { (byte)'R', (byte)'0', AsciiBytes.Cr };

        // S3 with room for its four-digit count: built once, the digits written for every write.
        private static readonly byte[] SendCommand = new byte[] { (byte)'S', (byte)'3', (byte)'=', (byte)'0', (byte)'0', (byte)'0', (byte)'0', AsciiBytes.Cr };

        // P0 with room for the socket's digit: a program using two sockets switches on every operation,
        // and a command named by a literal would allocate its name each time on nanoCLR.
        private static readonly byte[] SelectCommand = new byte[] { (byte)'P', (byte)'0', (byte)'=', (byte)'0', AsciiBytes.Cr };

        private readonly AtChannel _channel;
        private readonly ModuleLife _life;
        private readonly EsWifiOptions _options;

        // Read once from the channel and from the module's own checked copy of the options (nothing
        // changes them later), and used for every command here: on the device a property read is a call.
        private readonly AtCommandWriter _writer;
        private readonly int _readPoll;
        private readonly int _commandTimeout;

        private readonly SocketSlot[] _slots;
        private readonly byte[] _address = new byte[4];
        private int _selected = -1;
        private int _selectedGeneration = -1;

        // The size of the last R0 answer.
        private int _lastReceiveLength;

        // Listeners open (a server, or the client it accepted), counted under the channel lock.
        private int _listening;

        internal SocketEngine(AtChannel channel, EsWifiOptions options)
        {
            _channel = channel;
            _life = channel.Life;
            _options = options;
            _writer = channel.Writer;
            _readPoll = options.ReadPollMilliseconds;
            _commandTimeout = options.CommandTimeoutMilliseconds;
            _slots = new SocketSlot[SocketCount];
            for (int i = 0; i < SocketCount; i++)
            {
                _slots[i] = new SocketSlot(i, AtChannel.MaxDataPayload);
            }
        }

        /// <summary>Largest S3 payload; 1460 unless a firmware needs less.</summary>
        internal int MaxWriteChunk => AtChannel.MaxDataPayload;

        internal AtChannel Channel => _channel;

        internal EsWifiOptions Options => _options;

        /// <summary>Sockets no connection of the current generation holds.</summary>
        internal int FreeCount
        {
            get
            {
                int free = 0;
                for (int i = 0; i < SocketCount; i++)
                {
                    if (!_slots[i].IsHeld(_channel.Generation))
                    {
                        free++;
                    }
                }

                return free;
            }
        }

        /// <summary>
        /// Opens a connection on a free socket: <paramref name="kind"/> is one of
        /// <see cref="SocketConnection.Stream"/>, <see cref="SocketConnection.Datagram"/> or
        /// <see cref="SocketConnection.Server"/>. Clients get P1 (and P9 for TLS), the remote end and
        /// <c>P6=1</c>; a server P1, P2 and <c>P5=1</c>. On failure the slot is free again, and stopped
        /// before its next use if the module's state is unknown.
        /// </summary>
        internal SocketConnection Open(int kind, int protocol, int tlsLevel, string host, int port)
        {
            SocketSlot slot = Allocate();
            int generation = _channel.Generation;
            int lease = slot.Open(generation);
            try
            {
                StopIfUncertain(slot);
                Ensure(slot, SocketSlot.Protocol, protocol);
                if (tlsLevel >= 0)
                {
                    Ensure(slot, SocketSlot.TlsLevel, tlsLevel);
                }

                if (kind == SocketConnection.Server)
                {
                    QuietMessages();
                    Ensure(slot, SocketSlot.LocalPort, port);
                    Start(slot, "P5", _commandTimeout);
                }
                else
                {
                    SetRemote(slot, host);
                    Ensure(slot, SocketSlot.RemotePort, port);
                    Start(slot, "P6", _options.ConnectTimeoutMilliseconds);
                }

                if (kind == SocketConnection.Server)
                {
                    _listening++;
                    _channel.ServerListening = true;
                }

                return new SocketConnection(this, slot, lease, generation, kind);
            }
            catch
            {
                slot.Release(lease);
                throw;
            }
        }

        /// <summary>
        /// Ends a connection: stops it on the module (<c>P6=0</c>, or <c>P5=0</c> for a server or an
        /// accepted client) unless a reset already did, and frees the slot. Never throws: when the
        /// module does not confirm, the socket is stopped again before its next use.
        /// </summary>
        internal void Close(SocketConnection connection)
        {
            if (connection.Kind == SocketConnection.Server)
            {
                _listening--;
                _channel.ServerListening = _listening > 0;
            }

            SocketSlot slot = connection.Slot;
            if (!slot.IsHeld(connection.Generation) || slot.Lease != connection.Lease || connection.Generation != _channel.Generation)
            {
                return;
            }

            try
            {
                Select(slot);
                _writer.Command(connection.Kind == SocketConnection.Server ? "P5" : "P6").Int(0).End();

                // An ERROR here means the module holds no connection any more (peer or link gone).
                Run(slot, _commandTimeout, false);
            }
            catch (EsWifiException)
            {
                slot.StopBeforeUse = true;
            }
            finally
            {
                slot.Release(connection.Lease);
            }
        }

        /// <summary>
        /// Throws unless a connection still holds its slot in the current
        /// generation: <see cref="EsWifiErrorKind.ModuleReset"/> after a reset,
        /// <see cref="ObjectDisposedException"/> after its close.
        /// </summary>
        /// <param name="slot">The connection's slot.</param>
        /// <param name="lease">The connection's lease.</param>
        /// <param name="generation">The module generation it was opened in.</param>
        internal void CheckHolds(SocketSlot slot, int lease, int generation)
        {
            // The connection's own fields, passed in: on the device a property read is a call.
            if (generation != _life.Generation)
            {
                throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module reset; socket " + slot.Index.ToString() + " is gone");
            }

            if (slot.Lease != lease)
            {
                throw new ObjectDisposedException("socket " + slot.Index.ToString());
            }
        }

        /// <summary>One S3: returns the bytes the module took (0: its buffer is full, try again later).</summary>
        internal int Send(SocketConnection connection, byte[] buffer, int offset, int count, int writeTimeout)
        {
            SocketSlot slot = connection.Slot;

            // As for a read: compared in place, sent only when they differ.
            if (slot.Settings[SocketSlot.WriteWait] != writeTimeout)
            {
                Ensure(slot, SocketSlot.WriteWait, writeTimeout);
            }

            if (_selected != slot.Index || _selectedGeneration != _life.Generation)
            {
                Select(slot);
            }

            // %04d keeps the header 8 bytes long: on SPI the payload then starts word-aligned.
            AtCommandWriter command = _writer.Prebuilt(SendCommand, count, 4);
            if (connection.SecretWrite)
            {
                command.SecretPayload();
            }

            AtResponse answer = Run(slot, _commandTimeout + writeTimeout, buffer, offset, count);
            int sent;
            bool number = answer.TryGetPayloadInt(out sent);
            if (number && sent == -1 && answer.IsMinusOne)
            {
                throw new EsWifiException(EsWifiErrorKind.ConnectionClosed, "the connection of socket " + slot.Index.ToString() + " is broken");
            }

            // The module takes a whole chunk or nothing. Any other count is a damaged answer: taking
            // it as truth would resend or skip bytes without anyone noticing.
            // "0" must be exactly that: "00" is "100" with its first digit lost.
            if (!number || (sent != count && sent != 0) || (sent == 0 && answer.PayloadLength != 1))
            {
                throw new EsWifiException(EsWifiErrorKind.ProtocolError, "S3 of " + count.ToString() + " bytes answered an unexpected byte count on socket " + slot.Index.ToString());
            }

            return sent;
        }

        /// <summary>Bytes in the last R0 answer (channel lock held).</summary>
        internal int LastReceiveLength
        {
            get { return _lastReceiveLength; }
        }

        /// <summary>
        /// Stream reads under way on any socket (in their poll loop, waiting or asking). A connection
        /// changes it with Interlocked and reads it directly: on the device a call around it costs as
        /// much again.
        /// </summary>
        internal int ReadersUnderWay;

        /// <summary>
        /// One more R0 for a stream whose last answer was full, while another socket's read waits:
        /// the whole answer is kept by the connection, so this socket's next read needs no P0 back
        /// after the other socket's turn (channel lock held; the socket is still selected). Returns
        /// the bytes kept, or -1 when the module reports the connection closed.
        /// </summary>
        internal int ReadAhead(SocketConnection connection)
        {
            AtResponse answer = ReadOne(connection);
            if (answer == null)
            {
                return -1;
            }

            connection.Keep(answer.Buffer, answer.PayloadOffset, answer.PayloadLength);
            return answer.PayloadLength;
        }

        /// <summary>
        /// One R0. Copies up to <paramref name="count"/> bytes to the caller; for a stream the rest of
        /// the answer is kept by the connection, for a datagram it is dropped. Returns the bytes
        /// copied, or -1 when the module reports the connection closed (its <c>-1</c>).
        /// </summary>
        internal int Receive(SocketConnection connection, byte[] buffer, int offset, int count)
        {
            AtResponse answer = ReadOne(connection);
            if (answer == null)
            {
                return -1;
            }

            // ReadOne noted the payload's length; the answer's ranges are read once.
            int length = _lastReceiveLength;
            int copied = length < count ? length : count;
            byte[] source = answer._buffer;
            int from = answer._payloadOffset;
            Array.Copy(source, from, buffer, offset, copied);
            if (copied < length && connection.Kind != SocketConnection.Datagram)
            {
                connection.Keep(source, from + copied, length - copied);
            }

            return copied;
        }

        /// <summary>
        /// Sends one <c>R0</c> for the connection's socket (its read settings and selection first,
        /// where they differ) and returns the answer, or null when the module reports the connection
        /// closed (channel lock held).
        /// </summary>
        private AtResponse ReadOne(SocketConnection connection)
        {
            SocketSlot slot = connection.Slot;
            int poll = _readPoll;

            // The settings and the selection are looked at here and sent only when they differ: in
            // steady state that is four comparisons, not three calls.
            int[] settings = slot.Settings;
            if (settings[SocketSlot.ReadSize] != AtChannel.MaxDataPayload || settings[SocketSlot.ReadWait] != poll)
            {
                Ensure(slot, SocketSlot.ReadSize, AtChannel.MaxDataPayload);
                Ensure(slot, SocketSlot.ReadWait, poll);
            }

            if (_selected != slot.Index || _selectedGeneration != _life.Generation)
            {
                Select(slot);
            }

            _writer.Prebuilt(ReadCommand);
            AtResponse answer;
            try
            {
                answer = _channel.ExecuteReadHeld(_commandTimeout + poll);
            }
            catch (EsWifiException e)
            {
                MarkUncertain(slot, e);
                throw;
            }

            AtResponseKind kind = answer._kind;
            if (kind == AtResponseKind.ReadFailure)
            {
                ConfirmPeerClosed(slot);
                return null;
            }

            if (kind != AtResponseKind.Ok)
            {
                // An ERROR: the module answered, so the socket's state is known.
                _channel.ThrowUnlessOk(answer);
            }

            _lastReceiveLength = answer._payloadLength;
            return answer;
        }

        /// <summary>
        /// A <c>-1</c> is the peer's close only while the module still holds its network: a module
        /// that rebooted right after a complete answer (nothing showed the reboot) answers every read
        /// with <c>-1</c> too, and that end of stream would silently cut the data. One <c>CS</c> per
        /// closed connection tells them apart.
        /// </summary>
        private void ConfirmPeerClosed(SocketSlot slot)
        {
            _writer.Command("CS").End();
            int joined;
            if (_channel.ExecuteOk(_commandTimeout).TryGetPayloadInt(out joined) && joined == 1)
            {
                return;
            }

            _channel.Life.NetworkLost();
            throw new EsWifiException(EsWifiErrorKind.ModuleReset, "socket " + slot.Index.ToString() + " reads -1 but the module is no longer joined: it rebooted or lost the network, so the connection's end cannot be trusted");
        }

        /// <summary>Asks the socket's status (<c>P?</c>) whether a client is connected to its server.</summary>
        internal bool HasServerClient(SocketConnection connection)
        {
            Select(connection.Slot);
            _writer.Command("P?").End();
            AtResponse answer = Run(connection.Slot, _commandTimeout, true);
            string[] fields = answer.PayloadText().Split(',');
            return fields.Length > 1 && fields[1].Length > 0 && fields[1] != "0.0.0.0";
        }

        /// <summary>D0 outside a connect changes the selected socket's P3: forget it there.</summary>
        internal void ForgetRemoteOfSelected()
        {
            if (_selected >= 0)
            {
                _slots[_selected].RemoteKnown = false;
            }
        }

        /// <summary>Hands out a free slot: the selected one if free (saves a P0), else the lowest.</summary>
        private SocketSlot Allocate()
        {
            int generation = _channel.Generation;
            SocketSlot chosen = null;
            int selected = SelectedSocket();
            if (selected >= 0 && !_slots[selected].IsHeld(generation))
            {
                chosen = _slots[selected];
            }

            for (int i = 0; chosen == null && i < SocketCount; i++)
            {
                if (!_slots[i].IsHeld(generation))
                {
                    chosen = _slots[i];
                }
            }

            if (chosen == null)
            {
                throw new EsWifiException(EsWifiErrorKind.NoFreeSocket, "all 4 module sockets are in use; close one first");
            }

            if (chosen.SettingsGeneration != generation)
            {
                // What the slot knew belongs to an earlier module life, or to none (a driver that
                // just started). Unless the host itself reset the module in this life, it may still
                // hold a connection there: from before a reset, or from the firmware before the MCU rebooted.
                chosen.Forget();
                chosen.StopBeforeUse |= !_channel.Life.SocketsKnownIdle;
                chosen.SettingsGeneration = generation;
            }

            return chosen;
        }

        /// <summary>
        /// Stops a socket the module may still hold (after a suspected reset or a command without an
        /// answer) before it is reused. Errors are expected and ignored.
        /// </summary>
        private void StopIfUncertain(SocketSlot slot)
        {
            if (!slot.StopBeforeUse)
            {
                return;
            }

            Select(slot);
            _writer.Command("P6").Int(0).End();
            Run(slot, _commandTimeout, false);
            _writer.Command("P5").Int(0).End();
            Run(slot, _commandTimeout, false);
            slot.StopBeforeUse = false;
        }

        /// <summary>
        /// Where the module pushes its messages into the stream (UART), asks it once per life to keep
        /// them to itself (<c>MS=3</c>) before a socket listens. A message pushed just before the module
        /// takes an <c>R0</c> would lead that read's answer, and no rule can tell it from data that
        /// begins the same way; with none pushed every byte of a read answer is data, and a listener
        /// finds its client by asking the socket's status (<c>P?</c>). Firmware without <c>MS=3</c>
        /// (before C3.5.2.5) refuses it once and keeps pushing (docs/architecture.md, "UART framing").
        /// </summary>
        private void QuietMessages()
        {
            ModuleLife life = _channel.Life;
            if (!_channel.Transport.PushesMessages || life.MessagesQuiet || life.QuietRefused)
            {
                return;
            }

            _writer.Command("MS").Int(3).End();
            if (_channel.Execute(_commandTimeout).Kind == AtResponseKind.Ok)
            {
                life.MessagesQuieted();
            }
            else
            {
                life.QuietingRefused();
            }
        }

        private int SelectedSocket()
        {
            return _selectedGeneration == _life.Generation ? _selected : -1;
        }

        private void Select(SocketSlot slot)
        {
            if (SelectedSocket() == slot.Index)
            {
                return;
            }

            // Unknown until the module confirms: a P0 without an answer may or may not have switched.
            _selected = -1;
            _writer.Prebuilt(SelectCommand, slot.Index, 1);
            Run(slot, _commandTimeout, true);
            _selected = slot.Index;
            _selectedGeneration = _channel.Generation;
        }

        /// <summary>Sends a per-socket setting only when the module does not hold that value already.</summary>
        private void Ensure(SocketSlot slot, int setting, int value)
        {
            if (slot.Settings[setting] == value)
            {
                return;
            }

            Select(slot);
            slot.Settings[setting] = -1;
            _writer.Command(SocketSlot.CommandOf(setting)).Int(value).End();
            Run(slot, _commandTimeout, true);
            slot.Settings[setting] = value;
        }

        /// <summary>
        /// Points the socket at <paramref name="host"/>: a dotted address goes out as <c>P3</c> (only
        /// when it changes), a name is resolved by <c>D0</c>, which also sets the socket's P3.
        /// </summary>
        private void SetRemote(SocketSlot slot, string host)
        {
            if (Ipv4.TryParse(host, _address))
            {
                if (slot.RemoteKnown && SameAddress(slot.RemoteAddress, _address))
                {
                    return;
                }

                Select(slot);
                slot.RemoteKnown = false;
                _writer.Command("P3").Ip(_address).End();
                Run(slot, _commandTimeout, true);
                Array.Copy(_address, slot.RemoteAddress, 4);
                slot.RemoteKnown = true;
                return;
            }

            Select(slot);
            slot.RemoteKnown = false;
            _writer.Command("D0").Text(host, "host", DnsResolver.MaxHostNameLength, false).End();
            AtResponse answer = Run(slot, _options.DnsTimeoutMilliseconds, true);
            if (!Ipv4.TryParse(answer.PayloadText(), slot.RemoteAddress))
            {
                throw new EsWifiException(EsWifiErrorKind.ProtocolError, "D0 answered something that is not an IPv4 address");
            }

            slot.RemoteKnown = true;
        }

        private void Start(SocketSlot slot, string command, int timeout)
        {
            Select(slot);
            _writer.Command(command).Int(1).End();
            try
            {
                Run(slot, timeout, true);
            }
            catch (EsWifiException e) when (e.IsModuleAnswer)
            {
                // A refused start may mean the module lost its network unseen: the next open checks.
                _channel.Life.Doubt();
                if (command != "P6")
                {
                    throw;
                }

                // A connect the module refused: say what failed, the module's words in the message.
                EsWifiErrorKind kind = ModuleErrors.OfConnect(e, slot.Settings[SocketSlot.Protocol] == 3);
                if (kind == e.Kind)
                {
                    throw;
                }

                string what = kind == EsWifiErrorKind.TlsHandshakeFailed ? "the TLS handshake failed" : "the connection was refused or the host is unreachable";
                throw new EsWifiException(kind, what + " (socket " + slot.Index.ToString() + "; the module said: " + e.ModuleReason + ")", e.ModuleReason);
            }
        }

        /// <summary>
        /// Runs the command in the writer for <paramref name="slot"/>. When it fails without a clear
        /// answer (timeout, damaged or cut answer, link failure) the module's state of the socket is
        /// unknown: the socket is stopped before its next opening.
        /// </summary>
        private AtResponse Run(SocketSlot slot, int timeout, bool requireOk)
        {
            try
            {
                AtResponse answer = _channel.Execute(timeout);
                return requireOk ? _channel.ThrowUnlessOk(answer) : answer;
            }
            catch (EsWifiException e)
            {
                MarkUncertain(slot, e);
                throw;
            }
        }

        private AtResponse Run(SocketSlot slot, int timeout, byte[] payload, int offset, int count)
        {
            try
            {
                AtResponse answer = _channel.ExecuteWithPayloadHeld(payload, offset, count, timeout);
                return answer._kind == AtResponseKind.Ok ? answer : _channel.ThrowUnlessOk(answer);
            }
            catch (EsWifiException e)
            {
                MarkUncertain(slot, e);
                throw;
            }
        }

        private static void MarkUncertain(SocketSlot slot, EsWifiException e)
        {
            if (!e.IsModuleAnswer)
            {
                slot.StopBeforeUse = true;
            }
        }

        private static bool SameAddress(byte[] a, byte[] b)
        {
            return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
        }
    }
}
