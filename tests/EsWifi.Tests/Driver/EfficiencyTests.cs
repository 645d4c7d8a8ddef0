using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>Round trips and allocations of the data path, measured by the emulator's counters and the GC.</summary>
public class EfficiencyTests : IClassFixture<TlsFlowTests.Credentials>
{
    private readonly TlsFlowTests.Credentials _credentials;

    public EfficiencyTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    private static void ReadExactly(EsWifiNetworkStream stream, byte[] buffer, int count) => TransferTests.ReadExactly(stream, buffer, count);

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void A_steady_state_write_and_read_cost_one_round_trip_each(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 5000;
        byte[] block = new byte[1460];
        tcp.Write(block, 0, block.Length);
        ReadExactly(tcp, block, block.Length);

        bench.Emulator.Counters.Reset();
        tcp.Write(block, 0, block.Length);
        Assert.Equal(1, bench.Emulator.Counters.RoundTrips);
        Assert.Equal(1, bench.Emulator.Counters.Commands("S3"));

        Eventually.True(() => bench.Emulator.BufferedBytes(tcp.Socket) == block.Length, "the whole echo in the module");
        bench.Emulator.Counters.Reset();
        Assert.Equal(1460, tcp.Read(block, 0, block.Length));
        Assert.Equal(1, bench.Emulator.Counters.RoundTrips);
        Assert.Equal(1, bench.Emulator.Counters.Commands("R0"));
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Writes_are_chunked_at_1460_bytes(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.Write(new byte[10], 0, 10);
        bench.Emulator.Counters.Reset();
        tcp.Write(new byte[1460 * 3 + 1], 0, 1460 * 3 + 1);
        Assert.Equal(4, bench.Emulator.Counters.Commands("S3"));
        Assert.Equal(4, bench.Emulator.Counters.RoundTrips);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void A_cold_tls_connect_takes_six_commands_and_a_new_host_fewer(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        bench.Module.Certificates.Program(0, CertificateKind.RootCa, _credentials.Lab.CaPem, 0, _credentials.Lab.CaPem.Length, null);
        bench.Module.Certificates.Select(0);
        using var server = LoopbackServer.TlsEcho(_credentials.Lab, false);
        bench.Emulator.HostNames["other.test"] = System.Net.IPAddress.Loopback;

        bench.Emulator.Counters.Reset();
        EsWifiSslStream first = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions());
        var cold = bench.Emulator.Counters.CommandsByName;
        Assert.Equal(6, bench.Emulator.Counters.RoundTrips);
        Assert.Equal(new[] { "D0", "P0", "P1", "P4", "P6", "P9" }, cold.Keys.OrderBy(k => k, StringComparer.Ordinal));
        first.Close();

        // Same socket, same port and level, another host name: D0 and P6=1 only.
        bench.Emulator.Counters.Reset();
        using EsWifiSslStream second = bench.Module.ConnectTls("other.test", server.Port, new TlsOptions());
        Assert.Equal(2, bench.Emulator.Counters.RoundTrips);
        Assert.Equal(1, bench.Emulator.Counters.Commands("D0"));
        Assert.Equal(1, bench.Emulator.Counters.Commands("P6"));
    }

    [Fact]
    public void The_first_tls_connect_of_a_session_adds_the_certificate_checks()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        bench.Emulator.Certificates.Program(0, 0, _credentials.Lab.CaPem);
        using var server = LoopbackServer.TlsEcho(_credentials.Lab, false);
        bench.Emulator.Counters.Reset();
        using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions());
        Assert.Equal(1, bench.Emulator.Counters.Commands("PE"));
        Assert.Equal(1, bench.Emulator.Counters.Commands("PF"));
        Assert.Equal(8, bench.Emulator.Counters.RoundTrips);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Reads_and_writes_allocate_nothing_after_warm_up(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 5000;
        byte[] block = new byte[1460];
        long allocated = AllocatedAfterWarmUp(20, 200, () =>
        {
            tcp.Write(block, 0, block.Length);
            ReadExactly(tcp, block, block.Length);
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Tls_reads_writes_and_data_available_allocate_nothing_after_warm_up()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        bench.Emulator.Certificates.Program(0, 0, _credentials.Lab.CaPem);
        using var server = LoopbackServer.TlsEcho(_credentials.Lab, false);
        using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions());
        tls.ReadTimeout = 5000;
        byte[] block = new byte[1460];
        long allocated = AllocatedAfterWarmUp(20, 100, () =>
        {
            tls.Write(block, 0, block.Length);
            while (!tls.DataAvailable)
            {
            }

            for (int got = 0; got < block.Length;)
            {
                got += tls.Read(block, got, block.Length - got);
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Datagrams_allocate_nothing_after_warm_up()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = new UdpEchoServer();
        using EsWifiUdpSocket udp = bench.Module.OpenUdp("127.0.0.1", server.Port);
        udp.ReceiveTimeout = 5000;
        byte[] datagram = new byte[512];
        int shortDatagrams = 0;
        long allocated = AllocatedAfterWarmUp(20, 100, () =>
        {
            udp.Send(datagram, 0, datagram.Length);
            shortDatagrams += udp.Receive(datagram, 0, datagram.Length) == datagram.Length ? 0 : 1;
        });
        Assert.Equal(0, shortDatagrams);
        Assert.Equal(0, allocated);
    }

    /// <summary>Bytes this thread allocates over <paramref name="rounds"/> calls of <paramref name="round"/> after <paramref name="warmUp"/> uncounted ones (no assertion may run inside: xunit's allocate).</summary>
    private static long AllocatedAfterWarmUp(int warmUp, int rounds, Action round)
    {
        for (int i = 0; i < warmUp; i++)
        {
            round();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rounds; i++)
        {
            round();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

/// <summary>Wire bytes against payload bytes for bulk reads, from the emulator's counters.</summary>
public class WireEfficiencyTests
{
    [Fact]
    public void Full_1460_byte_reads_carry_at_least_99_percent_payload()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.Tcp(stream =>
        {
            byte[] block = new byte[1460 * 50];
            stream.Write(block, 0, block.Length);
            Thread.Sleep(2000);
        });
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 5000;
        byte[] buffer = new byte[1460];
        Eventually.True(() => bench.Emulator.BufferedBytes(tcp.Socket) == 1460 * 50, "the whole block in the module");
        tcp.Read(buffer, 0, buffer.Length);
        bench.Emulator.Counters.Reset();
        int received = 0;
        while (received < 1460 * 40)
        {
            received += tcp.Read(buffer, 0, buffer.Length);
        }

        var counters = bench.Emulator.Counters;
        double efficiency = (double)counters.PayloadFromModule / (counters.BytesToModule + counters.BytesFromModule);
        Assert.Equal(40, counters.Commands("R0"));
        Assert.True(efficiency >= 0.99, "payload/wire = " + efficiency);
    }

    [Fact]
    public void Two_sockets_reading_at_once_take_turns_with_one_p0_per_two_answers_and_exact_data()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        const int Size = 1460 * 30;
        byte[][] blocks = { System.Security.Cryptography.RandomNumberGenerator.GetBytes(Size), System.Security.Cryptography.RandomNumberGenerator.GetBytes(Size) };
        int served = 0;
        using var server = LoopbackServer.Tcp(stream =>
        {
            stream.Write(blocks[Interlocked.Increment(ref served) - 1]);
            Thread.Sleep(5000);
        });
        var streams = new[] { bench.Module.ConnectTcp("127.0.0.1", server.Port), bench.Module.ConnectTcp("127.0.0.1", server.Port) };
        try
        {
            foreach (EsWifiNetworkStream s in streams)
            {
                s.ReadTimeout = 10000;
                EsWifiNetworkStream stream = s;
                Eventually.True(() => bench.Emulator.BufferedBytes(stream.Socket) == Size, "socket " + stream.Socket + "'s block in the module");
            }

            // Paced as a board's UART is (921,600 baud): while one socket's answer is on the wire the
            // other reader waits for the channel, whatever the scheduler does. At the in-memory link's
            // full speed an answer takes microseconds, so whether the other reader is waiting (and
            // the read-ahead has anyone to make room for) depended on thread timing on a busy machine.
            bench.Link.BaudRate = 921600;
            bench.Emulator.Counters.Reset();
            var got = new byte[2][];
            var readers = new Thread[2];
            for (int i = 0; i < 2; i++)
            {
                int index = i;
                readers[i] = new Thread(() =>
                {
                    // A pause between reads lets the other reader in, as a paced link does: the two
                    // take turns (without it one reader may drain its socket before the other starts).
                    got[index] = new byte[Size];
                    for (int at = 0; at < Size;)
                    {
                        int n = streams[index].Read(got[index], at, Math.Min(1460, Size - at));
                        Assert.True(n > 0, "the stream ended early");
                        at += n;
                        Thread.Sleep(1);
                    }
                });
                readers[i].Start();
            }

            Assert.All(readers, r => Assert.True(r.Join(30000)));

            // Each socket's bytes are its own server connection's (which one it got is the accept order).
            Assert.True((got[0].SequenceEqual(blocks[0]) && got[1].SequenceEqual(blocks[1])) || (got[0].SequenceEqual(blocks[1]) && got[1].SequenceEqual(blocks[0])));
            var counters = bench.Emulator.Counters;
            int answers = counters.Commands("R0");
            int switches = counters.Commands("P0");
            Assert.True(answers >= 60 && answers <= 64, "R0: " + answers);

            // Strict alternation would need a P0 before every R0; draining one answer ahead halves them.
            Assert.True(switches <= answers * 0.6, "P0 " + switches + " for R0 " + answers);
        }
        finally
        {
            foreach (EsWifiNetworkStream s in streams)
            {
                s.Dispose();
            }
        }
    }
}
