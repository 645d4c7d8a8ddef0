using System;

namespace EsWifi.NanoTests
{
    /// <summary>
    /// An eS-WiFi module (C3.5.2.5 over UART) in memory, small enough for nanoCLR: it takes the
    /// host's bytes, executes each command as the firmware frames it and queues the answer byte for
    /// byte. Each socket's peer is an echo: what <c>S3</c> sends, <c>R0</c> reads back. It answers
    /// at once, so with <see cref="ManualClock"/> no test waits. Faults are armed per command name.
    /// </summary>
    public sealed class TinyModule : IByteLink
    {
        /// <summary>The I? answer (ISM43362 over UART).</summary>
        public const string Identity = "ISM43362-M3G-L44-UART,C3.5.2.5.UART,v3.5.2,v1.4.0.rc1,v8.2.1,120000000,Inventek eS-WiFi";

        /// <summary>The Z5 answer.</summary>
        public const string Mac = "C4:7F:51:8E:2B:01";

        /// <summary>The access point the module can join.</summary>
        public const string Ssid = "lab";

        /// <summary>Its passphrase.</summary>
        public const string Passphrase = "correct horse";

        private const int SocketCount = 4;
        private const int EchoCapacity = 16384;

        private readonly object _sync = new object();
        private readonly byte[] _input = new byte[8192];
        private readonly byte[] _output = new byte[65536];
        private readonly byte[][] _echo = new byte[SocketCount][];
        private readonly int[] _echoCount = new int[SocketCount];
        private readonly bool[] _connected = new bool[SocketCount];
        private readonly bool[] _serving = new bool[SocketCount];
        private readonly int[] _readSize = new int[SocketCount];
        private readonly bool[] _certificateUsed = new bool[12];
        private readonly byte[][] _certificates = new byte[12][];
        private int _inputCount;
        private int _outputStart;
        private int _outputEnd;
        private int _current;
        private string _ssid;
        private string _passphrase;
        private byte[] _late;

        /// <summary>Creates the module, booted and not joined.</summary>
        public TinyModule()
        {
            for (int i = 0; i < SocketCount; i++)
            {
                _echo[i] = new byte[EchoCapacity];
            }

            Reboot();
        }

        /// <summary>True once C0 succeeded (until a reboot or CD).</summary>
        public bool Joined { get; private set; }

        /// <summary>Commands executed so far.</summary>
        public int Commands { get; private set; }

        /// <summary>Reboots so far.</summary>
        public int Reboots { get; private set; }

        /// <summary>The last command line (without its CR and payload).</summary>
        public string LastCommand { get; private set; }

        /// <summary>Every command line so far, separated by <c>|</c>.</summary>
        public string History { get; private set; }

        /// <summary>The next command of this name gets no answer at all.</summary>
        public string SilentOn { get; set; }

        /// <summary>The next write fails as a port that is gone does (an IOException), once.</summary>
        public bool FailNextWrite { get; set; }

        /// <summary>The next command of this name is answered only before the answer to the one after it.</summary>
        public string LateOn { get; set; }

        /// <summary>The module reboots instead of answering the next command of this name (it sends only the boot prompt).</summary>
        public string ResetOn { get; set; }

        /// <summary>The peer answers the next S3 with these bytes instead of an echo, once (null: echo).</summary>
        public byte[] PeerSends { get; set; }

        /// <summary>A client is connected to the server (P? shows its address).</summary>
        public bool ClientWaiting { get; private set; }

        /// <summary>A client connects to the server on <paramref name="socket"/>: the module pushes <c>[TCP SVR] Accepted</c>.</summary>
        public void ClientConnects(int socket)
        {
            lock (_sync)
            {
                ClientWaiting = true;
                _connected[socket] = true;
                Queue("\r\n[TCP SVR] Accepted 192.168.1.9:50000\r\n> ");
            }
        }

        /// <summary>Bytes the host wrote that wait to be read back by R0 on socket <paramref name="socket"/>.</summary>
        public int Pending(int socket)
        {
            lock (_sync)
            {
                return _echoCount[socket];
            }
        }

        /// <summary>True when socket <paramref name="socket"/> has a connection (or a server) running.</summary>
        public bool IsOpen(int socket)
        {
            lock (_sync)
            {
                return _connected[socket] || _serving[socket];
            }
        }

        /// <summary>The bytes written to a certificate slot (set * 3 + kind), or null.</summary>
        public byte[] Certificate(int set, int kind)
        {
            return _certificates[set * 3 + kind];
        }

        /// <summary>Reboots now (its reset line, or power): input dropped, sockets closed, not joined, the boot prompt queued.</summary>
        public void RebootNow()
        {
            lock (_sync)
            {
                Reboot();
                Queue("\r\n> ");
            }
        }

        /// <summary>Puts bytes on the host's receive line as they are: noise, or a message pushed at the wrong moment.</summary>
        public void Sends(string text)
        {
            lock (_sync)
            {
                Queue(text);
            }
        }

