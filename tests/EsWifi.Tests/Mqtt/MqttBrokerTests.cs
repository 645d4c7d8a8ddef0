using System.Security.Cryptography;
using EsWifi.Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Tests.Mqtt;

/// <summary>
/// The client through the driver and the emulated module's real TLS to a real mosquitto that requires a
/// client certificate; the certificate set is programmed from the host by Init. mosquitto_sub and
/// mosquitto_pub are the independent side.
/// </summary>
public class MqttBrokerTests : IClassFixture<MqttLab>
{
    private readonly MqttLab _lab;

    public MqttBrokerTests(MqttLab lab) => _lab = lab;

    [SkippableFact]
    public void Mutual_tls_round_trips_of_0_bytes_1_KiB_and_64_KiB_binary_at_QoS_0_and_1_arrive_exact()
    {
        using var device = new MqttDevice();
        Assert.Equal(MqttReasonCode.Success, device.ConnectMutual(_lab, "exact"));
        Assert.True(device.Client.IsConnected);
        Assert.Equal(new[] { MqttQoSLevel.AtLeastOnce }, device.SubscribeAndWait("exact/#", MqttQoSLevel.AtLeastOnce));

        foreach (int size in new[] { 0, 1024, 65536 })
        {
            foreach (MqttQoSLevel qos in new[] { MqttQoSLevel.AtMostOnce, MqttQoSLevel.AtLeastOnce })
            {
                byte[] payload = RandomNumberGenerator.GetBytes(size);
                ushort id = device.Client.Publish("exact/" + size, payload, null, null, qos, false);
                if (qos == MqttQoSLevel.AtLeastOnce)
                {
                    Assert.NotEqual(0, id);
                    Assert.Equal(id, MqttDevice.Take(device.Published, "PUBACK"));
                }
                else
                {
                    Assert.Equal(0, id);
                }

                MqttMsgPublishEventArgs received = MqttDevice.Take(device.Received, "the message back");
                Assert.Equal("exact/" + size, received.Topic);
                Assert.Equal(qos, received.QosLevel);
                Assert.False(received.Retain);
                Assert.Equal(payload, received.Message);
            }
        }

        Assert.Equal(0, device.Client.PendingAcknowledgements);
        Assert.Empty(device.Closed);
    }

    [SkippableFact]
    public void What_the_device_publishes_mosquitto_sub_receives_and_what_mosquitto_pub_sends_the_device_receives()
    {
        using var device = new MqttDevice();
        Assert.Equal(MqttReasonCode.Success, device.ConnectMutual(_lab, "crosscheck"));
        device.SubscribeAndWait("cross/cmd", MqttQoSLevel.AtLeastOnce);

        Task<byte[]> watcher = _lab.Broker.SubscribeAsync("-q 1 -t cross/tele", 1, 20);
        _lab.Broker.WaitForLog("cross/tele");
        byte[] reading = MqttDevice.Utf8("{\"t\":21.5}");
        ushort id = device.Client.Publish("cross/tele", reading, null, null, MqttQoSLevel.AtLeastOnce, false);
        Assert.Equal(id, MqttDevice.Take(device.Published, "PUBACK"));
        Assert.Equal(reading.Concat(new byte[] { 10 }).ToArray(), watcher.GetAwaiter().GetResult());

        _lab.Broker.Publish("cross/cmd", "reboot", 1);
        MqttMsgPublishEventArgs command = MqttDevice.Take(device.Received, "the command");
        Assert.Equal("cross/cmd", command.Topic);
        Assert.Equal(MqttDevice.Utf8("reboot"), command.Message);
        Assert.Equal(MqttQoSLevel.AtLeastOnce, command.QosLevel);
    }

    [SkippableFact]
    public void A_retained_message_reaches_a_later_subscription_marked_retained_and_unsubscribe_is_acknowledged()
    {
        using var device = new MqttDevice();
        Assert.Equal(MqttReasonCode.Success, device.ConnectMutual(_lab, "retainer"));
        byte[] state = MqttDevice.Utf8("online");
        ushort id = device.Client.Publish("retained/state", state, null, null, MqttQoSLevel.AtLeastOnce, true);
        Assert.Equal(id, MqttDevice.Take(device.Published, "PUBACK"));

        device.SubscribeAndWait("retained/state", MqttQoSLevel.AtMostOnce);
        MqttMsgPublishEventArgs received = MqttDevice.Take(device.Received, "the retained message");
        Assert.True(received.Retain);
        Assert.Equal(state, received.Message);

        ushort unsubscribe = device.Client.Unsubscribe(new[] { "retained/state" });
        Assert.Equal(unsubscribe, MqttDevice.Take(device.Unsubscribed, "UNSUBACK"));
        device.Client.Publish("retained/state", MqttDevice.Utf8("x"));
        Assert.False(device.Received.TryTake(out _, 500), "a message arrived after the unsubscription");

        // The retained message is cleared the MQTT way: an empty retained publish.
        device.Client.Publish("retained/state", new byte[0], null, null, MqttQoSLevel.AtLeastOnce, true);
        MqttDevice.Take(device.Published, "PUBACK");
    }

