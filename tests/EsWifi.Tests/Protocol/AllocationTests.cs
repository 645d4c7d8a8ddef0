using System.Text;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Protocol;

/// <summary>
/// The data path must not allocate on the device. Measured here on net10.0 with
/// GC.GetAllocatedBytesForCurrentThread after a warm-up.
/// </summary>
public class AllocationTests
{
    private const int Rounds = 2000;

    private static byte[] Frame(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] DataFrame(int length)
    {
        var bytes = new List<byte> { 0x0D, 0x0A };
        bytes.AddRange(Enumerable.Range(0, length).Select(i => (byte)(i * 7)));
        bytes.AddRange(Frame("\r\nOK\r\n> "));
        return bytes.ToArray();
    }

    private static long Measure(Action action)
    {
        for (int i = 0; i < 100; i++)
        {
            action();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Formatting_commands_allocates_nothing()
    {
        var writer = new AtCommandWriter();
        byte[] address = { 127, 0, 0, 1 };
        long allocated = Measure(() =>
        {
            writer.Command("P0").Int(3).End();
            writer.Command("S3").IntPadded(1460, 4).End();
            writer.Command("P3").Ip(address).End();
            writer.Command("D0").Text("example.com", "host", 63, false).End();
            writer.Command("PG").Int(0).Int(2).Int(1679).SecretPayload().End();
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parsing_ok_and_data_answers_allocates_nothing()
    {
        var response = new AtResponse();
        byte[] ok = Frame("\r\n\r\nOK\r\n> ");
        byte[] number = Frame("\r\n1460\r\nOK\r\n> ");
        byte[] error = Frame("\r\nERROR: Unknown Error\r\nUsage: C0 \r\n> ");
        byte[] data = DataFrame(1460);
        long allocated = Measure(() =>
        {
            response.Parse(ok, 0, ok.Length, false);
            response.Parse(number, 0, number.Length, false);
            response.TryGetPayloadInt(out _);
            response.Parse(error, 0, error.Length, false);
            response.Parse(data, 0, data.Length, false);
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Channel_round_trips_on_the_data_path_allocate_nothing()
    {
        byte[] payload = new byte[1460];
        var link = new CannedAnswerLink(Frame("\r\n\r\nOK\r\n> "), Frame("\r\n1460\r\nOK\r\n> "), DataFrame(1460));
        var channel = new AtChannel(new UartTransport(link, new VirtualClock(), 2048), new VirtualClock());
        long allocated = Measure(() =>
        {
            lock (channel.SyncRoot)
            {
                channel.Writer.Command("P0").Int(1).End();
                channel.ExecuteOk(1000);
                link.WritesPerCommand = 2;
                channel.Writer.Command("S3").IntPadded(payload.Length, 4).End();
                channel.ThrowUnlessOk(channel.ExecuteWithPayload(payload, 0, payload.Length, 1000));
                link.WritesPerCommand = 1;
                channel.Writer.Command("R0").End();
                AtResponse read = channel.ExecuteRead(1460, 1000);
                if (read.PayloadLength != 1460)
                {
                    throw new InvalidOperationException("short read");
                }
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Spi_round_trips_on_the_data_path_allocate_nothing()
    {
        // The link replays fixed answers without allocating, so what is counted is the SPI transport's and the channel's.
        byte[] payload = new byte[1460];
        var link = new CannedSpiLink(Frame("\r\n\r\nOK\r\n> "), Frame("\r\n1460\r\nOK\r\n> "), DataFrame(1460));
        var clock = new VirtualClock();
        var transport = new SpiTransport(link, link, null, clock, 8192);
        var channel = new AtChannel(transport, clock);
        lock (channel.SyncRoot)
        {
            channel.AwaitPrompt(1000);
        }

        long allocated = Measure(() =>
        {
            lock (channel.SyncRoot)
            {
                channel.Writer.Command("P0").Int(1).End();
                channel.ExecuteOk(1000);
                channel.Writer.Command("S3").IntPadded(payload.Length, 4).End();
                channel.ThrowUnlessOk(channel.ExecuteWithPayload(payload, 0, payload.Length, 1000));
                channel.Writer.Command("R0").End();
                AtResponse read = channel.ExecuteRead(1460, 1000);
                if (read.PayloadLength != 1460)
                {
                    throw new InvalidOperationException("short read: " + read.PayloadLength);
                }
            }
        });
        Assert.Equal(0, allocated);
        Assert.Equal(3 * (100 + Rounds), transport.CommandPhases);
    }
}
