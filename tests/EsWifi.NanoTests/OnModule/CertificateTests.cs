using System;
using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>CertificateStore on a module model: status, exact PG bytes, write-once slots, and refusals before any byte.</summary>
    [TestClass]
    public class CertificateTests
    {
        /// <summary>A small well-formed certificate PEM (the base64 body is not a real certificate; the module model does not parse it).</summary>
        public static readonly byte[] Pem = Bytes.Of("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGUgZm9yIHRlc3Rz\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n-----END CERTIFICATE-----\n");

        /// <summary>A small well-formed private key PEM.</summary>
        public static readonly byte[] KeyPem = Bytes.Of("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGVzd2lmaS10ZXN0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----\n");

        [TestMethod]
        public static void A_fresh_set_has_nothing()
        {
            CertificateSetStatus status = Rig.Joined().Module.Certificates.GetStatus(0);
            Assert.AreEqual(0, status.Set);
            Assert.IsFalse(status.HasRootCa);
            Assert.IsFalse(status.HasCertificate);
            Assert.IsFalse(status.HasPrivateKey);
        }

        [TestMethod]
        public static void Program_writes_the_pem_byte_exact()
        {
            Rig rig = Rig.Joined();
            CertificateWriteResult result = rig.Module.Certificates.Program(2, CertificateKind.RootCa, Pem, 0, Pem.Length, null);
            Assert.AreEqual((int)CertificateWriteResult.Written, (int)result);
            byte[] stored = rig.Tiny.Certificate(2, 0);
            Assert.IsTrue(Bytes.Equal(Pem, stored, 0, stored.Length));
            Assert.IsTrue(rig.Module.Certificates.GetStatus(2).HasRootCa);
            Assert.IsTrue(rig.Module.Certificates.GetStatus(2).IsUsed(CertificateKind.RootCa));
        }

        [TestMethod]
        public static void Programming_the_same_bytes_again_only_verifies()
        {
            Rig rig = Rig.Joined();
            rig.Module.Certificates.Program(1, CertificateKind.RootCa, Pem, 0, Pem.Length, null);
            int writes = CountWrites(rig);
            CertificateWriteResult again = rig.Module.Certificates.Program(1, CertificateKind.RootCa, Pem, 0, Pem.Length, null);
            Assert.AreEqual((int)CertificateWriteResult.AlreadyMatching, (int)again);
            Assert.IsTrue(CountWrites(rig) > writes);
        }

        [TestMethod]
        public static void Different_bytes_for_a_used_slot_are_a_mismatch()
        {
            Rig rig = Rig.Joined();
            rig.Module.Certificates.Program(1, CertificateKind.RootCa, Pem, 0, Pem.Length, null);
            byte[] other = Bytes.Of("-----BEGIN CERTIFICATE-----\nQUJDRA==\n-----END CERTIFICATE-----\n");
            Assert.AreEqual((int)EsWifiErrorKind.CertificateMismatch, Rig.KindOf(() => rig.Module.Certificates.Program(1, CertificateKind.RootCa, other, 0, other.Length, null)));
            Assert.IsTrue(Bytes.Equal(Pem, rig.Tiny.Certificate(1, 0), 0, Pem.Length));
        }

        [TestMethod]
        public static void A_private_key_goes_to_its_own_slot()
        {
            Rig rig = Rig.Joined();
            rig.Module.Certificates.Program(0, CertificateKind.PrivateKey, KeyPem, 0, KeyPem.Length, null);
            CertificateSetStatus status = rig.Module.Certificates.GetStatus(0);
            Assert.IsTrue(status.HasPrivateKey);
            Assert.IsFalse(status.HasRootCa);
        }

        [TestMethod]
        public static void Progress_reports_every_byte()
        {
            Rig rig = Rig.Joined();
            int last = 0;
            int total = 0;
            rig.Module.Certificates.Program(0, CertificateKind.RootCa, Pem, 0, Pem.Length, (sent, size) =>
            {
                last = sent;
                total = size;
            });
            Assert.AreEqual(Pem.Length, last);
            Assert.AreEqual(Pem.Length, total);
        }

        [TestMethod]
        public static void A_key_offered_as_a_root_ca_is_refused_before_any_byte()
        {
            Rig rig = Rig.Joined();
            int before = rig.Tiny.Commands;
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Module.Certificates.Program(0, CertificateKind.RootCa, KeyPem, 0, KeyPem.Length, null));
            Assert.AreEqual(before, rig.Tiny.Commands);
            Assert.IsNull(rig.Tiny.Certificate(0, 0));
        }

        [TestMethod]
        public static void Text_that_is_not_pem_is_refused()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => PemValidator.Validate(CertificateKind.RootCa, Bytes.Of("hello"), 0, 5, "pem"));
            byte[] withNul = Bytes.Join("-----BEGIN CERTIFICATE-----\nQQ", 0x00, "==\n-----END CERTIFICATE-----\n");
            Assert.ThrowsException(typeof(ArgumentException), () => PemValidator.Validate(CertificateKind.RootCa, withNul, 0, withNul.Length, "pem"));
            Assert.ThrowsException(typeof(ArgumentNullException), () => PemValidator.Validate(CertificateKind.RootCa, null, 0, 0, "pem"));
        }

        [TestMethod]
        public static void A_well_formed_pem_passes()
        {
            PemValidator.Validate(CertificateKind.RootCa, Pem, 0, Pem.Length, "pem");
            PemValidator.Validate(CertificateKind.PrivateKey, KeyPem, 0, KeyPem.Length, "pem");
        }

        [TestMethod]
        public static void A_set_out_of_range_is_refused()
        {
            Rig rig = Rig.Joined();
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => rig.Module.Certificates.GetStatus(4));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => rig.Module.Certificates.Program(-1, CertificateKind.RootCa, Pem, 0, Pem.Length, null));
        }

        [TestMethod]
        public static void Verify_compares_without_writing()
        {
            Rig rig = Rig.Joined();
            rig.Module.Certificates.Program(1, CertificateKind.RootCa, Pem, 0, Pem.Length, null);
            Assert.AreEqual((int)CertificateWriteResult.AlreadyMatching, (int)rig.Module.Certificates.Verify(1, CertificateKind.RootCa, Pem, 0, Pem.Length));
        }

        [TestMethod]
        public static void The_status_object_answers_per_kind()
        {
            CertificateSetStatus status = new CertificateSetStatus(3, true, false, true);
            Assert.IsTrue(status.IsUsed(CertificateKind.RootCa));
            Assert.IsFalse(status.IsUsed(CertificateKind.Certificate));
            Assert.IsTrue(status.IsUsed(CertificateKind.PrivateKey));
        }

        private static int CountWrites(Rig rig)
        {
            int count = 0;
            string history = rig.Tiny.History;
            for (int i = history.IndexOf("PG="); i >= 0; i = history.IndexOf("PG=", i + 1))
            {
                count++;
            }

            return count;
        }
    }
}
