using System.Net;
using System.Net.Sockets;
using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Emulator;

/// <summary>The emulator's SPI side at word level, driven by a small test master.</summary>
public class SpiFrontEndTests : IDisposable
{
    private readonly EmulatedModule _module = new(FirmwareProfile.C3525Stm);
    private readonly SpiFrontEnd _spi;
    private readonly SpiTestMaster _master;

    public SpiFrontEndTests()
    {
        _module.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "lab", Security = 3, Passphrase = "correct horse" });
        _spi = new SpiFrontEnd(_module);
        _master = new SpiTestMaster(_spi);
    }

    public void Dispose() => _spi.Dispose();

    [Fact]
    public void The_first_data_phase_after_reset_is_the_boot_cursor_T1()
    {
        Assert.True(_spi.DataReady);
        _spi.Select();
        Assert.Equal(0x1515, _spi.Exchange(0x0A0A));
        Assert.Equal(0x0A0D, _spi.Exchange(0x0A0A));
        Assert.True(_spi.DataReady);
        Assert.Equal(0x203E, _spi.Exchange(0x0A0A));
        Assert.False(_spi.DataReady);
        _spi.Deselect();

        // The next rise of data-ready is the first command phase.
        _master.WaitDataReady(true);
        Assert.Equal("\r\n0\r\nOK\r\n> ", _master.Command("CS"));
    }

    [Fact]
    public void An_odd_command_padded_with_0x0A_or_0x15_and_an_odd_answer_padded_with_0x15()
    {
        _master.ReadPhase();
        Assert.Equal("\r\n\r\nOK\r\n> ", _master.Command("P0=0", pad: 0x15));
        Assert.Equal("\r\n0\r\nOK\r\n> ", _master.Command("P0", pad: 0x0A));
        byte[] raw = _master.ReadPhaseAfter("CS");
        Assert.Equal(12, raw.Length);
        Assert.Equal(0x15, raw[11]);
    }

    [Fact]
    public void Word_byte_order_T9_first_character_is_the_low_byte()
    {
        _master.ReadPhase();
        _spi.Select();
        // QR20's example as (most, least significant) byte pairs: "4P" "8=" "88" "\r3" is P4=8883\r.
        foreach (string pair in new[] { "4P", "8=", "88", "\r3" })
        {
            _spi.Exchange((ushort)((pair[0] << 8) | pair[1]));
        }

        _spi.Deselect();
        Assert.Equal("\r\n\r\nOK\r\n> ", System.Text.Encoding.Latin1.GetString(_master.ReadPhase()).TrimEnd('\x15'));
        Assert.Contains(",8883,", _master.Command("P?"));
    }

    [Fact]
    public void Bytes_after_a_binary_payload_in_the_same_phase_are_ignored()
    {
        _master.ReadPhase();
        byte[] key = RawUart.Bytes("KEY!!");
        Assert.Equal("\r\n\r\nOK\r\n> ", _master.Command("PG=3,2,5", key.Concat(new byte[] { 0x00, 0x0A }).ToArray()));
        Assert.Equal(key, _module.Certificates.Get(3, 2));
        Assert.Equal("\r\n0\r\nOK\r\n> ", _master.Command("CS"));
    }

    [Fact]
    public void One_command_phase_and_one_data_phase_per_command()
    {
        _master.ReadPhase();
        int commands = _spi.CommandPhases;
        int data = _spi.DataPhases;
        _master.Command("I?");
        _master.Command("CS");
        Assert.Equal(commands + 2, _spi.CommandPhases);
        Assert.Equal(data + 2, _spi.DataPhases);
    }

    [Fact]
    public void Reboot_with_ZR_brings_the_boot_cursor_back()
    {
        _master.ReadPhase();
        _master.SendPhase(RawUart.Bytes("ZR\r"));
        Assert.Equal(new byte[] { 0x15, 0x15, 0x0D, 0x0A, 0x3E, 0x20 }, _master.ReadPhase());
        Assert.Equal(2, _module.Reboots);
    }

    [Fact]
    public void Accepted_clients_are_fetched_with_MR()
    {
        _master.ReadPhase();
        _master.Command("C1=lab");
        _master.Command("C2=correct horse");
        _master.Command("C3=3");
        _master.Command("C0");
        _master.Command("P2=0");
        _master.Command("P5=1");
        int port = ((IPEndPoint)_module.Socket(0).Listener.LocalEndPoint).Port;
        using var queued = new ManualResetEventSlim();
        _module.MessageQueued += queued.Set;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        Assert.True(queued.Wait(10000), "the module never queued the Accepted message");
        Assert.Equal("\r\n[SOMA][TCP SVR] Accepted 127.0.0.1:" + ((IPEndPoint)client.Client.LocalEndPoint).Port + "[EOMA]\r\nOK\r\n> ", _master.Command("MR"));
        Assert.Equal("\r\n[SOMA][EOMA]\r\nOK\r\n> ", _master.Command("MR"));
    }

    [Fact]
    public void A_stuck_data_ready_line_keeps_returning_pads_until_a_hardware_reset()
    {
        _master.ReadPhase();
        _spi.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.StickDataReady });
        byte[] phase = _master.ReadPhaseAfter("CS", maxWords: 64);
        Assert.Equal(128, phase.Length);
        Assert.True(_spi.DataReady);
        Assert.All(phase.Skip(12), b => Assert.Equal(0x15, b));
        _spi.HardwareReset();
        Assert.Equal(new byte[] { 0x15, 0x15, 0x0D, 0x0A, 0x3E, 0x20 }, _master.ReadPhase());
    }

    [Fact]
    public void A_reset_during_an_answer_cuts_it_and_the_cursor_follows()
    {
        _master.ReadPhase();
        _spi.Faults.Add(new Fault { Command = "I?", Kind = FaultKind.ResetDuringAnswer, Offset = 10 });
        Assert.Equal("\r\nISM43362", _master.Command("I?"));
        Assert.Equal(new byte[] { 0x15, 0x15, 0x0D, 0x0A, 0x3E, 0x20 }, _master.ReadPhase());
    }
}

internal static class SpiTestMasterExtensions
{
    public static byte[] ReadPhaseAfter(this SpiTestMaster master, string command, int maxWords = 4096)
    {
        master.SendPhase(RawUart.Bytes(command + "\r"));
        return master.ReadPhase(maxWords);
    }
}
