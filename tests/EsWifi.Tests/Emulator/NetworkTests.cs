using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Emulator;

/// <summary>The emulator's sockets are real loopback sockets: echoes, servers, closes and resets.</summary>
public class NetworkTests : IDisposable
{
    private readonly RawUart _uart = new(FirmwareProfile.C3525Uart);

    public NetworkTests() => _uart.Join();

    public void Dispose() => _uart.Dispose();

    private static string Data(string answer) => answer.Substring(2, answer.Length - 10);

    [Fact]
    public void Tcp_echo_moves_data_both_ways_in_r1_sized_reads()
    {
        using var server = LoopbackServer.TcpEcho();
        _uart.Send("D0=localhost");
        _uart.Send("P4=" + server.Port);
        _uart.Send("P6=1");
        _uart.Send("R1=700");
        byte[] block = RandomNumberGenerator.GetBytes(1460);
        Assert.Equal("\r\n1460\r\nOK\r\n> ", _uart.Send("S3=1460", block));
        Eventually.True(() => _uart.Module.BufferedBytes(0) == block.Length, "the whole echo in the module");
        var received = new List<byte>();
        while (received.Count < block.Length)
        {
            string answer = _uart.Send("R0");
            Assert.True(answer.Length - 10 <= 700);
            received.AddRange(RawUart.Bytes(Data(answer)));
        }

        Assert.Equal(block, received.ToArray());
    }

    [Fact]
    public void A_forwarded_port_takes_a_named_host_on_a_well_known_port_to_a_loopback_server()
    {
        // How the samples' www.example.com:443 reaches a test server: the name resolves, the port is forwarded.
        using var server = LoopbackServer.TcpEcho();
        _uart.Module.HostNames["www.example.com"] = IPAddress.Loopback;
        _uart.Module.PortRedirects[443] = server.Port;
        Assert.Equal("\r\n127.0.0.1\r\nOK\r\n> ", _uart.Send("D0=www.example.com"));
        _uart.Send("P4=443");
        Assert.Contains("OK", _uart.Send("P6=1"));
        Assert.Equal("\r\n3\r\nOK\r\n> ", _uart.Send("S3=3", new byte[] { 1, 2, 3 }));
        Eventually.True(() => _uart.Module.BufferedBytes(0) == 3, "the echo in the module");
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public void Udp_echo_keeps_datagram_boundaries_and_cuts_at_r1()
    {
        using var udp = new UdpEchoServer();
        _uart.Send("P1=1");
        _uart.Send("P3=127.0.0.1");
        _uart.Send("P4=" + udp.Port);
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("P6=1"));
        _uart.Send("S3=5", RawUart.Bytes("first"));
        _uart.Send("S3=6", RawUart.Bytes("second"));
        Assert.Equal("\r\nfirst\r\nOK\r\n> ", _uart.Send("R0"));
        _uart.Send("R1=3");
        Assert.Equal("\r\nsec\r\nOK\r\n> ", _uart.Send("R0"));
    }

