using System.Net;
using System.Net.Sockets;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Driver;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// The module's life across what a board does to it: the MCU reboots while the module keeps its
/// sockets and its join (a new driver on the same wire), a second <c>Join</c> while joined, and
/// <c>Initialize(false)</c> after a reset. Each case names the bug it guards against.
/// </summary>
public class ModuleLifeTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_new_driver_on_a_module_that_kept_its_sockets_opens_every_kind(bool resetLine, bool joinAgain)
    {
        // Before: every ConnectTcp, OpenUdp and Listen of the new driver failed with
        // "P6: Socket already connected" for ever (a fresh driver took every socket for idle).
        using var tcpServer = LoopbackServer.TcpEcho();
        using var udpServer = new UdpEchoServer();
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, resetLine: resetLine);
        int reboots = bench.Emulator.Reboots;

        // The firmware before the reboot held all four sockets.
        bench.Module.ConnectTcp("127.0.0.1", tcpServer.Port);
        bench.Module.ConnectTcp("127.0.0.1", tcpServer.Port);
        bench.Module.OpenUdp("127.0.0.1", udpServer.Port);
        bench.Module.Listen(TransferTests.FreePort());
        Eventually.True(() => tcpServer.ActiveConnections == 2, "the old connections at the server");

        EsWifiModule module = RestartedHost(bench, resetLine);
        module.Initialize(false);
        if (joinAgain)
        {
            // Joined already to this network: the join is kept, not dropped and made again.
            Assert.Equal("192.168.1.50", module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2));
            Assert.Equal(0, bench.Emulator.Counters.Commands("CD"));
        }

        using EsWifiNetworkStream first = module.ConnectTcp("127.0.0.1", tcpServer.Port);
        using EsWifiNetworkStream second = module.ConnectTcp("127.0.0.1", tcpServer.Port);
        using EsWifiUdpSocket udp = module.OpenUdp("127.0.0.1", udpServer.Port);
        int port = TransferTests.FreePort();
        using EsWifiTcpListener listener = module.Listen(port);
        first.ReadTimeout = second.ReadTimeout = 3000;
        TransferTests.EchoExact(first, RandomBytes(3000));
        TransferTests.EchoExact(second, RandomBytes(100));
        udp.ReceiveTimeout = 3000;
        udp.Send(new byte[] { 7, 8, 9 }, 0, 3);
        byte[] datagram = new byte[16];
        Assert.Equal(3, udp.Receive(datagram, 0, datagram.Length));
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using EsWifiNetworkStream accepted = listener.AcceptStream(5000);
        accepted.ReadTimeout = 3000;
        client.GetStream().Write(new byte[] { 4, 5 });
        byte[] two = new byte[2];
        TransferTests.ReadExactly(accepted, two, 2);
        Assert.Equal(new byte[] { 4, 5 }, two);

        // The module's stale connections were stopped, not left to the server; no reset was needed.
        Eventually.True(() => tcpServer.ActiveConnections == 2, "only the new driver's connections at the server");
        Assert.Equal(reboots, bench.Emulator.Reboots);
    }

    [Fact]
    public void A_new_driver_that_resets_the_module_starts_clean()
    {
        using var tcpServer = LoopbackServer.TcpEcho();
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, resetLine: true);
        bench.Module.ConnectTcp("127.0.0.1", tcpServer.Port);

        EsWifiModule module = RestartedHost(bench, resetLine: true);
        module.Initialize();
        module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);
        bench.Emulator.Counters.Reset();
        using EsWifiNetworkStream tcp = module.ConnectTcp("127.0.0.1", tcpServer.Port);
        tcp.ReadTimeout = 3000;
        TransferTests.EchoExact(tcp, RandomBytes(500));

        // Known idle after the host's own reset: no socket is stopped before use.
        Assert.Equal(0, bench.Emulator.Counters.Commands("P5"));
    }

    [Fact]
    public void A_second_join_while_joined_keeps_the_credentials_for_the_rejoin_after_a_reboot()
    {
        // Before: the module answered "Already connected!", the driver forgot the settings, and after
        // the module's next reboot it never joined again ("Not connected to a network" for ever).
        using var tcpServer = LoopbackServer.TcpEcho();
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);

        Assert.Equal("192.168.1.50", bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2));
        Assert.True(bench.Emulator.IsJoined);
        Assert.Equal(0, bench.Emulator.Counters.Commands("CD"));

        bench.PowerCycle();
        using EsWifiNetworkStream tcp = ConnectAfterReset(bench, tcpServer.Port);
        tcp.ReadTimeout = 3000;
        TransferTests.EchoExact(tcp, RandomBytes(200));
        Assert.True(bench.Emulator.IsJoined);
    }

    [Fact]
    public void A_join_to_another_network_while_joined_leaves_the_first_and_joins_the_second()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);

        bench.Module.Wifi.Join("cafe, upstairs", null, WifiSecurity.Open);

        Assert.True(bench.Module.Wifi.IsConnected);
        Assert.StartsWith("cafe, upstairs,", bench.Module.SendRawCommand("C?", 1000).Text);
        Assert.Equal(1, bench.Emulator.Counters.Commands("CD"));
    }

    [Fact]
    public void A_join_the_module_refuses_as_already_connected_leaves_and_joins_once()
    {
        // The driver believed the module unjoined (it reset it) but the module joined on its own
        // (auto-connect): C0 answers "Already connected!"; the join goes ahead with the new settings.
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, join: false);
        lock (bench.Module.Channel.SyncRoot)
        {
            foreach (string command in new[] { "C1=lab", "C2=" + EmulatedBench.Passphrase, "C3=3", "C0" })
            {
                AtCommandWriter writer = bench.Module.Channel.Writer.Command(command.Substring(0, 2));
                if (command.Length > 2)
                {
                    writer.Text(command.Substring(3), "argument", 100, true);
                }

                writer.End();
                bench.Module.Channel.ExecuteOk(5000);
            }
        }

        Assert.Equal("192.168.1.50", bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2));
        Assert.True(bench.Emulator.IsJoined);
    }

    [Fact]
    public void Initialize_without_reset_after_a_module_reset_rejoins_before_the_first_connect()
    {
        // Before: the first connect after Initialize(false) failed "Not connected to a network" and
        // only the second one rejoined.
        using var tcpServer = LoopbackServer.TcpEcho();
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        bench.PowerCycle();
        Assert.Equal(EsWifiErrorKind.ModuleReset, Assert.Throws<EsWifiException>(() => bench.Module.ConnectTcp("127.0.0.1", tcpServer.Port)).Kind);

        bench.Module.Initialize(false);

        Assert.True(bench.Emulator.IsJoined);
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", tcpServer.Port);
        tcp.ReadTimeout = 3000;
        TransferTests.EchoExact(tcp, RandomBytes(100));
    }

    [Fact]
    public void Initialize_with_reset_forgets_the_join()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);

        bench.Module.Initialize();

        Assert.False(bench.Emulator.IsJoined);
        Assert.False(bench.Module.Wifi.IsConnected);
    }

    /// <summary>The MCU rebooted: a new transport and driver on the same wire; the module kept everything.</summary>
    private static EsWifiModule RestartedHost(EmulatedBench bench, bool resetLine)
    {
        var transport = new UartTransport(bench.Wire, SystemClock.Instance, 2048);
        var options = new EsWifiOptions();
        if (resetLine)
        {
            options.ResetPin = bench.ResetLine;
        }

        bench.Emulator.Counters.Reset();
        return new EsWifiModule(transport, options);
    }

    /// <summary>The first call after an unannounced reboot notices it (ModuleReset); the next one works.</summary>
    private static EsWifiNetworkStream ConnectAfterReset(EmulatedBench bench, int port)
    {
        try
        {
            return bench.Module.ConnectTcp("127.0.0.1", port);
        }
        catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.ModuleReset)
        {
            return bench.Module.ConnectTcp("127.0.0.1", port);
        }
    }

    private static byte[] RandomBytes(int count) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(count);
}
