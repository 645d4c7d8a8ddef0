using System;

namespace EsWifi.Mqtt
{
    /// <summary>
    /// How <c>Init</c>'s certificate bytes reach the module. The module holds certificates in sets, some
    /// write-once, so bytes are never written behind the caller's back: a slot that is programmed is
    /// verified against them (the module compares instead of writing, and a mismatch is an error); an
    /// empty slot is programmed only when the client was told it may (<see cref="EsWifiMqttClient.ProgramCertificatesFromInit"/>),
    /// and refused with directions otherwise. The verification level must ask for what is given: a root CA
    /// with no server verification, or a client certificate without mutual TLS, is refused, never dropped.
    /// </summary>
    internal static class BrokerCredentials
    {
        private const string Begin = "-----BEGIN ";
        private const string End = "-----END ";

        internal static void Apply(EsWifiModule module, TlsOptions tls, byte[] caCert, byte[] clientCert, bool mayProgram)
        {
            if (caCert != null && tls.Verification == TlsVerification.None)
            {
                throw new ArgumentException("a root CA was given but the client's TlsOptions verify nothing (P9=0): construct the client with TlsVerification.VerifyServer or Mutual", nameof(caCert));
            }

            if (clientCert != null && tls.Verification != TlsVerification.Mutual)
            {
                throw new ArgumentException("a client certificate was given but the client's TlsOptions are not mutual TLS (P9=2): construct the client with TlsVerification.Mutual", nameof(clientCert));
            }

            int certificateOffset = 0;
            int certificateCount = 0;
            int keyOffset = 0;
            int keyCount = 0;
            if (clientCert != null)
            {
                FindBlock(clientCert, "CERTIFICATE-----", out certificateOffset, out certificateCount);
                FindBlock(clientCert, "PRIVATE KEY-----", out keyOffset, out keyCount);
                if (certificateCount == 0 || keyCount == 0)
                {
                    throw new ArgumentException("clientCert must hold the client certificate and its private key, both PEM, one after the other (the module needs both for mutual TLS)", nameof(clientCert));
                }

                PemValidator.Validate(CertificateKind.Certificate, clientCert, certificateOffset, certificateCount, nameof(clientCert));
                PemValidator.Validate(CertificateKind.PrivateKey, clientCert, keyOffset, keyCount, nameof(clientCert));
            }

            if (caCert != null)
            {
                PemValidator.Validate(CertificateKind.RootCa, caCert, 0, caCert.Length, nameof(caCert));
            }

            // Everything is checked before the first byte goes to a slot.
            int set = tls.CertificateSet;
            if (caCert != null)
            {
                Ensure(module, set, CertificateKind.RootCa, caCert, 0, caCert.Length, mayProgram);
            }

            if (clientCert != null)
            {
                Ensure(module, set, CertificateKind.Certificate, clientCert, certificateOffset, certificateCount, mayProgram);
                Ensure(module, set, CertificateKind.PrivateKey, clientCert, keyOffset, keyCount, mayProgram);
            }
        }

        private static void Ensure(EsWifiModule module, int set, CertificateKind kind, byte[] pem, int offset, int count, bool mayProgram)
        {
            CertificateStore store = module.Certificates;
            // The status the store keeps for this session (one PE for the set, not one per object).
            bool used;
            lock (module.Channel.SyncRoot)
            {
                used = store.CachedStatus(set).IsUsed(kind);
            }

            if (used && set != CertificateStore.RewritableSet)
            {
                store.Verify(set, kind, pem, offset, count);
                return;
            }

            if (!mayProgram)
            {
                throw new InvalidOperationException(
                    "certificate set " + set.ToString() + (used ? " is rewritable, so its " + Name(kind) + " cannot be compared without overwriting it" : " has no " + Name(kind)) +
                    ": program it once with CertificateStore (or the eswifi tool), then pass null to Init; or set ProgramCertificatesFromInit to let Init " + (used ? "replace it" : "program it"));
            }

            if (used)
            {
                store.Replace(kind, pem, offset, count, null);
            }
            else
            {
                store.Program(set, kind, pem, offset, count, null);
            }
        }

        // The armored block whose BEGIN label ends with labelTail, through the end of its END line.
        private static void FindBlock(byte[] pem, string labelTail, out int offset, out int count)
        {
            offset = 0;
            count = 0;
            int from = 0;
            while (true)
            {
                int begin = AsciiBytes.IndexOfAscii(pem, from, pem.Length - from, Begin);
                if (begin < 0)
                {
                    return;
                }

                int lineEnd = AsciiBytes.IndexOfByte(pem, begin, pem.Length - begin, AsciiBytes.Lf);
                int labelEnd = lineEnd < 0 ? pem.Length : lineEnd;
                while (labelEnd > begin && pem[labelEnd - 1] == AsciiBytes.Cr)
                {
                    labelEnd--;
                }

                from = begin + Begin.Length;
                if (!AsciiBytes.EndsWithAscii(pem, begin, labelEnd - begin, labelTail))
                {
                    continue;
                }

                int end = AsciiBytes.IndexOfAscii(pem, from, pem.Length - from, End);
                if (end < 0)
                {
                    return;
                }

                int endLine = AsciiBytes.IndexOfByte(pem, end, pem.Length - end, AsciiBytes.Lf);
                offset = begin;
                count = (endLine < 0 ? pem.Length : endLine + 1) - begin;
                return;
            }
        }

        private static string Name(CertificateKind kind)
        {
            return kind == CertificateKind.RootCa ? "root CA" : kind == CertificateKind.Certificate ? "client certificate" : "private key";
        }
    }
}
