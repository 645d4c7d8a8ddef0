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

        /// <summary>
        /// The same counter in microseconds, for waits shorter than a millisecond (the UART end gap
        /// is a few character times); only differences are used.
        /// </summary>
        long NowMicroseconds { get; }

        /// <summary>
        /// Waits (or, in virtual time, advances) the given number of milliseconds. <c>Sleep(0)</c>
        /// gives the processor to other threads once; a virtual clock advances one microsecond.
        /// </summary>
        /// <param name="milliseconds">How long to wait.</param>
        void Sleep(int milliseconds);
    }
}
