using System;
using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>The command writer against the command vectors of protocol.md §15.</summary>
    [TestClass]
    public class CommandWriterTests
    {
        private static AtCommandWriter writer;

        [Setup]
        public static void Setup()
        {
            writer = new AtCommandWriter();
        }

        private static string Written()
        {
            return Bytes.Text(writer.Buffer, 0, writer.Length);
        }

        [TestMethod]
        public static void Query_command_is_name_and_carriage_return()
        {
            writer.Command("I?").End();
            Assert.AreEqual("I?\r", Written());
        }

        [TestMethod]
        public static void Socket_settings_T9_T13()
        {
            writer.Command("P0").Int(0).End();
            Assert.AreEqual("P0=0\r", Written());
            writer.Command("P4").Int(8883).End();
            Assert.AreEqual("P4=8883\r", Written());
            writer.Command("P1").Int(0).End();
            Assert.AreEqual("P1=0\r", Written());
            writer.Command("P4").Int(8001).End();
            Assert.AreEqual("P4=8001\r", Written());
            writer.Command("P6").Int(1).End();
            Assert.AreEqual("P6=1\r", Written());
        }

        [TestMethod]
        public static void Servers_T11_T12()
        {
            writer.Command("P2").Int(80).End();
            Assert.AreEqual("P2=80\r", Written());
            writer.Command("P5").Int(11).End();
            Assert.AreEqual("P5=11\r", Written());
            writer.Command("P5").Int(10).End();
            Assert.AreEqual("P5=10\r", Written());
            writer.Command("P2").Int(5024).End();
            Assert.AreEqual("P2=5024\r", Written());
        }

        [TestMethod]
        public static void Dotted_address_T13()
        {
            writer.Command("D0").Ip(new byte[] { 192, 168, 1, 2 }).End();
            Assert.AreEqual("D0=192.168.1.2\r", Written());
            writer.Command("P3").Ip(new byte[] { 0, 0, 255, 10 }).End();
            Assert.AreEqual("P3=0.0.255.10\r", Written());
        }

        [TestMethod]
        public static void Join_sequence_T14()
        {
            writer.Command("C1").Text("eS-WiFI_Demo", "ssid", 32, true).End();
            Assert.AreEqual("C1=eS-WiFI_Demo\r", Written());
            writer.Command("C2").Secret("LetMeInNow", "passphrase", 64, true).End();
            Assert.AreEqual("C2=LetMeInNow\r", Written());
            Assert.AreEqual(3, writer.SecretStart);
            Assert.AreEqual(10, writer.SecretLength);
            writer.Command("C3").Int(4).End();
            Assert.AreEqual("C3=4\r", Written());
            writer.Command("C0").End();
            Assert.AreEqual("C0\r", Written());
            Assert.AreEqual(-1, writer.SecretStart);
        }

        [TestMethod]
        public static void Send_header_T10_and_padded_form()
        {
            writer.Command("S3").Int(10).End();
            Assert.AreEqual("S3=10\r", Written());
            writer.Command("S3").IntPadded(10, 4).End();
            Assert.AreEqual("S3=0010\r", Written());
            writer.Command("S3").IntPadded(1460, 4).End();
            Assert.AreEqual("S3=1460\r", Written());
        }

        [TestMethod]
        public static void Prebuilt_commands_are_copied_once_and_stay_exact_whatever_came_between()
        {
            byte[] read = Bytes.Of("R0\r");
            byte[] send = Bytes.Of("S3=0000\r");

            // The same command again, and the same number again: the bytes stay exact.
            writer.Prebuilt(read);
            writer.Prebuilt(read);
            Assert.AreEqual("R0\r", Written());
            writer.Prebuilt(send, 64, 4);
            writer.Prebuilt(send, 64, 4);
            Assert.AreEqual("S3=0064\r", Written());
            writer.Prebuilt(send, 1460, 4);
            Assert.AreEqual("S3=1460\r", Written());
            writer.Prebuilt(send, 7, 4);
            Assert.AreEqual("S3=0007\r", Written());

            // The template with no number after it held one is the template again.
            writer.Prebuilt(send);
            Assert.AreEqual("S3=0000\r", Written());

            // A formatted command between two prebuilt ones is overwritten by the second.
            writer.Prebuilt(send, 64, 4);
            writer.Command("P0").Int(1).End();
            writer.Prebuilt(send, 64, 4);
            Assert.AreEqual("S3=0064\r", Written());
            writer.Command("P0").Int(1).End();
            writer.Prebuilt(read);
            Assert.AreEqual("R0\r", Written());

            // A secret payload is the write's that asked for it, not the next one's.
            writer.Prebuilt(send, 64, 4).SecretPayload();
            Assert.IsTrue(writer.PayloadIsSecret);
            writer.Prebuilt(send, 64, 4);
            Assert.IsFalse(writer.PayloadIsSecret);
            Assert.IsTrue(writer.IsComplete);

            // A number that does not fit its digits is refused and leaves the command as it was.
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => writer.Prebuilt(send, 10000, 4));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => writer.Prebuilt(send, -1, 4));
            Assert.AreEqual("S3=0064\r", Written());
        }

        [TestMethod]
        public static void Certificate_header_T15()
        {
            writer.Command("PG").Int(2).Int(0).Int(1731).SecretPayload().End();
            Assert.AreEqual("PG=2,0,1731\r", Written());
            Assert.IsTrue(writer.PayloadIsSecret);
        }

        [TestMethod]
        public static void Negative_and_extreme_integers()
        {
            writer.Command("ZP").Int(-67).Int(int.MinValue).Int(int.MaxValue).End();
            Assert.AreEqual("ZP=-67,-2147483648,2147483647\r", Written());
        }

        [TestMethod]
        public static void Non_ascii_text_is_utf8()
        {
            writer.Command("C1").Text("Caf\u00e9", "ssid", 32, true).End();
            Assert.AreEqual(9, writer.Length);
            Assert.AreEqual((byte)0xC3, writer.Buffer[6]);
            Assert.AreEqual((byte)0xA9, writer.Buffer[7]);
        }

        [TestMethod]
        public static void Text_with_line_breaks_or_separators_is_refused()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => writer.Command("C1").Text("home\rP6=1", "ssid", 32, true));
            Assert.ThrowsException(typeof(ArgumentException), () => writer.Command("C1").Text("home\n", "ssid", 32, true));
            Assert.ThrowsException(typeof(ArgumentException), () => writer.Command("D0").Text("a,b", "host", 63, false));
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.Command("C1").Text(null, "ssid", 32, true));
        }

        [TestMethod]
        public static void A_nul_never_reaches_the_module()
        {
            // On desktop .NET a string can hold a NUL and the guard refuses it; on nanoCLR a string
            // ends at its first NUL, so no NUL can be in the text at all (docs/architecture.md).
            string withNul = new string(new char[] { 'h', 'o', (char)0, 'm', 'e' });
            if (withNul.Length == 5)
            {
                Assert.ThrowsException(typeof(ArgumentException), () => writer.Command("C1").Text(withNul, "ssid", 32, true));
            }
            else
            {
                Assert.AreEqual(2, withNul.Length);
                writer.Command("C1").Text(withNul, "ssid", 32, true).End();
                Assert.AreEqual("C1=ho\r", Bytes.Text(writer.Buffer, 0, writer.Length));
            }
        }

        [TestMethod]
        public static void Text_over_its_limit_is_refused()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => writer.Command("C1").Text("123456789012345678901234567890123", "ssid", 32, true));
            writer.Command("C1").Text("12345678901234567890123456789012", "ssid", 32, true).End();
            Assert.AreEqual(36, writer.Length);
        }

        [TestMethod]
        public static void Refusal_names_the_argument_and_hides_the_value()
        {
            try
            {
                writer.Command("C2").Secret("secret\rP6=1", "passphrase", 64, true);
            }
            catch (ArgumentException e)
            {
                Assert.AreEqual("passphrase", e.ParamName);
                Assert.DoesNotContains("secret", e.Message);
                return;
            }

            Assert.IsTrue(false, "no exception");
        }

        [TestMethod]
        public static void Bad_command_names_are_refused()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => writer.Command("p0"));
            Assert.ThrowsException(typeof(ArgumentException), () => writer.Command("P"));
            Assert.ThrowsException(typeof(ArgumentException), () => writer.Command("P0\r"));
            writer.Command("---").End();
            Assert.AreEqual("---\r", Written());
        }
    }
}
