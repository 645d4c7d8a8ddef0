namespace EsWifi
{
    /// <summary>
    /// Unsolicited module messages (<c>[TCP SVR] Accepted …</c>, <c>[AP DHCP] …</c>) waiting for the
    /// layers above. A fixed ring: when full, the oldest message is dropped and counted, so a host
    /// that never reads messages cannot run out of memory.
    /// </summary>
    internal sealed class AsyncMessageQueue
    {
        private readonly string[] _ring;
        private readonly object _sync = new object();
        private int _head;
        private int _count;

        /// <summary>Creates a queue holding at most <paramref name="capacity"/> messages.</summary>
        /// <param name="capacity">Number of slots (1 or more).</param>
        public AsyncMessageQueue(int capacity)
        {
            _ring = new string[capacity < 1 ? 1 : capacity];
        }

        /// <summary>Number of messages waiting.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _count;
                }
            }
        }

        /// <summary>Messages dropped because the queue was full.</summary>
        public int Dropped { get; private set; }

        /// <summary>Adds a message, dropping the oldest one when full.</summary>
        /// <param name="message">The message text, without envelope.</param>
        public void Enqueue(string message)
        {
            lock (_sync)
            {
                if (_count == _ring.Length)
                {
                    _head = (_head + 1) % _ring.Length;
                    _count--;
                    Dropped++;
                }

                _ring[(_head + _count) % _ring.Length] = message;
                _count++;
            }
        }

        /// <summary>Removes and returns the oldest message, or null when there is none.</summary>
        /// <returns>The message or null.</returns>
        public string TryDequeue()
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    return null;
                }

                string message = _ring[_head];
                _ring[_head] = null;
                _head = (_head + 1) % _ring.Length;
                _count--;
                return message;
            }
        }

        /// <summary>True when a message starting with <paramref name="prefix"/> is waiting (nothing is removed).</summary>
        /// <param name="prefix">Text the message must begin with.</param>
        /// <returns>True when there is one.</returns>
        public bool Contains(string prefix)
        {
            lock (_sync)
            {
                for (int i = 0; i < _count; i++)
                {
                    if (_ring[(_head + i) % _ring.Length].StartsWith(prefix))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// Removes and returns the oldest message that starts with <paramref name="prefix"/>, or null;
        /// other messages keep their order.
        /// </summary>
        /// <param name="prefix">Text the message must begin with, e.g. <c>[TCP SVR] Accepted </c>.</param>
        /// <returns>The message or null.</returns>
        public string TryDequeue(string prefix)
        {
            lock (_sync)
            {
                for (int i = 0; i < _count; i++)
                {
                    int slot = (_head + i) % _ring.Length;
                    string message = _ring[slot];
                    if (!message.StartsWith(prefix))
                    {
                        continue;
                    }

                    for (int k = i; k < _count - 1; k++)
                    {
                        _ring[(_head + k) % _ring.Length] = _ring[(_head + k + 1) % _ring.Length];
                    }

                    _ring[(_head + _count - 1) % _ring.Length] = null;
                    _count--;
                    return message;
                }

                return null;
            }
        }
    }
}
