using System.Net;
using System.Net.Sockets;

namespace EsWifi.Emulator.Network;

/// <summary>
/// A UDP socket: as a client it sends to one peer; as a server it answers whoever sent last.
/// Each R0 returns one datagram; bytes beyond R1 are lost (UM §4.14).
/// </summary>
public sealed class DatagramConnection : EmulatedConnection
{
    private readonly Socket _socket;
    private readonly Queue<byte[]> _datagrams = new();
    private readonly Thread _pump;
    private EndPoint _peer;

    public DatagramConnection(Socket socket, EndPoint peer, bool isServer)
    {
        _socket = socket;
        _peer = peer;
        IsServer = isServer;
        _pump = new Thread(Pump) { IsBackground = true, Name = "eswifi-emulator-udp" };
        _pump.Start();
    }

    public override EndPoint RemoteEndPoint
    {
        get
        {
            lock (Sync)
            {
                return _peer;
            }
        }
    }

    public EndPoint LocalEndPoint => _socket.LocalEndPoint;

    public override byte[] Take(int max)
    {
        lock (Sync)
        {
            byte[] datagram = _datagrams.Dequeue();
            return datagram.Length <= max ? datagram : datagram.AsSpan(0, max).ToArray();
        }
    }

    public override void Send(byte[] data)
    {
        EndPoint peer = RemoteEndPoint ?? throw new IOException("no peer to send to yet");
        _socket.SendTo(data, peer);
    }

    public override int BufferedBytes
    {
        get
        {
            lock (Sync)
            {
                return _datagrams.Sum(d => d.Length);
            }
        }
    }

    public override void Abort() => Dispose();

    public override void Dispose()
    {
        _socket.Dispose();
        MarkPeerClosed();
    }

    protected override bool HasData() => _datagrams.Count > 0;

    private void Pump()
    {
        byte[] buffer = new byte[65536];
        try
        {
            while (true)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int read = _socket.ReceiveFrom(buffer, ref from);
                lock (Sync)
                {
                    _datagrams.Enqueue(buffer.AsSpan(0, read).ToArray());
                    _peer ??= from;
                    if (_peer is IPEndPoint current && from is IPEndPoint sender && !current.Equals(sender) && IsServer)
                    {
                        _peer = sender;
                    }

                    Signal();
                }
            }
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
        {
        }

        MarkPeerClosed();
    }

    /// <summary>A server socket replies to the latest sender.</summary>
    public bool IsServer { get; }
}
