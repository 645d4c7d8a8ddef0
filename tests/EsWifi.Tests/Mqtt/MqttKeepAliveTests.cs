using System.Text.RegularExpressions;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Tests.Mqtt;

/// <summary>
/// An idle minute on a real broker, in its own class so it runs beside the others: mosquitto drops a
/// client that sends nothing for 1.5 keep-alive periods, so only the client's pings keep it.
/// </summary>
public class MqttKeepAliveTests : IClassFixture<MqttLab>
{
    private readonly MqttLab _lab;

    public MqttKeepAliveTests(MqttLab lab) => _lab = lab;

    [SkippableFact]
    public void Pings_hold_a_connection_open_through_an_idle_minute_and_the_next_publish_works()
    {
        using var device = new MqttDevice();
        Assert.Equal(MqttReasonCode.Success, device.ConnectMutual(_lab, "idler", keepAlive: 10));
        device.SubscribeAndWait("idle/back", MqttQoSLevel.AtLeastOnce);

        Thread.Sleep(61000);
        Assert.True(device.Client.IsConnected, "the broker dropped the idle client: " + device.Client.LastCloseReason);
        Assert.Empty(device.Closed);
        int pings = Regex.Matches(_lab.Broker.Log, "Received PINGREQ from idler").Count;
        Assert.InRange(pings, 6, 9);

        device.Client.Publish("idle/back", MqttDevice.Utf8("awake"), null, null, MqttQoSLevel.AtLeastOnce, false);
        Assert.Equal(MqttDevice.Utf8("awake"), MqttDevice.Take(device.Received, "the message after the idle minute").Message);
    }
}
