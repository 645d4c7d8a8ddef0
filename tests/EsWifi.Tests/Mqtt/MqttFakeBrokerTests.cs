using EsWifi.Emulator.Peers;
using EsWifi.Mqtt;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Tests.Mqtt;

/// <summary>
/// Brokers that misbehave, scripted byte by byte on 127.0.0.1 behind the emulated module (plain TCP):
/// every malformed or forbidden packet ends the connection with a reason and no hang, noise after it
/// changes nothing, and the next Connect works.
/// </summary>
public class MqttFakeBrokerTests
{
    private static readonly byte[] ConnAck = { 0x20, 0x02, 0x00, 0x00 };

    public static TheoryData<string, byte[], string> Violations => new()
    {
        { "reserved type 0", new byte[] { 0x00, 0x00 }, "reserved type 0" },
        { "reserved type 15", new byte[] { 0xF0, 0x00 }, "reserved type 15" },
        { "five length bytes", new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, "longer than four bytes" },
        { "over MaxPacketSize", new byte[] { 0x30, 0xC0, 0x9A, 0x0C }, "over the client's MaxPacketSize" },
        { "topic past the end", new byte[] { 0x30, 0x03, 0x00, 0x10, 0x61 }, "topic does not fit" },
        { "QoS 3", new byte[] { 0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01 }, "QoS 3" },
        { "QoS 2", new byte[] { 0x34, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01 }, "QoS 2" },
        { "packet id 0", new byte[] { 0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00 }, "identifier 0" },
        { "PUBACK of 3 bytes", new byte[] { 0x40, 0x03, 0x00, 0x01, 0x00 }, "wrong shape" },
        { "SUBACK code 3", new byte[] { 0x90, 0x03, 0x00, 0x01, 0x03 }, "SUBACK return code of 3" },
        { "a second CONNACK", new byte[] { 0x20, 0x02, 0x00, 0x00 }, "type 2" },
        { "PINGRESP with a body", new byte[] { 0xD0, 0x01, 0x00 }, "PINGRESP with a body" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void A_malformed_or_forbidden_packet_ends_the_connection_with_its_reason_and_the_next_connect_works(string name, byte[] violation, string reason)
    {
        Assert.NotNull(name);
        using var device = new MqttDevice();
        using var bad = LoopbackServer.Tcp(stream =>
        {
            ReadPacket(stream);
            stream.Write(ConnAck);
            stream.Write(violation);
            stream.Write(new byte[] { 0x30, 0x7F, 0x55, 0xAA, 0x0D, 0x0A }); // noise after it
            Thread.Sleep(3000);
        });
        ConnectPlain(device, bad.Port);
        string closed = MqttDevice.Take(device.Closed, "ConnectionClosed");
        Assert.Contains(reason, closed);
        Assert.False(device.Client.IsConnected);
        Assert.Empty(device.Received);
        Support.Eventually.True(() => device.Bench.Module.FreeSockets == 4, "the socket was not freed");

        using var good = LoopbackServer.Tcp(stream =>
        {
            ReadPacket(stream);
            stream.Write(ConnAck);
            Assert.Equal(0xE0, ReadPacket(stream)[0]); // DISCONNECT
        });
        ConnectPlain(device, good.Port);
        Assert.True(device.Client.IsConnected);
        device.Client.Disconnect();
        Assert.Equal("the client disconnected", MqttDevice.Take(device.Closed, "ConnectionClosed"));
    }

    [Fact]
    public void A_CONNACK_of_the_wrong_shape_or_none_in_time_fails_Connect_and_frees_the_socket()
    {
        using var device = new MqttDevice();
        using var wrong = LoopbackServer.Tcp(stream =>
        {
            ReadPacket(stream);
            stream.Write(new byte[] { 0x20, 0x03, 0x00, 0x00, 0x00 });
            Thread.Sleep(2000);
        });
        device.Client.Init("127.0.0.1", wrong.Port, false, null, null, MqttSslProtocols.None);
        var malformed = Assert.Throws<MqttClientException>(() => Connect(device.Client, 30));
        Assert.Equal(MqttClientError.MalformedPacket, malformed.Error);
        Assert.Equal(4, device.Bench.Module.FreeSockets);

        using var silent = LoopbackServer.Tcp(stream =>
        {
            ReadPacket(stream);
            Thread.Sleep(4000);
        });
        device.Client.TimeoutMilliseconds = 1000;
        device.Client.Init("127.0.0.1", silent.Port, false, null, null, MqttSslProtocols.None);
        var late = Assert.Throws<MqttClientException>(() => Connect(device.Client, 30));
        Assert.Equal(MqttClientError.Timeout, late.Error);
        Assert.Contains("no CONNACK within 1000 ms", late.Message);
        Assert.Equal(4, device.Bench.Module.FreeSockets);

        using var refusing = LoopbackServer.Tcp(stream =>
        {
            ReadPacket(stream);
            stream.Write(new byte[] { 0x20, 0x02, 0x00, 0x05 });
            Thread.Sleep(1000);
        });
        device.Client.Init("127.0.0.1", refusing.Port, false, null, null, MqttSslProtocols.None);
        Assert.Equal(MqttReasonCode.ConnectionRefusedNotAuthorized, Connect(device.Client, 30));
        Assert.False(device.Client.IsConnected);
        Assert.Equal(4, device.Bench.Module.FreeSockets);
        Assert.Empty(device.Closed);
    }

    [Fact]
    public void Packets_cut_into_single_bytes_with_pauses_arrive_whole_and_QoS_1_is_acknowledged()
    {
        using var device = new MqttDevice();
        byte[] acknowledged = null;
        using var broker = LoopbackServer.Tcp(stream =>
        {
            ReadPacket(stream);
            stream.Write(ConnAck);
            byte[] first = { 0x32, 0x0A, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x12, 0x34, 0x0D, 0x0A, 0x3E };
            byte[] second = { 0x31, 0x05, 0x00, 0x01, (byte)'c', 0x00, 0xFF };
            foreach (byte b in first)
            {
                stream.Write(new[] { b });
                stream.Flush();
                Thread.Sleep(15);
            }

            stream.Write(second);
            acknowledged = ReadPacket(stream);
            Thread.Sleep(1000);
        });
        ConnectPlain(device, broker.Port);
        MqttMsgPublishEventArgs first = MqttDevice.Take(device.Received, "the cut message");
        Assert.Equal("a/b", first.Topic);
        Assert.Equal(MqttQoSLevel.AtLeastOnce, first.QosLevel);
        Assert.Equal(new byte[] { 0x0D, 0x0A, 0x3E }, first.Message);
        MqttMsgPublishEventArgs second = MqttDevice.Take(device.Received, "the message that followed it");
        Assert.Equal("c", second.Topic);
        Assert.True(second.Retain);
        Assert.Equal(new byte[] { 0x00, 0xFF }, second.Message);
        Support.Eventually.True(() => acknowledged != null, "no PUBACK");
        Assert.Equal(new byte[] { 0x40, 0x02, 0x12, 0x34 }, acknowledged);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_broker_that_stops_answering_is_dropped_after_an_unanswered_ping(bool halfPacket)
    {
        using var device = new MqttDevice();
        int pings = 0;
        using var broker = LoopbackServer.Tcp(stream =>
        {
            ReadPacket(stream);
            stream.Write(ConnAck);
            if (halfPacket)
            {
                stream.Write(new byte[] { 0x30, 0x10, 0x00 });
            }

            while (true)
            {
                byte[] packet = ReadPacket(stream);
                if (packet == null)
                {
                    return;
                }

                pings += packet[0] == 0xC0 ? 1 : 0;
            }
        });
        device.Client.Init("127.0.0.1", broker.Port, false, null, null, MqttSslProtocols.None);
        Assert.Equal(MqttReasonCode.Success, device.Client.Connect("dev", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 1));
        string reason = MqttDevice.Take(device.Closed, "ConnectionClosed", 10000);
        Assert.Equal("the broker did not answer PINGREQ within the keep-alive period", reason);
        Assert.Equal(1, pings);
        Support.Eventually.True(() => device.Bench.Module.FreeSockets == 4, "the socket was not freed");
    }

    [Fact]
    public void A_ConnectionClosed_handler_can_connect_again()
    {
        using var device = new MqttDevice();
        int connections = 0;
        using var broker = LoopbackServer.Tcp(stream =>
        {
            int connection = Interlocked.Increment(ref connections);
            ReadPacket(stream);
            stream.Write(ConnAck);
            if (connection > 1)
            {
                ReadPacket(stream);
            }
        });
        var reconnected = new ManualResetEventSlim();
        device.Client.ConnectionClosed += (_, _) =>
        {
            if (Volatile.Read(ref connections) == 1)
            {
                Connect(device.Client, 30);
                reconnected.Set();
            }
        };
        ConnectPlain(device, broker.Port);
        Assert.True(reconnected.Wait(10000), "the handler did not reconnect");
        Assert.True(device.Client.IsConnected);
        Assert.Equal(2, connections);
    }

    [Fact]
    public void Disconnect_returns_while_a_ConnectionClosed_handler_connects_again()
    {
        using var device = new MqttDevice();
        int connections = 0;
        using var broker = LoopbackServer.Tcp(stream =>
        {
            Interlocked.Increment(ref connections);
            ReadPacket(stream);
            stream.Write(ConnAck);
            while (ReadPacket(stream) != null)
            {
            }
        });
        int closings = 0;
        device.Client.ConnectionClosed += (_, _) =>
        {
            if (Interlocked.Increment(ref closings) == 1)
            {
                Connect(device.Client, 30);
            }
        };
        ConnectPlain(device, broker.Port);
        var disconnect = new Thread(() => device.Client.Disconnect());
        disconnect.Start();
        Assert.True(disconnect.Join(10000), "Disconnect waited for ever on the handler that was connecting again");
        Support.Eventually.True(() => device.Client.IsConnected, "the handler's new connection");
        Assert.Equal(2, connections);
        Assert.Throws<InvalidOperationException>(() => Connect(device.Client, 30));
    }

    private static void ConnectPlain(MqttDevice device, int port)
    {
        device.Client.Init("127.0.0.1", port, false, null, null, MqttSslProtocols.None);
        Assert.Equal(MqttReasonCode.Success, Connect(device.Client, 30));
    }

    private static MqttReasonCode Connect(EsWifiMqttClient client, ushort keepAlive)
    {
        return client.Connect("dev", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, keepAlive);
    }

    /// <summary>One whole packet as the client sent it, or null at the end of the stream.</summary>
    internal static byte[] ReadPacket(Stream stream)
    {
        var packet = new List<byte>();
        int first = stream.ReadByte();
        if (first < 0)
        {
            return null;
        }

        packet.Add((byte)first);
        int remaining = 0;
        int multiplier = 1;
        int digit;
        do
        {
            digit = stream.ReadByte();
            if (digit < 0)
            {
                return null;
            }

            packet.Add((byte)digit);
            remaining += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        }
        while ((digit & 0x80) != 0);

        byte[] body = new byte[remaining];
        stream.ReadExactly(body);
        packet.AddRange(body);
        return packet.ToArray();
    }
}
