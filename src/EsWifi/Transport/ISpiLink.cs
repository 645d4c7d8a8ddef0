namespace EsWifi
{
    /// <summary>
    /// The SPI bus to the module in 16-bit mode (mode 0, MSB first), with a chip select the driver
    /// controls, because one data phase can span several transfers while CS stays low.
    /// </summary>
    public interface ISpiLink
    {
        /// <summary>Pulls chip select low.</summary>
        void Select();

        /// <summary>Releases chip select.</summary>
        void Deselect();

        /// <summary>
        /// Clocks <paramref name="count"/> 16-bit words. Word k goes out as
        /// <c>write[2k] | write[2k+1] &lt;&lt; 8</c> (the module's byte order: first character in the low
        /// byte) and comes back into <c>read</c> the same way. Either buffer may be null: null
        /// <paramref name="write"/> sends filler words, null <paramref name="read"/> drops what comes back.
        /// </summary>
        /// <param name="write">Bytes to send (2 per word), or null.</param>
        /// <param name="writeOffset">Start in <paramref name="write"/>.</param>
        /// <param name="read">Buffer for received bytes (2 per word), or null.</param>
        /// <param name="readOffset">Start in <paramref name="read"/>.</param>
        /// <param name="count">Number of words.</param>
        void Exchange(byte[] write, int writeOffset, byte[] read, int readOffset, int count);
    }

    /// <summary>The module's CMD/DATA-READY output (active high).</summary>
    public interface IDataReadyPin
    {
        /// <summary>True while data-ready is high.</summary>
        bool IsHigh { get; }
    }
}
