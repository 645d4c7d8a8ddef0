namespace EsWifi.Mqtt
{
    /// <summary>Why an <see cref="MqttClientException"/> was thrown.</summary>
    public enum MqttClientError
    {
        /// <summary>The call needs a connection to the broker and there is none.</summary>
        NotConnected = 1,

        /// <summary>The broker did not answer in time (CONNACK, or PINGRESP for keep-alive).</summary>
        Timeout = 2,

        /// <summary>The connection ended: the broker closed it, or the module reported it lost.</summary>
        ConnectionLost = 3,

        /// <summary>The broker sent bytes that are not a well-formed MQTT 3.1.1 packet, or one too large; the connection was closed.</summary>
        MalformedPacket = 4,

        /// <summary>The broker sent a packet it must not send here (a second CONNACK, a QoS 2 flow, an unknown identifier).</summary>
        ProtocolViolation = 5,

        /// <summary>Every slot for unacknowledged QoS 1 messages is taken; wait for MqttMsgPublished.</summary>
        InflightFull = 6,
    }
}
