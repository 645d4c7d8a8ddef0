using CsCheck;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Fuzz;

/// <summary>
/// The UART and SPI framers on arbitrary module output: only the documented exceptions, no hang
/// (virtual time, bounded loops), bounded memory (fixed buffers), and on UART no byte invented,
/// lost or reordered.
/// </summary>
public class FramerFuzzTests
{
    [Fact]
    public void The_uart_framer_conserves_bytes_and_throws_only_protocol_errors()
    {
        Gen.Select(FuzzScale.Stream, Gen.Int[1, 40].Array[16], Gen.Int[0, 30].Array[16], Gen.OneOf(Gen.Const(0), Gen.Int[1, 1460]).Array[8], Gen.OneOf(Gen.Const(256), Gen.Const(2048)))
            .Sample((stream, chunks, gaps, limits, capacity) =>
            {
                var clock = new VirtualClock();
                var link = new InMemoryDuplexLink();
                var transport = new UartTransport(link.Host, clock, capacity);
                int position = 0;
                int delay = 0;
                for (int i = 0; position < stream.Length; i++)
                {
                    int size = Math.Min(chunks[i % chunks.Length], stream.Length - position);
                    byte[] chunk = stream.AsSpan(position, size).ToArray();
                    delay += gaps[i % gaps.Length];
                    clock.Schedule(delay, () => link.Host.Deliver(chunk));
                    position += size;
                }

                var received = new List<byte>();
                bool overflowed = false;
                byte[] frame = new byte[capacity];
                for (int call = 0; call < stream.Length + 64 && clock.NowMilliseconds <= delay + 1000; call++)
                {
                    try
                    {
                        int length = transport.Receive(frame, 0, frame.Length, 50, limits[call % limits.Length]);
                        Assert.InRange(length, 0, capacity);
                        received.AddRange(frame.AsSpan(0, length).ToArray());
                    }
                    catch (EsWifiException e)
                    {
                        Assert.Equal(EsWifiErrorKind.ProtocolError, e.Kind);
                        overflowed = true;
                        break;
                    }
                }

                if (!overflowed)
                {
                    clock.Sleep(delay + 1);

                    // What was not framed is still there, in order, ahead of what has not been read.
                    var pending = new List<byte>();
                    while (true)
                    {
                        int n = transport.Receive(frame, 0, frame.Length, 0, 0);
                        if (n == 0)
                        {
                            break;
                        }

                        pending.AddRange(frame.AsSpan(0, n).ToArray());
                    }

                    int dropped = transport.DiscardInput();
                    Assert.Equal(stream.Length, received.Count + pending.Count + dropped);
                    Assert.Equal(stream.AsSpan(0, received.Count + pending.Count).ToArray(), received.Concat(pending).ToArray());
                }
            }, iter: FuzzScale.Iterations(30_000));
    }

    [Fact]
    public void The_spi_framer_survives_any_data_phase()
    {
        Gen.Select(FuzzScale.Stream.Array[1, 4], Gen.Int[0, 40].Array[4], Gen.Bool.Array[4], Gen.Bool)
            .Sample((phases, extraPads, stuck, withResetPin) =>
            {
                var clock = new VirtualClock();
                var spi = new ScriptedSpi(phases, extraPads, stuck);
                var transport = new SpiTransport(spi, spi, withResetPin ? spi : null, clock, 256);
                byte[] frame = new byte[512];
                byte[] command = System.Text.Encoding.ASCII.GetBytes("CS\r");
                for (int i = 0; i < phases.Length + 2; i++)
                {
                    try
                    {
                        transport.Send(command, 0, command.Length, null, 0, 0);
                        int length = transport.Receive(frame, 0, frame.Length, 100, 0);
                        Assert.InRange(length, 0, frame.Length);
                    }
                    catch (EsWifiException e)
                    {
                        Assert.Contains(e.Kind, new[] { EsWifiErrorKind.Timeout, EsWifiErrorKind.ProtocolError, EsWifiErrorKind.ModuleReset, EsWifiErrorKind.LinkFailure });
                        if (e.Kind == EsWifiErrorKind.LinkFailure)
                        {
                            break;
                        }
                    }
                }

                Assert.True(spi.WordsClocked < 100_000, "unbounded clocking");
            }, iter: FuzzScale.Iterations(30_000));
    }
}
