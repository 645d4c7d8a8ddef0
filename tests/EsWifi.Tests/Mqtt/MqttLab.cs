using System.Collections.Concurrent;
using System.Text;
using EsWifi.Emulator.Model;
using EsWifi.Emulator.Peers;
using EsWifi.Mqtt;
using EsWifi.Tests.Support;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Tests.Mqtt;

/// <summary>
/// What the MQTT tests share: credentials made here (the broker's CA, its server certificate, a device
/// certificate), a mosquitto started on first use, and a device: the driver over the emulated module,
/// with an <see cref="EsWifiMqttClient"/> whose events land in queues a test can wait on.
/// </summary>
public sealed class MqttLab : IDisposable
{
    private MosquittoBroker _broker;

    public GeneratedCertificates Credentials { get; } = GeneratedCertificates.Create("Broker");

    public GeneratedCertificates Unrelated { get; } = GeneratedCertificates.Create("Elsewhere");

    /// <summary>The client certificate followed by its key, as Init's clientCert takes them.</summary>
    public byte[] ClientPem => Credentials.ClientCertificatePem.Concat(Credentials.ClientKeyPem).ToArray();

    public MosquittoBroker Broker
    {
        get
        {
            RequireBroker();
            return _broker ??= new MosquittoBroker(Credentials);
        }
    }

    /// <summary>
    /// Skips the calling test, saying why, where mosquitto is not installed; with ESWIFI_REQUIRE_BROKER=1
    /// (set by .ci/run, which installs it) its absence fails the test instead.
    /// </summary>
    public static void RequireBroker()
    {
        if (!MosquittoBroker.Installed && Environment.GetEnvironmentVariable("ESWIFI_REQUIRE_BROKER") == "1")
        {
            throw new InvalidOperationException("mosquitto is required (ESWIFI_REQUIRE_BROKER=1) but not installed: apt-get install mosquitto mosquitto-clients");
        }

        Skip.IfNot(MosquittoBroker.Installed, "mosquitto and mosquitto-clients are not installed (apt-get install mosquitto mosquitto-clients); .ci/run installs them");
    }

    public void Dispose() => _broker?.Dispose();
}

/// <summary>One device: an emulated module, its driver and an MQTT client with its events queued.</summary>
public sealed class MqttDevice : IDisposable
{
    public MqttDevice(TlsOptions tls = null, FirmwareProfile profile = null)
    {
        Bench = new EmulatedBench(profile ?? FirmwareProfile.C3525Uart);
        Client = new EsWifiMqttClient(Bench.Module, tls ?? new TlsOptions(1, TlsVerification.Mutual));
        Client.MqttMsgPublishReceived += (_, e) => Received.Add(e);
        Client.MqttMsgPublished += (_, e) => Published.Add(e.MessageId);
        Client.MqttMsgSubscribed += (_, e) => Subscribed.Add(e);
        Client.MqttMsgUnsubscribed += (_, e) => Unsubscribed.Add(e.MessageId);
        Client.ConnectionClosed += (_, _) => Closed.Add(Client.LastCloseReason);
    }

    public EmulatedBench Bench { get; }

    public EsWifiMqttClient Client { get; }

    public BlockingCollection<MqttMsgPublishEventArgs> Received { get; } = new();

    public BlockingCollection<ushort> Published { get; } = new();

    public BlockingCollection<MqttMsgSubscribedEventArgs> Subscribed { get; } = new();

    public BlockingCollection<ushort> Unsubscribed { get; } = new();

    public BlockingCollection<string> Closed { get; } = new();

    /// <summary>Init with the lab's certificates (programmed into the device's fresh set), then Connect.</summary>
    public MqttReasonCode ConnectMutual(MqttLab lab, string clientId, bool cleanSession = true, ushort keepAlive = 60)
    {
        Client.ProgramCertificatesFromInit = true;
        Client.Init("localhost", lab.Broker.TlsPort, true, lab.Credentials.CaPem, lab.ClientPem, MqttSslProtocols.TLSv1_2);
        return Client.Connect(clientId, null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, cleanSession, keepAlive);
    }

    /// <summary>Subscribes and waits for the grant.</summary>
    public MqttQoSLevel[] SubscribeAndWait(string filter, MqttQoSLevel qos)
    {
        ushort id = Client.Subscribe(new[] { filter }, new[] { qos });
        MqttMsgSubscribedEventArgs granted = Take(Subscribed, "SUBACK");
        Assert.Equal(id, granted.MessageId);
        return granted.GrantedQoSLevels;
    }

    public static T Take<T>(BlockingCollection<T> queue, string what, int milliseconds = 15000)
    {
        Assert.True(queue.TryTake(out T item, milliseconds), "no " + what + " within " + milliseconds + " ms");
        return item;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public void Dispose()
    {
        Client.Close();
        Bench.Dispose();
    }
}
