namespace EsWifi.Mqtt
{
    /// <summary>
    /// QoS 1 messages sent and not yet acknowledged, in the order they were published: a fixed number of
    /// slots (no collections on the device), kept across a lost connection and sent again, marked as
    /// duplicates, after the next Connect that resumes the session. The payload arrays are the caller's,
    /// not copies.
    /// </summary>
    internal sealed class InflightMessages
    {
        private readonly ushort[] _ids;
        private readonly string[] _topics;
        private readonly byte[][] _payloads;
        private readonly bool[] _retain;

        internal InflightMessages(int capacity)
        {
            _ids = new ushort[capacity];
            _topics = new string[capacity];
            _payloads = new byte[capacity][];
            _retain = new bool[capacity];
        }

        internal int Count { get; private set; }

        internal bool IsFull => Count == _ids.Length;

        internal ushort IdAt(int index) => _ids[index];

        internal string TopicAt(int index) => _topics[index];

        internal byte[] PayloadAt(int index) => _payloads[index];

        internal bool RetainAt(int index) => _retain[index];

        internal void Add(ushort id, string topic, byte[] payload, bool retain)
        {
            _ids[Count] = id;
            _topics[Count] = topic;
            _payloads[Count] = payload;
            _retain[Count] = retain;
            Count++;
        }

        /// <summary>Forgets the message with this identifier; false when none is waiting for it.</summary>
        internal bool Remove(ushort id)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_ids[i] != id)
                {
                    continue;
                }

                for (int k = i + 1; k < Count; k++)
                {
                    _ids[k - 1] = _ids[k];
                    _topics[k - 1] = _topics[k];
                    _payloads[k - 1] = _payloads[k];
                    _retain[k - 1] = _retain[k];
                }

                Count--;
                _topics[Count] = null;
                _payloads[Count] = null;
                return true;
            }

            return false;
        }

        internal bool Contains(ushort id)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_ids[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        internal void Clear()
        {
            while (Count > 0)
            {
                Count--;
                _topics[Count] = null;
                _payloads[Count] = null;
            }
        }
    }
}
