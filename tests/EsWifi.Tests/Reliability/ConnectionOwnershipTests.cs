using System.Diagnostics;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Driver;
using EsWifi.Tests.Support;
using Xunit.Abstractions;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// One connection, one owner: a handle that was closed (or is being closed from another thread)
/// never sends into, nor reads from, the next connection on the same module socket. Every opening
/// sends only its own tag byte, and the peers count bytes that reached the wrong connection.
/// </summary>
public class ConnectionOwnershipTests : IClassFixture<TlsFlowTests.Credentials>
{
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("ESWIFI_OWNERSHIP_ROUNDS"), out int r) && r > 0 ? r : 1000;

    private readonly TlsFlowTests.Credentials _credentials;
    private readonly ITestOutputHelper _output;

    public ConnectionOwnershipTests(TlsFlowTests.Credentials credentials, ITestOutputHelper output)
    {
        _credentials = credentials;
        _output = output;
    }

    /// <summary>Waits for <paramref name="condition"/>, failing after a generous deadline.</summary>
    internal static void WaitFor(Func<bool> condition, string what, int seconds = 20)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed.TotalSeconds < seconds, "timed out waiting for " + what);
            Thread.Sleep(1);
        }
    }

    [Fact]
    public void A_write_in_progress_when_its_stream_closes_never_reaches_the_next_connection()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var serverA = TaggedPeer.Tcp(1);
        using var serverB = TaggedPeer.Tcp(0);
        EsWifiNetworkStream a = bench.Module.ConnectTcp("127.0.0.1", serverA.Port);
        byte[] bulk = Enumerable.Repeat((byte)1, 4_000_000).ToArray();
        Exception writeError = null;
        var writer = new Thread(() =>
        {
            try
            {
                a.Write(bulk, 0, bulk.Length);
            }
            catch (Exception e)
            {
                writeError = e;
            }
        });
        writer.Start();
        WaitFor(() => serverA.Bytes > 64 * 1024, "the write to get going");
        a.Close();

        // Close returns once the write has ended; the same socket then serves B.
        Assert.True(writer.Join(10000));
        Assert.IsType<ObjectDisposedException>(writeError);
        using EsWifiNetworkStream b = bench.Module.ConnectTcp("127.0.0.1", serverB.Port);
        Assert.Equal(a.Socket, b.Socket);
        b.ReadTimeout = 5000;
        TransferTests.EchoExact(b, Enumerable.Repeat((byte)0, 17).ToArray());
        WaitFor(() => serverB.Bytes == 17, "B's bytes");
        Thread.Sleep(50);
        Assert.Equal(17, serverB.Bytes);
        Assert.Equal(0, serverB.Foreign);
        Assert.Equal(0, serverA.Foreign);
    }

    [Fact]
    public void A_read_in_progress_when_its_stream_closes_returns_0_and_never_the_next_connections_data()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var quiet = LoopbackServer.Tcp(stream => _ = stream.ReadAtLeast(new byte[1], 1, throwOnEndOfStream: false));
        using var talker = LoopbackServer.Tcp(stream => stream.Write("seventeen bytes!!"u8));
        EsWifiNetworkStream a = bench.Module.ConnectTcp("127.0.0.1", quiet.Port);
        int polls = bench.Emulator.Counters.Commands("R0");
        int result = -1;
        var reader = new Thread(() => result = a.Read(new byte[64], 0, 64));
        reader.Start();
        WaitFor(() => bench.Emulator.Counters.Commands("R0") >= polls + 3, "the read to poll");
        a.Close();
        Assert.True(reader.Join(10000));
        Assert.Equal(0, result);
        Assert.Throws<ObjectDisposedException>(() => a.Read(new byte[1], 0, 1));
        Assert.Throws<ObjectDisposedException>(() => a.Write(new byte[1], 0, 1));

        using EsWifiNetworkStream b = bench.Module.ConnectTcp("127.0.0.1", talker.Port);
        Assert.Equal(a.Socket, b.Socket);
        b.ReadTimeout = 5000;
        byte[] got = new byte[17];
        TransferTests.ReadExactly(b, got, 17);
        Assert.Equal("seventeen bytes!!"u8.ToArray(), got);
    }

    [Fact]
    public void A_close_while_another_threads_close_is_under_way_returns_once_the_socket_is_closed()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        using var quiet = LoopbackServer.Tcp(stream => _ = stream.ReadAtLeast(new byte[1], 1, throwOnEndOfStream: false));
        EsWifiNetworkStream a = bench.Module.ConnectTcp("127.0.0.1", quiet.Port);

        // The module answers the first close's P6=0 only after 300 ms.
        bench.Uart.Faults.Add(new EsWifi.Emulator.Faults.Fault { Command = "P6", Kind = EsWifi.Emulator.Faults.FaultKind.Delay, Milliseconds = 300 });
        var first = new Thread(a.Close);
        first.Start();
        WaitFor(() => bench.Uart.Faults.Fired == 1, "the first close to send P6=0");
        var watch = Stopwatch.StartNew();
        a.Close();

        // A lower bound only: the second call returned after the module's answer, not at once.
        Assert.True(watch.ElapsedMilliseconds >= 200, "the second Close returned after " + watch.ElapsedMilliseconds + " ms, before the first had ended");
        Assert.True(first.Join(10000));
        Assert.Null(bench.Emulator.Socket(a.Socket).Connection);
        using EsWifiNetworkStream b = bench.Module.ConnectTcp("127.0.0.1", quiet.Port);
        Assert.Equal(a.Socket, b.Socket);
    }

    [Fact]
    public void Tcp_close_while_reading_or_writing_then_reuse_on_four_threads() =>
        Hammer("TCP", (thread, round) => new TcpOpening(this, thread, round, tls: false));

    [Fact]
    public void Tls_close_while_reading_or_writing_then_reuse_on_four_threads() =>
        Hammer("TLS", (thread, round) => new TcpOpening(this, thread, round, tls: true));

    [Fact]
    public void Udp_close_while_reading_or_writing_then_reuse_on_four_threads() =>
        Hammer("UDP", (thread, round) => new UdpOpening(this, thread, round));

    [Fact]
    public void Accepted_stream_close_while_reading_or_writing_then_reuse_on_four_threads() =>
        Hammer("accepted", (thread, round) => new AcceptedOpening(this, thread, round));

    // --- the hammer -------------------------------------------------------------------------

    private EmulatedBench _bench;
    private TaggedPeer[] _tcpPeers;
    private TaggedPeer[] _tlsPeers;
    private TaggedUdpPeer[] _udpPeers;
    private long _clientForeign;
    private string _firstForeign;
    private int _closedDuringRead;
    private int _closedDuringWrite;

    /// <summary>
    /// Four threads, <see cref="Rounds"/> openings in all. Each opening starts a helper that reads
    /// (or writes) and is closed from the opening's own thread while the helper is at it; the next
    /// opening on the thread (or another thread's) gets the socket again.
    /// </summary>
    private void Hammer(string kind, Func<int, int, Opening> open)
    {
        int rounds = Math.Max(8, Rounds);
        using var bench = _bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        bench.Module.Certificates.Program(0, CertificateKind.RootCa, _credentials.Lab.CaPem, 0, _credentials.Lab.CaPem.Length, null);
        _tcpPeers = new[] { TaggedPeer.Tcp(0), TaggedPeer.Tcp(1) };
        _tlsPeers = new[] { TaggedPeer.Tls(_credentials.Lab, 0), TaggedPeer.Tls(_credentials.Lab, 1) };
        _udpPeers = new[] { new TaggedUdpPeer(0), new TaggedUdpPeer(1) };
        try
        {
            var errors = new List<Exception>();
            var watch = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
            {
                try
                {
                    for (int round = 0; round < rounds / 4; round++)
                    {
                        using Opening opening = open(t, round);
                        opening.Exercise(round % 2 == 0);
                    }
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
            threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromMinutes(3)), "a thread hung"));
            Assert.Empty(errors);

            long serverForeign = _tcpPeers.Sum(p => p.Foreign) + _tlsPeers.Sum(p => p.Foreign) + _udpPeers.Sum(p => p.Foreign);
            _output.WriteLine($"{kind}: {rounds / 4 * 4} openings on 4 threads in {watch.Elapsed.TotalSeconds:F1} s; closed during a read {_closedDuringRead}, during a write {_closedDuringWrite}; foreign bytes at the peers {serverForeign}, at the clients {_clientForeign}");
            Assert.Equal(0, serverForeign);
            Assert.True(Interlocked.Read(ref _clientForeign) == 0, _clientForeign + " foreign bytes at the clients, the first of them in: " + _firstForeign);
            Assert.True(_closedDuringRead + _closedDuringWrite > rounds / 8, "closes rarely overlapped an operation");
            Assert.Equal(4, bench.Module.FreeSockets);
        }
        finally
        {
            foreach (IDisposable peer in _tcpPeers.Concat<IDisposable>(_tlsPeers).Concat(_udpPeers))
            {
                peer.Dispose();
            }
        }
    }

    /// <summary>Counts bytes without the opening's tag; the first such read is kept, escaped, for the failure message.</summary>
    private void CountClientForeign(byte[] data, int offset, int count, byte tag, string where)
    {
        int foreign = TaggedPeer.CountForeign(data, offset, count, tag);
        if (foreign > 0)
        {
            Interlocked.Add(ref _clientForeign, foreign);
            string text = where + " (tag " + tag + "): " + string.Concat(data.Skip(offset).Take(Math.Min(count, 120)).Select(b => b >= 0x20 && b < 0x7F ? ((char)b).ToString() : "\\x" + b.ToString("X2")));
            Interlocked.CompareExchange(ref _firstForeign, text, null);
        }
    }

    private static byte TagOf(int thread, int round) => (byte)(1 + (thread * 60) + (round % 60));

    private abstract class Opening : IDisposable
    {
        protected Opening(ConnectionOwnershipTests owner, int thread, int round)
        {
            Owner = owner;
            Tag = TagOf(thread, round);
        }

        protected ConnectionOwnershipTests Owner { get; }

        protected byte Tag { get; }

        protected int Parity => Tag & 1;

        protected EsWifiModule Module => Owner._bench.Module;

        /// <summary>One exchange that must succeed, then a helper that reads or writes while the opening is closed.</summary>
        public void Exercise(bool closeWhileReading)
        {
            byte[] message = Enumerable.Repeat(Tag, 40).ToArray();
            Exchange(message);
            var started = new ManualResetEventSlim();
            Exception error = null;
            bool inOperation = false;
            var helper = new Thread(() =>
            {
                try
                {
                    started.Set();
                    inOperation = true;
                    if (closeWhileReading)
                    {
                        ReadUntilClosed();
                    }
                    else
                    {
                        WriteUntilClosed();
                    }
                }
                catch (ObjectDisposedException)
                {
                    // A write the close ended.
                }
                catch (Exception e)
                {
                    error = e;
                }
                finally
                {
                    inOperation = false;
                }
            });
            helper.Start();
            started.Wait();
            Thread.Sleep(closeWhileReading ? 2 : 1);
            bool overlapped = inOperation;
            Close();

            // Close waited for the operation to end; the helper thread itself may still be finishing.
            Assert.True(helper.Join(10000), "the helper's operation did not end with the close");
            if (error != null)
            {
                throw new InvalidOperationException("the helper failed", error);
            }

            if (overlapped)
            {
                Interlocked.Increment(ref closeWhileReading ? ref Owner._closedDuringRead : ref Owner._closedDuringWrite);
            }
        }

        protected void CountForeign(byte[] data, int offset, int count) => Owner.CountClientForeign(data, offset, count, Tag, "a read of the module's stream");

        protected abstract void Exchange(byte[] message);

        protected abstract void ReadUntilClosed();

        protected abstract void WriteUntilClosed();

        protected abstract void Close();

        public abstract void Dispose();
    }

    /// <summary>A stream opening: a TCP or TLS client, or an accepted client.</summary>
    private abstract class StreamOpening : Opening
    {
        protected StreamOpening(ConnectionOwnershipTests owner, int thread, int round)
            : base(owner, thread, round)
        {
        }

        protected EsWifiNetworkStream Stream { get; set; }

        protected override void Exchange(byte[] message)
        {
            Stream.Write(message, 0, message.Length);
            byte[] echo = new byte[message.Length];
            TransferTests.ReadExactly(Stream, echo, echo.Length);
            CountForeign(echo, 0, echo.Length);
        }

        protected override void ReadUntilClosed()
        {
            byte[] buffer = new byte[256];
            Stream.ReadTimeout = -1;
            int n;
            while ((n = Stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                CountForeign(buffer, 0, n);
            }
        }

        protected override void WriteUntilClosed()
        {
            byte[] chunk = Enumerable.Repeat(Tag, 3000).ToArray();
            while (true)
            {
                Stream.Write(chunk, 0, chunk.Length);
            }
        }

        protected override void Close() => Stream.Close();
    }

    private sealed class TcpOpening : StreamOpening
    {
        public TcpOpening(ConnectionOwnershipTests owner, int thread, int round, bool tls)
            : base(owner, thread, round)
        {
            Stream = tls
                ? Module.ConnectTls("localhost", owner._tlsPeers[Parity].Port, new TlsOptions())
                : Module.ConnectTcp("127.0.0.1", owner._tcpPeers[Parity].Port);
            Stream.ReadTimeout = 10000;
        }

        public override void Dispose() => Stream.Dispose();
    }

    private sealed class UdpOpening : Opening
    {
        private readonly EsWifiUdpSocket _socket;

        public UdpOpening(ConnectionOwnershipTests owner, int thread, int round)
            : base(owner, thread, round)
        {
            _socket = Module.OpenUdp("127.0.0.1", owner._udpPeers[Parity].Port);
            _socket.ReceiveTimeout = 10000;
        }

        protected override void Exchange(byte[] message)
        {
            _socket.Send(message, 0, message.Length);
            byte[] echo = new byte[1460];
            int n = _socket.Receive(echo, 0, echo.Length);
            Assert.Equal(message.Length, n);
            CountForeign(echo, 0, n);
        }

        protected override void ReadUntilClosed()
        {
            byte[] buffer = new byte[1460];
            _socket.ReceiveTimeout = -1;
            int n;
            while ((n = _socket.Receive(buffer, 0, buffer.Length)) > 0)
            {
                CountForeign(buffer, 0, n);
            }
        }

        protected override void WriteUntilClosed()
        {
            byte[] datagram = Enumerable.Repeat(Tag, 200).ToArray();
            while (true)
            {
                _socket.Send(datagram, 0, datagram.Length);
            }
        }

        protected override void Close() => _socket.Close();

        public override void Dispose() => _socket.Dispose();
    }

    /// <summary>The module listens; a test-side client connects, is accepted and echoes tagged bytes.</summary>
    private sealed class AcceptedOpening : StreamOpening
    {
        private readonly EsWifiTcpListener _listener;
        private readonly System.Net.Sockets.TcpClient _peer;
        private readonly Thread _echo;

        public AcceptedOpening(ConnectionOwnershipTests owner, int thread, int round)
            : base(owner, thread, round)
        {
            int port = 0;
            for (int attempt = 0; _listener == null; attempt++)
            {
                // A port probed free can be taken again before the module listens (another
                // thread's probe, an outgoing connection's ephemeral port): choose another.
                port = TransferTests.FreePort();
                try
                {
                    _listener = Module.Listen(port);
                }
                catch (EsWifiException e) when (attempt < 5 && e.Message.Contains("AddressAlreadyInUse", StringComparison.Ordinal))
                {
                }
            }

            _peer = new System.Net.Sockets.TcpClient();
            _peer.Connect(System.Net.IPAddress.Loopback, port);
            Stream = _listener.AcceptStream(10000);
            Stream.ReadTimeout = 10000;
            byte tag = Tag;
            System.Net.Sockets.NetworkStream peerStream = _peer.GetStream();
            _echo = new Thread(() =>
            {
                byte[] buffer = new byte[4096];
                try
                {
                    int n;
                    while ((n = peerStream.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        owner.CountClientForeign(buffer, 0, n, tag, "what the accepted client received");
                        peerStream.Write(buffer, 0, n);
                    }
                }
                catch (IOException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            }) { IsBackground = true };
            _echo.Start();
        }

        public override void Dispose()
        {
            Stream.Dispose();
            _listener.Dispose();
            _peer.Dispose();
        }
    }
}
