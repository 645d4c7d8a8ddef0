using System.Net;
using System.Net.Sockets;
using System.Text;
using EsWifi.Emulator.Faults;
using EsWifi.Emulator.FrontEnds;
using EsWifi.Emulator.Model;
using EsWifi.Emulator.Peers;

namespace EsWifi.NanoClrBench;

/// <summary>
/// What the firmware-path program meets: the emulated module (C3.5.2.5 UART firmware, an access point
/// 'lab' and an open one) on a pseudo-terminal behind a wire that can cut a command, real peers on
/// 127.0.0.1 (TCP and UDP echo; TLS echo servers signed by the lab CA, by another CA, and one that
/// requires a client certificate from the lab CA; an HTTPS server that answers a JSON document and
/// closes; a mosquitto that requires a client certificate from the lab CA), and the control line that answers the program's
/// requests: its configuration, the reset line, faults, and checks of the emulator's slots and of a
/// peer that connects to the module's server.
/// </summary>
public sealed class FirmwarePathLab : IDisposable
{
    public const string Ssid = "lab";
    public const string Passphrase = "correct horse";

    private readonly GeneratedCertificates _lab = GeneratedCertificates.Create("nanoclr lab");
    private readonly GeneratedCertificates _other = GeneratedCertificates.Create("nanoclr other");
    private readonly LoopbackServer _tcpEcho = LoopbackServer.TcpEcho();
    private readonly UdpEchoServer _udpEcho = new();
    private readonly LoopbackServer _tlsLab;
    private readonly LoopbackServer _tlsOther;
    private readonly LoopbackServer _tlsMutual;
    private readonly LoopbackServer _httpsJson;
    private readonly PseudoTerminal _uartPty = new();
    private readonly CuttingModulePort _wire;
    private readonly UartFrontEnd _uart;
    private readonly int _listenPort = LoopbackPort.Free();
    private readonly MosquittoBroker _broker;
    private Task _peer;
    private Task<byte[]> _watcher;

