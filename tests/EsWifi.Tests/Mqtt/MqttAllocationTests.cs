using EsWifi.Emulator.Peers;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Tests.Mqtt;

/// <summary>
/// A received message costs what IMqttClient's event makes necessary and nothing more: its topic string,
/// its payload array and its event arguments. Counted on the receiver thread itself (the desktop GC's
/// per-thread counter), between one message's handler and the next, across the driver's reads, the
/// parse and, at QoS 1, the PUBACK written back.
/// </summary>
public class MqttAllocationTests
{
    private const int Messages = 300;
    private const string Topic = "alloc/topic";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_received_message_allocates_only_its_topic_payload_and_event_arguments(int qos)
    {
        var go = new ManualResetEventSlim();
        byte[] burst = Burst(qos);
        using var broker = LoopbackServer.Tcp(stream =>
        {
            MqttFakeBrokerTests.ReadPacket(stream);
            stream.Write(new byte[] { 0x20, 0x02, 0x00, 0x00 });
            go.Wait(10000);
            stream.Write(burst);
            while (MqttFakeBrokerTests.ReadPacket(stream) != null)
            {
                // PUBACKs
            }
        });

        using var device = new MqttDevice();
        long[] counters = new long[Messages];
        int seen = 0;
        var done = new ManualResetEventSlim();
        device.Client.MqttMsgPublishReceived += (_, e) =>
        {
            counters[seen] = GC.GetAllocatedBytesForCurrentThread();
            if (++seen == Messages)
            {
                done.Set();
            }
        };
        device.Client.Init("127.0.0.1", broker.Port, false, null, null, MqttSslProtocols.None);
        Assert.Equal(MqttReasonCode.Success, device.Client.Connect("alloc", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 60));
        go.Set();
        Assert.True(done.Wait(30000), "only " + seen + " messages arrived");

        long required = RequiredPerMessage((MqttQoSLevel)qos);
        long[] perMessage = Enumerable.Range(50, Messages - 51).Select(i => counters[i + 1] - counters[i]).OrderBy(v => v).ToArray();
        Assert.True(perMessage[perMessage.Length / 2] <= required, $"median {perMessage[perMessage.Length / 2]} bytes a message, the event needs {required}");
        Assert.True(perMessage[perMessage.Length * 9 / 10] <= required, $"90th percentile {perMessage[perMessage.Length * 9 / 10]} bytes a message, the event needs {required}");
    }

    // What the event itself needs: the topic string, the payload array, the arguments.
    private static long RequiredPerMessage(MqttQoSLevel qos)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new MqttMsgPublishEventArgs(new string('t', Topic.Length), new byte[100], false, qos, false));
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static byte[] Burst(int qos)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < Messages; i++)
        {
            int remaining = 2 + Topic.Length + (qos > 0 ? 2 : 0) + 100;
            bytes.Add((byte)(0x30 | (qos << 1)));
            bytes.Add((byte)remaining);
            bytes.Add(0);
            bytes.Add((byte)Topic.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(Topic));
            if (qos > 0)
            {
                bytes.Add((byte)((i + 1) >> 8));
                bytes.Add((byte)(i + 1));
            }

            bytes.AddRange(Enumerable.Repeat((byte)i, 100));
        }

        return bytes.ToArray();
    }
}
