using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Emulator;

/// <summary>One-time-programmable certificate sets (PE, PF, PG) on the wire.</summary>
public class CertificateSetTests : IDisposable
{
    private static readonly byte[] First = RawUart.Bytes("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    private static readonly byte[] Other = RawUart.Bytes("-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\n");
    private readonly RawUart _uart = new(FirmwareProfile.C3525Stm);

    public void Dispose() => _uart.Dispose();

    [Fact]
    public void A_write_once_slot_takes_the_first_write_matches_the_same_bytes_and_refuses_others()
    {
        Assert.Equal("\r\n1,1,1,1\r\nOK\r\n> ", _uart.Send("PE"));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("PG=1,0," + First.Length, First));
        Assert.Equal("\r\nMatch\r\nOK\r\n> ", _uart.Send("PG=1,0," + First.Length, First));
        Assert.Equal("\r\nERROR: Certificate mismatch\r\nUsage: PG=<set>,<0=Root CA/1=Certificate/2=Key>,<length>\r\n> ", _uart.Send("PG=1,0," + Other.Length, Other));
        Assert.Equal(First, _uart.Module.Certificates.Get(1, 0));
        Assert.Equal(1, _uart.Module.Certificates.Writes);
        Assert.Equal("\r\n1,0,1,1\r\nOK\r\n> ", _uart.Send("PE"));
        Assert.Equal("\r\n0,1,1\r\nOK\r\n> ", _uart.Send("PE=1"));
    }

    [Fact]
    public void Set_3_can_be_rewritten_where_the_firmware_has_it()
    {
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("PG=3,1," + First.Length, First));
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("PG=3,1," + Other.Length, Other));
        Assert.Equal(Other, _uart.Module.Certificates.Get(3, 1));

        using var c6217 = new RawUart(FirmwareProfile.C6217);
        Assert.Equal("\r\n1,1,1\r\nOK\r\n> ", c6217.Send("PE"));
        Assert.StartsWith("\r\nERROR: Invalid parameter", c6217.Send("PG=3,1," + First.Length, First));
    }

    [Fact]
    public void Set_selection_accepts_both_field_forms()
    {
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("PF=2"));
        Assert.Equal(2, _uart.Module.Certificates.ActiveSet);
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("PF=0,1"));
        Assert.Equal(1, _uart.Module.Certificates.ActiveSet);
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("PF=1,2"));
        Assert.Equal(1, _uart.Module.Certificates.ActiveSet);
        Assert.StartsWith("\r\nERROR", _uart.Send("PF=7"));
    }

    [Fact]
    public void A_payload_shorter_than_announced_is_waited_for_and_extra_bytes_start_the_next_command()
    {
        _uart.WriteRaw(RawUart.Bytes("PG=0,2,4\rAB"));
        Thread.Sleep(100);
        _uart.WriteRaw(RawUart.Bytes("CDCS\r"));
        string both = _uart.Collect(3000);
        Assert.Equal("\r\n\r\nOK\r\n> \r\n0\r\nOK\r\n> ", both);
        Assert.Equal(RawUart.Bytes("ABCD"), _uart.Module.Certificates.Get(0, 2));
    }
}
