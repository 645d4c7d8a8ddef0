namespace EsWifi.Emulator.Faults;

/// <summary>What an injected fault does to one answer (or to the link).</summary>
public enum FaultKind
{
    /// <summary>Remove the answer byte at <see cref="Fault.Offset"/>.</summary>
    DropByte,

    /// <summary>Replace the answer byte at <see cref="Fault.Offset"/> by <see cref="Fault.Bytes"/>[0].</summary>
    CorruptByte,

    /// <summary>Insert <see cref="Fault.Bytes"/> at <see cref="Fault.Offset"/> (negative: before the answer).</summary>
    InsertBytes,

    /// <summary>Answer <see cref="Fault.Milliseconds"/> later.</summary>
    Delay,

    /// <summary>Reboot instead of answering: the host sees the boot cursor.</summary>
    ResetInsteadOfAnswer,

    /// <summary>Send the first <see cref="Fault.Offset"/> bytes of the answer, then reboot.</summary>
    ResetDuringAnswer,

    /// <summary>Send nothing at all.</summary>
    Silence,

    /// <summary>SPI: data-ready stays high after the answer (the host keeps reading 0x15).</summary>
    StickDataReady,
}

/// <summary>One fault, fired on the next command whose name matches.</summary>
public sealed class Fault
{
    /// <summary>Two-letter command it fires on (e.g. <c>R0</c>); null for any command.</summary>
    public string Command { get; init; }

    public FaultKind Kind { get; init; }

    public int Offset { get; init; }

    /// <summary>
    /// Where in the answer the fault strikes as a fraction of its length (0: first byte, 0.5: the
    /// middle, 1: last byte); null to use <see cref="Offset"/>. Lets one fault hit the start, middle
    /// or end of answers whose length the caller does not know.
    /// </summary>
    public double? At { get; init; }

    /// <summary>The byte offset this fault strikes in an answer of <paramref name="length"/> bytes.</summary>
    public int OffsetIn(int length) =>
        At is double fraction ? Math.Clamp((int)Math.Round(fraction * Math.Max(0, length - 1)), 0, Math.Max(0, length - 1)) : Offset;

    public byte[] Bytes { get; init; } = Array.Empty<byte>();

    public int Milliseconds { get; init; }
}
