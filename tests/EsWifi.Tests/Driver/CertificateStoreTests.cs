using System.Text;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>Programming certificate sets from the host with one-time-programmable safety.</summary>
public class CertificateStoreTests : IClassFixture<TlsFlowTests.Credentials>
{
    private readonly TlsFlowTests.Credentials _credentials;

    public CertificateStoreTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void First_write_then_already_matching_then_mismatch_keeps_the_slot(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile), join: false);
        CertificateStore store = bench.Module.Certificates;
        byte[] ca = _credentials.Lab.CaPem;
        byte[] other = _credentials.Unrelated.CaPem;
        var progress = new List<(int, int)>();

        Assert.False(store.GetStatus(2).HasRootCa);
        Assert.Equal(CertificateWriteResult.Written, store.Program(2, CertificateKind.RootCa, ca, 0, ca.Length, (sent, total) => progress.Add((sent, total))));
        Assert.Equal(new[] { (0, ca.Length), (ca.Length, ca.Length) }, progress);
        Assert.True(store.GetStatus(2).HasRootCa);

        Assert.Equal(CertificateWriteResult.AlreadyMatching, store.Program(2, CertificateKind.RootCa, ca, 0, ca.Length, null));
        Assert.Equal(CertificateWriteResult.AlreadyMatching, store.Verify(2, CertificateKind.RootCa, ca, 0, ca.Length));

        var mismatch = Assert.Throws<EsWifiException>(() => store.Program(2, CertificateKind.RootCa, other, 0, other.Length, null));
        Assert.Equal(EsWifiErrorKind.CertificateMismatch, mismatch.Kind);
        Assert.Equal(ca, bench.Emulator.Certificates.Get(2, 0));
        Assert.Equal(1, bench.Emulator.Certificates.Writes);
    }

    [Fact]
    public void Verifying_an_empty_slot_is_refused_so_nothing_is_burned()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, join: false);
        byte[] ca = _credentials.Lab.CaPem;
        Assert.Throws<InvalidOperationException>(() => bench.Module.Certificates.Verify(0, CertificateKind.RootCa, ca, 0, ca.Length));
        Assert.Equal(0, bench.Emulator.Counters.Commands("PG"));
        Assert.Null(bench.Emulator.Certificates.Get(0, 0));
    }

    [Fact]
    public void The_rewritable_set_is_changed_only_by_replace()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, join: false);
        byte[] ca = _credentials.Lab.CaPem;
        byte[] other = _credentials.Unrelated.CaPem;
        bench.Module.Certificates.Program(3, CertificateKind.RootCa, ca, 0, ca.Length, null);
        Assert.Throws<InvalidOperationException>(() => bench.Module.Certificates.Program(3, CertificateKind.RootCa, other, 0, other.Length, null));
        Assert.Throws<NotSupportedException>(() => bench.Module.Certificates.Verify(3, CertificateKind.RootCa, ca, 0, ca.Length));
        Assert.Equal(ca, bench.Emulator.Certificates.Get(3, 0));
        bench.Module.Certificates.Replace(CertificateKind.RootCa, other, 0, other.Length, null);
        Assert.Equal(other, bench.Emulator.Certificates.Get(3, 0));
    }

    [Theory]
    [InlineData("not pem at all")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAA*A\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n")]
    public void Malformed_pem_is_refused_with_nothing_sent(string pem)
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, join: false);
        long before = bench.Link.Host.BytesWritten;
        byte[] bytes = Encoding.ASCII.GetBytes(pem);
        var error = Assert.Throws<ArgumentException>(() => bench.Module.Certificates.Program(0, CertificateKind.RootCa, bytes, 0, bytes.Length, null));
        Assert.Equal("pem", error.ParamName);
        Assert.Equal(before, bench.Link.Host.BytesWritten);
    }

    [Fact]
    public void Keys_are_checked_for_their_kind_and_never_traced()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, join: false);
        byte[] key = _credentials.Lab.ClientKeyPem;
        byte[] certificate = _credentials.Lab.ClientCertificatePem;
        Assert.Throws<ArgumentException>(() => bench.Module.Certificates.Program(0, CertificateKind.PrivateKey, certificate, 0, certificate.Length, null));
        byte[] encrypted = Encoding.ASCII.GetBytes("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        var refused = Assert.Throws<ArgumentException>(() => bench.Module.Certificates.Program(0, CertificateKind.PrivateKey, encrypted, 0, encrypted.Length, null));
        Assert.Contains("encrypted", refused.Message);

        var trace = new List<string>();
        bench.Module.Channel.Trace = (direction, text) => trace.Add(text);
        bench.Module.Certificates.Program(0, CertificateKind.PrivateKey, key, 0, key.Length, null);
        string all = string.Join("\n", trace);
        string body = Encoding.ASCII.GetString(key).Split('\n')[1];
        Assert.DoesNotContain(body.Substring(0, 20), all);
        Assert.Contains("bytes, not shown>", all);
    }

    [Fact]
    public void A_pem_with_the_trailing_nul_st_sends_is_accepted_as_is()
    {
        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm, join: false);
        byte[] withNul = _credentials.Lab.CaPem.Concat(new byte[] { 0 }).ToArray();
        Assert.Equal(CertificateWriteResult.Written, bench.Module.Certificates.Program(1, CertificateKind.RootCa, withNul, 0, withNul.Length, null));
        Assert.Equal(withNul, bench.Emulator.Certificates.Get(1, 0));
    }
}