    [Fact]
    public void R0_waits_up_to_r2_and_then_answers_empty()
    {
        using var server = LoopbackServer.Tcp(stream => Thread.Sleep(2000));
        _uart.Send("D0=localhost");
        _uart.Send("P4=" + server.Port);
        _uart.Send("P6=1");
        _uart.Send("R2=400");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("R0"));
        Assert.InRange(watch.ElapsedMilliseconds, 350, 1500);
    }

    [Fact]
    public void After_the_peer_closes_buffered_data_comes_first_then_minus_one()
    {
        using var server = LoopbackServer.Tcp(stream => stream.Write(RawUart.Bytes("bye")));
        _uart.Send("D0=localhost");
        _uart.Send("P4=" + server.Port);
        _uart.Send("P6=1");
        Eventually.True(() => _uart.Module.BufferedBytes(0) == 3 && _uart.Module.Socket(0).Connection.PeerClosed, "the data and the close in the module");
        Assert.Equal("\r\nbye\r\nOK\r\n> ", _uart.Send("R0"));
        Assert.Equal("\r\n-1\r\nERROR\r\n> ", _uart.Send("R0"));
    }

    [Fact]
    public void A_refused_connection_answers_an_error()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _uart.Send("D0=localhost");
        _uart.Send("P4=" + closedPort);
        Assert.Equal("\r\n[TCP  RC] Connecting to 127.0.0.1\r\nERROR: Failed to connect\r\nUsage: P6=<0=Stop/1=Start>\r\n> ", _uart.Send("P6=1"));
    }

    [Fact]
    public void A_tcp_server_pushes_the_accept_message_and_serves_the_client()
    {
        _uart.Send("P0=2");
        _uart.Send("P2=0");
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("P5=1"));
        int port = ((IPEndPoint)_uart.Module.Socket(2).Listener.LocalEndPoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        int clientPort = ((IPEndPoint)client.Client.LocalEndPoint).Port;
        Assert.Equal("\r\n[TCP SVR] Accepted 127.0.0.1:" + clientPort + "\r\n> ", _uart.Collect(3000));
        client.GetStream().Write(RawUart.Bytes("ping"));
        Eventually.True(() => _uart.Module.BufferedBytes(2) == 4, "the client's bytes in the module");
        Assert.Equal("\r\nping\r\nOK\r\n> ", _uart.Send("R0"));
        Assert.Equal("\r\n4\r\nOK\r\n> ", _uart.Send("S3=4", RawUart.Bytes("pong")));
        byte[] reply = new byte[4];
        client.GetStream().ReadExactly(reply);
        Assert.Equal("pong", System.Text.Encoding.ASCII.GetString(reply));
        Assert.StartsWith("\r\n0,127.0.0.1,", _uart.Send("P?"));
    }

    [Fact]
    public void A_multi_accept_server_takes_the_next_client_after_p5_10()
    {
        _uart.Send("P2=0");
        _uart.Send("P5=11");
        int port = ((IPEndPoint)_uart.Module.Socket(0).Listener.LocalEndPoint).Port;
        using var first = new TcpClient();
        first.Connect(IPAddress.Loopback, port);
        Assert.StartsWith("\r\n[TCP SVR] Accepted 127.0.0.1:", _uart.Collect(3000));
        using var second = new TcpClient();
        second.Connect(IPAddress.Loopback, port);
        Eventually.True(() => { lock (_uart.Module.Socket(0).PendingClients) { return _uart.Module.Socket(0).PendingClients.Count == 1; } }, "the second client waiting in the module's backlog");
        Assert.Equal("\r\n\r\nOK\r\n> " + "\r\n[TCP SVR] Accepted 127.0.0.1:" + ((IPEndPoint)second.Client.LocalEndPoint).Port + "\r\n> ", _uart.Send("P5=10", null, 3000));
    }

    [Fact]
    public void The_older_accept_loop_P7_serves_clients_too()
    {
        _uart.Send("P2=0");
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("P7=1"));
        int port = ((IPEndPoint)_uart.Module.Socket(0).Listener.LocalEndPoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        Assert.StartsWith("\r\n[TCP SVR] Accepted 127.0.0.1:", _uart.Collect(3000));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("P7=0"));
    }

    [Fact]
    public void A_udp_server_answers_the_latest_sender()
    {
        _uart.Send("P1=1");
        _uart.Send("P2=0");
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("P5=1"));
        var local = (IPEndPoint)((EsWifi.Emulator.Network.DatagramConnection)_uart.Module.Socket(0).Connection).LocalEndPoint;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        client.Send(RawUart.Bytes("query"), 5, local);
        Eventually.True(() => _uart.Module.BufferedBytes(0) == 5, "the datagram in the module");
        Assert.Equal("\r\nquery\r\nOK\r\n> ", _uart.Send("R0"));
        Assert.Equal("\r\n6\r\nOK\r\n> ", _uart.Send("S3=6", RawUart.Bytes("answer")));
        IPEndPoint from = null;
        client.Client.ReceiveTimeout = 3000;
        Assert.Equal("answer", System.Text.Encoding.ASCII.GetString(client.Receive(ref from)));
    }

    [Fact]
    public void Suppressed_server_messages_are_not_pushed()
    {
        _uart.Send("MS=2");
        _uart.Send("P2=0");
        _uart.Send("P5=1");
        int port = ((IPEndPoint)_uart.Module.Socket(0).Listener.LocalEndPoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        Assert.Equal(string.Empty, _uart.Collect(300));
    }

    [Fact]
    public void A_reset_peer_makes_writes_answer_minus_one()
    {
        using var server = LoopbackServer.TcpEcho();
        _uart.Send("D0=localhost");
        _uart.Send("P4=" + server.Port);
        _uart.Send("P6=1");
        _uart.Module.ResetPeer(0);
        Assert.Equal("\r\n-1\r\nOK\r\n> ", _uart.Send("S3=3", RawUart.Bytes("abc")));
        Assert.Equal("\r\n-1\r\nERROR\r\n> ", _uart.Send("R0"));
    }

    [Fact]
    public void Writing_without_a_connection_is_an_error() =>
        Assert.StartsWith("\r\nERROR: Socket not connected", _uart.Send("S3=3", RawUart.Bytes("abc")));
}
