using System.Net;
using System.Net.Sockets;

namespace EsWifi.Tests.Support;

/// <summary>
/// Peers that find bytes crossing connections. Every opening of a module socket sends only its own
/// tag byte; the peer echoes what it gets and counts, per server-side connection, the bytes whose tag
/// is not the one the connection started with, and bytes whose tag parity is not the server's own
/// (consecutive openings alternate between two servers, so a stale write into the next opening
/// shows up at the other server).
/// </summary>
public sealed class TaggedPeer : IDisposable
{
    private readonly IDisposable _server;
    private long _foreign;
    private long _bytes;

    private TaggedPeer(int parity, Func<Action<Stream>, (IDisposable Server, int Port)> start)
    {
        Parity = parity;
        (_server, Port) = start(Serve);
    }

    public int Parity { get; }

    public int Port { get; }

    /// <summary>Bytes that reached a connection they do not belong to.</summary>
    public long Foreign => Interlocked.Read(ref _foreign);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static TaggedPeer Tcp(int parity) => new(parity, serve =>
    {
        var server = LoopbackServer.Tcp(serve);
        return (server, server.Port);
    });

    public static TaggedPeer Tls(GeneratedCertificates certificates, int parity) => new(parity, serve =>
    {
        var server = LoopbackServer.Tls(certificates, false, serve);
        return (server, server.Port);
    });

    /// <summary>Counts the bytes of <paramref name="data"/> that do not carry <paramref name="tag"/>.</summary>
    public static int CountForeign(byte[] data, int offset, int count, byte tag)
    {
        int foreign = 0;
        for (int i = offset; i < offset + count; i++)
        {
            if (data[i] != tag)
            {
                foreign++;
            }
        }

        return foreign;
    }

    public void Dispose() => _server.Dispose();

    private void Serve(Stream stream)
    {
        byte[] buffer = new byte[16384];
        int owner = -1;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (owner < 0)
            {
                owner = buffer[0];
            }

            int foreign = 0;
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != owner || (buffer[i] & 1) != Parity)
                {
                    foreign++;
                }
            }

            Interlocked.Add(ref _foreign, foreign);
            Interlocked.Add(ref _bytes, read);
            stream.Write(buffer, 0, read);
        }
    }
}

/// <summary>A UDP echo that counts datagram bytes whose tag parity is not its own.</summary>
public sealed class TaggedUdpPeer : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private long _foreign;

    public TaggedUdpPeer(int parity)
    {
        Parity = parity;
        Port = ((IPEndPoint)_udp.Client.LocalEndPoint).Port;
        new Thread(Run) { IsBackground = true, Name = "tagged-udp-peer" }.Start();
    }

    public int Parity { get; }

    public int Port { get; }

    private volatile bool _disposed;

    public long Foreign => Interlocked.Read(ref _foreign);

    public void Dispose()
    {
        _disposed = true;
        _udp.Dispose();
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                IPEndPoint from = null;
                byte[] datagram = _udp.Receive(ref from);
                Interlocked.Add(ref _foreign, datagram.Count(b => (b & 1) != Parity || b != datagram[0]));
                _udp.Send(datagram, datagram.Length, from);
            }
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException || _disposed)
        {
        }
    }
}
