using System;
using System.Threading;
using EsWifi.Mqtt;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.FirmwarePath
{
    /// <summary>
    /// MQTT on the interpreter: nanoFramework.EsWifi.Mqtt's client, as nanoFramework.M2Mqtt's
    /// IMqttClient (the kit's real M2Mqtt.Core), over the module's mutual TLS with the set the
    /// provisioning steps programmed, to a real mosquitto that requires a client certificate.
    /// </summary>
    internal static class MqttSteps
    {
        private static readonly AutoResetEvent Arrived = new AutoResetEvent(false);
        private static readonly AutoResetEvent Acknowledged = new AutoResetEvent(false);
        private static readonly AutoResetEvent Granted = new AutoResetEvent(false);
        private static readonly AutoResetEvent Closed = new AutoResetEvent(false);
        private static IMqttClient _client;
        private static MqttMsgPublishEventArgs _message;
        private static ushort _acknowledged;
        private static ushort _granted;

        internal static void Connect(Bench bench)
        {
            byte[] ca = bench.Control.Pem("labCa");
            byte[] certificate = bench.Control.Pem("labCert");
            byte[] key = bench.Control.Pem("labKey");
            byte[] client = new byte[certificate.Length + key.Length];
            Array.Copy(certificate, 0, client, 0, certificate.Length);
            Array.Copy(key, 0, client, certificate.Length, key.Length);

            // Seen through the interface only, as M2Mqtt code and the Azure client see it.
            _client = new EsWifiMqttClient(bench.Module, new TlsOptions(ProvisioningSteps.Set, TlsVerification.Mutual));
            _client.MqttMsgPublishReceived += (sender, e) => { _message = e; Arrived.Set(); };
            _client.MqttMsgPublished += (sender, e) => { _acknowledged = e.MessageId; Acknowledged.Set(); };
            _client.MqttMsgSubscribed += (sender, e) => { _granted = e.MessageId; Granted.Set(); };
            _client.ConnectionClosed += (sender, e) => Closed.Set();

            // The set is programmed: Init verifies the same bytes (the module compares, writes nothing).
            _client.Init("localhost", bench.Control.Number("mqttTls"), true, ca, client, MqttSslProtocols.TLSv1_2);
            MqttReasonCode code = _client.Connect("nanoclr", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 30);
            Expect.Equal((int)MqttReasonCode.Success, (int)code, "CONNACK");
            Expect.True(_client.IsConnected, "connected");
            ushort id = _client.Subscribe(new string[] { "nano/back/#" }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
            Wait(Granted, "SUBACK");
            Expect.Equal(id, _granted, "the SUBACK's identifier");
        }

        internal static void RoundTrips(Bench bench)
        {
            byte[] small = Pattern.Make(64, 11);
            _client.Publish("nano/back/small", small);
            Wait(Arrived, "the 64-byte QoS 0 message back");
            Check(_message, "nano/back/small", small, MqttQoSLevel.AtMostOnce);

            AcknowledgedRoundTrip("nano/back/large", Pattern.Make(1024, 12));
        }

        internal static void IndependentSide(Bench bench)
        {
            bench.Control.Ask("MQTTWATCH nano/tele");
            ushort id = _client.Publish("nano/tele", Ascii.Bytes("21.5"), null, null, MqttQoSLevel.AtLeastOnce, false);
            Wait(Acknowledged, "the PUBACK");
            Expect.Equal(id, _acknowledged, "the PUBACK's identifier");
            Expect.Equal("21.5", bench.Control.Ask("MQTTSEEN"), "what mosquitto_sub received");

            bench.Control.Ask("MQTTPUB nano/back/cmd reboot");
            Wait(Arrived, "mosquitto_pub's command");
            Check(_message, "nano/back/cmd", Ascii.Bytes("reboot"), MqttQoSLevel.AtLeastOnce);
        }

        internal static void BrokerRestart(Bench bench)
        {
            bench.Control.Ask("MQTTRESTART");
            Wait(Closed, "ConnectionClosed after the broker went away");
            Expect.True(!_client.IsConnected, "not connected after the broker went away");
            Expect.Equal(4, bench.Module.FreeSockets, "free sockets after the lost connection");

            MqttReasonCode code = _client.Connect("nanoclr", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 30);
            Expect.Equal((int)MqttReasonCode.Success, (int)code, "CONNACK after the restart");
            _client.Subscribe(new string[] { "nano/back/#" }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
            Wait(Granted, "SUBACK after the restart");
            AcknowledgedRoundTrip("nano/back/again", Pattern.Make(200, 13));
        }

        internal static void Disconnect(Bench bench)
        {
            _client.Disconnect();
            Wait(Closed, "ConnectionClosed");
            Expect.True(!_client.IsConnected, "disconnected");
            Expect.Equal(4, bench.Module.FreeSockets, "free sockets after Disconnect");
        }

        // A QoS 1 publish to the client's own subscription: its PUBACK, then the message back, exact.
        private static void AcknowledgedRoundTrip(string topic, byte[] payload)
        {
            ushort id = _client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, false);
            Wait(Acknowledged, "the PUBACK of " + topic);
            Expect.Equal(id, _acknowledged, "the PUBACK's identifier");
            Wait(Arrived, "the message back on " + topic);
            Check(_message, topic, payload, MqttQoSLevel.AtLeastOnce);
        }

        private static void Check(MqttMsgPublishEventArgs message, string topic, byte[] payload, MqttQoSLevel qos)
        {
            Expect.Equal(topic, message.Topic, "the topic");
            Expect.Equal((int)qos, (int)message.QosLevel, "the QoS");
            Expect.Equal(payload.Length, message.Message.Length, "the payload's length");
            Expect.Same(payload, message.Message, payload.Length, "the payload");
        }

        private static void Wait(AutoResetEvent signal, string what)
        {
            if (!signal.WaitOne(20000, false))
            {
                throw new Exception("no " + what + " within 20 s");
            }
        }
    }
}
