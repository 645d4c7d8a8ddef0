using System.Net;
using System.Net.Sockets;

namespace EsWifi.Emulator.Network;

/// <summary>A TCP connection, plain or wrapped in TLS, with a receive pump.</summary>
public sealed class StreamConnection : EmulatedConnection
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly object _writeLock = new();
    private readonly Thread _pump;
    private byte[] _buffer = new byte[16384];
    private int _start;
    private int _count;

    /// <param name="socket">The connected socket.</param>
    /// <param name="stream">Its stream, plain or TLS.</param>
    /// <param name="peer">The peer as the module knows it (where it connected to), used when the socket can no
    /// longer tell: a peer that already closed or reset the connection (a server that refused the
    /// client's certificate after the handshake) makes <see cref="Socket.RemoteEndPoint"/> throw.</param>
    public StreamConnection(Socket socket, Stream stream, EndPoint peer)
    {
        _socket = socket;
        _stream = stream;
        RemoteEndPoint = PeerOf(socket) ?? peer;
        _pump = new Thread(Pump) { IsBackground = true, Name = "eswifi-emulator-rx" };
        _pump.Start();
    }

    public override EndPoint RemoteEndPoint { get; }

    private static EndPoint PeerOf(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    public override byte[] Take(int max)
    {
        lock (Sync)
        {
            int n = Math.Min(max, _count);
            byte[] data = new byte[n];
            Array.Copy(_buffer, _start, data, 0, n);
            _start += n;
            _count -= n;
            return data;
        }
    }

    public override void Send(byte[] data)
    {
        lock (_writeLock)
        {
            _stream.Write(data, 0, data.Length);
            _stream.Flush();
        }
    }

    public override void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
        }

        _socket.Close();
        MarkPeerClosed();
    }

    public override void Dispose()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stream.Dispose();
        _socket.Dispose();
        MarkPeerClosed();
    }

    protected override bool HasData() => _count > 0;

    public override int BufferedBytes
    {
        get
        {
            lock (Sync)
            {
                return _count;
            }
        }
    }

    private void Pump()
    {
        byte[] chunk = new byte[8192];
        try
        {
            while (true)
            {
                int read = _stream.Read(chunk, 0, chunk.Length);
                if (read <= 0)
                {
                    break;
                }

                lock (Sync)
                {
                    Append(chunk, read);
                    Signal();
                }
            }
        }
        catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is SocketException || e is InvalidOperationException)
        {
        }

        MarkPeerClosed();
    }

    private void Append(byte[] chunk, int read)
    {
        if (_start + _count + read > _buffer.Length)
        {
            if (_count + read > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + read));
            }

            Array.Copy(_buffer, _start, _buffer, 0, _count);
            _start = 0;
        }

        Array.Copy(chunk, 0, _buffer, _start + _count, read);
        _count += read;
    }
}
