namespace EsWifi.FirmwarePath
{
    /// <summary>
    /// Provisioning from the MCU (option c): status, a root CA, certificate and key programmed into set
    /// 1, the verify-by-rewrite match, a refused mismatch; the emulator's slots checked by the harness.
    /// </summary>
    internal static class ProvisioningSteps
    {
        internal const int Set = 1;

        internal static void Status(Bench bench)
        {
            CertificateSetStatus status = bench.Module.Certificates.GetStatus(Set);
            Expect.True(!status.HasRootCa && !status.HasCertificate && !status.HasPrivateKey, "set 1 empty");
        }

        internal static void Program(Bench bench)
        {
            Write(bench, CertificateKind.RootCa, "labCa");
            Write(bench, CertificateKind.Certificate, "labCert");
            Write(bench, CertificateKind.PrivateKey, "labKey");
            CertificateSetStatus status = bench.Module.Certificates.GetStatus(Set);
            Expect.True(status.HasRootCa && status.HasCertificate && status.HasPrivateKey, "set 1 full");
            bench.Control.Ask("SLOT 1 0 labCa");
            bench.Control.Ask("SLOT 1 1 labCert");
            bench.Control.Ask("SLOT 1 2 labKey");
        }

        internal static void VerifyMatch(Bench bench)
        {
            byte[] ca = bench.Control.Pem("labCa");
            Expect.True(bench.Module.Certificates.Verify(Set, CertificateKind.RootCa, ca, 0, ca.Length) == CertificateWriteResult.AlreadyMatching, "Verify: a match");
            Expect.True(bench.Module.Certificates.Program(Set, CertificateKind.RootCa, ca, 0, ca.Length, null) == CertificateWriteResult.AlreadyMatching, "Program on a used slot: a match");
        }

        internal static void RefusedMismatch(Bench bench)
        {
            byte[] other = bench.Control.Pem("otherCa");
            Expect.Fails(EsWifiErrorKind.CertificateMismatch, () => bench.Module.Certificates.Verify(Set, CertificateKind.RootCa, other, 0, other.Length), "another CA against set 1");
            bench.Control.Ask("SLOT 1 0 labCa");
        }

        private static void Write(Bench bench, CertificateKind kind, string name)
        {
            byte[] pem = bench.Control.Pem(name);
            CertificateWriteResult result = bench.Module.Certificates.Program(Set, kind, pem, 0, pem.Length, null);
            Expect.True(result == CertificateWriteResult.Written, name + " written");
        }
    }
}
