using System.Security.Cryptography;
using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Driver;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// One test per row of docs/reliability.md. Each injects one fault through the emulator and checks
/// the row's outcome and the invariants: a stream delivers exactly what was sent or raises an error,
/// nothing deadlocks (every step is bounded), and the module serves the next command afterwards.
/// </summary>
public class FaultMatrixTests : IClassFixture<TlsFlowTests.Credentials>
{
    private readonly TlsFlowTests.Credentials _credentials;

    public FaultMatrixTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    /// <summary>Runs <paramref name="action"/> on its own thread and fails if it does not finish in time.</summary>
    private static T Bounded<T>(Func<T> action, int seconds = 20)
    {
        T result = default;
        Exception error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = action();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(seconds)), "deadlock: the step did not finish");
        if (error != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }

        return result;
    }

    private static void Bounded(Action action, int seconds = 20) => Bounded(() =>
    {
        action();
        return 0;
    }, seconds);

    private static EsWifiException Fails(Action action) => Bounded(() => Assert.Throws<EsWifiException>(action));

    /// <summary>The module answers the next command correctly.</summary>
    private static void ServesNextCommand(EsWifiModule module) =>
        Assert.Equal("C4:7F:51:8E:2B:01", Bounded(() =>
        {
            lock (module.Channel.SyncRoot)
            {
                module.Channel.Writer.Command("Z5").End();
                return module.Channel.ExecuteOk(5000).PayloadText();
            }
        }));

    /// <summary>Sends <paramref name="size"/> random bytes through an echo and compares; returns the error if one was raised.</summary>
    private static EsWifiException EchoOrError(EsWifiNetworkStream stream, int size)
    {
        byte[] data = RandomNumberGenerator.GetBytes(size);
        try
        {
            Bounded(() => TransferTests.EchoExact(stream, data));
            return null;
        }
        catch (EsWifiException e)
        {
            return e;
        }
    }

    private static EsWifiNetworkStream Echo(EmulatedBench bench, LoopbackServer server)
    {
        EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 2000;
        return tcp;
    }

    [Fact]
    public void Row01_byte_dropped_from_an_answer_trailer_is_taken_as_a_reset_then_resync()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        bench.Uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.DropByte, Offset = 6 });
        EsWifiException error = Fails(() => _ = bench.Module.Wifi.IsConnected);

        // A broken envelope followed by a prompt looks exactly like an answer cut by a reboot.
        Assert.Equal(EsWifiErrorKind.ModuleReset, error.Kind);
        ServesNextCommand(bench.Module);
        using EsWifiNetworkStream again = Echo(bench, server);
        Assert.Null(EchoOrError(again, 500));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Row01b_a_damaged_answer_to_a_payload_command_leaves_the_payload_pending(bool resetLine)
    {
        // No complete answer came, so the module may still be collecting the payload: the reset line
        // clears it before anything else is sent, and without one nothing is sent at all.
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, resetLine: resetLine);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        bench.Uart.Faults.Add(new Fault { Command = "S3", Kind = FaultKind.DropByte, Offset = 8 });
        Assert.Equal(EsWifiErrorKind.ModuleReset, EchoOrError(tcp, 500).Kind);
        Assert.True(bench.Module.Channel.PayloadPending);

        NextCallClearsTheCutPayload(bench, resetLine);
        ServesNextCommand(bench.Module);
    }

    [Fact]
    public void Row02_byte_corrupted_in_an_answer_envelope_is_an_error_then_resync()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, options: new EsWifiOptions { CommandTimeoutMilliseconds = 500 });
        bench.Uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.CorruptByte, Offset = 5, Bytes = new[] { (byte)'X' } });
        Assert.Equal(EsWifiErrorKind.ModuleReset, Fails(() => _ = bench.Module.Wifi.IsConnected).Kind);
        ServesNextCommand(bench.Module);

        // A corrupted prompt leaves the frame open: that answer times out instead.
        bench.Uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.CorruptByte, Offset = 10, Bytes = new[] { (byte)'#' } });
        Assert.Equal(EsWifiErrorKind.Timeout, Fails(() => _ = bench.Module.Wifi.IsConnected).Kind);
        ServesNextCommand(bench.Module);
    }

    [Fact]
    public void Row02b_sockets_the_module_may_still_hold_after_a_suspected_reset_are_stopped_before_reuse()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        EsWifiNetworkStream tcp = Echo(bench, server);
        bench.Uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.CorruptByte, Offset = 5, Bytes = new[] { (byte)'X' } });
        Fails(() => _ = bench.Module.Wifi.IsConnected);
        Assert.Equal(EsWifiErrorKind.ModuleReset, EchoOrError(tcp, 10).Kind);
        tcp.Close();

        // No Initialize: the module never reset and still holds socket 0's connection.
        using EsWifiNetworkStream again = Echo(bench, server);
        Assert.Null(EchoOrError(again, 2000));
    }

    [Fact]
    public void Row03_noise_inserted_before_an_answer_is_skipped_and_data_stays_exact()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        bench.Uart.Faults.Add(new Fault { Command = "R0", Kind = FaultKind.InsertBytes, Offset = -1, Bytes = RawUart.Bytes("\x00\xFF#noise\r\n> ") });
        Assert.Null(EchoOrError(tcp, 3000));
        ServesNextCommand(bench.Module);
    }

    [Fact]
    public void Row03b_noise_stuck_to_the_start_of_an_answer_is_an_error_never_a_guess()
    {
        // "~~" before S3's "\r\n1460…" cannot be told from a damaged leading CR LF: the answer is refused.
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        bench.Uart.Faults.Add(new Fault { Command = "S3", Kind = FaultKind.InsertBytes, Offset = -1, Bytes = RawUart.Bytes("~~") });
        Assert.Equal(EsWifiErrorKind.ProtocolError, EchoOrError(tcp, 3000).Kind);
        Assert.Equal(EsWifiErrorKind.ConnectionBroken, EchoOrError(tcp, 10).Kind);
        tcp.Close();
        using EsWifiNetworkStream again = Echo(bench, server);
        Assert.Null(EchoOrError(again, 3000));
    }

    [Fact]
    public void Row04_a_message_line_before_a_text_answer_is_queued_and_data_stays_exact()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        bench.Uart.Faults.Add(new Fault { Command = "S3", Kind = FaultKind.InsertBytes, Offset = -1, Bytes = RawUart.Bytes("\r\n[AP DHCP] Assigned AC:72:89:55:CE:36 has 192.168.10.100\r\n> ") });
        Assert.Null(EchoOrError(tcp, 2000));
        Assert.Equal("[AP DHCP] Assigned AC:72:89:55:CE:36 has 192.168.10.100", bench.Module.Channel.Messages.TryDequeue("[AP DHCP]"));
    }

    [Fact]
    public void Row04b_bytes_with_a_line_break_inserted_ahead_of_read_data_are_delivered_as_data()
    {
        // While the driver waits for R0 data every byte up to the answer's end is the answer, so data
        // that begins like a message is never lost; the price is that such bytes pushed in front of
        // an R0 answer cannot be told from data (docs/reliability.md, row 4b).
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        string line = "[AP DHCP] Assigned AC:72:89:55:CE:36 has 192.168.10.100\r\n> ";
        bench.Uart.Faults.Add(new Fault { Command = "R0", Kind = FaultKind.InsertBytes, Offset = 2, Bytes = RawUart.Bytes(line) });
        byte[] data = Enumerable.Repeat((byte)'d', 100).ToArray();
        tcp.Write(data, 0, data.Length);
        byte[] received = new byte[line.Length + data.Length];
        TransferTests.ReadExactly(tcp, received, received.Length);
        Assert.Equal(RawUart.Bytes(line).Concat(data).ToArray(), received);
        Assert.Equal(0, bench.Module.Channel.Messages.Count);
    }

    [Fact]
    public void Row05_byte_corrupted_inside_read_data_is_delivered_as_is()
    {
        // The AT link has no checksum: a flipped byte inside R0 data is indistinguishable from data.
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        byte[] data = new byte[100];
        tcp.Write(data, 0, data.Length);
        Eventually.True(() => bench.Emulator.BufferedBytes(tcp.Socket) == data.Length, "the whole echo in the module");
        bench.Uart.Faults.Add(new Fault { Command = "R0", Kind = FaultKind.CorruptByte, Offset = 2 + 10, Bytes = new byte[] { 0x42 } });
        byte[] received = new byte[100];
        int got = 0;
        while (got < 100)
        {
            got += Bounded(() => tcp.Read(received, got, 100 - got));
        }

        Assert.Equal(0x42, received[10]);
        Assert.Null(EchoOrError(tcp, 1000));
        ServesNextCommand(bench.Module);
    }

    [Fact]
    public void Row06_module_reset_during_a_command_is_a_module_reset_error_then_reinit()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        bench.Uart.Faults.Add(new Fault { Command = "R0", Kind = FaultKind.ResetInsteadOfAnswer });
        Assert.Equal(EsWifiErrorKind.ModuleReset, EchoOrError(tcp, 100).Kind);
        Assert.Equal(EsWifiErrorKind.ModuleReset, EchoOrError(tcp, 100).Kind);
        Bounded(() => bench.Module.Initialize());
        ServesNextCommand(bench.Module);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Row06b_a_boot_prompt_instead_of_a_payload_answer_does_not_end_the_payload(bool resetLine)
    {
        // A lone prompt is what a reboot sends, but also what noise can look like: only the reset
        // line (or the user's power cycle) makes sure the module is not still collecting the payload.
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, resetLine: resetLine);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        bench.Uart.Faults.Add(new Fault { Command = "S3", Kind = FaultKind.ResetInsteadOfAnswer });
        Assert.Equal(EsWifiErrorKind.ModuleReset, EchoOrError(tcp, 100).Kind);

        NextCallClearsTheCutPayload(bench, resetLine);
        Bounded(() => bench.Module.Initialize());
        ServesNextCommand(bench.Module);
    }

    /// <summary>With a reset line the next call pulses it (ModuleReset); without one it sends nothing (ResetRequired) until the user power-cycles and says so.</summary>
    private static void NextCallClearsTheCutPayload(EmulatedBench bench, bool resetLine)
    {
        if (resetLine)
        {
            int pulses = bench.ResetLine.Pulses;
            Assert.Equal(EsWifiErrorKind.ModuleReset, Fails(() => bench.Module.GetMacAddress()).Kind);
            Assert.Equal(pulses + 1, bench.ResetLine.Pulses);
            return;
        }

        long written = bench.Link.Host.BytesWritten;
        Assert.Equal(EsWifiErrorKind.ResetRequired, Fails(() => bench.Module.GetMacAddress()).Kind);
        Assert.Equal(EsWifiErrorKind.ResetRequired, Fails(() => bench.Module.Initialize()).Kind);
        Assert.Equal(written, bench.Link.Host.BytesWritten);
        bench.PowerCycle();
        bench.Module.AcknowledgeExternalReset();
        Bounded(() => bench.Module.Initialize());
    }

    [Fact]
    public void Row07_module_reset_during_a_transfer_fails_every_socket_then_reinit()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream first = Echo(bench, server);
        using EsWifiNetworkStream second = Echo(bench, server);
        bench.Uart.Faults.Add(new Fault { Command = "R0", Kind = FaultKind.ResetDuringAnswer, Offset = 30 });
        Assert.Equal(EsWifiErrorKind.ModuleReset, EchoOrError(first, 1000).Kind);
        Assert.Equal(EsWifiErrorKind.ModuleReset, EchoOrError(second, 10).Kind);
        Bounded(() => bench.Module.Initialize());
        bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);
        using EsWifiNetworkStream again = Echo(bench, server);
        Assert.Null(EchoOrError(again, 5000));
    }

    [Fact]
    public void Row07b_a_reboot_right_after_a_complete_read_is_not_taken_for_the_peers_close()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        byte[] data = RandomNumberGenerator.GetBytes(100);
        tcp.Write(data, 0, data.Length);
        Eventually.True(() => bench.Emulator.BufferedBytes(tcp.Socket) == data.Length, "the whole echo in the module, so one R0 carries all 100 bytes");

        // The reboot cuts the answer right after its "OK": its own boot prompt completes the answer.
        bench.Uart.Faults.Add(new Fault { Command = "R0", Kind = FaultKind.ResetDuringAnswer, Offset = 2 + data.Length + 4 });
        byte[] got = new byte[data.Length];
        Assert.Equal(data.Length, Bounded(() => tcp.Read(got, 0, got.Length)));
        Assert.Equal(data, got);

        // Every read of the rebooted module answers -1; that is not the peer's close.
        Assert.Equal(EsWifiErrorKind.ModuleReset, Fails(() => tcp.Read(got, 0, got.Length)).Kind);
    }

    [Fact]
    public void Row08_an_answer_later_than_the_timeout_is_a_timeout_and_is_not_taken_for_the_next()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, options: new EsWifiOptions { CommandTimeoutMilliseconds = 300 });
        bench.Uart.Faults.Add(new Fault { Command = "CR", Kind = FaultKind.Delay, Milliseconds = 700 });
        Assert.Equal(EsWifiErrorKind.Timeout, Fails(() => _ = bench.Module.Wifi.Rssi).Kind);
        Thread.Sleep(600);
        Assert.True(bench.Module.Wifi.IsConnected);
        ServesNextCommand(bench.Module);
    }

    [Fact]
    public void Row08b_a_resync_probe_answered_late_is_not_taken_for_the_next_probe_or_command()
    {
        // Timeline (T = 400 ms): CR answers at 1000 ms; the first probe (I? at T) hears nothing in
        // its window; the second (I? at 2T) must wait for both probe answers, not the first alone.
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, options: new EsWifiOptions { CommandTimeoutMilliseconds = 400 });
        bench.Uart.Faults.Add(new Fault { Command = "CR", Kind = FaultKind.Delay, Milliseconds = 1000 });
        Assert.Equal(EsWifiErrorKind.Timeout, Fails(() => _ = bench.Module.Wifi.Rssi).Kind);
        Assert.Equal(EsWifiErrorKind.Timeout, Fails(() => _ = bench.Module.Wifi.IsConnected).Kind);
        Assert.True(Bounded(() => bench.Module.Wifi.IsConnected));
        ServesNextCommand(bench.Module);
        ServesNextCommand(bench.Module);
    }

    [Fact]
    public void Row08c_a_late_answer_to_i_itself_is_not_taken_for_the_probe_behind_it()
    {
        // The late I? answer looks exactly like the resync marker: it is counted as owed, so the
        // probe's own answer behind it is waited for too (before: the next command got it, "out of step").
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, options: new EsWifiOptions { CommandTimeoutMilliseconds = 300 });
        bench.Uart.Faults.Add(new Fault { Command = "I?", Kind = FaultKind.Delay, Milliseconds = 500 });
        Assert.Equal(EsWifiErrorKind.Timeout, Fails(() => bench.Module.SendRawCommand("I?", 300)).Kind);
        Assert.True(Bounded(() => bench.Module.Wifi.IsConnected));
        ServesNextCommand(bench.Module);
    }

    [Fact]
    public void Row09_a_silent_module_is_a_timeout_then_resync()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, options: new EsWifiOptions { CommandTimeoutMilliseconds = 300 });
        bench.Uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.Silence });
        Assert.Equal(EsWifiErrorKind.Timeout, Fails(() => _ = bench.Module.Wifi.IsConnected).Kind);
        ServesNextCommand(bench.Module);
    }

    [Fact]
    public void Row09b_a_reset_during_the_resync_probe_is_a_module_reset_and_the_next_open_sets_its_socket_again()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, options: new EsWifiOptions { CommandTimeoutMilliseconds = 300 });
        using var server = LoopbackServer.TcpEcho();
        EsWifiNetworkStream tcp = Echo(bench, server);
        Assert.Null(EchoOrError(tcp, 100));
        bench.Uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.Silence });
        Assert.Equal(EsWifiErrorKind.Timeout, Fails(() => _ = bench.Module.Wifi.IsConnected).Kind);

        // The I? that resynchronises breaks off half-way: the module rebooted and forgot socket 0.
        bench.Uart.Faults.Add(new Fault { Command = "I?", Kind = FaultKind.ResetDuringAnswer, At = 0.5 });
        Assert.Equal(EsWifiErrorKind.ModuleReset, Fails(() => _ = bench.Module.Wifi.IsConnected).Kind);
        Assert.NotNull(EchoOrError(tcp, 100));
        tcp.Close();

        // No Initialize: the next open rejoins and sends the socket's settings again (never "connecting to 0.0.0.0").
        using EsWifiNetworkStream again = Echo(bench, server);
        Assert.Null(EchoOrError(again, 2000));
    }

    [Fact]
    public void Row09c_a_reboot_nothing_showed_is_found_by_the_lost_join_and_the_next_open_works()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var server = LoopbackServer.TcpEcho();
        using (EsWifiNetworkStream first = Echo(bench, server))
        {
            Assert.Null(EchoOrError(first, 100));
        }

        // The module rebooted without a word (a brown-out whose prompt was lost, say).
        bench.Emulator.Reboot();
        Assert.Equal(EsWifiErrorKind.NotJoined, Fails(() => Echo(bench, server)).Kind);
        using EsWifiNetworkStream again = Echo(bench, server);
        Assert.Null(EchoOrError(again, 2000));
        Assert.True(bench.Module.Wifi.IsConnected);
    }

    [Fact]
    public void Row10_a_peer_reset_ends_the_stream_with_connection_closed()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = Echo(bench, server);
        Assert.Null(EchoOrError(tcp, 100));
        bench.Emulator.ResetPeer(tcp.Socket);
        var error = Fails(() => tcp.Write(new byte[10], 0, 10));
        Assert.Equal(EsWifiErrorKind.ConnectionClosed, error.Kind);
        Assert.Equal(0, Bounded(() => tcp.Read(new byte[10], 0, 10)));
        tcp.Close();
        ServesNextCommand(bench.Module);
        Assert.Equal(4, bench.Module.FreeSockets);
    }

    [Fact]
    public void Row11_a_tls_handshake_failure_is_its_own_error_and_frees_the_socket()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        byte[] ca = _credentials.Lab.CaPem;
        bench.Module.Certificates.Program(0, CertificateKind.RootCa, ca, 0, ca.Length, null);
        using var impostor = LoopbackServer.TlsEcho(_credentials.Unrelated, false);
        var error = Fails(() => bench.Module.ConnectTls("localhost", impostor.Port, new TlsOptions()));
        Assert.Equal(EsWifiErrorKind.TlsHandshakeFailed, error.Kind);
        Assert.True(error.IsModuleAnswer);
        Assert.Equal(4, bench.Module.FreeSockets);
        using var good = LoopbackServer.TlsEcho(_credentials.Lab, false);
        using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", good.Port, new TlsOptions());
        tls.ReadTimeout = 2000;
        Assert.Null(EchoOrError(tls, 3000));
    }

    [Fact]
    public void Row12_data_ready_stuck_high_is_a_reported_reset_then_reinit()
    {
        using var bench = new SpiBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 2000;
        bench.Spi.Faults.Add(new Fault { Command = "S3", Kind = FaultKind.StickDataReady });
        Assert.Equal(EsWifiErrorKind.ModuleReset, EchoOrError(tcp, 100).Kind);
        Bounded(() => bench.Module.Initialize(false));
        ServesNextCommand(bench.Module);
    }

    [Fact]
    public void Row13_all_sockets_in_use_is_a_clear_error_and_closing_one_frees_it()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        var streams = Enumerable.Range(0, 4).Select(_ => Echo(bench, server)).ToList();
        var error = Fails(() => bench.Module.ConnectTcp("127.0.0.1", server.Port));
        Assert.Equal(EsWifiErrorKind.NoFreeSocket, error.Kind);
        Assert.Contains("all 4 module sockets are in use", error.Message);
        streams[2].Close();
        using EsWifiNetworkStream fifth = Echo(bench, server);
        Assert.Equal(2, fifth.Socket);
        Assert.Null(EchoOrError(fifth, 1000));
        streams.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Row14_a_server_closing_mid_stream_delivers_what_it_sent_then_end_of_stream()
    {
        byte[] sent = RandomNumberGenerator.GetBytes(20000);
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.Tcp(stream => stream.Write(sent));
        using EsWifiNetworkStream tcp = Echo(bench, server);
        var received = new List<byte>();
        byte[] buffer = new byte[1460];
        int n;
        while ((n = Bounded(() => tcp.Read(buffer, 0, buffer.Length))) > 0)
        {
            received.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        Assert.Equal(SHA256.HashData(sent), SHA256.HashData(received.ToArray()));
        ServesNextCommand(bench.Module);
    }
}
