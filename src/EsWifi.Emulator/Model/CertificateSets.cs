namespace EsWifi.Emulator.Model;

/// <summary>
/// The module's certificate sets with their one-time-programmable semantics (UM §4.13.17): sets 0–2
/// are write-once; writing the same bytes again answers a match, different bytes an error, and the
/// slot keeps its content. Set 3, where the profile has it, can be rewritten.
/// </summary>
public sealed class CertificateSets
{
    public const int RootCa = 0;
    public const int Certificate = 1;
    public const int Key = 2;

    private readonly byte[][][] _slots;
    private readonly int _rewritableSet;

    public CertificateSets(FirmwareProfile profile)
    {
        _slots = new byte[profile.CertificateSets][][];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new byte[3][];
        }

        _rewritableSet = profile.HasRewritableSet3 ? 3 : -1;
    }

    public int Count => _slots.Length;

    /// <summary>Set used by TLS connections (<c>PF</c>).</summary>
    public int ActiveSet { get; set; }

    /// <summary>Number of program operations that changed a slot (for tests: nothing is burned by a refused write).</summary>
    public int Writes { get; private set; }

    public bool IsValid(int set, int type) => set >= 0 && set < _slots.Length && type >= 0 && type <= 2;

    public bool IsUsed(int set, int type) => _slots[set][type] != null;

    public byte[] Get(int set, int type) => _slots[set][type];

    /// <summary>Result of a write: "written", "match" or "mismatch".</summary>
    public string Program(int set, int type, byte[] data)
    {
        byte[] existing = _slots[set][type];
        if (existing == null || set == _rewritableSet)
        {
            _slots[set][type] = (byte[])data.Clone();
            Writes++;
            return "written";
        }

        return existing.AsSpan().SequenceEqual(data) ? "match" : "mismatch";
    }
}
