using System.Text;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Driver;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// Received data that looks like a module message is data: the message forms of protocol.md §4.2,
/// each as the module would push it (<c>\r\n[TAG] text\r\n&gt; </c>), placed at every offset of a
/// TCP stream and of a UDP datagram, arrive exactly and nothing reaches the message queue.
/// </summary>
public class MessageLookalikeTests
{
    private static readonly string[] Forms =
    {
        "[TCP SVR] Accepted 10.0.0.1:1",
        "[AP DHCP] Assigned AC:72:89:55:CE:36 has 192.168.10.100",
        "[JOIN   ] lab,192.168.1.50,0,0",
        "[JOIN   ] Failed",
        "[TCP  RC] Connecting to 10.0.0.1",
        "[AP     ] SSID: eS-WiFi_AP IP: 192.168.10.1",
        "[DHCP   ] 192.168.1.50",
        "[WEB SVR] Server started",
        "[EEPROM ] Erasing",
        "[SOMA][TCP SVR] Accepted 192.168.2.2:5024[EOMA]",
    };

    private static IEnumerable<byte[]> Payloads()
    {
        byte[] body = Encoding.ASCII.GetBytes("0123456789abcdefghij");
        foreach (string form in Forms)
        {
            byte[] message = Encoding.ASCII.GetBytes("\r\n" + form + "\r\n> ");
            for (int offset = 0; offset <= body.Length; offset++)
            {
                yield return body.Take(offset).Concat(message).Concat(body.Skip(offset)).ToArray();
            }

            // The message alone, and the message as the very end of the data.
            yield return message;
            yield return Encoding.ASCII.GetBytes(form + "\r\n> ");
        }
    }

    [Theory]
    [InlineData("C3.5.2.5.UART")]
    [InlineData("C6.2.1.8")]
    public void Tcp_data_that_looks_like_a_message_arrives_exactly(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile), options: new EsWifiOptions { CommandTimeoutMilliseconds = 2000 });
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 5000;
        int cases = 0;
        foreach (byte[] payload in Payloads())
        {
            TransferTests.EchoExact(tcp, payload);
            cases++;
        }

        Assert.True(cases > 200);
        Assert.Equal(0, bench.Module.Channel.Messages.Count);
    }

    [Fact]
    public void Tcp_data_that_looks_like_an_accept_message_arrives_exactly_while_a_listener_is_open()
    {
        // Before: with a socket listening, a read answer that began with such a block followed by
        // CR LF lost the block (35 bytes) and queued a fake message.
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, options: new EsWifiOptions { CommandTimeoutMilliseconds = 2000 });
        using var server = LoopbackServer.TcpEcho();
        using EsWifiTcpListener listener = bench.Module.Listen(TransferTests.FreePort());
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 5000;
        byte[] body = Encoding.ASCII.GetBytes("0123456789");
        int cases = 0;
        foreach (string address in new[] { "10.0.0.1:1", "127.0.0.1:5000", "192.168.1.50:65535" })
        {
            byte[] block = Encoding.ASCII.GetBytes("[TCP SVR] Accepted " + address + "\r\n> \r\n");
            foreach (byte[] payload in new[] { block, block.Concat(body).ToArray(), block.Concat(block).Concat(body).ToArray(), body.Concat(block).ToArray() })
            {
                TransferTests.EchoExact(tcp, payload);
                cases++;
            }
        }

        Assert.Equal(12, cases);
        Assert.Equal(0, bench.Module.Channel.Messages.Count);
    }

    [Theory]
    [InlineData("C3.5.2.5.UART")]
    [InlineData("C6.2.1.8")]
    public void Udp_data_that_looks_like_a_message_arrives_exactly(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile), options: new EsWifiOptions { CommandTimeoutMilliseconds = 2000 });
        using var server = new UdpEchoServer();
        using EsWifiUdpSocket udp = bench.Module.OpenUdp("127.0.0.1", server.Port);
        udp.ReceiveTimeout = 5000;
        byte[] received = new byte[1460];
        foreach (byte[] payload in Payloads())
        {
            udp.Send(payload, 0, payload.Length);
            int n = udp.Receive(received, 0, received.Length);
            Assert.Equal(payload, received.AsSpan(0, n).ToArray());
        }

        Assert.Equal(0, bench.Module.Channel.Messages.Count);
    }
}
