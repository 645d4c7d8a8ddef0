using System.Net;
using System.Net.Sockets;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Driver;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Emulator;

/// <summary>
/// Whatever a peer does, the emulator lives on: every peer failure ends in the module's error answer
/// (or a closed connection), its certificate sets are intact, and the next connection works. Before,
/// a TLS server that demanded a client certificate the module did not present killed the emulator
/// with an unhandled SocketException (107) from Socket.RemoteEndPoint, in process the host with it,
/// and a client that went away before the server took it ended the server's accept loop for good.
/// </summary>
public class PeerFailureTests : IClassFixture<TlsFlowTests.Credentials>
{
    private readonly TlsFlowTests.Credentials _credentials;

    public PeerFailureTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    public static IEnumerable<object[]> Peers() => new[]
    {
        new object[] { "demands a client certificate" },
        new object[] { "resets in the middle of the handshake" },
        new object[] { "closes before the handshake" },
        new object[] { "answers with a TLS alert" },
    };

    [Theory]
    [MemberData(nameof(Peers))]
    public void A_failing_tls_peer_ends_in_an_error_and_the_emulator_lives_on(string behaviour)
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, options: new EsWifiOptions { ConnectTimeoutMilliseconds = 5000 });
        byte[] ca = _credentials.Lab.CaPem;
        bench.Module.Certificates.Program(0, CertificateKind.RootCa, ca, 0, ca.Length, null);
        using LoopbackServer good = LoopbackServer.TlsEcho(_credentials.Lab, false);
        using var bad = Peer(behaviour);

        Exception failure = Record.Exception(() =>
        {
            using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", ((IPEndPoint)bad.LocalEndpoint).Port, new TlsOptions());
            tls.ReadTimeout = 3000;
            tls.Write(new byte[] { 1, 2, 3 }, 0, 3);
            Assert.Equal(0, tls.Read(new byte[16], 0, 16));
        });

        Assert.True(failure is null || failure is EsWifiException, behaviour + ": " + failure);
        Assert.True(bench.Uart.Running, "the emulator's UART front end is alive");
        Assert.Equal(ca, bench.Emulator.Certificates.Get(0, CertificateSets.RootCa));
        using EsWifiSslStream next = bench.Module.ConnectTls("localhost", good.Port, new TlsOptions());
        next.ReadTimeout = 3000;
        TransferTests.EchoExact(next, new byte[] { 9, 8, 7, 6 });
    }

    [Fact]
    public void A_connection_its_peer_reset_before_it_was_wrapped_keeps_the_endpoint_the_module_dialled()
    {
        // The crash itself: a server that refuses the client's certificate resets the connection
        // right after the TLS 1.3 handshake, and Socket.RemoteEndPoint then throws (ENOTCONN).
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var dialled = (IPEndPoint)listener.LocalEndpoint;
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(dialled);
        var stream = new NetworkStream(socket, ownsSocket: false);
        using (Socket peer = listener.AcceptSocket())
        {
            peer.LingerState = new LingerOption(true, 0);
        }

        listener.Stop();
        Eventually.True(() => socket.Poll(0, SelectMode.SelectRead), "the reset at the module's socket");
        Assert.ThrowsAny<SocketException>(() => socket.RemoteEndPoint);

        using var connection = new EsWifi.Emulator.Network.StreamConnection(socket, stream, dialled);

        Assert.Equal(dialled, connection.RemoteEndPoint);
    }

    [Fact]
    public void A_client_that_closes_before_it_is_accepted_leaves_the_emulator_and_the_next_server_working()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        int port = TransferTests.FreePort();
        using (EsWifiTcpListener listener = bench.Module.Listen(port))
        {
            using (var gone = new TcpClient())
            {
                gone.Connect(IPAddress.Loopback, port);
                gone.Client.LingerState = new LingerOption(true, 0);
            }

            // Taken after it went: a stream that reads as closed, or a clear error; never a crash.
            Exception failure = Record.Exception(() =>
            {
                using EsWifiNetworkStream accepted = listener.AcceptStream(5000);
                accepted.ReadTimeout = 2000;
                Assert.Equal(0, accepted.Read(new byte[4], 0, 4));
            });
            Assert.True(failure is null || failure is EsWifiException, "got " + failure);
        }

        Assert.True(bench.Uart.Running, "the emulator's UART front end is alive");
        using EsWifiTcpListener again = bench.Module.Listen(port);
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using EsWifiNetworkStream served = again.AcceptStream(5000);
        served.ReadTimeout = 3000;
        client.GetStream().Write(new byte[] { 5, 6 });
        byte[] two = new byte[2];
        TransferTests.ReadExactly(served, two, 2);
        Assert.Equal(new byte[] { 5, 6 }, two);
    }

    /// <summary>A TLS peer that fails the way <paramref name="behaviour"/> says, on its own thread.</summary>
    private TcpListener Peer(string behaviour)
    {
        if (behaviour == "demands a client certificate")
        {
            var server = LoopbackServer.TlsEcho(_credentials.Lab, true);
            var front = new TcpListener(IPAddress.Loopback, 0);
            front.Start();

            // Forwarded as is to the real TLS server, so the listener's port is the one dialled.
            new Thread(() => Forward(front, server.Port)) { IsBackground = true }.Start();
            return front;
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        new Thread(() =>
        {
            try
            {
                using Socket client = listener.AcceptSocket();
                byte[] buffer = new byte[4096];
                switch (behaviour)
                {
                    case "resets in the middle of the handshake":
                        client.Receive(buffer);
                        client.LingerState = new LingerOption(true, 0);
                        client.Close();
                        break;
                    case "closes before the handshake":
                        client.Shutdown(SocketShutdown.Both);
                        break;
                    default:
                        client.Receive(buffer);
                        client.Send(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 });
                        Thread.Sleep(200);
                        break;
                }
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
            }
        }) { IsBackground = true }.Start();
        return listener;
    }

    private static void Forward(TcpListener front, int port)
    {
        try
        {
            using Socket inbound = front.AcceptSocket();
            using var outbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            outbound.Connect(IPAddress.Loopback, port);
            var pump = new Thread(() => Copy(outbound, inbound)) { IsBackground = true };
            pump.Start();
            Copy(inbound, outbound);
            pump.Join(5000);
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
        {
        }
    }

    private static void Copy(Socket from, Socket to)
    {
        byte[] buffer = new byte[4096];
        try
        {
            int n;
            while ((n = from.Receive(buffer)) > 0)
            {
                to.Send(buffer, n, SocketFlags.None);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
        {
        }
    }
}
