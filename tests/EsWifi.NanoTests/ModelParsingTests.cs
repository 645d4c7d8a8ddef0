using System;
using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>Parsing of versions, addresses, scan records, and PEM checks: pure logic that runs on the device too.</summary>
    [TestClass]
    public class ModelParsingTests
    {
        [TestMethod]
        public static void Firmware_versions_parse_and_compare()
        {
            FirmwareVersion stm = FirmwareVersion.Parse("C3.5.2.5.STM");
            Assert.AreEqual(3, stm.Major);
            Assert.AreEqual(5, stm.Build);
            Assert.AreEqual("STM", stm.Tag);
            Assert.IsTrue(stm.IsAtLeast(3, 5, 2, 5));
            Assert.IsFalse(stm.IsAtLeast(3, 5, 2, 6));
            FirmwareVersion beta = FirmwareVersion.Parse("C3.5.2.3.BETA9");
            Assert.IsTrue(beta.CompareTo(stm) < 0);
            FirmwareVersion c6 = FirmwareVersion.Parse("C6.2.1.8");
            Assert.AreEqual(string.Empty, c6.Tag);
            Assert.IsTrue(c6.CompareTo(stm) > 0);
            Assert.IsTrue(FirmwareVersion.Parse("C6.2.1.11").IsAtLeast(6, 2, 1, 8));
            Assert.ThrowsException(typeof(FormatException), () => FirmwareVersion.Parse("C3.5"));
            Assert.ThrowsException(typeof(FormatException), () => FirmwareVersion.Parse("garbage"));
        }

        [TestMethod]
        public static void Module_info_splits_seven_fields_and_keeps_spaces_in_the_name()
        {
            ModuleInfo info = ModuleInfo.Parse("ISM43362-M3G-L44-SPI,C3.5.2.5.STM,v3.5.2,v1.4.0.rc1,v8.2.1,120000000,Inventek eS-WiFi\r\n");
            Assert.AreEqual("ISM43362-M3G-L44-SPI", info.ProductId);
            Assert.AreEqual("C3.5.2.5.STM", info.Firmware.Text);
            Assert.AreEqual(120000000, info.CpuClockHz);
            Assert.AreEqual("Inventek eS-WiFi", info.ProductName);
        }

        [TestMethod]
        public static void Dotted_addresses_parse_strictly()
        {
            byte[] octets = new byte[4];
            Assert.IsTrue(Ipv4.TryParse("192.168.1.110", octets));
            Assert.AreEqual((byte)110, octets[3]);
            Assert.AreEqual("192.168.1.110", Ipv4.Format(octets));
            Assert.IsFalse(Ipv4.TryParse("256.1.1.1", octets));
            Assert.IsFalse(Ipv4.TryParse("1.2.3", octets));
            Assert.IsFalse(Ipv4.TryParse("1.2.3.4.5", octets));
            Assert.IsFalse(Ipv4.TryParse("1..3.4", octets));
            Assert.IsFalse(Ipv4.TryParse("example.com", octets));
        }

        [TestMethod]
        public static void Scan_records_parse_with_commas_in_the_ssid()
        {
            AccessPointInfo ap = AccessPointInfo.Parse("#002,\"cafe, upstairs\",C0:C1:C0:88:9F:6A,-53,54.0,Infrastructure,WPA WPA2,2.4GHz,6");
            Assert.AreEqual("cafe, upstairs", ap.Ssid);
            Assert.AreEqual("C0:C1:C0:88:9F:6A", ap.Bssid);
            Assert.AreEqual(-53, ap.Rssi);
            Assert.AreEqual(6, ap.Channel);
            Assert.AreEqual((int)WifiSecurity.WpaWpa2, (int)ap.Security);
            Assert.AreEqual((int)WifiSecurity.Wpa2, (int)AccessPointInfo.SecurityFromText("WPA2 AES"));
            Assert.AreEqual((int)WifiSecurity.Wpa2Tkip, (int)AccessPointInfo.SecurityFromText("WPA2 TKIP"));
            Assert.AreEqual((int)WifiSecurity.Wep, (int)AccessPointInfo.SecurityFromText("WEP"));
            Assert.IsNull(AccessPointInfo.Parse("OK"));
        }

        [TestMethod]
        public static void Pem_checks_accept_certificates_and_keys()
        {
            byte[] certificate = Bytes.Of("-----BEGIN CERTIFICATE-----\r\nTUlJQg==\r\n-----END CERTIFICATE-----\r\n\0");
            PemValidator.Validate(CertificateKind.RootCa, certificate, 0, certificate.Length, "pem");
            byte[] key = Bytes.Of("-----BEGIN EC PRIVATE KEY-----\nAAAA\nBBBB\n-----END EC PRIVATE KEY-----");
            PemValidator.Validate(CertificateKind.PrivateKey, key, 0, key.Length, "pem");
        }

        [TestMethod]
        public static void Pem_checks_refuse_what_would_burn_a_slot_in_vain()
        {
            string[] bad = new string[]
            {
                "",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\nextra",
                "-----BEGIN CERTIFICATE-----\nAA=A\n-----END CERTIFICATE-----\n",
                "-----BEGIN CERTIFICATE-----\nAAAAA\n-----END CERTIFICATE-----\n",
                "-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n",
                "-----BEGIN CERTIFICATE-----\nAA\0A\n-----END CERTIFICATE-----\n",
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n-----END RSA PRIVATE KEY-----\n",
            };
            for (int i = 0; i < bad.Length; i++)
            {
                byte[] pem = Bytes.Of(bad[i]);
                CertificateKind kind = i == bad.Length - 1 ? CertificateKind.PrivateKey : CertificateKind.Certificate;
                Assert.ThrowsException(typeof(ArgumentException), () => PemValidator.Validate(kind, pem, 0, pem.Length, "pem"));
            }

            byte[] big = new byte[PemValidator.MaxLength + 1];
            Assert.ThrowsException(typeof(ArgumentException), () => PemValidator.Validate(CertificateKind.RootCa, big, 0, big.Length, "pem"));
            Assert.ThrowsException(typeof(ArgumentNullException), () => PemValidator.Validate(CertificateKind.RootCa, null, 0, 0, "pem"));
        }
    }
}
