using System.Net;
using System.Net.Sockets;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>
/// Failures a caller acts on have kinds of their own, the module's words kept in the message and in
/// <see cref="EsWifiException.ModuleReason"/>: a TLS handshake (TlsFlowTests, fault-matrix row 11), a
/// refused connect, a name the module's DNS does not know, a module that is not joined, and a failed
/// link, whatever the transport was doing.
/// </summary>
public class TypedErrorTests
{
    [Fact]
    public void A_refused_connect_is_connection_refused()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, options: new EsWifiOptions { ConnectTimeoutMilliseconds = 3000 });
        int closed = TransferTests.FreePort();

        var error = Assert.Throws<EsWifiException>(() => bench.Module.ConnectTcp("127.0.0.1", closed));

        Assert.Equal(EsWifiErrorKind.ConnectionRefused, error.Kind);
        Assert.True(error.IsModuleAnswer);
        Assert.Contains("Failed to connect", error.Message);
        Assert.Equal(4, bench.Module.FreeSockets);
    }

    [Fact]
    public void An_unknown_name_is_host_not_found_for_a_lookup_and_for_a_connect()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);

        Assert.Equal(EsWifiErrorKind.HostNotFound, Assert.Throws<EsWifiException>(() => bench.Module.Dns.Resolve("no-such-host.invalid")).Kind);
        Assert.Equal(EsWifiErrorKind.HostNotFound, Assert.Throws<EsWifiException>(() => bench.Module.ConnectTcp("no-such-host.invalid", 80)).Kind);
        Assert.Equal(4, bench.Module.FreeSockets);
    }

    [Fact]
    public void A_module_that_is_not_joined_says_so()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, join: false);

        var error = Assert.Throws<EsWifiException>(() => bench.Module.ConnectTcp("127.0.0.1", 80));

        Assert.Equal(EsWifiErrorKind.NotJoined, error.Kind);
        Assert.Equal("Not connected to a network", error.ModuleReason);
    }

    [Fact]
    public void A_failing_link_is_a_link_failure_with_the_links_exception_inside()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart);
        bench.Wire.Arm("CS", 0, 10, fail: true);

        var error = Assert.Throws<EsWifiException>(() => bench.Module.Wifi.IsConnected);

        Assert.Equal(EsWifiErrorKind.LinkFailure, error.Kind);
        Assert.IsType<IOException>(error.InnerException);
        Assert.True(bench.Module.Wifi.IsConnected, "the next command goes through");
    }
}
