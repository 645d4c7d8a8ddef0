using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace EsWifi.Emulator.Peers;

/// <summary>
/// Real servers on 127.0.0.1 for the emulator's sockets to reach: TCP or TLS (optionally requiring a
/// client certificate from a given CA) with an echo or a custom handler, and a UDP echo. They stop on Dispose.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly List<TcpClient> _clients = new();
    private readonly Func<Stream, Stream> _wrap;

    private LoopbackServer(Func<Stream, Stream> wrap, Action<Stream> serve)
    {
        _wrap = wrap;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var thread = new Thread(() => AcceptLoop(serve)) { IsBackground = true, Name = "loopback-server" };
        thread.Start();
    }

    public int Port { get; }

    /// <summary>Subject of the client certificate the TLS server received, if any.</summary>
    public string ClientCertificateSubject { get; private set; }

    /// <summary>Connections being served right now.</summary>
    public int ActiveConnections
    {
        get
        {
            lock (_clients)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Handshakes or connections that failed on the server side.</summary>
    public int Failures { get; private set; }

    public static LoopbackServer TcpEcho() => new(s => s, Echo);

    public static LoopbackServer Tcp(Action<Stream> serve) => new(s => s, serve);

    public static LoopbackServer TlsEcho(GeneratedCertificates certificates, bool requireClientCertificate) =>
        Tls(certificates, requireClientCertificate, Echo);

    public static LoopbackServer Tls(GeneratedCertificates certificates, bool requireClientCertificate, Action<Stream> serve)
    {
        LoopbackServer server = null;
        server = new LoopbackServer(
            inner =>
            {
                var ssl = new SslStream(inner, false, (_, certificate, _, _) =>
                {
                    if (certificate == null)
                    {
                        return !requireClientCertificate;
                    }

                    server.ClientCertificateSubject = certificate.Subject;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(certificates.Ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(certificate));
                });
                ssl.AuthenticateAsServer(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificates.Server,
                    ClientCertificateRequired = requireClientCertificate,
                });
                return ssl;
            },
            serve);
        return server;
    }

    public static void Echo(Stream stream)
    {
        byte[] buffer = new byte[16384];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            stream.Write(buffer, 0, read);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }
    }

    private void AcceptLoop(Action<Stream> serve)
    {
        try
        {
            while (true)
            {
                TcpClient client = _listener.AcceptTcpClient();
                lock (_clients)
                {
                    _clients.Add(client);
                    Accepted++;
                }

                new Thread(() => Serve(client, serve)) { IsBackground = true }.Start();
            }
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
        {
            // Stopped: also before this thread's first accept ("Not listening").
        }
    }

    private void Serve(TcpClient client, Action<Stream> serve)
    {
        try
        {
            client.ReceiveTimeout = 60000;
            using Stream stream = _wrap(client.GetStream());
            serve(stream);
        }
        catch (Exception)
        {
            Failures++;
        }
        finally
        {
            client.Dispose();
            lock (_clients)
            {
                _clients.Remove(client);
            }
        }
    }
}

/// <summary>A UDP echo on 127.0.0.1.</summary>
public sealed class UdpEchoServer : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));

    public UdpEchoServer()
    {
        Port = ((IPEndPoint)_udp.Client.LocalEndPoint).Port;
        new Thread(Run) { IsBackground = true, Name = "loopback-udp-echo" }.Start();
    }

    private volatile bool _disposed;

    public int Port { get; }

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
                _udp.Send(datagram, datagram.Length, from);
            }
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException || _disposed)
        {
            // Disposed under a running receive or send (UdpClient then throws whatever it meets).
        }
    }
}
