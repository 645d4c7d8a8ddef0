namespace EsWifi
{
    /// <summary>
    /// The one way the driver resets the module with its RESET line: assert, hold, tell the transport
    /// that the next thing the module sends is its boot prompt, release. Used by
    /// <see cref="EsWifiModule.Initialize()"/> and by <see cref="SpiTransport"/> when data-ready is stuck.
    /// </summary>
    internal static class ResetPulse
    {
        internal static void Apply(IResetPin pin, IClock clock, int holdMilliseconds, IEsWifiTransport transport)
        {
            pin.Write(true);
            clock.Sleep(holdMilliseconds);
            if (transport != null)
            {
                transport.OnModuleReset();
            }

            pin.Write(false);
        }
    }
}
