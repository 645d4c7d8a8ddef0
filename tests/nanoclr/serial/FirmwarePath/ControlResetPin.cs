namespace EsWifi.FirmwarePath
{
    /// <summary>
    /// The module's reset line, wired through the bench: releasing it reboots the emulated module
    /// (the POSIX nanoCLR has no GPIO natives, so the harness plays the wire).
    /// </summary>
    internal sealed class ControlResetPin : IResetPin
    {
        private readonly Control _control;
        private bool _asserted;

        internal ControlResetPin(Control control)
        {
            _control = control;
        }

        /// <summary>Pulses seen so far.</summary>
        internal int Pulses { get; private set; }

        public void Write(bool asserted)
        {
            if (_asserted && !asserted)
            {
                Pulses++;
                _control.Ask("RESET");
            }

            _asserted = asserted;
        }
    }
}
