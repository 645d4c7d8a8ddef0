using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EsWifi.Cli.Certificates;

/// <summary>How serious a finding is before a write.</summary>
public enum FindingLevel
{
    /// <summary>Said, nothing else.</summary>
    Note,

    /// <summary>Refused unless <c>--force</c> (dates, key types the module is not documented to take).</summary>
    NeedsForce,

    /// <summary>Always refused: the object cannot do its job (a key for another certificate, a leaf as root CA).</summary>
    Refused,
}

/// <summary>One thing the checks found about one object (and, for a pair, the other slot it concerns).</summary>
public sealed record Finding(string Slot, FindingLevel Level, string Text, string AlsoConcerns = null);

/// <summary>What one PEM object is, for the plan table.</summary>
public sealed record ObjectDescription(string Slot, string Text);

/// <summary>
/// The host tool's X.509 checks of what is about to be programmed (the device keeps its structural
/// PEM check only): the key matches the certificate, the root CA is a CA that is self-signed or
/// issued the certificate, the dates, and key types and sizes. Findings are per slot, so the caller
/// refuses only for slots it is about to write.
/// </summary>
public sealed class CertificateChecks
{
    /// <summary>RSA sizes in bits the module is documented to take: protocol.md §8.2 shows RSA-2048 keys only.</summary>
    public const int MinimumRsaBits = 2048;

    /// <summary>The largest RSA key accepted without <c>--force</c>.</summary>
    public const int MaximumRsaBits = 4096;

    private readonly List<Finding> _findings = new();
    private readonly List<ObjectDescription> _descriptions = new();

    private CertificateChecks()
    {
    }

    /// <summary>Every finding, in slot order.</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Subject, issuer, validity and fingerprint of each object given.</summary>
    public IReadOnlyList<ObjectDescription> Descriptions => _descriptions;

    /// <summary>Checks the objects given (any may be null) as of <paramref name="now"/>.</summary>
    public static CertificateChecks Run(byte[] caPem, byte[] certificatePem, byte[] keyPem, DateTimeOffset now)
    {
        var checks = new CertificateChecks();
        X509Certificate2 ca = caPem != null ? checks.LoadCertificate("root CA", caPem, now) : null;
        X509Certificate2 certificate = certificatePem != null ? checks.LoadCertificate("certificate", certificatePem, now) : null;
        AsymmetricAlgorithm key = keyPem != null ? checks.LoadKey(keyPem) : null;

        if (ca != null)
        {
            checks.CheckRootCa(ca, certificate);
        }

        if (certificate != null)
        {
            checks.CheckPublicKey("certificate", certificate.PublicKey.GetRSAPublicKey() ?? (AsymmetricAlgorithm)certificate.PublicKey.GetECDsaPublicKey());
        }

        if (key != null && certificate != null)
        {
            bool matches = key switch
            {
                RSA rsa => certificate.PublicKey.GetRSAPublicKey() is RSA pub && pub.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(rsa.ExportSubjectPublicKeyInfo()),
                ECDsa ec => certificate.PublicKey.GetECDsaPublicKey() is ECDsa pub && pub.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(ec.ExportSubjectPublicKeyInfo()),
                _ => false,
            };
            checks._findings.Add(new Finding("key", matches ? FindingLevel.Note : FindingLevel.Refused, matches
                ? "the key matches the certificate"
                : "the key does not belong to the certificate (their public keys differ): TLS with this set would fail", "certificate"));
        }
        else if (key != null)
        {
            checks.Add("key", FindingLevel.Note, "no --cert given: the key cannot be checked against the set's certificate");
        }

        return checks;
    }

    private void CheckRootCa(X509Certificate2 ca, X509Certificate2 certificate)
    {
        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints == null || !constraints.CertificateAuthority)
        {
            Add("root CA", FindingLevel.Refused, "it is not a CA certificate (no basic constraints CA:TRUE): a leaf certificate cannot verify a server");
            return;
        }

        bool selfSigned = ca.SubjectName.RawData.AsSpan().SequenceEqual(ca.IssuerName.RawData);
        if (selfSigned)
        {
            Add("root CA", FindingLevel.Note, "a self-signed CA");
            return;
        }

