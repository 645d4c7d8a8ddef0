using System.Text;
using CsCheck;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Protocol;

/// <summary>
/// Any split of a valid module byte stream into chunks, with any arrival gaps no longer than the
/// end gap (the silence that ends a complete binary answer), frames and parses to the same answers.
/// </summary>
public class FramingPropertyTests
{
    private const int EndGap = UartTransport.DefaultEndGapMicroseconds;

    /// <summary>One exchange: what the module sends in answer to one command.</summary>
    public sealed record Exchange(string[] Messages, string Noise, bool Binary, byte[] Data, int Limit, string Text)
    {
        public byte[] Bytes()
        {
            var bytes = new List<byte>();
            foreach (string message in Messages)
            {
                bytes.AddRange(Encoding.Latin1.GetBytes("\r\n" + message + "\r\n> "));
            }

            if (Noise.Length > 0)
            {
                bytes.AddRange(Encoding.Latin1.GetBytes(Noise + "\r\n> "));
            }

            bytes.AddRange(Binary ? Envelope(Data) : Encoding.Latin1.GetBytes(Text));
            return bytes.ToArray();
        }

        public override string ToString() =>
            $"messages={Messages.Length} noise='{Noise}' binary={Binary} data=[{Convert.ToHexString(Data ?? Array.Empty<byte>())}] limit={Limit} text='{Text}'";
    }

    private static byte[] Envelope(byte[] data)
    {
        var bytes = new List<byte> { 0x0D, 0x0A };
        bytes.AddRange(data);
        bytes.AddRange(Encoding.Latin1.GetBytes("\r\nOK\r\n> "));
        return bytes.ToArray();
    }

    // Data is drawn mostly from the bytes that make up envelopes, so fake trailers are common.
    private static readonly Gen<byte> DataByte = Gen.Frequency(
        (6, (IGen<byte>)Gen.OneOf((byte)0x0D, (byte)0x0A, (byte)'>', (byte)' ', (byte)'O', (byte)'K', (byte)'-', (byte)'1', (byte)0x15, (byte)0x00, (byte)'E', (byte)'R')),
        (2, (IGen<byte>)Gen.Byte));

    private static readonly Gen<byte[]> Data = Gen.OneOf<byte[]>(
            DataByte.Array[0, 40],
            Gen.OneOf("\r\nOK\r\n> ", "\r\n> ", "-1\r\n> x", "> y", "\r\nERROR\r\n> ", "ERROR z").Select(s => Encoding.Latin1.GetBytes(s)),
            DataByte.Array[0, 12].SelectMany(a => Gen.OneOf("\r\nOK\r\n> ", "\r\n> ").Select(s => a.Concat(Encoding.Latin1.GetBytes(s)).ToArray())),
            // Data that begins like an unsolicited message stays data.
            Gen.OneOf("[TCP SVR] Accepted 10.0.0.1:1\r\n> rest", "[AP DHCP] Assigned AC:72:89:55:CE:36 has 1.2.3.4\r\n> ").Select(s => Encoding.Latin1.GetBytes(s)));

    private static readonly Gen<string> TextAnswer = Gen.OneOf(
        "\r\n\r\nOK\r\n> ",
        "\r\n-67\r\nOK\r\n> ",
        "\r\n[JOIN   ] WK,192.168.0.192,0,0\r\nOK\r\n> ",
        "\r\n[JOIN   ] Grove Island\r\n[JOIN   ] Failed\r\nERROR: Unknown Error\r\nUsage: C0 \r\n> ",
        "\r\nERROR\r\n> ",
        "\r\n[SOMA][TCP SVR] Accepted 127.0.0.1:40000[EOMA]\r\nOK\r\n> ");

    private static readonly Gen<string> Message = Gen.OneOf("[TCP SVR] Accepted 127.0.0.1:5024", "[AP DHCP] Assigned AC:72:89:55:CE:36 has 192.168.10.100");

    private static readonly Gen<Exchange> ExchangeGen =
        from messages in Message.Array[0, 2]
        from noise in Gen.OneOf(string.Empty, string.Empty, "#$%", "\x00\xFFjunk")
        from binary in Gen.Bool
        from data in Data
        from extra in Gen.Int[0, 30]
        from text in TextAnswer
        select new Exchange(messages, noise, binary, data, Math.Max(1, data.Length + extra), text);

