using EsWifi.Emulator.Model;
using EsWifi.Mqtt;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Tests.Mqtt;

/// <summary>
/// Bad input gets a clear error before any byte is sent, and Init never writes a certificate slot
/// unless it was allowed to: a programmed slot is verified, an empty one refused with directions.
/// </summary>
public class MqttClientRulesTests : IClassFixture<MqttLab>
{
    private readonly MqttLab _lab;

    public MqttClientRulesTests(MqttLab lab) => _lab = lab;

    [Fact]
    public void Calls_out_of_order_or_beyond_MQTT_3_1_1_are_refused_before_anything_is_sent()
    {
        using var device = new MqttDevice();
        EsWifiMqttClient client = device.Client;
        Assert.Throws<InvalidOperationException>(() => client.Connect("dev", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 60));
        Assert.Equal(MqttClientError.NotConnected, Assert.Throws<MqttClientException>(() => client.Publish("a", new byte[1])).Error);
        Assert.Equal(MqttClientError.NotConnected, Assert.Throws<MqttClientException>(() => client.Subscribe(new[] { "a" }, new[] { MqttQoSLevel.AtMostOnce })).Error);
        Assert.Throws<NotSupportedException>(() => client.Publish("a", new byte[1], null, null, MqttQoSLevel.ExactlyOnce, false));
        Assert.Throws<NotSupportedException>(() => client.Publish("a", new byte[1], "text/plain"));
        Assert.Throws<NotSupportedException>(() => client.Publish("a", new byte[1], null, new System.Collections.ArrayList { new UserProperty("k", "v") }, MqttQoSLevel.AtMostOnce, false));
        Assert.Throws<NotSupportedException>(() => client.Subscribe(new[] { "a" }, new[] { MqttQoSLevel.ExactlyOnce }));
        Assert.Throws<ArgumentException>(() => client.Publish("a/+", new byte[1]));
        Assert.Throws<ArgumentException>(() => client.Publish("", new byte[1]));
        Assert.Throws<ArgumentException>(() => client.Subscribe(new[] { "a", "b" }, new[] { MqttQoSLevel.AtMostOnce }));
        Assert.Throws<ArgumentException>(() => client.Init("localhost", 8883, false, _lab.Credentials.CaPem, null, MqttSslProtocols.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Init("localhost", 0, true, null, null, MqttSslProtocols.TLSv1_2));

        client.Init("localhost", 1883, false, null, null, MqttSslProtocols.None);
        Assert.Throws<ArgumentException>(() => client.Connect("", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, false, 60));
        Assert.Throws<ArgumentException>(() => client.Connect("dev", null, "secret", false, MqttQoSLevel.AtMostOnce, false, null, null, true, 60));
        Assert.Throws<ArgumentNullException>(() => client.Connect("dev", null, null, false, MqttQoSLevel.AtMostOnce, true, "will", null, true, 60));
        Assert.Throws<ArgumentException>(() => client.Connect("dev", null, null, false, MqttQoSLevel.AtMostOnce, true, "will/#", "x", true, 60));
        Assert.Equal(0, device.Bench.Emulator.Counters.RoundTrips);
    }

    [Fact]
    public void The_password_reaches_the_broker_and_never_the_trace()
    {
        byte[] connect = null;
        using var broker = EsWifi.Emulator.Peers.LoopbackServer.Tcp(stream =>
        {
            connect = MqttFakeBrokerTests.ReadPacket(stream);
            stream.Write(new byte[] { 0x20, 0x02, 0x00, 0x00 });
            while (MqttFakeBrokerTests.ReadPacket(stream) != null)
            {
            }
        });
        using var device = new MqttDevice();
        var trace = new System.Collections.Concurrent.ConcurrentQueue<string>();
        device.Bench.Module.Trace = (_, text) => trace.Enqueue(text);
        device.Client.Init("127.0.0.1", broker.Port, false, null, null, MqttSslProtocols.None);
        Assert.Equal(MqttReasonCode.Success, device.Client.Connect("dev", "operator", "hunter2-secret", false, MqttQoSLevel.AtMostOnce, false, null, null, true, 60));
        device.Client.Publish("a/b", MqttDevice.Utf8("visible"));
        device.Client.Disconnect();

        Assert.Contains("hunter2-secret", System.Text.Encoding.ASCII.GetString(connect));
        Assert.DoesNotContain(trace, line => line.Contains("hunter2", StringComparison.Ordinal));
        Assert.Contains(trace, line => line.StartsWith("S3=", StringComparison.Ordinal) && line.Contains("bytes, not shown>", StringComparison.Ordinal));
        Assert.Contains(trace, line => line.Contains("visible", StringComparison.Ordinal));
    }

    [Fact]
    public void Init_refuses_certificates_the_verification_level_would_not_use_before_any_command()
    {
        using var device = new MqttDevice(new TlsOptions(1, TlsVerification.None));
        device.Client.ProgramCertificatesFromInit = true;
        var ca = Assert.Throws<ArgumentException>(() => device.Client.Init("localhost", 8883, true, _lab.Credentials.CaPem, null, MqttSslProtocols.TLSv1_2));
        Assert.Contains("verify nothing", ca.Message);

        using var serverOnly = new MqttDevice(new TlsOptions(1, TlsVerification.VerifyServer));
        serverOnly.Client.ProgramCertificatesFromInit = true;
        var client = Assert.Throws<ArgumentException>(() => serverOnly.Client.Init("localhost", 8883, true, _lab.Credentials.CaPem, _lab.ClientPem, MqttSslProtocols.TLSv1_2));
        Assert.Contains("not mutual TLS", client.Message);

        using var mutual = new MqttDevice();
        mutual.Client.ProgramCertificatesFromInit = true;
        var keyless = Assert.Throws<ArgumentException>(() => mutual.Client.Init("localhost", 8883, true, _lab.Credentials.CaPem, _lab.Credentials.ClientCertificatePem, MqttSslProtocols.TLSv1_2));
        Assert.Contains("its private key", keyless.Message);
        Assert.Equal(0, device.Bench.Emulator.Counters.RoundTrips + serverOnly.Bench.Emulator.Counters.RoundTrips + mutual.Bench.Emulator.Counters.RoundTrips);
    }

    [Fact]
    public void Init_verifies_a_programmed_set_programs_an_empty_one_only_when_allowed_and_never_overwrites()
    {
        using var device = new MqttDevice();
        EsWifiModule module = device.Bench.Module;

        var refused = Assert.Throws<InvalidOperationException>(() => device.Client.Init("localhost", 8883, true, _lab.Credentials.CaPem, _lab.ClientPem, MqttSslProtocols.TLSv1_2));
        Assert.Contains("certificate set 1 has no root CA", refused.Message);
        Assert.Contains("ProgramCertificatesFromInit", refused.Message);
        Assert.Equal(0, device.Bench.Emulator.Counters.Commands("PG"));
        Assert.False(module.Certificates.GetStatus(1).HasRootCa);

        device.Client.ProgramCertificatesFromInit = true;
        device.Client.Init("localhost", 8883, true, _lab.Credentials.CaPem, _lab.ClientPem, MqttSslProtocols.TLSv1_2);
        CertificateSetStatus status = module.Certificates.GetStatus(1);
        Assert.True(status.HasRootCa && status.HasCertificate && status.HasPrivateKey);

        // A second client on the same module, not allowed to program: the same bytes verify.
        var again = new EsWifiMqttClient(module, new TlsOptions(1, TlsVerification.Mutual));
        again.Init("localhost", 8883, true, _lab.Credentials.CaPem, _lab.ClientPem, MqttSslProtocols.TLSv1_2);

        // Other bytes are a mismatch, allowed to program or not: a used write-once slot is never written.
        var other = new EsWifiMqttClient(module, new TlsOptions(1, TlsVerification.Mutual)) { ProgramCertificatesFromInit = true };
        var mismatch = Assert.Throws<EsWifiException>(() => other.Init("localhost", 8883, true, _lab.Unrelated.CaPem, null, MqttSslProtocols.TLSv1_2));
        Assert.Equal(EsWifiErrorKind.CertificateMismatch, mismatch.Kind);
        Assert.Equal(CertificateWriteResult.AlreadyMatching, module.Certificates.Verify(1, CertificateKind.RootCa, _lab.Credentials.CaPem, 0, _lab.Credentials.CaPem.Length));
    }

    [Fact]
    public void The_rewritable_set_3_is_replaced_by_Init_only_when_allowed()
    {
        using var device = new MqttDevice(new TlsOptions(3, TlsVerification.VerifyServer), FirmwareProfile.C3525Stm);
        EsWifiModule module = device.Bench.Module;
        module.Certificates.Replace(CertificateKind.RootCa, _lab.Unrelated.CaPem, 0, _lab.Unrelated.CaPem.Length, null);
        int writes = device.Bench.Emulator.Counters.Commands("PG");

        var refused = Assert.Throws<InvalidOperationException>(() => device.Client.Init("localhost", 8883, true, _lab.Credentials.CaPem, null, MqttSslProtocols.TLSv1_2));
        Assert.Contains("cannot be compared without overwriting it", refused.Message);
        Assert.Equal(writes, device.Bench.Emulator.Counters.Commands("PG"));

        device.Client.ProgramCertificatesFromInit = true;
        device.Client.Init("localhost", 8883, true, _lab.Credentials.CaPem, null, MqttSslProtocols.TLSv1_2);
        Assert.True(device.Bench.Emulator.Counters.Commands("PG") > writes);
    }
}
