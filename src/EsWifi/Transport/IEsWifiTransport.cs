namespace EsWifi
{
    /// <summary>
    /// Moves whole frames to and from the module and owns the framing only (UART: prompt and
    /// quiet-gap rules; SPI: data-ready phases and padding). It never alters payload bytes.
    /// </summary>
    public interface IEsWifiTransport
    {
        /// <summary>Bytes received from the module so far, framed or not (a sign of life: it answered something).</summary>
        long BytesReceived { get; }

        /// <summary>
        /// True when the module pushes unsolicited messages into the byte stream (UART); false when
        /// they must be fetched with <c>MR</c> (SPI).
        /// </summary>
        bool PushesMessages { get; }

        /// <summary>
        /// Sends one command: the formatted header, then an optional binary payload straight from
        /// the caller's buffer (no copy).
        /// </summary>
        /// <param name="command">Header bytes, ending in <c>\r</c>.</param>
        /// <param name="commandOffset">Start of the header.</param>
        /// <param name="commandCount">Length of the header.</param>
        /// <param name="payload">Binary payload (S3, PG), or null.</param>
        /// <param name="payloadOffset">Start of the payload.</param>
        /// <param name="payloadCount">Length of the payload (0 for none).</param>
        void Send(byte[] command, int commandOffset, int commandCount, byte[] payload, int payloadOffset, int payloadCount);

        /// <summary>
        /// Receives one frame into the caller's buffer.
        /// </summary>
        /// <param name="buffer">Destination buffer.</param>
        /// <param name="offset">Where the frame starts.</param>
        /// <param name="count">Room in the destination.</param>
        /// <param name="timeoutMilliseconds">How long to wait for a complete frame (0: only what has already arrived).</param>
        /// <param name="binaryPayloadLimit">0 for a text answer; for an <c>R0</c> answer the most data bytes it may carry (its R1).</param>
        /// <returns>The frame length, or 0 when no complete frame arrived in time.</returns>
        int Receive(byte[] buffer, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit);

        /// <summary>Drops every byte received so far that is not part of a returned frame (resynchronisation).</summary>
        /// <returns>Number of bytes dropped.</returns>
        int DiscardInput();

        /// <summary>
        /// The host has just reset the module (reset pin): forget what was in flight; the next thing
        /// the module sends is its boot prompt.
        /// </summary>
        void OnModuleReset();
    }
}
