namespace EsWifi
{
    /// <summary>Direction of a traced exchange.</summary>
    public enum AtTraceDirection
    {
        /// <summary>Host to module (a command, maybe with its payload).</summary>
        ToModule = 1,

        /// <summary>Module to host (an answer or an unsolicited message).</summary>
        FromModule = 2,
    }

    /// <summary>
    /// Receives a printable rendering of each exchange: control bytes escaped (<c>\r</c>, <c>\n</c>,
    /// <c>\xNN</c>), passphrases replaced by <c>***</c>, certificate and key payloads replaced by their length.
    /// </summary>
    /// <param name="direction">Which way the bytes went.</param>
    /// <param name="text">The rendering.</param>
    public delegate void AtTraceHandler(AtTraceDirection direction, string text);
}
