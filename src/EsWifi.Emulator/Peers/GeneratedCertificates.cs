using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EsWifi.Emulator.Peers;

/// <summary>
/// Real certificates made on the spot, for the emulator's peers, the tests and the demo: a root CA,
/// a server certificate for 127.0.0.1/localhost (and any other names asked for) and a client
/// certificate, all as PEM bytes the way a module is programmed.
/// </summary>
public sealed class GeneratedCertificates
{
    private readonly string[] _serverNames;

    private GeneratedCertificates(string name, string[] serverNames)
    {
        _serverNames = serverNames;
        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=" + name + " Root CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));

        Server = Issue("CN=localhost", "1.3.6.1.5.5.7.3.1", true);
        Client = Issue("CN=" + name + " device", "1.3.6.1.5.5.7.3.2", false);
        CaPem = Encoding.ASCII.GetBytes(Ca.ExportCertificatePem() + "\n");
        ClientCertificatePem = Encoding.ASCII.GetBytes(Client.ExportCertificatePem() + "\n");
        ClientKeyPem = Encoding.ASCII.GetBytes(Client.GetRSAPrivateKey().ExportPkcs8PrivateKeyPem() + "\n");
    }

    public X509Certificate2 Ca { get; }

    /// <summary>Server certificate with its private key, usable by SslStream.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>Client certificate with its private key.</summary>
    public X509Certificate2 Client { get; }

    public byte[] CaPem { get; }

    public byte[] ClientCertificatePem { get; }

    public byte[] ClientKeyPem { get; }

    public static GeneratedCertificates Create(string name) => new(name, Array.Empty<string>());

    /// <summary>Certificates whose server certificate also names <paramref name="serverNames"/> (e.g. the host a sample connects to).</summary>
    public static GeneratedCertificates Create(string name, params string[] serverNames) => new(name, serverNames);

    private X509Certificate2 Issue(string subject, string usage, bool server)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(usage) }, false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            foreach (string extra in _serverNames)
            {
                names.AddDnsName(extra);
            }

            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(12);
        using X509Certificate2 issued = request.Create(Ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);

        // Round-trip through PKCS#12 so SslStream gets a persisted key on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
