using System.Security.Cryptography;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>
/// The vendor's three TLS client flows end to end: the driver programs a certificate set and connects
/// through the emulator's real TLS client to a real TLS server with certificates made here.
/// </summary>
public class TlsFlowTests : IClassFixture<TlsFlowTests.Credentials>
{
    private readonly Credentials _credentials;

    public TlsFlowTests(Credentials credentials) => _credentials = credentials;

    private static void ProgramAll(EsWifiModule module, int set, GeneratedCertificates certificates, bool client)
    {
        Assert.Equal(CertificateWriteResult.Written, module.Certificates.Program(set, CertificateKind.RootCa, certificates.CaPem, 0, certificates.CaPem.Length, null));
        if (client)
        {
            Assert.Equal(CertificateWriteResult.Written, module.Certificates.Program(set, CertificateKind.Certificate, certificates.ClientCertificatePem, 0, certificates.ClientCertificatePem.Length, null));
            Assert.Equal(CertificateWriteResult.Written, module.Certificates.Program(set, CertificateKind.PrivateKey, certificates.ClientKeyPem, 0, certificates.ClientKeyPem.Length, null));
        }
    }

    private static void EchoRoundTrip(EsWifiNetworkStream stream, int size)
    {
        byte[] sent = RandomNumberGenerator.GetBytes(size);
        stream.ReadTimeout = 10000;
        stream.Write(sent, 0, sent.Length);
        byte[] received = new byte[size];
        int got = 0;
        while (got < size)
        {
            int n = stream.Read(received, got, size - got);
            Assert.True(n > 0, "the connection closed early");
            got += n;
        }

        Assert.Equal(sent, received);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Flow_P9_0_no_verification_chosen_by_name(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var server = LoopbackServer.TlsEcho(_credentials.Unrelated, false);
        using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions(0, TlsVerification.None));
        Assert.Equal(TlsVerification.None, tls.Verification);
        EchoRoundTrip(tls, 3000);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Flow_P9_1_verifies_the_server_with_the_root_ca(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        ProgramAll(bench.Module, 0, _credentials.Lab, false);
        using var server = LoopbackServer.TlsEcho(_credentials.Lab, false);
        using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions());
        Assert.Equal(TlsVerification.VerifyServer, tls.Verification);
        EchoRoundTrip(tls, 5000);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Flow_P9_2_mutual_tls_presents_the_client_certificate(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        ProgramAll(bench.Module, 1, _credentials.Lab, true);
        using var server = LoopbackServer.TlsEcho(_credentials.Lab, requireClientCertificate: true);
        using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions(1, TlsVerification.Mutual));
        EchoRoundTrip(tls, 4000);
        Assert.Equal(_credentials.Lab.Client.Subject, server.ClientCertificateSubject);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void A_wrong_root_ca_fails_with_the_modules_verification_error(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        ProgramAll(bench.Module, 0, _credentials.Lab, false);
        using var server = LoopbackServer.TlsEcho(_credentials.Unrelated, false);
        var error = Assert.Throws<EsWifiException>(() => bench.Module.ConnectTls("localhost", server.Port, new TlsOptions()));
        Assert.Equal(EsWifiErrorKind.TlsHandshakeFailed, error.Kind);
        Assert.Equal("SSL handshake failed", error.ModuleReason);
        Assert.Contains("the TLS handshake failed", error.Message);
        Assert.Equal(4, bench.Module.FreeSockets);
    }

    [Theory]
    [MemberData(nameof(ProfileData.Profiles), MemberType = typeof(ProfileData))]
    public void Verification_without_a_root_ca_is_refused_before_any_connection(string profile)
    {
        using var bench = new EmulatedBench(FirmwareProfile.ByName(profile));
        using var server = LoopbackServer.TlsEcho(_credentials.Lab, false);
        var error = Assert.Throws<EsWifiException>(() => bench.Module.ConnectTls("localhost", server.Port, new TlsOptions()));
        Assert.Equal(EsWifiErrorKind.CertificateMissing, error.Kind);
        Assert.Equal(0, bench.Emulator.Counters.Commands("P6"));

        ProgramAll(bench.Module, 0, _credentials.Lab, false);
        var mutual = Assert.Throws<EsWifiException>(() => bench.Module.ConnectTls("localhost", server.Port, new TlsOptions(0, TlsVerification.Mutual)));
        Assert.Equal(EsWifiErrorKind.CertificateMissing, mutual.Kind);
        Assert.Equal(0, bench.Emulator.Counters.Commands("P6"));
        Assert.Equal(4, bench.Module.FreeSockets);
    }

    [Fact]
    public void The_default_options_verify_the_server()
    {
        var options = new TlsOptions();
        Assert.Equal(TlsVerification.VerifyServer, options.Verification);
        Assert.Equal(0, options.CertificateSet);
    }

    public sealed class Credentials
    {
        public GeneratedCertificates Lab { get; } = GeneratedCertificates.Create("Lab");

        public GeneratedCertificates Unrelated { get; } = GeneratedCertificates.Create("Unrelated");
    }
}
