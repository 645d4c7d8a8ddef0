using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>
/// The module's connections are <see cref="Stream"/>s with .NET NetworkStream's semantics, used the way
/// code written for a stream uses them, against the emulator's real TLS and TCP peers: StreamReader,
/// CopyTo, System.Text.Json, spans; not seekable, no length; timeouts; Dispose closes; the next call after
/// each refusal or timeout still works; no allocation on the data path through the base type either.
/// (nanoFramework's own StreamReader runs over them on nanoCLR: tests/EsWifi.NanoTests StreamApiTests
/// and tests/nanoclr/serial's firmware path.)
/// </summary>
public class StreamSemanticsTests : IClassFixture<TlsFlowTests.Credentials>
{
    private readonly TlsFlowTests.Credentials _credentials;

    public StreamSemanticsTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    private EsWifiSslStream ConnectTls(EmulatedBench bench, LoopbackServer server)
    {
        bench.Emulator.Certificates.Program(0, 0, _credentials.Lab.CaPem);
        EsWifiSslStream tls = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions());
        tls.ReadTimeout = 10000;
        return tls;
    }

    private static LoopbackServer SendsAndCloses(GeneratedCertificates certificates, byte[] body) =>
        LoopbackServer.Tls(certificates, false, stream =>
        {
            stream.Write(body);
            stream.Flush();
        });

    [Fact]
    public void A_stream_reader_reads_a_response_line_by_line_and_to_the_end()
    {
        string response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + string.Concat(Enumerable.Range(0, 200).Select(i => "line " + i + " é\n"));
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = SendsAndCloses(_credentials.Lab, Encoding.UTF8.GetBytes(response));
        using var reader = new StreamReader(ConnectTls(bench, server), Encoding.UTF8);

        Assert.Equal("HTTP/1.1 200 OK", reader.ReadLine());
        Assert.Equal("Content-Type: text/plain", reader.ReadLine());
        Assert.Equal(string.Empty, reader.ReadLine());
        Assert.Equal(response.Substring(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4), reader.ReadToEnd());
        Assert.Null(reader.ReadLine());
    }

    [Fact]
    public void Copy_to_reads_every_byte_until_the_peer_closes()
    {
        byte[] body = RandomNumberGenerator.GetBytes(50_000);
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = SendsAndCloses(_credentials.Lab, body);
        using Stream tls = ConnectTls(bench, server);
        using var copy = new MemoryStream();

        tls.CopyTo(copy);

        Assert.Equal(body, copy.ToArray());
        Assert.Equal(0, tls.Read(new byte[10], 0, 10));
    }

    [Fact]
    public void System_text_json_reads_a_document_straight_from_the_stream()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = SendsAndCloses(_credentials.Lab, Encoding.UTF8.GetBytes("{\"station\":\"roof\",\"celsius\":21.5,\"readings\":[1,2,3]}"));
        using Stream tls = ConnectTls(bench, server);

        Reading reading = JsonSerializer.Deserialize<Reading>(tls, new JsonSerializerOptions { PropertyNameCaseInsensitive = true });

        Assert.Equal("roof", reading.Station);
        Assert.Equal(21.5, reading.Celsius);
        Assert.Equal(new[] { 1, 2, 3 }, reading.Readings);
    }

    [Fact]
    public void Spans_and_single_bytes_go_through_the_same_connection()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = LoopbackServer.TcpEcho();
        using Stream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 10000;

        tcp.Write("span!"u8);
        tcp.WriteByte(0x00);
        Span<byte> back = stackalloc byte[5];
        int got = 0;
        while (got < back.Length)
        {
            got += tcp.Read(back.Slice(got));
        }

        Assert.Equal("span!", Encoding.ASCII.GetString(back));
        Assert.Equal(0x00, tcp.ReadByte());
    }

    [Fact]
    public void A_byte_read_waiting_on_one_thread_does_not_hold_up_a_byte_written_on_another()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = LoopbackServer.TcpEcho();
        using Stream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 20000;
        int read = -2;
        var reader = new Thread(() => read = tcp.ReadByte());
        reader.Start();
        Thread.Sleep(300);

        // The reader waits for the echo of the byte this thread is about to write.
        tcp.WriteByte(0x5A);

        Assert.True(reader.Join(TimeSpan.FromSeconds(15)), "the read ended");
        Assert.Equal(0x5A, read);
    }

    [Fact]
    public void It_cannot_seek_has_no_length_and_the_next_call_still_works()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = LoopbackServer.TcpEcho();
        using Stream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 10000;

        Assert.False(tcp.CanSeek);
        Assert.True(tcp.CanTimeout);
        Assert.Throws<NotSupportedException>(() => tcp.Length);
        Assert.Throws<NotSupportedException>(() => tcp.Position);
        Assert.Throws<NotSupportedException>(() => tcp.Position = 0);
        Assert.Throws<NotSupportedException>(() => tcp.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => tcp.SetLength(1));

        tcp.Write(new byte[] { 1, 2, 3 }, 0, 3);
        tcp.Flush();
        Assert.Equal(1, tcp.ReadByte());
    }

    [Fact]
    public void A_read_timeout_throws_a_timeout_and_the_connection_goes_on()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = LoopbackServer.TcpEcho();
        using Stream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 300;

        var error = Assert.Throws<EsWifiException>(() => tcp.Read(new byte[4], 0, 4));
        Assert.Equal(EsWifiErrorKind.Timeout, error.Kind);

        tcp.ReadTimeout = 10000;
        tcp.Write(new byte[] { 7 }, 0, 1);
        Assert.Equal(7, tcp.ReadByte());
        Assert.Throws<ArgumentOutOfRangeException>(() => tcp.ReadTimeout = -2);
        Assert.Throws<ArgumentOutOfRangeException>(() => tcp.WriteTimeout = 0);
    }

    [Fact]
    public void Dispose_through_the_base_type_closes_the_connection_and_frees_the_socket()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = LoopbackServer.TcpEcho();
        Stream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        Assert.True(tcp.CanRead && tcp.CanWrite);
        Assert.Equal(3, bench.Module.FreeSockets);

        tcp.Dispose();

        Assert.False(tcp.CanRead || tcp.CanWrite);
        Assert.Equal(4, bench.Module.FreeSockets);
        Assert.Throws<ObjectDisposedException>(() => tcp.Read(new byte[1], 0, 1));
        tcp.Dispose();

        // The socket is free for the next connection, which works.
        using EsWifiNetworkStream next = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        Assert.True(EchoesOneByte(next));
    }

    [Fact]
    public void A_reader_on_another_thread_ends_when_the_stream_is_closed()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = LoopbackServer.TcpEcho();
        Stream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        using var reader = new StreamReader(tcp);
        string line = "unset";
        var thread = new Thread(() => line = reader.ReadLine());
        thread.Start();
        Thread.Sleep(300);

        tcp.Close();

        Assert.True(thread.Join(TimeSpan.FromSeconds(10)), "the reader ended");
        Assert.Null(line);
        Assert.Equal(4, bench.Module.FreeSockets);
    }

    [Fact]
    public void Reads_writes_and_single_bytes_through_the_base_type_allocate_nothing_after_warm_up()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using Stream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 10000;
        byte[] block = new byte[512];
        for (int warm = 0; warm < 10; warm++)
        {
            Round(tcp, block);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Round(tcp, block);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Round(Stream stream, byte[] block)
    {
        stream.Write(block, 0, block.Length);
        for (int got = 0; got < block.Length;)
        {
            got += stream.Read(block, got, block.Length - got);
        }

        stream.WriteByte(42);
        _ = stream.ReadByte();
    }

    private static bool EchoesOneByte(EsWifiNetworkStream stream)
    {
        stream.ReadTimeout = 10000;
        stream.Write(new byte[] { 9 }, 0, 1);
        return stream.ReadByte() == 9;
    }

    private sealed class Reading
    {
        public string Station { get; set; }

        public double Celsius { get; set; }

        public int[] Readings { get; set; }
    }
}
