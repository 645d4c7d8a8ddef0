namespace EsWifi.NanoTests
{
    /// <summary>Virtual time: <see cref="Sleep"/> advances the counter instead of waiting (safe from several threads).</summary>
    public sealed class ManualClock : IClock
    {
        private readonly object _sync = new object();
        private long _now;

        /// <summary>Current virtual time in milliseconds.</summary>
        public long NowMilliseconds
        {
            get
            {
                lock (_sync)
                {
                    return _now;
                }
            }
        }

        /// <summary>Advances virtual time.</summary>
        public void Sleep(int milliseconds)
        {
            lock (_sync)
            {
                _now += milliseconds;
            }
        }
    }
}
