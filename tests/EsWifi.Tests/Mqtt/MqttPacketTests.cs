using EsWifi.Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Tests.Mqtt;

/// <summary>The packet layer alone: encodings checked byte by byte against MQTT 3.1.1, and the reader fed in random cuts.</summary>
public class MqttPacketTests
{
    [Fact]
    public void Connect_is_encoded_as_the_specification_lays_it_out()
    {
        var writer = new PacketWriter(64);
        int length = writer.Connect("dev", "user", "pw", true, true, 1, "w", "x", true, 60);
        byte[] expected =
        {
            0x10, 31,
            0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04,
            0x80 | 0x40 | 0x20 | (1 << 3) | 0x04 | 0x02,
            0x00, 60,
            0x00, 0x03, (byte)'d', (byte)'e', (byte)'v',
            0x00, 0x01, (byte)'w',
            0x00, 0x01, (byte)'x',
            0x00, 0x04, (byte)'u', (byte)'s', (byte)'e', (byte)'r',
            0x00, 0x02, (byte)'p', (byte)'w',
        };
        Assert.Equal(expected, writer.Buffer.Take(length).ToArray());
    }

    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(127, new byte[] { 0x7F })]
    [InlineData(128, new byte[] { 0x80, 0x01 })]
    [InlineData(16383, new byte[] { 0xFF, 0x7F })]
    [InlineData(16384, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(2097151, new byte[] { 0xFF, 0xFF, 0x7F })]
    [InlineData(2097152, new byte[] { 0x80, 0x80, 0x80, 0x01 })]
    public void Remaining_lengths_take_the_specified_bytes(int payloadPlusHead, byte[] lengthBytes)
    {
        // A QoS 0 publish to topic "t" has a 3-byte head (two length bytes and the topic).
        int payload = Math.Max(0, payloadPlusHead - 3);
        if (payloadPlusHead < 3)
        {
            var bare = new PacketWriter(8);
            Assert.Equal(2, bare.Bare(12));
            Assert.Equal(lengthBytes, bare.Buffer.Skip(1).Take(1).ToArray());
            return;
        }

        var writer = new PacketWriter(1460);
        int length = writer.Publish("t", new byte[payload], 0, false, false, 0, out int copied);
        Assert.Equal(lengthBytes, writer.Buffer.Skip(1).Take(lengthBytes.Length).ToArray());
        Assert.Equal(Math.Min(payload, 1460 - 1 - lengthBytes.Length - 3), copied);
        Assert.Equal(1 + lengthBytes.Length + 3 + copied, length);
    }

    [Fact]
    public void A_publish_fills_one_module_write_and_leaves_the_rest_in_the_callers_array()
    {
        var writer = new PacketWriter(1460);
        byte[] payload = Enumerable.Range(0, 4000).Select(i => (byte)i).ToArray();
        int length = writer.Publish("sensors/t", payload, 1, true, true, 0x0102, out int copied);
        Assert.Equal(1460, length);
        Assert.Equal(0x30 | 0x08 | 0x02 | 0x01, writer.Buffer[0]);
        int head = 1 + 2 + 2 + 9 + 2;
        Assert.Equal(new byte[] { 0x01, 0x02 }, writer.Buffer.Skip(head - 2).Take(2).ToArray());
        Assert.Equal(payload.Take(copied), writer.Buffer.Skip(head).Take(copied));
        Assert.Equal(1460 - head, copied);
    }

    [Fact]
    public void Subscribe_and_unsubscribe_carry_their_reserved_flags_and_filters()
    {
        var writer = new PacketWriter(64);
        int length = writer.Subscribe(7, new[] { "a/#", "b" }, new[] { MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtMostOnce });
        Assert.Equal(new byte[] { 0x82, 12, 0, 7, 0, 3, (byte)'a', (byte)'/', (byte)'#', 1, 0, 1, (byte)'b', 0 }, writer.Buffer.Take(length).ToArray());
        length = writer.Unsubscribe(8, new[] { "b" });
        Assert.Equal(new byte[] { 0xA2, 5, 0, 8, 0, 1, (byte)'b' }, writer.Buffer.Take(length).ToArray());
        length = writer.PubAck(0xBEEF);
        Assert.Equal(new byte[] { 0x40, 2, 0xBE, 0xEF }, writer.Buffer.Take(length).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_reader_takes_whole_packets_out_of_any_cut_including_ones_larger_than_its_buffer(int seed)
    {
        var random = new Random(seed);
        var packets = new List<byte[]>();
        var wire = new MemoryStream();
        for (int i = 0; i < 60; i++)
        {
            int size = random.Next(4) == 0 ? random.Next(3000, 9000) : random.Next(0, 200);
            byte[] body = new byte[size];
            random.NextBytes(body);
            byte[] encoded = EncodeLength(size);
            wire.WriteByte(0x30);
            wire.Write(encoded);
            wire.Write(body);
            packets.Add(body);
        }

        var reader = new PacketReader(2920) { MaxPacketSize = 1 << 20 };
        reader.Reset(new CuttingStream(wire.ToArray(), random));
        foreach (byte[] expected in packets)
        {
            Assert.True(reader.Next());
            Assert.Equal(3, reader.Type);
            Assert.Equal(expected, reader.Body.Skip(reader.BodyOffset).Take(reader.BodyLength).ToArray());
        }

        Assert.False(reader.Next());
    }

    private static byte[] EncodeLength(int value)
    {
        var bytes = new List<byte>();
        do
        {
            int digit = value % 128;
            value /= 128;
            bytes.Add((byte)(value > 0 ? digit | 0x80 : digit));
        }
        while (value > 0);
        return bytes.ToArray();
    }

    /// <summary>Gives the bytes in random pieces of 1 to 1,600 bytes, as module reads would.</summary>
    private sealed class CuttingStream : Stream
    {
        private readonly byte[] _bytes;
        private readonly Random _random;
        private int _position;

        public CuttingStream(byte[] bytes, Random random)
        {
            _bytes = bytes;
            _random = random;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, _random.Next(1, 1600)), _bytes.Length - _position);
            Array.Copy(_bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
