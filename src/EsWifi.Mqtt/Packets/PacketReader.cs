using System;
using System.IO;

namespace EsWifi.Mqtt
{
    /// <summary>
    /// Takes whole MQTT packets from a stream. Bytes are read in as large pieces as the stream gives
    /// (one module read each) into one reusable buffer; a packet that does not fit gets an array of its
    /// own. Only complete, well-formed packets come out: the state survives a read timeout, so the
    /// caller can wait in slices (for keep-alive) without losing a packet that is half in.
    /// </summary>
    internal sealed class PacketReader
    {
        private readonly byte[] _buffer;
        private Stream _stream;
        private int _start;
        private int _end;
        private byte[] _large;
        private int _largeFilled;

        internal PacketReader(int capacity)
        {
            _buffer = new byte[capacity];
        }

        /// <summary>The largest packet accepted; a larger one is refused as malformed before it is read.</summary>
        internal int MaxPacketSize { get; set; }

        /// <summary>The last packet's type (high nibble of its first byte).</summary>
        internal int Type { get; private set; }

        /// <summary>The last packet's flags (low nibble of its first byte).</summary>
        internal int Flags { get; private set; }

        /// <summary>Holds the last packet's body, valid until the next <see cref="Next"/>.</summary>
        internal byte[] Body { get; private set; }

        /// <summary>Where the body starts in <see cref="Body"/>.</summary>
        internal int BodyOffset { get; private set; }

        /// <summary>The body's length (the remaining length of the fixed header).</summary>
        internal int BodyLength { get; private set; }

        /// <summary>Starts over on a new connection.</summary>
        internal void Reset(Stream stream)
        {
            _stream = stream;
            _start = 0;
            _end = 0;
            _large = null;
            _largeFilled = 0;
            Body = null;
        }

        /// <summary>
        /// Reads until one packet is complete. Returns false when the peer closed the connection. A read
        /// timeout of the stream passes through and leaves the partial packet in place.
        /// </summary>
        /// <exception cref="MqttClientException">A malformed or oversized packet.</exception>
        internal bool Next()
        {
            Body = null;
            while (true)
            {
                if (_large != null)
                {
                    if (_largeFilled == _large.Length)
                    {
                        Body = _large;
                        BodyOffset = 0;
                        BodyLength = _large.Length;
                        _large = null;
                        return true;
                    }

                    int got = _stream.Read(_large, _largeFilled, _large.Length - _largeFilled);
                    if (got <= 0)
                    {
                        return false;
                    }

                    _largeFilled += got;
                    continue;
                }

                if (TakeBuffered())
                {
                    return true;
                }

                if (_large != null)
                {
                    continue;
                }

                if (!Fill())
                {
                    return false;
                }
            }
        }

        // A complete packet in the buffer becomes the current one; a packet larger than the buffer moves
        // to an array of its own. False when more bytes are needed.
        private bool TakeBuffered()
        {
            int available = _end - _start;
            if (available < 2)
            {
                return false;
            }

            int first = _buffer[_start];
            int type = first >> 4;
            if (type < PacketType.Connect || type > PacketType.Disconnect)
            {
                throw Malformed("a packet of reserved type " + type.ToString());
            }

            int remaining = 0;
            int multiplier = 1;
            int position = _start + 1;
            while (true)
            {
                if (position == _end)
                {
                    return false;
                }

                int digit = _buffer[position++];
                remaining += (digit & 0x7F) * multiplier;
                if ((digit & 0x80) == 0)
                {
                    break;
                }

                if (position - _start > 4)
                {
                    throw Malformed("a remaining length longer than four bytes");
                }

                multiplier *= 128;
            }

            int header = position - _start;
            if (remaining > MaxPacketSize - header)
            {
                throw Malformed("a packet of " + remaining.ToString() + " bytes, over the client's MaxPacketSize of " + MaxPacketSize.ToString());
            }

            Type = type;
            Flags = first & 0x0F;
            if (header + remaining <= available)
            {
                Body = _buffer;
                BodyOffset = position;
                BodyLength = remaining;
                _start = position + remaining;
                return true;
            }

            if (header + remaining > _buffer.Length)
            {
                _large = new byte[remaining];
                _largeFilled = available - header;
                Array.Copy(_buffer, position, _large, 0, _largeFilled);
                _start = 0;
                _end = 0;
            }

            return false;
        }

        private bool Fill()
        {
            if (_start == _end)
            {
                _start = 0;
                _end = 0;
            }
            else if (_start > 0 && _end == _buffer.Length)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int got = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (got <= 0)
            {
                return false;
            }

            _end += got;
            return true;
        }

        private static MqttClientException Malformed(string what)
        {
            return new MqttClientException(MqttClientError.MalformedPacket, "the broker sent " + what);
        }
    }
}
