namespace EsWifi
{
    /// <summary>The module's RESET line (active low), when the board wires it to a GPIO.</summary>
    public interface IResetPin
    {
        /// <summary>Drives the line: true holds the module in reset, false releases it.</summary>
        /// <param name="asserted">Whether to hold the module in reset.</param>
        void Write(bool asserted);
    }
}
