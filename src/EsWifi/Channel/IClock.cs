namespace EsWifi
{
    /// <summary>
    /// The driver's only source of time, so timeouts can be tested in virtual time and the device
    /// build needs no Stopwatch (absent from nanoFramework's mscorlib).
    /// </summary>
    public interface IClock
    {
        /// <summary>A monotonic-enough millisecond counter; only differences are used.</summary>
        long NowMilliseconds { get; }

        /// <summary>Waits (or, in virtual time, advances) the given number of milliseconds.</summary>
        /// <param name="milliseconds">How long to wait.</param>
        void Sleep(int milliseconds);
    }
}
