using System.Security.Cryptography;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>Bulk data, concurrency, UDP and servers through the driver and the emulator's real sockets.</summary>
public class TransferTests : IClassFixture<TlsFlowTests.Credentials>
{
    private const int MiB = 1024 * 1024;
    private readonly TlsFlowTests.Credentials _credentials;

    public TransferTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    /// <summary>Writes <paramref name="size"/> random bytes on one thread while another reads the echo; compares hashes.</summary>
    internal static void EchoHashed(EsWifiNetworkStream stream, int size, int seed)
    {
        byte[] data = new byte[size];
        new Random(seed).NextBytes(data);
        byte[] expected = SHA256.HashData(data);
        stream.ReadTimeout = 20000;
        Exception writerError = null;
        var writer = new Thread(() =>
        {
            try
            {
                for (int offset = 0; offset < size; offset += 4096)
                {
                    stream.Write(data, offset, Math.Min(4096, size - offset));
                }
            }
            catch (Exception e)
            {
                writerError = e;
            }
        });
        writer.Start();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[3000];
        long received = 0;
        while (received < size)
        {
            int n = stream.Read(buffer, 0, buffer.Length);
            Assert.True(n > 0, "connection closed after " + received + " bytes");
            hash.AppendData(buffer, 0, n);
            received += n;
        }

        Assert.True(writer.Join(TimeSpan.FromSeconds(60)));
        Assert.Null(writerError);
        Assert.Equal(size, received);
        Assert.Equal(expected, hash.GetHashAndReset());
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void One_MiB_each_way_over_tcp_arrives_intact(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        EchoHashed(tcp, MiB, 1);
        Assert.Equal(MiB, bench.Emulator.Counters.PayloadToModule);
        Assert.Equal(MiB, bench.Emulator.Counters.PayloadFromModule);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void One_MiB_each_way_over_tls_arrives_intact(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        bench.Module.Certificates.Program(0, CertificateKind.RootCa, _credentials.Lab.CaPem, 0, _credentials.Lab.CaPem.Length, null);
        using var server = LoopbackServer.TlsEcho(_credentials.Lab, false);
        using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions());
        EchoHashed(tls, MiB, 2);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Four_sockets_from_four_threads_at_once(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var server = LoopbackServer.TcpEcho();
        var streams = Enumerable.Range(0, 4).Select(_ => bench.Module.ConnectTcp("127.0.0.1", server.Port)).ToArray();
        Assert.Equal(new[] { 0, 1, 2, 3 }, streams.Select(s => s.Socket).OrderBy(i => i));
        Assert.Equal(0, bench.Module.FreeSockets);

        var fifth = Assert.Throws<EsWifiException>(() => bench.Module.ConnectTcp("127.0.0.1", server.Port));
        Assert.Equal(EsWifiErrorKind.NoFreeSocket, fifth.Kind);

        var errors = new List<Exception>();
        var threads = streams.Select((s, i) => new Thread(() =>
        {
            try
            {
                EchoHashed(s, 64 * 1024, 10 + i);
            }
            catch (Exception e)
            {
                lock (errors)
                {
                    errors.Add(e);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(90))));
        Assert.Empty(errors);

        foreach (var stream in streams)
        {
            stream.Close();
        }

        Assert.Equal(4, bench.Module.FreeSockets);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Udp_echo(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var echo = new UdpEchoServer();
        using EsWifiUdpSocket udp = bench.Module.OpenUdp("127.0.0.1", echo.Port);
        udp.ReceiveTimeout = 5000;
        byte[] datagram = RandomNumberGenerator.GetBytes(1000);
        udp.Send(datagram, 0, datagram.Length);
        byte[] buffer = new byte[1460];
        int n = udp.Receive(buffer, 0, buffer.Length);
        Assert.Equal(datagram, buffer.AsSpan(0, n).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => udp.Send(new byte[1461], 0, 1461));
    }

    [Fact]
    public void Udp_on_C6_2_1_8_strips_the_extra_line_break()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C6218);
        using var echo = new UdpEchoServer();
        using EsWifiUdpSocket udp = bench.Module.OpenUdp("127.0.0.1", echo.Port);
        udp.ReceiveTimeout = 5000;
        byte[] datagram = System.Text.Encoding.ASCII.GetBytes("ends with a line break\r\n");
        udp.Send(datagram, 0, datagram.Length);
        byte[] buffer = new byte[100];
        int n = udp.Receive(buffer, 0, buffer.Length);
        Assert.Equal(datagram, buffer.AsSpan(0, n).ToArray());
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void A_tcp_server_accepts_a_client(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        int port = FreePort();
        using EsWifiTcpListener listener = bench.Module.Listen(port);
        using var client = new System.Net.Sockets.TcpClient();
        client.Connect(System.Net.IPAddress.Loopback, port);
        using EsWifiNetworkStream accepted = listener.AcceptStream(5000);
        client.GetStream().Write("hello module"u8);
        byte[] buffer = new byte[64];
        accepted.ReadTimeout = 5000;
        int n = accepted.Read(buffer, 0, buffer.Length);
        Assert.Equal("hello module", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        accepted.Write("hello client"u8.ToArray(), 0, 12);
        byte[] reply = new byte[12];
        client.GetStream().ReadExactly(reply);
        Assert.Equal("hello client", System.Text.Encoding.ASCII.GetString(reply));
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void A_peer_close_is_end_of_stream(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var server = LoopbackServer.Tcp(stream => stream.Write("last words"u8));
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("localhost", server.Port);
        tcp.ReadTimeout = 5000;
        byte[] buffer = new byte[64];
        int total = 0;
        int n;
        while ((n = tcp.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += n;
        }

        Assert.Equal("last words", System.Text.Encoding.ASCII.GetString(buffer, 0, total));
        Assert.Equal(0, tcp.Read(buffer, 0, buffer.Length));
        Assert.False(tcp.Connected);
    }

    [Fact]
    public void A_read_times_out_when_nothing_arrives()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.Tcp(stream => Thread.Sleep(3000));
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 300;
        var error = Assert.Throws<EsWifiException>(() => tcp.Read(new byte[10], 0, 10));
        Assert.Equal(EsWifiErrorKind.Timeout, error.Kind);
        Assert.False(tcp.DataAvailable);
    }

    /// <summary>Writes <paramref name="data"/> and reads exactly as many bytes back from an echo.</summary>
    internal static void EchoExact(EsWifiNetworkStream stream, byte[] data)
    {
        stream.Write(data, 0, data.Length);
        byte[] received = new byte[data.Length];
        ReadExactly(stream, received, data.Length);
        Assert.Equal(data, received);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails if the connection closes first.</summary>
    internal static void ReadExactly(EsWifiNetworkStream stream, byte[] buffer, int count)
    {
        int got = 0;
        while (got < count)
        {
            int n = stream.Read(buffer, got, count - got);
            Assert.True(n > 0, "the connection closed early");
            got += n;
        }
    }

    internal static int FreePort() => EsWifi.Emulator.Peers.LoopbackPort.Free();
}
