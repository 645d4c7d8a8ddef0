using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Emulator;

/// <summary>The emulator against the transcripts and vectors of protocol.md §15, with raw bytes only.</summary>
public class TranscriptTests : IDisposable
{
    private readonly RawUart _uart = new(FirmwareProfile.C3525Stm);

    public void Dispose() => _uart.Dispose();

    [Fact]
    public void Boot_prompt_on_uart() => Assert.Equal("\r\n> ", _uart.Boot);

    [Fact]
    public void T2_product_information() =>
        Assert.Equal("\r\nISM43362-M3G-L44-SPI,C3.5.2.5.STM,v3.5.2,v1.4.0.rc1,v8.2.1,120000000,Inventek eS-WiFi\r\nOK\r\n> ", _uart.Send("I?"));

    [Fact]
    public void T3_failed_join_wrong_password()
    {
        _uart.Send("C1=lab");
        _uart.Send("C2=wrong password");
        _uart.Send("C3=3");
        Assert.Equal("\r\n[JOIN   ] lab\r\n[JOIN   ] Failed\r\nERROR: Unknown Error\r\nUsage: C0 \r\n> ", _uart.Send("C0"));
        Assert.Equal("\r\n0\r\nOK\r\n> ", _uart.Send("CS"));
    }

    [Fact]
    public void T4_successful_join_then_status_rssi_and_leave()
    {
        Assert.Equal("\r\n[JOIN   ] lab,192.168.1.50,0,0\r\nOK\r\n> ", _uart.Join());
        Assert.Equal("\r\n1\r\nOK\r\n> ", _uart.Send("CS"));
        Assert.Equal("\r\n-55\r\nOK\r\n> ", _uart.Send("CR"));
        Assert.StartsWith("\r\nlab,correct horse,3,1,0,192.168.1.50,", _uart.Send("C?"));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("CD"));
        Assert.Equal("\r\n0\r\nOK\r\n> ", _uart.Send("CR"));
    }

    [Fact]
    public void T5_tcp_client_connect_and_close()
    {
        using var server = LoopbackServer.TcpEcho();
        _uart.Join();
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("P0=1"));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("P1=0"));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("P3=127.0.0.1"));
        _uart.Send("P4=" + server.Port);
        Assert.Equal("\r\n[TCP  RC] Connecting to 127.0.0.1\r\nOK\r\n> ", _uart.Send("P6=1"));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("P6=0"));
    }

    [Fact]
    public void T7_empty_read_is_the_10_byte_ok()
    {
        using var server = LoopbackServer.TcpEcho();
        _uart.Join();
        _uart.Send("D0=localhost");
        _uart.Send("P4=" + server.Port);
        _uart.Send("P6=1");
        _uart.Send("R2=50");
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("R0"));
    }

    [Fact]
    public void T10_send_and_receive()
    {
        using var server = LoopbackServer.TcpEcho();
        _uart.Join();
        _uart.Send("D0=localhost");
        _uart.Send("P4=" + server.Port);
        _uart.Send("P6=1");
        Assert.Equal("\r\n10\r\nOK\r\n> ", _uart.Send("S3=10", RawUart.Bytes("0123456789")));
        Assert.Equal("\r\n0123456789\r\nOK\r\n> ", _uart.Send("R0"));
    }

    [Fact]
    public void T16_message_area_when_nothing_is_queued() => Assert.Equal("\r\n[SOMA][EOMA]\r\nOK\r\n> ", _uart.Send("MR"));

    [Fact]
    public void T17_message_type_simple_drops_reason_and_usage()
    {
        Assert.Equal("\r\nERROR: Unknown Error\r\nUsage: MT <0=Normal/1=Simple>\r\n> ", _uart.Send("MT"));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("MT=1"));
        Assert.Equal("\r\nERROR\r\n> ", _uart.Send("MT"));
    }

    [Fact]
    public void T19_dns_answers_the_address_and_unknown_names_fail()
    {
        _uart.Join();
        _uart.Module.HostNames["www.example.test"] = System.Net.IPAddress.Parse("127.0.0.9");
        Assert.Equal("\r\n127.0.0.9\r\nOK\r\n> ", _uart.Send("D0=www.example.test"));
        Assert.StartsWith("\r\n0,0.0.0.0,5024,127.0.0.9,5025,", _uart.Send("P?"));
        Assert.Equal("\r\nERROR: Host not found \r\nUsage: D0=<host name or IP>\r\n> ", _uart.Send("D0=nowhere.test"));
    }

    [Fact]
    public void T19_scan_lists_one_record_per_access_point() =>
        Assert.Equal(
            "\r\n#001,\"lab\",C0:C1:C0:88:9F:6A,-55,54.0,Infrastructure,WPA2 AES,2.4GHz,6\r\n"
            + "#002,\"cafe\",00:24:B2:B1:E9:FD,-71,54.0,Infrastructure,Open,2.4GHz,11\r\nOK\r\n> ",
            _uart.Send("F0"));

    [Fact]
    public void Scan_per_record_with_F0_2_and_MR()
    {
        Assert.Equal("\r\n#001,\"lab\",C0:C1:C0:88:9F:6A,-55,54.0,Infrastructure,WPA2 AES,2.4GHz,6\r\n", _uart.Send("F0=2", null, 300));
        Assert.Equal("\r\n#002,\"cafe\",00:24:B2:B1:E9:FD,-71,54.0,Infrastructure,Open,2.4GHz,11\r\n", _uart.Send("MR", null, 300));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("MR"));
    }

    [Fact]
    public void Vector_mac_and_system_configuration()
    {
        Assert.Equal("\r\nC4:7F:51:8E:2B:01\r\nOK\r\n> ", _uart.Send("Z5"));
        Assert.Contains(",C4:7F:51:8E:2B:01,", _uart.Send("Z?"));
    }

    [Fact]
    public void Unknown_commands_and_bad_values_answer_error_with_usage()
    {
        Assert.Equal("\r\nERROR: Unknown Command\r\nUsage: XY is not supported\r\n> ", _uart.Send("XY=1"));
        Assert.StartsWith("\r\nERROR: Invalid socket\r\nUsage: P0=<0-3>", _uart.Send("P0=4"));
        Assert.StartsWith("\r\nERROR: Invalid parameter\r\nUsage: R1=", _uart.Send("R1=1461"));
        Assert.StartsWith("\r\nERROR: Invalid parameter\r\nUsage: MS", _uart.Send("MS=4"));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("MS=3"));
    }

    [Fact]
    public void Settings_are_kept_per_socket()
    {
        _uart.Send("P0=2");
        _uart.Send("P4=8883");
        _uart.Send("P0=3");
        Assert.Equal("\r\n3\r\nOK\r\n> ", _uart.Send("P0"));
        Assert.Contains(",5025,", _uart.Send("P?"));
        _uart.Send("P0=2");
        Assert.Contains(",8883,", _uart.Send("P?"));
    }

    [Fact]
    public void Reboot_prints_the_prompt_closes_sockets_and_keeps_settings()
    {
        using var server = LoopbackServer.TcpEcho();
        _uart.Join();
        _uart.Send("D0=localhost");
        _uart.Send("P4=" + server.Port);
        _uart.Send("P6=1");
        Assert.Equal("\r\n> ", _uart.Send("ZR"));
        Assert.Equal(1, _uart.Module.Reboots);
        Assert.Equal("\r\n-1\r\nERROR\r\n> ", _uart.Send("R0"));
        Assert.StartsWith("\r\nlab,correct horse,3,", _uart.Send("C?"));
        Assert.Equal("\r\n0\r\nOK\r\n> ", _uart.Send("CS"));
    }

    [Fact]
    public void A_bare_carriage_return_answers_the_prompt() => Assert.Equal("\r\n> ", _uart.Send(string.Empty));

    [Fact]
    public void Sockets_need_a_joined_network()
    {
        Assert.StartsWith("\r\nERROR: Not connected to a network", _uart.Send("P6=1"));
        Assert.StartsWith("\r\nERROR: Not connected to a network", _uart.Send("D0=localhost"));
    }
}

