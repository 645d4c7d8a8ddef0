using System;

namespace EsWifi.NanoBench
{
    /// <summary>
    /// Virtual time for the benchmark: what the driver waits for (the UART end gap, poll pauses)
    /// passes at once, so the time measured is the driver's own work. A yield (<c>Sleep(0)</c>) moves
    /// the clock past one end gap. Each reading still asks the system clock, as SystemClock does, so a
    /// clock read costs what it costs on a board.
    /// </summary>
    internal sealed class BenchClock : IClock
    {
        private long _micro;
        private long _sink;

        public long NowMilliseconds
        {
            get
            {
                _sink += DateTime.UtcNow.Ticks;
                return _micro / 1000;
            }
        }

        public long NowMicroseconds
        {
            get
            {
                _sink += DateTime.UtcNow.Ticks;
                return _micro;
            }
        }

        public void Sleep(int milliseconds)
        {
            _micro += milliseconds == 0 ? 600 : milliseconds * 1000L;
        }
    }
}