    public FirmwarePathLab()
    {
        _tlsLab = LoopbackServer.TlsEcho(_lab, false);
        _tlsOther = LoopbackServer.TlsEcho(_other, false);
        _tlsMutual = LoopbackServer.TlsEcho(_lab, true);
        _httpsJson = LoopbackServer.Tls(_lab, false, AnswerJson);
        _broker = MosquittoBroker.Installed ? new MosquittoBroker(_lab) : null;
        Emulator = new EmulatedModule(FirmwareProfile.C3525Uart);
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = Ssid, Security = 3, Passphrase = Passphrase, Rssi = -48 });
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "cafe, upstairs", Security = 0, Rssi = -71, Channel = 11 });
        _wire = new CuttingModulePort(_uartPty);
        _uart = new UartFrontEnd(Emulator, _wire);
        Control = new ControlLine(Answer);
    }

    public EmulatedModule Emulator { get; }

    public ControlLine Control { get; }

    /// <summary>The module's UART as the program opens it (COM2).</summary>
    public string UartPath => _uartPty.SlavePath;

    public void Dispose()
    {
        Control.Dispose();
        _uart.Dispose();
        _uartPty.Dispose();
        Emulator.Dispose();
        _tcpEcho.Dispose();
        _udpEcho.Dispose();
        _tlsLab.Dispose();
        _tlsOther.Dispose();
        _tlsMutual.Dispose();
        _httpsJson.Dispose();
        _broker?.Dispose();
    }

    /// <summary>The document the JSON server answers, as the program expects it back.</summary>
    public const string JsonDocument = "{\"station\":\"roof\",\"celsius\":21.5,\"samples\":3}";

    /// <summary>One HTTP exchange: reads the request head, answers the document whole, closes.</summary>
    private static void AnswerJson(Stream stream)
    {
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                return;
            }

            head.Append((char)b);
        }

        byte[] body = Encoding.UTF8.GetBytes(JsonDocument);
        byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n");
        stream.Write(answer.Concat(body).ToArray());
        stream.Flush();
    }

    private string Answer(string request)
    {
        string[] words = request.Split(' ');
        switch (words[0])
        {
            case "GET":
                return Get(words[1]);
            case "RESET":
                // The program released the reset line: the module reboots and prints its boot prompt.
                _uart.RequestReset();
                return string.Empty;
            case "FAULT":
                _uart.Faults.Add(Fault(words));
                return string.Empty;
            case "CUT":
                _wire.Arm(words[1], int.Parse(words[2]), int.Parse(words[3]));
                return string.Empty;
            case "SLOT":
                return Slot(int.Parse(words[1]), int.Parse(words[2]), words[3]);
            case "PEER":
                _peer = Task.Run(() => Peer(int.Parse(words[1])));
                return string.Empty;
            case "PEERRESULT":
                if (_peer == null || !_peer.Wait(TimeSpan.FromSeconds(20)))
                {
                    throw new InvalidOperationException("the peer did not finish");
                }

                _peer.GetAwaiter().GetResult();
                return string.Empty;
            case "COUNTERS":
                string counters = $"commands={Emulator.Counters.RoundTrips} bytes-to-module={Emulator.Counters.BytesToModule} bytes-from-module={Emulator.Counters.BytesFromModule} payload-up={Emulator.Counters.PayloadToModule} payload-down={Emulator.Counters.PayloadFromModule}";
                Emulator.Counters.Reset();
                return counters;
            case "MUTUALSUBJECT":
                return _tlsMutual.ClientCertificateSubject ?? "none";
            case "MQTTWATCH":
                // mosquitto_sub, the independent side, waits for one message on the topic.
                _watcher = Broker.SubscribeAsync("-q 1 -t " + words[1], 1, 30);
                Broker.WaitForLog(words[1]);
                return string.Empty;
            case "MQTTSEEN":
                return Encoding.UTF8.GetString(_watcher.GetAwaiter().GetResult()).TrimEnd('\n');
            case "MQTTRESTART":
                // The broker goes away (its connections with it) and comes back on the same ports.
                Broker.Stop(kill: false);
                Broker.Start();
                return string.Empty;
            case "MQTTPUB":
                Broker.Publish(words[1], words[2], 1);
                return string.Empty;
            default:
                throw new ArgumentException("unknown request " + words[0]);
        }
    }

    private string Get(string name) => name switch
    {
        "ssid" => Ssid,
        "passphrase" => Passphrase,
        "tcpEcho" => _tcpEcho.Port.ToString(),
        "udpEcho" => _udpEcho.Port.ToString(),
        "tlsLab" => _tlsLab.Port.ToString(),
        "tlsOther" => _tlsOther.Port.ToString(),
        "tlsMutual" => _tlsMutual.Port.ToString(),
        "httpsJson" => _httpsJson.Port.ToString(),
        "listenPort" => _listenPort.ToString(),
        "mqttTls" => Broker.TlsPort.ToString(),
        _ when name.StartsWith("pem.", StringComparison.Ordinal) => Encoding.ASCII.GetString(Pem(name[4..])).Replace('\n', '|'),
        _ => throw new ArgumentException("no setting " + name),
    };

    private MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("mosquitto is not installed (apt-get install mosquitto mosquitto-clients; .ci/run does)");

    private byte[] Pem(string name) => name switch
    {
        "labCa" => _lab.CaPem,
        "labCert" => _lab.ClientCertificatePem,
        "labKey" => _lab.ClientKeyPem,
        "otherCa" => _other.CaPem,
        "none" => null,
        _ => throw new ArgumentException("no PEM " + name),
    };

    /// <summary>The emulator's slot holds exactly the named PEM ("none": nothing).</summary>
    private string Slot(int set, int kind, string name)
    {
        byte[] expected = Pem(name);
        byte[] held = Emulator.Certificates.Get(set, kind);
        if (expected == null ? held != null : held == null || !held.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException($"set {set} slot {kind} holds {(held == null ? "nothing" : held.Length + " bytes")}, not {name}");
        }

        return string.Empty;
    }

    private static Fault Fault(string[] words)
    {
        var kind = Enum.Parse<FaultKind>(words[2]);
        return kind switch
        {
            FaultKind.Delay => new Fault { Command = words[1], Kind = kind, Milliseconds = int.Parse(words[3]) },
            FaultKind.ResetDuringAnswer => new Fault { Command = words[1], Kind = kind, At = double.Parse(words[3], System.Globalization.CultureInfo.InvariantCulture) },
            _ => new Fault { Command = words[1], Kind = kind },
        };
    }

    /// <summary>A client of the module's server: connects, sends a line, expects it back.</summary>
    private static void Peer(int port)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        client.ReceiveTimeout = 20000;
        NetworkStream stream = client.GetStream();
        byte[] line = Encoding.ASCII.GetBytes("hello from the peer\n");
        stream.Write(line);
        byte[] back = new byte[line.Length];
        int got = 0;
        while (got < back.Length)
        {
            int n = stream.Read(back, got, back.Length - got);
            if (n == 0)
            {
                throw new InvalidOperationException($"the module's side closed after {got} bytes");
            }

            got += n;
        }

        if (!back.AsSpan().SequenceEqual(line))
        {
            throw new InvalidOperationException("the peer got back something else: " + Encoding.ASCII.GetString(back));
        }
    }
}
