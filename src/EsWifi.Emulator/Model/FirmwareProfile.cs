namespace EsWifi.Emulator.Model;

/// <summary>
/// The firmware differences the emulator reproduces (protocol.md §1.1 and §11). The product strings
/// of the C3.5.2.5.STM profile are the captured ones (T2); the others follow the same pattern.
/// </summary>
public sealed class FirmwareProfile
{
    /// <summary>C3.5.2.5.STM, the SPI build on B-L475E-IOT01A: F0=2 scanning, MS 0–3, a rewritable set 3.</summary>
    public static readonly FirmwareProfile C3525Stm = new()
    {
        Name = "C3.5.2.5.STM",
        ProductId = "ISM43362-M3G-L44-SPI",
        FirmwareVersion = "C3.5.2.5.STM",
        ApiVersion = "v3.5.2",
        StackVersion = "v1.4.0.rc1",
        RtosVersion = "v8.2.1",
        SupportsScanPerRecord = true,
        MaxMessageSuppression = 3,
        HasRewritableSet3 = true,
    };

    /// <summary>A UART build of the same firmware line (no F0=2; messages pushed in the stream).</summary>
    public static readonly FirmwareProfile C3525Uart = new()
    {
        Name = "C3.5.2.5.UART",
        ProductId = "ISM43362-M3G-L44-UART",
        FirmwareVersion = "C3.5.2.5.UART",
        ApiVersion = "v3.5.2",
        StackVersion = "v1.4.0.rc1",
        RtosVersion = "v8.2.1",
        MaxMessageSuppression = 3,
    };

    /// <summary>C6.2.1.7, the non-STM firmware that CMSIS-Driver supports.</summary>
    public static readonly FirmwareProfile C6217 = new()
    {
        Name = "C6.2.1.7",
        ProductId = "ISM43362-M3G-L44-SPI",
        FirmwareVersion = "C6.2.1.7",
        ApiVersion = "v6.2.1",
        StackVersion = "v2.0.0",
        RtosVersion = "v8.2.1",
        SupportsScanPerRecord = true,
        MaxMessageSuppression = 1,
    };

    /// <summary>C6.2.1.8: 12-byte empty OK, an extra CR LF before OK after data, no single-byte R0.</summary>
    public static readonly FirmwareProfile C6218 = new()
    {
        Name = "C6.2.1.8",
        ProductId = "ISM43362-M3G-L44-SPI",
        FirmwareVersion = "C6.2.1.8",
        ApiVersion = "v6.2.1",
        StackVersion = "v2.0.0",
        RtosVersion = "v8.2.1",
        SupportsScanPerRecord = true,
        ExtraCrLfBeforeOk = true,
        DropsSingleByteRead = true,
        MaxMessageSuppression = 1,
        HasRewritableSet3 = true,
    };

    public static readonly FirmwareProfile[] All = { C3525Stm, C3525Uart, C6217, C6218 };

    public string Name { get; init; }

    public string ProductId { get; init; }

    public string FirmwareVersion { get; init; }

    public string ApiVersion { get; init; }

    public string StackVersion { get; init; }

    public string RtosVersion { get; init; }

    /// <summary><c>F0=2</c> then one access point per <c>MR</c>.</summary>
    public bool SupportsScanPerRecord { get; init; }

    /// <summary>Every OK envelope has an extra CR LF before OK (12-byte empty answer).</summary>
    public bool ExtraCrLfBeforeOk { get; init; }

    /// <summary>An R0 with R1=1 returns nothing (CMSIS note on C6.2.1.8).</summary>
    public bool DropsSingleByteRead { get; init; }

    /// <summary>Highest accepted <c>MS</c> value.</summary>
    public int MaxMessageSuppression { get; init; }

    /// <summary>Certificate set 3 exists and can be rewritten (ST's "multiple write slot").</summary>
    public bool HasRewritableSet3 { get; init; }

    public int CertificateSets => HasRewritableSet3 ? 4 : 3;

    public string InfoLine => $"{ProductId},{FirmwareVersion},{ApiVersion},{StackVersion},{RtosVersion},120000000,Inventek eS-WiFi";

    public static FirmwareProfile ByName(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException("unknown firmware profile " + name + "; known: " + string.Join(", ", All.Select(p => p.Name)));

    public override string ToString() => Name;
}
