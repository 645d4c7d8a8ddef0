using System;
using System.Threading;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Mqtt
{
    /// <summary>
    /// The one thread per connection that reads the broker's packets, raises the client's events and
    /// keeps the connection alive: it waits for data in slices, and a slice that passes with nothing
    /// in sends PINGREQ when the client has been quiet for three quarters of the keep-alive period, or
    /// ends the connection when a PINGREQ went unanswered for a whole period.
    /// </summary>
    internal sealed class Receiver
    {
        private readonly EsWifiMqttClient _client;
        private char[] _topicChars = new char[64];
        private Thread _thread;
        private EsWifiNetworkStream _stream;
        private int _keepAlive;
        private int _slice;
        private long _lastSent;
        private long _pingSent;
        private string _stopReason;

        internal Receiver(EsWifiMqttClient client)
        {
            _client = client;
        }

        internal void Start(EsWifiNetworkStream stream, int keepAliveMilliseconds)
        {
            _stream = stream;
            _keepAlive = keepAliveMilliseconds;
            // A quarter period: long slices let the driver's idle polls back off to their limit instead of
            // starting over at every slice (an idle connection costs the link and the CPU only those polls).
            _slice = keepAliveMilliseconds <= 0 ? -1 : keepAliveMilliseconds / 4;
            _lastSent = Now();
            _pingSent = -1;
            _stopReason = null;
            stream.ReadTimeout = _slice;
            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>Notes that the client sent a packet (any packet resets the keep-alive clock).</summary>
        internal void Sent()
        {
            _lastSent = Now();
        }

        /// <summary>The thread of the current (or last) connection, or null before the first.</summary>
        internal Thread Current => _thread;

        /// <summary>Says why the connection is about to be closed by the client itself; returns its thread, to join.</summary>
        internal Thread Stop(string reason)
        {
            _stopReason = reason;
            return _thread;
        }

        /// <summary>Waits until <paramref name="thread"/> has finished (not when called from it: a ConnectionClosed handler may reconnect or disconnect).</summary>
        internal void Join(Thread thread)
        {
            if (thread != null && thread != Thread.CurrentThread)
            {
                thread.Join();
            }
        }

        private void Run()
        {
            EsWifiNetworkStream stream = _stream;
            PacketReader reader = _client.Reader;
            string reason = "the broker closed the connection";
            try
            {
                while (true)
                {
                    bool got;
                    try
                    {
                        got = reader.Next();
                    }
                    catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.Timeout)
                    {
                        if (!KeepAlive())
                        {
                            reason = "the broker did not answer PINGREQ within the keep-alive period";
                            break;
                        }

                        continue;
                    }

                    if (!got)
                    {
                        break;
                    }

                    Dispatch(reader);
                }
            }
            catch (MqttClientException e)
            {
                reason = e.Message;
            }
            catch (Exception e)
            {
                reason = "the connection failed: " + e.Message;
            }

            if (_stopReason != null)
            {
                reason = _stopReason;
            }

            _client.Ended(stream, reason);
        }

        // False when the broker has stopped answering.
        private bool KeepAlive()
        {
            if (_keepAlive <= 0)
            {
                return true;
            }

            long now = Now();
            if (_pingSent >= 0)
            {
                return now - _pingSent < _keepAlive;
            }

            if (now - _lastSent >= _keepAlive - _slice)
            {
                _pingSent = now;
                _client.SendPing();
            }

            return true;
        }

        private void Dispatch(PacketReader reader)
        {
            byte[] body = reader.Body;
            int offset = reader.BodyOffset;
            int length = reader.BodyLength;
            switch (reader.Type)
            {
                case PacketType.Publish:
                    Received(reader.Flags, body, offset, length);
                    return;

                case PacketType.PubAck:
                    ushort acked = IdOf(reader, 2);
                    if (_client.Acknowledged(acked))
                    {
                        _client.RaisePublished(acked);
                    }

                    return;

                case PacketType.SubAck:
                    if (length < 3)
                    {
                        throw Malformed("a SUBACK without return codes");
                    }

                    ushort subscribed = IdOf(reader, -1);
                    MqttQoSLevel[] granted = new MqttQoSLevel[length - 2];
                    for (int i = 0; i < granted.Length; i++)
                    {
                        int code = body[offset + 2 + i];
                        if (code > 2 && code != 0x80)
                        {
                            throw Malformed("a SUBACK return code of " + code.ToString());
                        }

                        granted[i] = (MqttQoSLevel)code;
                    }

                    _client.RaiseSubscribed(subscribed, granted);
                    return;

                case PacketType.UnsubAck:
                    _client.RaiseUnsubscribed(IdOf(reader, 2));
                    return;

                case PacketType.PingResp:
                    if (length != 0)
                    {
                        throw Malformed("a PINGRESP with a body");
                    }

                    _pingSent = -1;
                    return;

                default:
                    throw new MqttClientException(MqttClientError.ProtocolViolation, "the broker sent a packet of type " + reader.Type.ToString() + ", which a client does not receive at QoS 0 and 1");
            }
        }

        private void Received(int flags, byte[] body, int offset, int length)
        {
            int qos = (flags >> 1) & 0x03;
            if (qos == 3)
            {
                throw Malformed("a PUBLISH with QoS 3");
            }

            if (qos == 2)
            {
                throw new MqttClientException(MqttClientError.ProtocolViolation, "the broker sent a QoS 2 message, above every QoS this client subscribes with");
            }

            int topicLength = length < 2 ? -1 : (body[offset] << 8) | body[offset + 1];
            int headLength = 2 + topicLength + (qos > 0 ? 2 : 0);
            if (topicLength < 1 || headLength > length)
            {
                throw Malformed("a PUBLISH whose topic does not fit the packet");
            }

            if (_topicChars.Length < topicLength)
            {
                _topicChars = new char[topicLength];
            }

            // The topic string, the payload array and the event arguments are all a message costs.
            string topic = AsciiBytes.ToText(body, offset + 2, topicLength, _topicChars);
            ushort id = 0;
            if (qos > 0)
            {
                int at = offset + 2 + topicLength;
                id = (ushort)((body[at] << 8) | body[at + 1]);
                if (id == 0)
                {
                    throw Malformed("a QoS 1 PUBLISH with packet identifier 0");
                }
            }

            byte[] payload = new byte[length - headLength];
            Array.Copy(body, offset + headLength, payload, 0, payload.Length);
            _client.RaiseReceived(new MqttMsgPublishEventArgs(topic, payload, (flags & 0x08) != 0, (MqttQoSLevel)qos, (flags & 0x01) != 0));
            if (qos == 1)
            {
                _client.SendPubAck(id);
            }
        }

        // The packet identifier at the start of the body; exactLength -1 allows more bytes to follow.
        private static ushort IdOf(PacketReader reader, int exactLength)
        {
            if ((exactLength >= 0 && reader.BodyLength != exactLength) || reader.BodyLength < 2 || reader.Flags != 0)
            {
                throw Malformed("an acknowledgement of the wrong shape (type " + reader.Type.ToString() + ")");
            }

            return (ushort)((reader.Body[reader.BodyOffset] << 8) | reader.Body[reader.BodyOffset + 1]);
        }

        private static MqttClientException Malformed(string what)
        {
            return new MqttClientException(MqttClientError.MalformedPacket, "the broker sent " + what);
        }

        private static long Now()
        {
            return SystemClock.Instance.NowMilliseconds;
        }
    }
}