/// <summary>Firmware differences (protocol.md §11) seen on the wire.</summary>
public class FirmwareProfileTests
{
    [Fact]
    public void C6_2_1_8_has_the_12_byte_empty_ok_and_an_extra_line_break_after_data()
    {
        using var uart = new RawUart(FirmwareProfile.C6218);
        using var udp = new UdpEchoServer();
        string empty = uart.Send("P0=0");
        Assert.Equal("\r\n\r\n\r\nOK\r\n> ", empty);
        Assert.Equal(12, empty.Length);
        uart.Join();
        uart.Send("P1=1");
        uart.Send("P3=127.0.0.1");
        uart.Send("P4=" + udp.Port);
        uart.Send("P6=1");
        uart.Send("S3=4", RawUart.Bytes("DATA"));
        Assert.Equal("\r\nDATA\r\n\r\nOK\r\n> ", uart.Send("R0"));
    }

    [Fact]
    public void C6_2_1_8_does_not_return_a_single_byte_read()
    {
        using var uart = new RawUart(FirmwareProfile.C6218);
        using var server = LoopbackServer.TcpEcho();
        uart.Join();
        uart.Send("D0=localhost");
        uart.Send("P4=" + server.Port);
        uart.Send("P6=1");
        uart.Send("S3=1", RawUart.Bytes("x"));
        uart.Send("R1=1");
        uart.Send("R2=200");
        Assert.Equal("\r\n\r\n\r\nOK\r\n> ", uart.Send("R0"));
        uart.Send("R1=1460");
        Assert.Equal("\r\nx\r\n\r\nOK\r\n> ", uart.Send("R0"));
    }

    [Theory]
    [InlineData("C3.5.2.5.STM", true)]
    [InlineData("C3.5.2.5.UART", false)]
    [InlineData("C6.2.1.7", true)]
    [InlineData("C6.2.1.8", true)]
    public void Per_record_scanning_exists_where_the_firmware_has_it(string profile, bool supported)
    {
        using var uart = new RawUart(FirmwareProfile.ByName(profile));
        string answer = uart.Send("F0=2", null, 300);
        Assert.Equal(supported, answer.StartsWith("\r\n#001,", StringComparison.Ordinal));
    }
}
