namespace EsWifi.NanoTests
{
    /// <summary>Virtual time: <see cref="Sleep"/> advances the counter instead of waiting (safe from several threads); kept in microseconds, <c>Sleep(0)</c> advances one.</summary>
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
                    return _now / 1000;
                }
            }
        }

        /// <summary>Current virtual time in microseconds.</summary>
        public long NowMicroseconds
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
                _now += milliseconds == 0 ? 1 : milliseconds * 1000L;
            }
        }
    }
}
