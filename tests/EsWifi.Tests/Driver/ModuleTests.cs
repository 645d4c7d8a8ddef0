using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>Bring-up, Wi-Fi, DNS, resets and argument checks of the public API against the emulator.</summary>
public class ModuleTests
{
    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Initialize_reads_the_identity_and_firmware(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile), join: false);
        ModuleInfo info = bench.Module.Info;
        Assert.Equal("ISM43362-M3G-L44-SPI", info.ProductId);
        Assert.Equal(profile, info.Firmware.Text);
        Assert.Equal("Inventek eS-WiFi", info.ProductName);
        Assert.Equal(120000000, info.CpuClockHz);
        Assert.Equal(profile == "C6.2.1.8", bench.Module.Channel.OkHasExtraCrLf);
        Assert.Equal("C4:7F:51:8E:2B:01", bench.Module.GetMacAddress());
    }

    [Fact]
    public void Initialize_without_reset_probes_the_prompt()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, join: false);
        int reboots = bench.Emulator.Reboots;
        bench.Module.Initialize(false);
        Assert.Equal(reboots, bench.Emulator.Reboots);
        Assert.Equal("C3.5.2.5.UART", bench.Module.Info.Firmware.Text);
    }

    [Theory]
    [InlineData(false, "\r")]
    [InlineData(true, "ZR\r")]
    public void A_boot_prompt_that_arrives_after_the_probe_is_not_taken_for_a_reset(bool reset, string trigger)
    {
        // Seen on a pseudo-terminal under load: the boot prompt the module printed before the tool
        // opened the port arrived only after the probe went out, so two prompts answered it and the
        // second stood where the I? answer was expected ("the module reset while executing I?").
        using var emulator = new EmulatedModule(FirmwareProfile.C3525Uart);
        var link = new InMemoryDuplexLink();
        using var uart = new UartFrontEnd(emulator, link.Module, bootPrompt: false);
        int late = 1;
        link.Host.Written = block =>
        {
            if (System.Text.Encoding.Latin1.GetString(block) == trigger && Interlocked.Exchange(ref late, 0) == 1)
            {
                link.Host.Deliver(RawUart.Bytes("\r\n> "));
            }
        };
        var module = new EsWifiModule(new UartTransport(link.Host, SystemClock.Instance, 2048));

        module.Initialize(reset);

        Assert.Equal(0, late);
        Assert.Equal("C3.5.2.5.UART", module.Info.Firmware.Text);
        Assert.Equal(0, module.Channel.ResetCount);
        Assert.Equal("C4:7F:51:8E:2B:01", module.GetMacAddress());
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Join_status_rssi_configuration_and_leave(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile), join: false);
        Assert.False(bench.Module.Wifi.IsConnected);
        Assert.Equal("192.168.1.50", bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2));
        Assert.True(bench.Module.Wifi.IsConnected);
        Assert.Equal(-48, bench.Module.Wifi.Rssi);
        IpConfiguration ip = bench.Module.Wifi.GetIpConfiguration();
        Assert.Equal("192.168.1.50", ip.Address);
        Assert.True(ip.Dhcp);
        Assert.True(ip.Connected);
        bench.Module.Wifi.Leave();
        Assert.False(bench.Module.Wifi.IsConnected);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void A_failed_join_carries_the_modules_reason(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile), join: false);
        var error = Assert.Throws<EsWifiException>(() => bench.Module.Wifi.Join(EmulatedBench.Ssid, "wrong passphrase", WifiSecurity.Wpa2));
        Assert.Equal(EsWifiErrorKind.ModuleError, error.Kind);
        Assert.Equal("Unknown Error", error.ModuleReason);
        Assert.Equal("joining \"lab\" failed: Unknown Error", error.Message);
        Assert.DoesNotContain("wrong passphrase", error.Message);
    }

    [Fact]
    public void An_open_network_joins_without_a_passphrase_and_a_static_address_is_sent()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, join: false);
        bench.Module.Wifi.UseStaticAddress("192.168.1.77", "255.255.255.0", "192.168.1.1", "192.168.1.1");
        bench.Module.Wifi.Join("cafe, upstairs", null, WifiSecurity.Open);
        Assert.Equal(0, bench.Emulator.Counters.Commands("C2"));
        Assert.Equal(1, bench.Emulator.Counters.Commands("C6"));
        Assert.False(bench.Module.Wifi.GetIpConfiguration().Dhcp);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Scan_returns_the_access_points_with_quoted_names(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile), join: false);
        AccessPointInfo[] found = bench.Module.Wifi.Scan();
        Assert.Equal(2, found.Length);
        Assert.Equal("lab", found[0].Ssid);
        Assert.Equal(WifiSecurity.Wpa2, found[0].Security);
        Assert.Equal(-48, found[0].Rssi);
        Assert.Equal("cafe, upstairs", found[1].Ssid);
        Assert.Equal(WifiSecurity.Open, found[1].Security);
        Assert.Equal(11, found[1].Channel);
        Assert.Equal("00:24:B2:B1:E9:FD", found[1].Bssid);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Dns_resolves_through_the_module_and_reports_unknown_names(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        bench.Emulator.HostNames["broker.example.test"] = System.Net.IPAddress.Parse("127.0.0.7");
        Assert.Equal("127.0.0.7", bench.Module.Dns.Resolve("broker.example.test"));
        var error = Assert.Throws<EsWifiException>(() => bench.Module.Dns.Resolve("nowhere.test"));
        Assert.Equal("Host not found ", error.ModuleReason);
        Assert.Throws<ArgumentException>(() => bench.Module.Dns.Resolve(new string('a', 64)));
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void A_module_reset_mid_transfer_fails_the_sockets_and_the_module_comes_back(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var server = LoopbackServer.TcpEcho();
        EsWifiNetworkStream first = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        EsWifiNetworkStream second = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        first.ReadTimeout = 5000;
        first.Write(new byte[100], 0, 100);

        bench.Uart.Faults.Add(new Fault { Command = "R0", Kind = FaultKind.ResetDuringAnswer, Offset = 40 });
        var error = Assert.Throws<EsWifiException>(() => first.Read(new byte[200], 0, 200));
        Assert.Equal(EsWifiErrorKind.ModuleReset, error.Kind);

        var other = Assert.Throws<EsWifiException>(() => second.Write(new byte[10], 0, 10));
        Assert.Equal(EsWifiErrorKind.ModuleReset, other.Kind);
        Assert.False(second.Connected);
        first.Close();
        second.Close();

        bench.Module.Initialize();
        bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);
        using EsWifiNetworkStream again = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        TransferTests.EchoHashed(again, 10000, 5);
        Assert.Equal(3, bench.Module.FreeSockets);
    }

    [Fact]
    public void Text_arguments_are_refused_before_anything_is_sent()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, join: false);
        long before = bench.Link.Host.BytesWritten;
        var wifi = bench.Module.Wifi;
        AssertRefused("ssid", () => wifi.Join("lab\rC0", EmulatedBench.Passphrase, WifiSecurity.Wpa2));
        AssertRefused("ssid", () => wifi.Join("lab\n", EmulatedBench.Passphrase, WifiSecurity.Wpa2));
        AssertRefused("ssid", () => wifi.Join("l\0ab", EmulatedBench.Passphrase, WifiSecurity.Wpa2));
        AssertRefused("ssid", () => wifi.Join(new string('s', 33), EmulatedBench.Passphrase, WifiSecurity.Wpa2));
        AssertRefused("ssid", () => wifi.Join(string.Empty, EmulatedBench.Passphrase, WifiSecurity.Wpa2));
        AssertRefused("passphrase", () => wifi.Join("lab", "pass\rword", WifiSecurity.Wpa2));
        AssertRefused("passphrase", () => wifi.Join("lab", "short", WifiSecurity.Wpa2));
        AssertRefused("passphrase", () => wifi.Join("lab", new string('p', 65), WifiSecurity.Wpa2));
        AssertRefused("passphrase", () => wifi.Join("lab", "abcd", WifiSecurity.Wep));
        AssertRefused("passphrase", () => wifi.Join("lab", "secret", WifiSecurity.Open));
        AssertRefused("host", () => bench.Module.ConnectTcp("example.com\rP6=1", 80));
        AssertRefused("host", () => bench.Module.ConnectTcp("a,b", 80));
        AssertRefused("host", () => bench.Module.ConnectTcp(new string('h', 64), 80));
        AssertRefused("host", () => bench.Module.Dns.Resolve("x\n"));
        Assert.Throws<ArgumentOutOfRangeException>(() => bench.Module.ConnectTcp("127.0.0.1", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => bench.Module.ConnectTcp("127.0.0.1", 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => bench.Module.ConnectTls("127.0.0.1", 443, new TlsOptions(4, TlsVerification.None)));
        Assert.Equal(before, bench.Link.Host.BytesWritten);
    }

    [Fact]
    public void Passphrases_never_reach_traces_or_messages()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, join: false);
        var trace = new List<string>();
        bench.Module.Channel.Trace = (direction, text) => trace.Add(text);
        bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);
        bench.Module.Wifi.GetIpConfiguration();
        var failure = Assert.Throws<EsWifiException>(() => bench.Module.Wifi.Join(EmulatedBench.Ssid, "another secret", WifiSecurity.Wpa2));
        string all = string.Join("\n", trace);
        Assert.Contains("C2=***", all);
        Assert.DoesNotContain(EmulatedBench.Passphrase, all);
        Assert.DoesNotContain("another secret", all);
        Assert.DoesNotContain("another secret", failure.Message);
    }

    private static void AssertRefused(string parameter, Action action)
    {
        var error = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(parameter, error.ParamName);
    }
}