    // A chunk may come as late as the end gap after the one before, and often exactly that late:
    // the frame ends only after a longer silence (a link that pauses longer inside an answer
    // needs a longer end gap: docs/architecture.md).
    [Fact]
    public void Any_chunking_of_a_module_stream_gives_the_same_frames()
    {
        Gen.Select(ExchangeGen.Array[1, 6], Gen.Int[1, 24].Array[64], Gen.Frequency((3, (IGen<int>)Gen.Int[0, EndGap]), (1, (IGen<int>)Gen.Const(EndGap))).Array[64])
            .Sample((exchanges, chunkSizes, gaps) => CheckStream(exchanges, chunkSizes, gaps), iter: 1500);
    }

    // Waiting for the last bytes of an R0 answer by sleeping a millisecond cost up to a millisecond
    // an exchange on a paced link: once the OK trailer has begun, the transport yields instead, so the
    // answer ends one end gap after its prompt (virtual time: a sleep would pass 1,000 µs).
    [Fact]
    public void A_binary_answer_whose_trailer_has_begun_ends_one_end_gap_after_its_prompt()
    {
        var clock = new VirtualClock();
        var link = new InMemoryDuplexLink();
        var transport = new UartTransport(link.Host, clock, 2048);
        byte[] data = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        link.Host.Deliver(Encoding.Latin1.GetBytes("\r\n").Concat(data).Concat(Encoding.Latin1.GetBytes("\r\nOK")).ToArray());
        const int CharacterMicroseconds = 87;
        int at = 0;
        foreach (byte b in Encoding.Latin1.GetBytes("\r\n> "))
        {
            at += CharacterMicroseconds;
            byte[] one = { b };
            clock.ScheduleMicroseconds(at, () => link.Host.Deliver(one));
        }

        var frame = new byte[2048];
        int length = transport.Receive(frame, 0, frame.Length, 1000, 1460);

        Assert.Equal(2 + 32 + 8, length);
        Assert.Equal(data, frame.AsSpan(2, 32).ToArray());
        long ended = clock.NowMicroseconds;
        Assert.InRange(ended, at + EndGap, at + EndGap + 10);
    }

    private static void CheckStream(Exchange[] exchanges, int[] chunkSizes, int[] gaps)
    {
        var clock = new VirtualClock();
        var link = new InMemoryDuplexLink();
        var transport = new UartTransport(link.Host, clock, 2048);
        var response = new AtResponse();
        var frame = new byte[2048];
        int chunkIndex = 0;

        foreach (Exchange exchange in exchanges)
        {
            // The module answers only after the command, so each exchange arrives after the previous
            // one was framed: in chunks, each some virtual milliseconds after the one before.
            byte[] bytes = exchange.Bytes();
            int position = 0;
            int delay = 0;
            while (position < bytes.Length)
            {
                int size = Math.Min(chunkSizes[chunkIndex % chunkSizes.Length], bytes.Length - position);
                byte[] chunk = bytes.AsSpan(position, size).ToArray();
                delay += gaps[chunkIndex % gaps.Length];
                clock.ScheduleMicroseconds(delay, () => link.Host.Deliver(chunk));
                position += size;
                chunkIndex++;
            }

            // Messages come between commands (the module pushes them while idle), where the channel
            // takes them as text frames before it sends the next command.
            int limit = exchange.Binary ? exchange.Limit : 0;
            foreach (string message in exchange.Messages)
            {
                Assert.Equal(AtResponseKind.AsyncMessage, Next(transport, frame, 0, response));
                Assert.Equal(message, response.PayloadText());
            }

            if (exchange.Noise.Length > 0)
            {
                Assert.Equal(AtResponseKind.Unrecognized, Next(transport, frame, limit, response));
            }

            AtResponseKind kind = Next(transport, frame, limit, response);
            if (exchange.Binary)
            {
                Assert.Equal(AtResponseKind.Ok, kind);
                Assert.Equal(exchange.Data, response.Buffer.AsSpan(response.PayloadOffset, response.PayloadLength).ToArray());
            }
            else
            {
                var expected = new AtResponse();
                byte[] text = Encoding.Latin1.GetBytes(exchange.Text);
                expected.Parse(text, 0, text.Length, false);
                Assert.Equal(expected.Kind, kind);
                Assert.Equal(expected.PayloadText(), response.PayloadText());
                Assert.Equal(expected.ReasonText(), response.ReasonText());
            }
        }

        Assert.Equal(0, transport.Receive(frame, 0, frame.Length, 0, 0));
    }

    private static AtResponseKind Next(UartTransport transport, byte[] frame, int limit, AtResponse response)
    {
        int length = transport.Receive(frame, 0, frame.Length, 5000, limit);
        Assert.True(length > 0, "no frame");
        return response.Parse(frame, 0, length, false);
    }
}