        /// <inheritdoc />
        public int BytesAvailable
        {
            get
            {
                lock (_sync)
                {
                    return _outputEnd - _outputStart;
                }
            }
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                int n = _outputEnd - _outputStart;
                if (n > count)
                {
                    n = count;
                }

                Array.Copy(_output, _outputStart, buffer, offset, n);
                _outputStart += n;
                if (_outputStart == _outputEnd)
                {
                    _outputStart = 0;
                    _outputEnd = 0;
                }

                return n;
            }
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                if (FailNextWrite)
                {
                    FailNextWrite = false;
                    throw new System.IO.IOException("the port is gone");
                }

                Array.Copy(buffer, offset, _input, _inputCount, count);
                _inputCount += count;
                while (TakeCommand())
                {
                }
            }
        }

        /// <summary>Executes the first whole command of the input (line and payload); false when none is whole yet.</summary>
        private bool TakeCommand()
        {
            // A line feed between commands is the SPI pad byte (or a stray one): not a command.
            int skip = 0;
            while (skip < _inputCount && _input[skip] == (byte)'\n')
            {
                skip++;
            }

            if (skip > 0)
            {
                Array.Copy(_input, skip, _input, 0, _inputCount - skip);
                _inputCount -= skip;
            }

            int cr = Array.IndexOf(_input, (byte)'\r', 0, _inputCount);
            if (cr < 0)
            {
                return false;
            }

            string line = Bytes.Text(_input, 0, cr);
            int payloadLength = PayloadLength(line);
            if (_inputCount < cr + 1 + payloadLength)
            {
                return false;
            }

            byte[] payload = new byte[payloadLength];
            Array.Copy(_input, cr + 1, payload, 0, payloadLength);
            int used = cr + 1 + payloadLength;
            Array.Copy(_input, used, _input, 0, _inputCount - used);
            _inputCount -= used;
            Answer(line, payload);
            return true;
        }

        private void Answer(string line, byte[] payload)
        {
            Commands++;
            LastCommand = line;
            History = History == null ? line : History + "|" + line;
            string name = line.Length >= 2 ? line.Substring(0, 2) : line;
            if (name == ResetOn)
            {
                ResetOn = null;
                RebootNow();
                return;
            }

            byte[] answer = Execute(name, line.Length > 3 ? line.Substring(3) : null, payload);
            if (name == SilentOn)
            {
                SilentOn = null;
                return;
            }

            if (name == LateOn)
            {
                LateOn = null;
                _late = answer;
                return;
            }

            if (_late != null)
            {
                Queue(_late);
                _late = null;
            }

            Queue(answer);
        }

        private byte[] Execute(string name, string args, byte[] payload)
        {
            switch (name)
            {
                case "":
                    return Bytes.Of("\r\n> ");
                case "ZR":
                    Reboot();
                    return Bytes.Of("\r\n> ");
                case "I?":
                    return Ok(Identity);
                case "Z5":
                    return Ok(Mac);
                case "CS":
                    return Ok(Joined ? "1" : "0");
                case "C1":
                    _ssid = args;
                    return Ok(string.Empty);
                case "C2":
                    _passphrase = args;
                    return Ok(string.Empty);
                case "C3":
                case "C4":
                case "MT":
                case "MS":
                case "S2":
                case "R2":
                case "P1":
                case "P2":
                case "P3":
                case "P4":
                case "P9":
                case "PF":
                    return Ok(string.Empty);
                case "C0":
                    if (_ssid != Ssid || _passphrase != Passphrase)
                    {
                        return Error("[JOIN   ] " + _ssid + "\r\n[JOIN   ] Failed\r\n", "Unknown Error", "C0 ");
                    }

                    Joined = true;
                    return Ok("[JOIN   ] " + Ssid + ",192.168.1.50,0,0");
                case "CD":
                    Joined = false;
                    return Ok(string.Empty);
                case "CR":
                    return Ok("-52");
                case "C?":
                    return Ok(Ssid + "," + Passphrase + ",3,1,0," + (Joined ? "192.168.1.50" : "0.0.0.0") + ",255.255.255.0,192.168.1.1,192.168.1.1,0.0.0.0,5,0,0,US," + (Joined ? "1" : "0"));
                case "F0":
                    return Ok("#001,\"lab\",C4:7F:51:00:00:01,-48,54.0,Infrastructure,WPA2 AES,2.4GHz,6\r\n#002,\"cafe, upstairs\",C0:C1:C0:88:9F:6A,-71,54.0,Infrastructure,Open,2.4GHz,11");
                case "D0":
                    return Ok("192.168.1.77");
                case "P0":
                    _current = int.Parse(args);
                    return Ok(string.Empty);
                case "P5":
                    _serving[_current] = args == "1";
                    if (args == "0")
                    {
                        _connected[_current] = false;
                        ClientWaiting = false;
                    }

                    return Ok(string.Empty);
                case "P6":
                    return Connect(args == "1");
                case "P?":
                    return Ok("0," + (ClientWaiting ? "192.168.1.9" : "0.0.0.0") + ",8080,0.0.0.0,0," + (_serving[_current] ? "1" : "0") + ",0,1,0,0,0,0");
                case "R1":
                    _readSize[_current] = int.Parse(args);
                    return Ok(string.Empty);
                case "S3":
                    return Send(payload);
                case "R0":
                    return Receive();
                case "PE":
                    return Ok(args == null ? Availability() : SlotAvailability(int.Parse(args)));
                case "PG":
                    return Program(args, payload);
                default:
                    return Error(string.Empty, "Unknown command", name);
            }
        }

        private byte[] Connect(bool start)
        {
            if (!start)
            {
                ClientWaiting = false;
                _connected[_current] = false;
                _serving[_current] = false;
                _echoCount[_current] = 0;
                return Ok(string.Empty);
            }

            if (!Joined)
            {
                return Error(string.Empty, "Not connected to a network", "P6=<0=Stop/1=Start>");
            }

            if (_connected[_current])
            {
                return Error(string.Empty, "Socket already connected", "P6=<0=Stop/1=Start>");
            }

            _connected[_current] = true;
            _echoCount[_current] = 0;
            return Ok("[TCP  RC] Connecting to 192.168.1.77");
        }

        private byte[] Send(byte[] payload)
        {
            if (!_connected[_current])
            {
                return Error(string.Empty, "Socket not connected", "S3=<length>");
            }

            byte[] from = PeerSends != null ? PeerSends : payload;
            PeerSends = null;
            Array.Copy(from, 0, _echo[_current], _echoCount[_current], from.Length);
            _echoCount[_current] += from.Length;
            return Ok(payload.Length.ToString());
        }

        private byte[] Receive()
        {
            if (!_connected[_current])
            {
                return Bytes.Of("\r\n-1\r\nERROR\r\n> ");
            }

            int n = _echoCount[_current];
            if (n > _readSize[_current])
            {
                n = _readSize[_current];
            }

            byte[] answer = new byte[n + 10];
            answer[0] = (byte)'\r';
            answer[1] = (byte)'\n';
            Array.Copy(_echo[_current], 0, answer, 2, n);
            Array.Copy(Bytes.Of("\r\nOK\r\n> "), 0, answer, 2 + n, 8);
            Array.Copy(_echo[_current], n, _echo[_current], 0, _echoCount[_current] - n);
            _echoCount[_current] -= n;
            return answer;
        }

        private string Availability()
        {
            string digits = string.Empty;
            for (int set = 0; set < 4; set++)
            {
                bool used = _certificateUsed[set * 3] || _certificateUsed[(set * 3) + 1] || _certificateUsed[(set * 3) + 2];
                digits += (set == 0 ? string.Empty : ",") + (used ? "0" : "1");
            }

            return digits;
        }

        private string SlotAvailability(int set)
        {
            return (_certificateUsed[set * 3] ? "0" : "1") + "," + (_certificateUsed[(set * 3) + 1] ? "0" : "1") + "," + (_certificateUsed[(set * 3) + 2] ? "0" : "1");
        }

        private byte[] Program(string args, byte[] payload)
        {
            string[] fields = args.Split(',');
            int slot = (int.Parse(fields[0]) * 3) + int.Parse(fields[1]);
            if (!_certificateUsed[slot])
            {
                _certificateUsed[slot] = true;
                _certificates[slot] = payload;
                return Ok(string.Empty);
            }

            return Bytes.Equal(_certificates[slot], payload, 0, payload.Length) ? Ok("Match") : Error(string.Empty, "Certificate mismatch", "PG=<set>,<type>,<length>");
        }

        /// <summary>Bytes that follow the line: S3 and PG carry the length given in the line.</summary>
        private static int PayloadLength(string line)
        {
            if (line.Length > 3 && (line.Substring(0, 3) == "S3=" || line.Substring(0, 3) == "PG="))
            {
                string[] fields = line.Substring(3).Split(',');
                return int.Parse(fields[fields.Length - 1]);
            }

            return 0;
        }

        private void Reboot()
        {
            // Whatever the module was collecting (a line, a payload) is gone.
            _inputCount = 0;
            Reboots++;
            Joined = false;
            _current = 0;
            _late = null;
            for (int i = 0; i < SocketCount; i++)
            {
                _connected[i] = false;
                _serving[i] = false;
                _echoCount[i] = 0;
                _readSize[i] = 1460;
            }
        }

        private void Queue(string text)
        {
            Queue(Bytes.Of(text));
        }

        private void Queue(byte[] bytes)
        {
            Array.Copy(bytes, 0, _output, _outputEnd, bytes.Length);
            _outputEnd += bytes.Length;
        }

        private static byte[] Ok(string payload)
        {
            return Bytes.Of("\r\n" + payload + "\r\nOK\r\n> ");
        }

        private static byte[] Error(string head, string reason, string usage)
        {
            return Bytes.Of("\r\n" + head + "ERROR: " + reason + "\r\nUsage: " + usage + "\r\n> ");
        }
    }
}
