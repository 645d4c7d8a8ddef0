using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Emulator;

/// <summary>Every fault kind is observable on the wire; the counters see every byte and command.</summary>
public class FaultAndCounterTests : IDisposable
{
    private readonly RawUart _uart = new(FirmwareProfile.C3525Uart);

    public void Dispose() => _uart.Dispose();

    [Fact]
    public void A_dropped_byte_is_missing_from_the_answer()
    {
        _uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.DropByte, Offset = 2 });
        Assert.Equal("\r\n\r\nOK\r\n> ", _uart.Send("CS"));
        Assert.Equal("\r\n0\r\nOK\r\n> ", _uart.Send("CS"));
    }

    [Fact]
    public void A_corrupted_byte_is_replaced()
    {
        _uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.CorruptByte, Offset = 2, Bytes = new[] { (byte)'7' } });
        Assert.Equal("\r\n7\r\nOK\r\n> ", _uart.Send("CS"));
    }

    [Fact]
    public void Inserted_bytes_appear_before_or_inside_the_answer()
    {
        _uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.InsertBytes, Offset = -1, Bytes = RawUart.Bytes("#noise") });
        Assert.Equal("#noise\r\n0\r\nOK\r\n> ", _uart.Send("CS"));
    }

    [Fact]
    public void A_late_answer_arrives_after_the_delay()
    {
        _uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.Delay, Milliseconds = 300 });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("\r\n0\r\nOK\r\n> ", _uart.Send("CS"));
        Assert.True(watch.ElapsedMilliseconds >= 290);
    }

    [Fact]
    public void Silence_sends_nothing()
    {
        _uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.Silence });
        Assert.Equal(string.Empty, _uart.Send("CS", null, 300));
    }

    [Fact]
    public void A_reset_instead_of_an_answer_shows_the_boot_prompt_and_drops_sockets()
    {
        _uart.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.ResetInsteadOfAnswer });
        Assert.Equal("\r\n> ", _uart.Send("CS"));
        Assert.Equal(1, _uart.Module.Reboots);
    }

    [Fact]
    public void A_reset_during_an_answer_cuts_it_and_the_boot_prompt_follows()
    {
        _uart.Faults.Add(new Fault { Command = "I?", Kind = FaultKind.ResetDuringAnswer, Offset = 12 });
        Assert.Equal("\r\nISM43362-M\r\n> ", _uart.Send("I?"));
        Assert.Equal(1, _uart.Module.Reboots);
    }

    [Fact]
    public void A_reset_between_commands_is_printed_at_once()
    {
        _uart.Uart.ResetNow();
        Assert.Equal("\r\n> ", _uart.Collect(1000));
    }

    [Fact]
    public void Faults_fire_once_on_the_named_command_only()
    {
        _uart.Faults.Add(new Fault { Command = "CR", Kind = FaultKind.Silence });
        Assert.Equal("\r\n0\r\nOK\r\n> ", _uart.Send("CS"));
        Assert.Equal(string.Empty, _uart.Send("CR", null, 300));
        Assert.Equal("\r\n0\r\nOK\r\n> ", _uart.Send("CR"));
        Assert.Equal(1, _uart.Faults.Fired);
    }

    [Fact]
    public void Counters_see_bytes_each_way_commands_by_name_and_virtual_time()
    {
        _uart.Module.Counters.Reset();
        _uart.Send("P0=1");
        _uart.Send("CS");
        _uart.Send("CS");
        EmulatorCounters counters = _uart.Module.Counters;
        Assert.Equal(3, counters.RoundTrips);
        Assert.Equal(2, counters.Commands("CS"));
        Assert.Equal(1, counters.Commands("P0"));
        Assert.Equal("P0=1\r".Length + 2 * "CS\r".Length, counters.BytesToModule);
        Assert.Equal(10 + 2 * 11, counters.BytesFromModule);

        // 43 bytes at 115200 baud, 10 bits a byte, plus 3 commands of 1 ms module latency.
        Assert.Equal((43 * 10 * 1000.0 / 115200) + 3, counters.UartMilliseconds(115200, 1000), 6);
    }
}
