using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EsWifi.Emulator.Model;

/// <summary>
/// The module: takes one command (its line and any binary payload) and produces the answer bytes,
/// with the state model of protocol.md §10. Front ends (UART, SPI) own the framing around it.
/// Command families live in the partial files beside this one.
/// </summary>
public sealed partial class EmulatedModule : IDisposable
{
    private const int SocketCount = 4;

    private readonly object _sync = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private ModuleSocket[] _sockets;
    private int _current;

    public EmulatedModule(FirmwareProfile profile)
    {
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
        Reply = new Reply(profile);
        Certificates = new CertificateSets(profile);
        _sockets = NewSockets();
        HostNames["localhost"] = IPAddress.Loopback;
    }

    public FirmwareProfile Profile { get; }

    public Reply Reply { get; }

    public CertificateSets Certificates { get; }

    public EmulatorCounters Counters { get; } = new();

    /// <summary>Access points the module can see.</summary>
    public List<SimulatedAccessPoint> AccessPoints { get; } = new();

    /// <summary>The D0 name map; unknown names answer "Host not found".</summary>
    public Dictionary<string, IPAddress> HostNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The emulated network's port forwarding: a connection to remote port <c>key</c> (at whatever address
    /// D0 gave) reaches 127.0.0.1 on port <c>value</c>, so firmware that connects to a well-known port
    /// (443) talks to a test server on a free one.
    /// </summary>
    public Dictionary<int, int> PortRedirects { get; } = new();

    /// <summary>Socket commands need a joined network, as on the real module; tests of framing alone may lift this.</summary>
    public bool RequireJoinForSockets { get; set; } = true;

    /// <summary>How long P6=1 may take to connect (and to finish a TLS handshake).</summary>
    public int ConnectTimeoutMilliseconds { get; set; } = 10000;

    /// <summary>Reboots so far (ZR or injected resets).</summary>
    public int Reboots { get; private set; }

    /// <summary>Raised when an unsolicited message is queued (UART pushes it when idle).</summary>
    public event Action MessageQueued;

    public ModuleSocket Socket(int index) => _sockets[index];

    /// <summary>Unsolicited messages waiting: fetched with MR (SPI) or pushed by the UART front end.</summary>
    public bool TryTakeMessage(out string message) => _messages.TryDequeue(out message);

    /// <summary>True while an unsolicited message waits to be pushed or fetched.</summary>
    public bool HasMessages => !_messages.IsEmpty;

    /// <summary>
    /// Executes one command. <paramref name="line"/> is the command without its <c>\r</c>;
    /// <paramref name="payload"/> the binary bytes that followed it (S3, PG), or empty.
    /// Returns the answer bytes, or null when the module answers nothing (ZR).
    /// </summary>
    public byte[] Execute(byte[] line, byte[] payload)
    {
        string text = Encoding.Latin1.GetString(line);
        string name = CommandName(text);
        Counters.CountCommand(name, line.Length + 1, payload.Length);
        byte[] answer;
        lock (_sync)
        {
            try
            {
                answer = Dispatch(name, text, payload);
            }
            catch (Exception e) when (e is SocketException || e is IOException || e is ObjectDisposedException || e is System.Security.Authentication.AuthenticationException)
            {
                // Whatever a peer does (resets, closes, alerts) ends in the module's error answer,
                // never in the emulator: its sockets and certificate sets live on.
                answer = Reply.Error("Socket error (" + e.GetType().Name + ")", name + " ");
            }
        }

        if (answer != null)
        {
            Counters.CountAnswer(answer.Length);
        }

        return answer;
    }

    /// <summary>
    /// Reboots: sockets closed and back to defaults, not joined; station settings, MT and certificates
    /// kept; MS back to its default (a setting survives a reset only when saved with Z1, protocol.md §2.1).
    /// </summary>
    public void Reboot()
    {
        lock (_sync)
        {
            foreach (ModuleSocket socket in _sockets)
            {
                socket.CloseAll();
            }

            _sockets = NewSockets();
            _current = 0;
            _joined = null;
            _scanCursor = -1;

            // MS is a run-time setting: a reboot brings back the default (messages pushed).
            _messageSuppression = 0;
            while (_messages.TryDequeue(out _))
            {
            }

            Reboots++;
        }
    }

    /// <summary>Fault injection: the peer of <paramref name="socket"/> resets its connection (TCP RST).</summary>
    public void ResetPeer(int socket)
    {
        lock (_sync)
        {
            _sockets[socket].Connection?.Abort();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            foreach (ModuleSocket socket in _sockets)
            {
                socket.CloseAll();
            }
        }
    }

