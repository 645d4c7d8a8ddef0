using System;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Mqtt
{
    /// <summary>
    /// Encodes MQTT 3.1.1 packets into one reusable buffer (the caller holds the client's write lock
    /// and sends <see cref="Buffer"/>[0..length) before the next call). A publish's payload is not
    /// copied here beyond what fills the buffer: the client sends the rest from the caller's array.
    /// </summary>
    internal sealed class PacketWriter
    {
        private byte[] _buffer;

        internal PacketWriter(int capacity)
        {
            _buffer = new byte[capacity];
        }

        /// <summary>The encoded packet (valid until the next call).</summary>
        internal byte[] Buffer => _buffer;

        /// <summary>Bytes a string takes as an MQTT UTF-8 string: two length bytes and the text.</summary>
        internal static int StringLength(string text) => 2 + AsciiBytes.Utf8Length(text);

        /// <summary>CONNECT (3.1): protocol "MQTT" level 4, the flags, keep-alive, then the payload fields in order.</summary>
        internal int Connect(string clientId, string userName, string password, bool willFlag, bool willRetain, int willQos, string willTopic, string willMessage, bool cleanSession, ushort keepAlive)
        {
            int remaining = 10 + StringLength(clientId);
            int flags = cleanSession ? 0x02 : 0;
            if (willFlag)
            {
                remaining += StringLength(willTopic) + StringLength(willMessage);
                flags |= 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0);
            }

            if (userName != null)
            {
                remaining += StringLength(userName);
                flags |= 0x80;
            }

            if (password != null)
            {
                remaining += StringLength(password);
                flags |= 0x40;
            }

            int position = Begin(PacketType.Connect << 4, remaining);
            position = WriteString(position, "MQTT");
            _buffer[position++] = 4;
            _buffer[position++] = (byte)flags;
            position = WriteId(position, keepAlive);
            position = WriteString(position, clientId);
            if (willFlag)
            {
                position = WriteString(position, willTopic);
                position = WriteString(position, willMessage);
            }

            if (userName != null)
            {
                position = WriteString(position, userName);
            }

            if (password != null)
            {
                position = WriteString(position, password);
            }

            return position;
        }

        /// <summary>
        /// A PUBLISH's fixed header, topic and packet identifier, followed by as much of the payload as
        /// fits the buffer. Returns the encoded length; <paramref name="payloadCopied"/> says how much of
        /// the payload is in it (the client sends the rest straight from <paramref name="payload"/>).
        /// </summary>
        internal int Publish(string topic, byte[] payload, int qos, bool retain, bool dup, ushort id, out int payloadCopied)
        {
            int head = StringLength(topic) + (qos > 0 ? 2 : 0);
            int first = (PacketType.Publish << 4) | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0);
            int position = Begin(first, head + payload.Length);
            position = WriteString(position, topic);
            if (qos > 0)
            {
                position = WriteId(position, id);
            }

            int room = _buffer.Length - position;
            payloadCopied = payload.Length < room ? payload.Length : room;
            Array.Copy(payload, 0, _buffer, position, payloadCopied);
            return position + payloadCopied;
        }

        /// <summary>SUBSCRIBE (3.8): fixed flags 0010, the identifier, then each filter with its requested QoS.</summary>
        internal int Subscribe(ushort id, string[] topics, MqttQoSLevel[] qosLevels)
        {
            int remaining = 2;
            for (int i = 0; i < topics.Length; i++)
            {
                remaining += StringLength(topics[i]) + 1;
            }

            int position = Begin((PacketType.Subscribe << 4) | 0x02, remaining);
            position = WriteId(position, id);
            for (int i = 0; i < topics.Length; i++)
            {
                position = WriteString(position, topics[i]);
                _buffer[position++] = (byte)qosLevels[i];
            }

            return position;
        }

        /// <summary>UNSUBSCRIBE (3.10): fixed flags 0010, the identifier, then the filters.</summary>
        internal int Unsubscribe(ushort id, string[] topics)
        {
            int remaining = 2;
            for (int i = 0; i < topics.Length; i++)
            {
                remaining += StringLength(topics[i]);
            }

            int position = Begin((PacketType.Unsubscribe << 4) | 0x02, remaining);
            position = WriteId(position, id);
            for (int i = 0; i < topics.Length; i++)
            {
                position = WriteString(position, topics[i]);
            }

            return position;
        }

        /// <summary>PUBACK (3.4): the identifier of the QoS 1 message received.</summary>
        internal int PubAck(ushort id)
        {
            int position = Begin(PacketType.PubAck << 4, 2);
            return WriteId(position, id);
        }

        /// <summary>A packet with no body: PINGREQ or DISCONNECT.</summary>
        internal int Bare(int type)
        {
            return Begin(type << 4, 0);
        }

        // Writes the fixed header and makes room for the whole packet when it fits no reusable buffer
        // (a long CONNECT or SUBSCRIBE; a PUBLISH needs only its head in the buffer).
        private int Begin(int first, int remaining)
        {
            if (remaining > PacketType.MaxRemainingLength)
            {
                throw new ArgumentException("an MQTT packet carries at most 268,435,455 bytes");
            }

            int head = first >> 4 == PacketType.Publish ? 0 : remaining;
            if (5 + head > _buffer.Length)
            {
                _buffer = new byte[5 + head];
            }

            _buffer[0] = (byte)first;
            int position = 1;
            do
            {
                int digit = remaining % 128;
                remaining /= 128;
                _buffer[position++] = (byte)(remaining > 0 ? digit | 0x80 : digit);
            }
            while (remaining > 0);

            return position;
        }

        private int WriteString(int position, string text)
        {
            int length = AsciiBytes.Utf8Length(text);
            EnsureRoom(position, 2 + length);
            position = WriteId(position, (ushort)length);
            return AsciiBytes.WriteUtf8(_buffer, position, text);
        }

        private int WriteId(int position, ushort value)
        {
            _buffer[position] = (byte)(value >> 8);
            _buffer[position + 1] = (byte)value;
            return position + 2;
        }

        // Only a publish's topic can outgrow the buffer after Begin (its payload is not counted there).
        private void EnsureRoom(int position, int count)
        {
            if (position + count + 2 > _buffer.Length)
            {
                byte[] larger = new byte[position + count + 2];
                Array.Copy(_buffer, 0, larger, 0, position);
                _buffer = larger;
            }
        }
    }
}