        if (certificate != null && Issued(ca, certificate))
        {
            Add("root CA", FindingLevel.Note, "a CA that issued the certificate");
            return;
        }

        Add("root CA", FindingLevel.NeedsForce, "a CA that is not self-signed (an intermediate, issued by " + ca.Issuer + ") and did not issue the certificate: the module needs the root of the server's chain");
    }

    private static bool Issued(X509Certificate2 ca, X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        // Dates are reported on their own; here only the signature chain counts.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.AllowUnknownCertificateAuthority;
        return chain.Build(certificate) && chain.ChainElements.Count >= 2
            && chain.ChainElements[^1].Certificate.RawData.AsSpan().SequenceEqual(ca.RawData);
    }

    private X509Certificate2 LoadCertificate(string slot, byte[] pem, DateTimeOffset now)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(pem));
        }
        catch (CryptographicException e)
        {
            Add(slot, FindingLevel.Refused, "not a readable X.509 certificate (" + e.Message.TrimEnd('.') + ")");
            return null;
        }

        string fingerprint = Convert.ToHexString(SHA256.HashData(certificate.RawData));
        _descriptions.Add(new ObjectDescription(slot,
            "subject " + certificate.Subject + "\nissuer  " + certificate.Issuer
            + "\nvalid   " + certificate.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd") + " to " + certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd")
            + "\nSHA-256 " + fingerprint));
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
        {
            Add(slot, FindingLevel.NeedsForce, "expired on " + certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm") + " UTC");
        }
        else if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            Add(slot, FindingLevel.NeedsForce, "not valid before " + certificate.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd HH:mm") + " UTC (check this PC's clock too)");
        }

        return certificate;
    }

    private AsymmetricAlgorithm LoadKey(byte[] pem)
    {
        string text = Encoding.ASCII.GetString(pem);
        if (text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal) || text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            Add("key", FindingLevel.Refused, "the key is encrypted with a passphrase: the module takes the key in the clear");
            return null;
        }

        AsymmetricAlgorithm key = TryImport(RSA.Create(), text) ?? TryImport(ECDsa.Create(), text);
        if (key == null)
        {
            Add("key", FindingLevel.Refused, "not a readable RSA or EC private key");
            return null;
        }

        byte[] spki = key is RSA rsa ? rsa.ExportSubjectPublicKeyInfo() : ((ECDsa)key).ExportSubjectPublicKeyInfo();
        _descriptions.Add(new ObjectDescription("key", KeyText(key) + "\npublic key SHA-256 " + Convert.ToHexString(SHA256.HashData(spki))));
        CheckPublicKey("key", key);
        return key;
    }

    private void CheckPublicKey(string slot, AsymmetricAlgorithm key)
    {
        switch (key)
        {
            case RSA rsa when rsa.KeySize < MinimumRsaBits:
                Add(slot, FindingLevel.NeedsForce, "RSA " + rsa.KeySize + " bits is below " + MinimumRsaBits + ": weak, and servers refuse it");
                break;
            case RSA rsa when rsa.KeySize > MaximumRsaBits:
                Add(slot, FindingLevel.NeedsForce, "RSA " + rsa.KeySize + " bits: larger than the module is known to take (its documented examples are RSA-2048)");
                break;
            case ECDsa:
                Add(slot, FindingLevel.NeedsForce, KeyText(key) + ": EC keys are not documented for the module (its documented examples are RSA-2048 only)");
                break;
        }
    }

    private static string KeyText(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => "RSA " + rsa.KeySize + " bits",
        ECDsa ec => "EC " + (ec.ExportParameters(false).Curve.Oid?.FriendlyName ?? ec.KeySize + " bits"),
        _ => key.GetType().Name,
    };

    private static AsymmetricAlgorithm TryImport(AsymmetricAlgorithm key, string pem)
    {
        try
        {
            switch (key)
            {
                case RSA rsa:
                    rsa.ImportFromPem(pem);
                    break;
                case ECDsa ec:
                    ec.ImportFromPem(pem);
                    break;
            }

            return key;
        }
        catch (Exception e) when (e is CryptographicException || e is ArgumentException)
        {
            key.Dispose();
            return null;
        }
    }

    private void Add(string slot, FindingLevel level, string text) => _findings.Add(new Finding(slot, level, text));
}