    internal void QueueMessage(string message)
    {
        _messages.Enqueue(message);
        MessageQueued?.Invoke();
    }

    private static string CommandName(string text)
    {
        if (text.StartsWith("$$$", StringComparison.Ordinal) || text.StartsWith("---", StringComparison.Ordinal))
        {
            return text.Substring(0, 3);
        }

        return text.Length >= 2 ? text.Substring(0, 2) : text;
    }

    private static ModuleSocket[] NewSockets() => Enumerable.Range(0, SocketCount).Select(i => new ModuleSocket(i)).ToArray();

    private ModuleSocket Current => _sockets[_current];

    private byte[] Dispatch(string name, string text, byte[] payload)
    {
        if (text.Length == 0)
        {
            return Reply.Prompt();
        }

        string args = ArgumentsOf(text, name);
        switch (name)
        {
            case "I?": return Reply.Ok(Profile.InfoLine);
            case "Z?": return Reply.Ok($"0,12345678,0x097F,0x4343,{Mac},192.168.10.1,0,1,0,0,{Profile.ProductId}");
            case "Z5": return Reply.Ok(Mac);
            case "ZR": Reboot(); RebootRequested = true; return null;
            case "MT": return SetMessageType(args);
            case "MS": return SetMessageSuppression(args);
            case "MR": return ReadMessages();
            case "U2": return StoreBaudRate(args);
            case "U0":
                // The new rate applies at once; any answer would come at it, so the module says nothing.
                UartBaudRate = _storedBaudRate;
                return null;
            case "---": return Reply.Ok();
            case "C1": case "C2": case "C3": case "C4": case "C6": case "C7": case "C8": case "C9": case "C0": case "CD": case "CS": case "CR": case "C?":
                return Station(name, args);
            case "F0": return Scan(args);
            case "D0": return Resolve(args);
            case "P0": case "P1": case "P2": case "P3": case "P4": case "P5": case "P6": case "P7": case "P8": case "P9": case "P?": case "PK":
                return SocketCommand(name, args);
            case "R0": case "R1": case "R2": case "S2": case "S3":
                return DataCommand(name, args, payload);
            case "PE": case "PF": case "PG":
                return CertificateCommand(name, args, payload);
            default:
                return Reply.Error("Unknown Command", name + " is not supported");
        }
    }

    /// <summary>Set by ZR: the front end then emits the boot cursor instead of an answer.</summary>
    public bool RebootRequested { get; set; }

    public string Mac { get; set; } = "C4:7F:51:8E:2B:01";

    private static string ArgumentsOf(string text, string name)
    {
        if (text.Length == name.Length)
        {
            return null;
        }

        return text[name.Length] == '=' ? text.Substring(name.Length + 1) : text.Substring(name.Length);
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value)
        && value >= min && value <= max;

    private byte[] SetMessageType(string args)
    {
        if (args == null || !TryInt(args, 0, 1, out int value))
        {
            return Reply.Error("Unknown Error", "MT <0=Normal/1=Simple>");
        }

        Reply.MessageType = value;
        return Reply.Ok();
    }

    private int _messageSuppression;
    private int _storedBaudRate = 115200;

    private static readonly int[] BaudRates = { 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1152000, 1382400, 1612800, 1843200, 2073600 };

    /// <summary>The UART rate the module talks at (U2 stores a rate, U0 applies it).</summary>
    public int UartBaudRate { get; private set; } = 115200;

    private byte[] StoreBaudRate(string args)
    {
        if (args == null || !TryInt(args, 1, int.MaxValue, out int rate) || Array.IndexOf(BaudRates, rate) < 0)
        {
            return Reply.Error("Invalid parameter", "U2=<baud rate>");
        }

        _storedBaudRate = rate;
        return Reply.Ok();
    }

    private byte[] SetMessageSuppression(string args)
    {
        if (args == null || !TryInt(args, 0, Profile.MaxMessageSuppression, out int value))
        {
            return Reply.Error("Invalid parameter", "MS <0-" + Profile.MaxMessageSuppression + ">");
        }

        _messageSuppression = value;
        return Reply.Ok();
    }

    /// <summary>MS=2/3 suppress the TCP server messages (QR20 MS row).</summary>
    private bool ServerMessagesSuppressed => _messageSuppression >= 2;

    private byte[] ReadMessages()
    {
        if (_scanCursor >= 0)
        {
            return NextScanRecord();
        }

        var area = new StringBuilder("[SOMA]");
        while (_messages.TryDequeue(out string message))
        {
            area.Append(message).Append("\r\n");
        }

        if (area.Length > 6)
        {
            area.Length -= 2;
        }

        return Reply.Ok(area.Append("[EOMA]").ToString());
    }
}
