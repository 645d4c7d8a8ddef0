namespace EsWifi
{
    /// <summary>
    /// A raw byte pipe to the module (a UART). Implementations: the SerialPort adapter, the
    /// in-memory link of the tests, a pseudo-terminal. Reads never block: the UART framing polls.
    /// </summary>
    public interface IByteLink
    {
        /// <summary>Number of received bytes that can be read without waiting.</summary>
        int BytesAvailable { get; }

        /// <summary>Sends bytes to the module; returns once they are handed to the link.</summary>
        /// <param name="buffer">Source buffer.</param>
        /// <param name="offset">Start of the bytes to send.</param>
        /// <param name="count">Number of bytes to send.</param>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Copies up to <paramref name="count"/> already received bytes; returns how many (0 when none).</summary>
        /// <param name="buffer">Destination buffer.</param>
        /// <param name="offset">Where to put the first byte.</param>
        /// <param name="count">Room in the destination.</param>
        /// <returns>Bytes copied.</returns>
        int Read(byte[] buffer, int offset, int count);
    }
}
