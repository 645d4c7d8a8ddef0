using System.Text;
using CsCheck;

namespace EsWifi.Tests.Fuzz;

/// <summary>The PEM validator on arbitrary and mutated input: it accepts or throws ArgumentException, nothing else.</summary>
public class PemFuzzTests
{
    private static readonly byte[] Valid = GeneratedCertificates.Create("fuzz").CaPem;

    [Fact]
    public void Mutated_and_random_pem_is_accepted_or_refused_with_an_argument_exception()
    {
        var mutation = Gen.Select(Gen.Int[0, Valid.Length - 1], FuzzScale.ProtocolByte, Gen.Int[0, 3]);
        var mutated = mutation.Array[1, 6].Select(edits =>
        {
            var bytes = new List<byte>(Valid);
            foreach ((int at, byte value, int kind) in edits)
            {
                int index = Math.Min(at, bytes.Count - 1);
                if (kind == 0 && bytes.Count > 1)
                {
                    bytes.RemoveAt(index);
                }
                else if (kind == 1)
                {
                    bytes.Insert(index, value);
                }
                else
                {
                    bytes[index] = value;
                }
            }

            return bytes.ToArray();
        });

        Gen.Select(Gen.OneOf<byte[]>(mutated, Gen.Byte.Array[0, 200]), Gen.Enum<CertificateKind>())
            .Sample((pem, kind) =>
            {
                try
                {
                    PemValidator.Validate(kind, pem, 0, pem.Length, "pem");
                }
                catch (ArgumentException e)
                {
                    Assert.Equal("pem", e.ParamName);
                }
            }, iter: FuzzScale.Iterations(60_000));
    }
}
