using CsCheck;

namespace EsWifi.Tests.Fuzz;

/// <summary>
/// Iteration counts of the fuzz suite. CI runs the bounded counts (over 200,000 inputs in all);
/// <c>ESWIFI_FUZZ_SCALE=50 dotnet test nf-EsWifi.sln -c Release --filter "FullyQualifiedName~Fuzz"</c>
/// runs fifty times as many. CsCheck prints the seed of any failure; replay it with CsCheck_Seed.
/// </summary>
internal static class FuzzScale
{
    public static int Iterations(int bounded)
    {
        string scale = Environment.GetEnvironmentVariable("ESWIFI_FUZZ_SCALE");
        return int.TryParse(scale, out int factor) && factor > 1 ? bounded * factor : bounded;
    }

    /// <summary>Bytes weighted towards those the protocol gives meaning to, so envelopes form often.</summary>
    public static readonly Gen<byte> ProtocolByte = Gen.Frequency(
        (5, (IGen<byte>)Gen.OneOf((byte)0x0D, (byte)0x0A, (byte)'>', (byte)' ', (byte)'O', (byte)'K', (byte)'-', (byte)'1', (byte)'E', (byte)'R', (byte)'[', (byte)']', (byte)':', (byte)0x15, (byte)0x00, (byte)'#', (byte)',')),
        (2, (IGen<byte>)Gen.Byte));

    /// <summary>Whole protocol fragments, so generated streams hold real-looking answers.</summary>
    public static readonly Gen<byte[]> Fragment = Gen.OneOf(
        "\r\n", "\r\n> ", "\r\nOK\r\n> ", "\r\nERROR", ": Unknown Error", "\r\nUsage: C0 ", "\r\n-1\r\n", "[SOMA]", "[EOMA]",
        "[TCP SVR] Accepted 1.2.3.4:5", "[JOIN   ] ", "\x15\x15", "1460", "-67", "\r\n\r\n\r\nOK\r\n> ")
        .Select(s => System.Text.Encoding.Latin1.GetBytes(s));

    public static readonly Gen<byte[]> Stream =
        Gen.OneOf<byte[]>(Fragment, ProtocolByte.Array[1, 8]).Array[0, 40].Select(parts => parts.SelectMany(p => p).ToArray());
}
