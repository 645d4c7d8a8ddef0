namespace EsWifi.NanoTests
{
    /// <summary>Virtual time: <see cref="Sleep"/> advances the counter instead of waiting.</summary>
    public sealed class ManualClock : IClock
    {
        /// <summary>Current virtual time in milliseconds.</summary>
        public long NowMilliseconds { get; private set; }

        /// <summary>Advances virtual time.</summary>
        public void Sleep(int milliseconds)
        {
            NowMilliseconds += milliseconds;
        }
    }
}
