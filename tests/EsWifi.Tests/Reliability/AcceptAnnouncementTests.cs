using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Driver;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// The module's <c>[TCP SVR] Accepted</c> message is pushed whenever the module has it (UART), so it
/// can arrive in the moment before an R0 is taken or while the channel drops stale input. Found with
/// four threads accepting at once (ConnectionOwnershipTests): each of these lost a client's message,
/// and the listener then waited out its timeout with the client connected. Firmware that takes
/// <c>MS=3</c> (C3.5.2.5) is told before a socket listens to push nothing, and every byte of a read
/// answer is data; C6.2.1.7 refuses it, and the split of a leading message stays its one exception.
/// </summary>
public class AcceptAnnouncementTests
{
    private const string Message = "[TCP SVR] Accepted 127.0.0.1:5000";

    [Fact]
    public void A_message_pushed_just_before_an_r0_is_queued_while_a_socket_listens_and_the_data_stays_exact()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C6217);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiTcpListener listener = bench.Module.Listen(TransferTests.FreePort());
        byte[] data = Enumerable.Repeat((byte)'d', 100).ToArray();

        byte[] received = EchoWithBytesAheadOfTheReadAnswer(bench, server, data, "\r\n" + Message + "\r\n> ", 0);

        Assert.Equal(1, bench.Uart.Faults.Fired);
        Assert.Equal(data, received);
        Assert.Equal(Message, bench.Module.Channel.Messages.TryDequeue());
    }

    [Fact]
    public void Two_messages_pushed_just_before_an_r0_are_both_queued_and_the_data_stays_exact()
    {
        // Two clients accepted at once: the module pushes both messages, one after the other, and
        // only then takes the R0 (the ownership test's 40 foreign bytes were the second of them).
        using var bench = new EmulatedBench(FirmwareProfile.C6217);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiTcpListener listener = bench.Module.Listen(TransferTests.FreePort());
        byte[] data = Enumerable.Repeat((byte)'d', 100).ToArray();
        const string second = "[TCP SVR] Accepted 127.0.0.1:50001";

        byte[] received = EchoWithBytesAheadOfTheReadAnswer(bench, server, data, "\r\n" + Message + "\r\n> \r\n" + second + "\r\n> ", 0);

        Assert.Equal(data, received);
        Assert.Equal(Message, bench.Module.Channel.Messages.TryDequeue());
        Assert.Equal(second, bench.Module.Channel.Messages.TryDequeue());
    }

    [Fact]
    public void Where_the_module_was_told_to_push_nothing_the_same_bytes_are_data_while_a_socket_listens()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiTcpListener listener = bench.Module.Listen(TransferTests.FreePort());
        Assert.Equal(1, bench.Emulator.Counters.Commands("MS"));
        string lookalike = "\r\n" + Message + "\r\n> ";
        byte[] data = Enumerable.Repeat((byte)'d', 100).ToArray();

        byte[] received = EchoWithBytesAheadOfTheReadAnswer(bench, server, data, lookalike, lookalike.Length);

        Assert.Equal(RawUart.Bytes(lookalike[2..] + "\r\n").Concat(data).ToArray(), received);
        Assert.Equal(0, bench.Module.Channel.Messages.Count);
    }

    [Fact]
    public void A_listener_on_a_module_that_pushes_nothing_finds_its_client_by_status()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        int port = TransferTests.FreePort();
        using EsWifiTcpListener listener = bench.Module.Listen(port);
        using var client = new System.Net.Sockets.TcpClient();
        client.Connect(System.Net.IPAddress.Loopback, port);
        using EsWifiNetworkStream accepted = listener.AcceptStream(5000);
        accepted.ReadTimeout = 2000;
        client.GetStream().Write(new byte[] { 1, 2, 3 });
        byte[] got = new byte[3];
        TransferTests.ReadExactly(accepted, got, 3);

        Assert.Equal(new byte[] { 1, 2, 3 }, got);
        Assert.True(bench.Emulator.Counters.Commands("P?") >= 1);
        Assert.Equal(0, bench.Module.Channel.Messages.Count);
    }

    [Fact]
    public void With_no_socket_listening_the_same_bytes_are_data()
    {
        // Data that begins like the message is never taken from a stream unless a server could
        // have sent it (docs/reliability.md, row 4b).
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        string lookalike = "\r\n" + Message + "\r\n> ";
        byte[] data = Enumerable.Repeat((byte)'d', 100).ToArray();

        // The inserted bytes stand before the answer's CR LF, so they arrive as data from its third byte on.
        byte[] received = EchoWithBytesAheadOfTheReadAnswer(bench, server, data, lookalike, lookalike.Length);

        Assert.Equal(RawUart.Bytes(lookalike[2..] + "\r\n").Concat(data).ToArray(), received);
        Assert.Equal(0, bench.Module.Channel.Messages.Count);
    }

    [Fact]
    public void More_stale_input_than_the_receive_buffer_holds_is_all_dropped()
    {
        var link = new InMemoryDuplexLink();
        var transport = new UartTransport(link.Host, new VirtualClock(), 2048);
        link.Host.Deliver(Enumerable.Repeat((byte)'x', 5000).ToArray());

        Assert.Equal(5000, transport.DiscardInput());
        Assert.Equal(0, transport.Receive(new byte[2048], 0, 2048, 0, 0));
    }

    [Fact]
    public void A_message_that_arrives_while_stale_input_is_dropped_is_kept()
    {
        var clock = new VirtualClock();
        var link = new InMemoryDuplexLink();
        var transport = new UartTransport(link.Host, clock, 2048);
        var frame = new byte[2048];

        // The start of an answer that never ended (kept by the transport), then the message.
        link.Host.Deliver(RawUart.Bytes("\r\n12"));
        Assert.Equal(0, transport.Receive(frame, 0, frame.Length, 0, 0));
        link.Host.Deliver(RawUart.Bytes("\r\n" + Message + "\r\n> "));

        Assert.Equal(4, transport.DiscardInput());
        int length = transport.Receive(frame, 0, frame.Length, 0, 0);
        Assert.Equal("\r\n" + Message + "\r\n> ", System.Text.Encoding.Latin1.GetString(frame, 0, length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(11)]
    [InlineData(37)]
    public void A_message_whose_first_bytes_came_before_the_drop_is_kept_whole(int before)
    {
        // Seen as 38 foreign bytes in ConnectionOwnershipTests: the message's CR LF had been kept
        // as a partial frame and dropped, its rest arrived after, led the next R0 answer without
        // its CR LF and was read as data.
        var clock = new VirtualClock();
        var link = new InMemoryDuplexLink();
        var transport = new UartTransport(link.Host, clock, 2048);
        var frame = new byte[2048];
        byte[] message = RawUart.Bytes("\r\n" + Message + "\r\n> ");

        link.Host.Deliver(message, 0, before);
        Assert.Equal(0, transport.Receive(frame, 0, frame.Length, 0, 0));
        clock.ScheduleMicroseconds(300, () => link.Host.Deliver(message, before, message.Length - before));

        Assert.Equal(0, transport.DiscardInput());
        int length = transport.Receive(frame, 0, frame.Length, 0, 0);
        Assert.Equal(message, frame.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void Stale_bytes_that_only_look_like_the_start_of_a_message_are_dropped_after_a_quiet_gap()
    {
        var clock = new VirtualClock();
        var link = new InMemoryDuplexLink();
        var transport = new UartTransport(link.Host, clock, 2048);
        link.Host.Deliver(RawUart.Bytes("\r\n12\r\nOK\r\n[TCP"));

        long start = clock.NowMilliseconds;
        Assert.Equal(14, transport.DiscardInput());
        Assert.InRange(clock.NowMilliseconds - start, transport.QuietGapMilliseconds, transport.QuietGapMilliseconds + 2);
        Assert.Equal(0, transport.Receive(new byte[2048], 0, 2048, 0, 0));
    }

    [Fact]
    public void Junk_then_whole_messages_keeps_the_messages_in_order()
    {
        var link = new InMemoryDuplexLink();
        var transport = new UartTransport(link.Host, new VirtualClock(), 2048);
        var frame = new byte[2048];
        string second = "[TCP SVR] Accepted 127.0.0.1:5001";
        link.Host.Deliver(RawUart.Bytes("K\r\n> \r\n" + Message + "\r\n> \r\n" + second + "\r\n> "));

        Assert.Equal(5, transport.DiscardInput());
        int length = transport.Receive(frame, 0, frame.Length, 0, 0);
        Assert.Equal("\r\n" + Message + "\r\n> ", System.Text.Encoding.Latin1.GetString(frame, 0, length));
        length = transport.Receive(frame, 0, frame.Length, 0, 0);
        Assert.Equal("\r\n" + second + "\r\n> ", System.Text.Encoding.Latin1.GetString(frame, 0, length));
    }

    [Fact]
    public void A_listener_gets_its_client_when_the_module_pushes_no_message()
    {
        // MS=2 suppresses the server messages (C3.5.2.5): the listener's status, asked once a second,
        // still finds the client.
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        lock (bench.Module.Channel.SyncRoot)
        {
            bench.Module.Channel.Writer.Command("MS").Int(2).End();
            bench.Module.Channel.ExecuteOk(1000);
        }

        int port = TransferTests.FreePort();
        using EsWifiTcpListener listener = bench.Module.Listen(port);
        using var client = new System.Net.Sockets.TcpClient();
        client.Connect(System.Net.IPAddress.Loopback, port);
        using EsWifiNetworkStream accepted = listener.AcceptStream(5000);
        accepted.ReadTimeout = 2000;
        client.GetStream().Write(new byte[] { 1, 2, 3 });
        byte[] got = new byte[3];
        TransferTests.ReadExactly(accepted, got, 3);

        Assert.Equal(new byte[] { 1, 2, 3 }, got);
        Assert.Equal(0, bench.Module.Channel.Messages.Count);
    }

    /// <summary>
    /// Echoes <paramref name="data"/> through a TCP connection while the module puts
    /// <paramref name="ahead"/> in front of the next R0 answer; returns what the stream read
    /// (the data plus <paramref name="extra"/> bytes).
    /// </summary>
    private static byte[] EchoWithBytesAheadOfTheReadAnswer(EmulatedBench bench, LoopbackServer server, byte[] data, string ahead, int extra)
    {
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 2000;
        tcp.Write(data, 0, data.Length);
        Eventually.True(() => bench.Emulator.BufferedBytes(tcp.Socket) == data.Length, "the echo in the module");
        bench.Uart.Faults.Add(new Fault { Command = "R0", Kind = FaultKind.InsertBytes, Offset = 0, Bytes = RawUart.Bytes(ahead) });
        byte[] received = new byte[data.Length + extra];
        TransferTests.ReadExactly(tcp, received, received.Length);
        return received;
    }
}
