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

        Thread.Sleep(100);
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
        for (int i = 0; i < 20; i++)
        {
            tcp.Write(block, 0, block.Length);
            ReadExactly(tcp, block, block.Length);
        }

        long allocated = 0;
        for (int i = 0; i < 200; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            tcp.Write(block, 0, block.Length);
            int got = 0;
            while (got < block.Length)
            {
                got += tcp.Read(block, got, block.Length - got);
            }

            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
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
        Thread.Sleep(300);
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
}
