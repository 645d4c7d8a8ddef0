namespace EsWifi.FirmwarePath
{
    /// <summary>
    /// The three seed TLS flows, 64 KiB each way, byte-exact: P9=0 to a server the set does not know,
    /// P9=1 with the programmed root CA (and refused by a server another CA signed), P9=2 mutual
    /// (and refused when the set has no key).
    /// </summary>
    internal static class TlsSteps
    {
        internal static double LoopsPerMillisecond;

        internal static void NoVerification(Bench bench)
        {
            TlsOptions options = new TlsOptions();
            options.Verification = TlsVerification.None;
            Bulk(bench, "tls-none", bench.Control.Number("tlsOther"), "localhost", options, 1);
        }

        internal static void VerifyServer(Bench bench)
        {
            TlsOptions options = new TlsOptions();
            options.CertificateSet = ProvisioningSteps.Set;
            options.Verification = TlsVerification.VerifyServer;
            Bulk(bench, "tls-verify", bench.Control.Number("tlsLab"), "localhost", options, 2);
        }

        internal static void VerifyServerRefused(Bench bench)
        {
            TlsOptions options = new TlsOptions();
            options.CertificateSet = ProvisioningSteps.Set;
            int port = bench.Control.Number("tlsOther");
            EsWifiException e = Expect.Fails(EsWifiErrorKind.TlsHandshakeFailed, () => bench.Module.ConnectTls("localhost", port, options), "a server another CA signed");
            Expect.True(e.ModuleReason != null && e.ModuleReason.IndexOf("SSL") >= 0, "the module's reason kept, got: " + e.Message);
            Expect.Equal(4, bench.Module.FreeSockets, "free sockets after the refusal");
        }

        internal static void Mutual(Bench bench)
        {
            TlsOptions options = new TlsOptions();
            options.CertificateSet = ProvisioningSteps.Set;
            options.Verification = TlsVerification.Mutual;
            Bulk(bench, "tls-mutual", bench.Control.Number("tlsMutual"), "localhost", options, 3);
            Expect.Equal("CN=nanoclr lab device", bench.Control.Ask("MUTUALSUBJECT"), "the client certificate the server saw");
        }

        internal static void MutualWithoutKey(Bench bench)
        {
            // Set 2 gets the root CA only: mutual TLS is refused before anything is connected.
            byte[] ca = bench.Control.Pem("labCa");
            bench.Module.Certificates.Program(2, CertificateKind.RootCa, ca, 0, ca.Length, null);
            TlsOptions options = new TlsOptions();
            options.CertificateSet = 2;
            options.Verification = TlsVerification.Mutual;
            int port = bench.Control.Number("tlsMutual");
            Expect.Fails(EsWifiErrorKind.CertificateMissing, () => bench.Module.ConnectTls("localhost", port, options), "mutual TLS with a set that has no key");
        }

        private static void Bulk(Bench bench, string name, int port, string host, TlsOptions options, uint seed)
        {
            using (EsWifiSslStream tls = bench.Module.ConnectTls(host, port, options))
            {
                // The figure counts the transfer alone, not the connect.
                bench.Control.Ask("COUNTERS");
                long ticks = bench.Echo(tls, seed);
                bench.Figure(name, ticks, LoopsPerMillisecond);
            }
        }
    }
}