    [SkippableFact]
    public void A_client_without_a_certificate_is_refused_by_the_broker_with_a_clear_error_and_the_next_connect_works()
    {
        using var device = new MqttDevice(new TlsOptions(1, TlsVerification.VerifyServer));
        device.Client.ProgramCertificatesFromInit = true;
        device.Client.Init("localhost", _lab.Broker.TlsPort, true, _lab.Credentials.CaPem, null, nanoFramework.M2Mqtt.MqttSslProtocols.TLSv1_2);
        // TLS 1.3 ends the handshake before the server has checked for a client certificate: the broker's
        // refusal arrives as the connection closing before CONNACK.
        var refused = Assert.Throws<MqttClientException>(() => device.Client.Connect("anonymous", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 60));
        Assert.Equal(MqttClientError.ConnectionLost, refused.Error);
        Assert.Contains("closed the connection before its CONNACK", refused.Message);
        Assert.Contains("use TlsVerification.Mutual", refused.Message);
        Assert.False(device.Client.IsConnected);
        Assert.Equal(4, device.Bench.Module.FreeSockets);

        // The same module, now with its set completed and mutual TLS: connected.
        var mutual = new EsWifiMqttClient(device.Bench.Module, new TlsOptions(1, TlsVerification.Mutual)) { ProgramCertificatesFromInit = true };
        mutual.Init("localhost", _lab.Broker.TlsPort, true, _lab.Credentials.CaPem, _lab.ClientPem, nanoFramework.M2Mqtt.MqttSslProtocols.TLSv1_2);
        Assert.Equal(MqttReasonCode.Success, mutual.Connect("anonymous", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 60));
        mutual.Disconnect();
        Assert.False(mutual.IsConnected);
        Assert.Equal("the client disconnected", mutual.LastCloseReason);
    }

    [SkippableFact]
    public void Close_without_disconnect_publishes_the_will_and_disconnect_does_not()
    {
        using var device = new MqttDevice();
        device.Client.ProgramCertificatesFromInit = true;
        device.Client.Init("localhost", _lab.Broker.TlsPort, true, _lab.Credentials.CaPem, _lab.ClientPem, nanoFramework.M2Mqtt.MqttSslProtocols.TLSv1_2);

        Task<byte[]> watcher = _lab.Broker.SubscribeAsync("-q 1 -t will/status", 1, 20);
        _lab.Broker.WaitForLog("will/status");
        Assert.Equal(MqttReasonCode.Success, device.Client.Connect("willing", null, null, false, MqttQoSLevel.AtLeastOnce, true, "will/status", "gone", true, 60));
        device.Client.Close();
        Assert.Equal("the client closed the connection", MqttDevice.Take(device.Closed, "ConnectionClosed"));
        Assert.Equal(MqttDevice.Utf8("gone\n"), watcher.GetAwaiter().GetResult());

        Task<byte[]> second = _lab.Broker.SubscribeAsync("-q 1 -t will/status2", 1, 3);
        _lab.Broker.WaitForLog("will/status2");
        Assert.Equal(MqttReasonCode.Success, device.Client.Connect("willing", null, null, false, MqttQoSLevel.AtLeastOnce, true, "will/status2", "gone", true, 60));
        device.Client.Disconnect();
        Assert.Empty(second.GetAwaiter().GetResult());
    }

    [SkippableFact]
    public void Publishes_from_two_threads_all_arrive_and_all_are_acknowledged()
    {
        using var device = new MqttDevice();
        Assert.Equal(MqttReasonCode.Success, device.ConnectMutual(_lab, "threads"));
        device.SubscribeAndWait("threads/#", MqttQoSLevel.AtLeastOnce);
        const int each = 3;
        var ids = new System.Collections.Concurrent.ConcurrentBag<ushort>();
        Parallel.For(0, 2, thread =>
        {
            for (int i = 0; i < each; i++)
            {
                ids.Add(device.Client.Publish("threads/" + thread, new[] { (byte)thread, (byte)i }, null, null, MqttQoSLevel.AtLeastOnce, false));
            }
        });

        var acknowledged = new HashSet<ushort>();
        var received = new HashSet<string>();
        for (int i = 0; i < 2 * each; i++)
        {
            acknowledged.Add(MqttDevice.Take(device.Published, "PUBACK"));
            MqttMsgPublishEventArgs message = MqttDevice.Take(device.Received, "a message");
            received.Add(message.Topic + ":" + message.Message[1]);
        }

        Assert.Equal(ids.ToHashSet(), acknowledged);
        Assert.Equal(2 * each, received.Count);
    }
}
