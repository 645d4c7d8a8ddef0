using EsWifi.Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Tests.Mqtt;

/// <summary>The broker dies mid-session with a QoS 1 message unacknowledged, and comes back.</summary>
public class MqttRestartTests : IClassFixture<MqttLab>
{
    private readonly MqttLab _lab;

    public MqttRestartTests(MqttLab lab) => _lab = lab;

    [SkippableFact]
    public void The_broker_restarted_mid_session_gives_a_clear_event_and_after_reconnecting_QoS_1_is_delivered_both_ways()
    {
        using var device = new MqttDevice();
        Assert.Equal(MqttReasonCode.Success, device.ConnectMutual(_lab, "survivor", cleanSession: false));
        device.SubscribeAndWait("restart/cmd", MqttQoSLevel.AtLeastOnce);
        _lab.Broker.CreatePersistentSubscription("watcher", "restart/tele");
        Thread.Sleep(1500); // the broker saves its sessions on every change, at most once a second

        // Frozen broker: the publish leaves the device and is never acknowledged; then the broker dies.
        _lab.Broker.Pause();
        byte[] reading = MqttDevice.Utf8("reading 42");
        ushort id = device.Client.Publish("restart/tele", reading, null, null, MqttQoSLevel.AtLeastOnce, false);
        Assert.False(device.Published.TryTake(out _, 300));
        Assert.Equal(1, device.Client.PendingAcknowledgements);
        _lab.Broker.Stop(kill: true);
        string reason = MqttDevice.Take(device.Closed, "ConnectionClosed");
        Assert.Equal("the broker closed the connection", reason);
        Assert.False(device.Client.IsConnected);
        var notConnected = Assert.Throws<MqttClientException>(() => device.Client.Publish("restart/tele", reading));
        Assert.Equal(MqttClientError.NotConnected, notConnected.Error);

        // Back up, with a command queued for the device's session while it was away.
        _lab.Broker.Start();
        _lab.Broker.Publish("restart/cmd", "while-away", 1);
        Assert.Equal(MqttReasonCode.Success, device.Client.Connect("survivor", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, false, 60));
        Assert.Equal(id, MqttDevice.Take(device.Published, "the PUBACK of the resent message"));
        Assert.Equal(0, device.Client.PendingAcknowledgements);
        MqttMsgPublishEventArgs command = MqttDevice.Take(device.Received, "the queued command");
        Assert.Equal("restart/cmd", command.Topic);
        Assert.Equal(MqttDevice.Utf8("while-away"), command.Message);

        byte[] seen = _lab.Broker.SubscribeAsync("-c -i watcher -q 1 -t restart/tele", 1, 10).GetAwaiter().GetResult();
        Assert.Equal(MqttDevice.Utf8("reading 42\n"), seen);
        Assert.Contains("Received PUBLISH from survivor (d1, q1", _lab.Broker.Log);
    }
}
