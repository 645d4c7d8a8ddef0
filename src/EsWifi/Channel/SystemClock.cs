using System;
using System.Threading;

namespace EsWifi
{
    /// <summary>Real time: <see cref="DateTime.UtcNow"/> and <see cref="Thread.Sleep(int)"/>.</summary>
    /// <remarks>
    /// nanoFramework's mscorlib has neither Stopwatch nor Environment.TickCount, so the wall clock is
    /// the only counter; a clock step (SNTP) can lengthen or shorten one pending timeout.
    /// </remarks>
    public sealed class SystemClock : IClock
    {
        /// <summary>The shared instance.</summary>
        public static readonly SystemClock Instance = new SystemClock();

        private SystemClock()
        {
        }

        /// <inheritdoc />
        public long NowMilliseconds => DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;

        /// <inheritdoc />
        public long NowMicroseconds => DateTime.UtcNow.Ticks / 10;

        /// <inheritdoc />
        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
