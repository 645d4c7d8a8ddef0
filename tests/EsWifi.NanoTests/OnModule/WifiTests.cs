using System;
using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>WifiStation on a module model: join, status, settings, and secrets kept out of traces.</summary>
    [TestClass]
    public class WifiTests
    {
        [TestMethod]
        public static void Join_sends_the_settings_then_C0_and_returns_the_address()
        {
            Rig rig = new Rig(false);
            string address = rig.Module.Wifi.Join(TinyModule.Ssid, TinyModule.Passphrase, WifiSecurity.Wpa2);
            Assert.AreEqual("192.168.1.50", address);
            Assert.IsTrue(rig.Tiny.Joined);
            Assert.Contains("C1=lab|C2=correct horse|C3=3", rig.Tiny.History);
            Assert.EndsWith("C0", rig.Tiny.History);
        }

        [TestMethod]
        public static void A_wrong_passphrase_is_a_module_error()
        {
            Rig rig = new Rig(false);
            Assert.AreEqual((int)EsWifiErrorKind.ModuleError, Rig.KindOf(() => rig.Module.Wifi.Join(TinyModule.Ssid, "wrong one", WifiSecurity.Wpa2)));
            Assert.IsFalse(rig.Tiny.Joined);
            Assert.IsFalse(rig.Module.Wifi.IsConnected);
        }

        [TestMethod]
        public static void IsConnected_follows_the_module()
        {
            Rig rig = new Rig(false);
            Assert.IsFalse(rig.Module.Wifi.IsConnected);
            rig.Module.Wifi.Join(TinyModule.Ssid, TinyModule.Passphrase, WifiSecurity.Wpa2);
            Assert.IsTrue(rig.Module.Wifi.IsConnected);
        }

        [TestMethod]
        public static void Leave_disconnects()
        {
            Rig rig = Rig.Joined();
            rig.Module.Wifi.Leave();
            Assert.IsFalse(rig.Tiny.Joined);
        }

        [TestMethod]
        public static void Rssi_is_read_from_CR()
        {
            Assert.AreEqual(-52, Rig.Joined().Module.Wifi.Rssi);
        }

        [TestMethod]
        public static void The_ip_configuration_is_read_without_the_passphrase()
        {
            IpConfiguration configuration = Rig.Joined().Module.Wifi.GetIpConfiguration();
            Assert.AreEqual("lab", configuration.Ssid);
            Assert.AreEqual("192.168.1.50", configuration.Address);
            Assert.AreEqual("255.255.255.0", configuration.Mask);
            Assert.IsTrue(configuration.Connected);
        }

        [TestMethod]
        public static void An_ssid_with_a_line_break_is_refused_before_any_byte()
        {
            Rig rig = new Rig(false);
            int before = rig.Tiny.Commands;
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Module.Wifi.Join("lab\rP6=1", TinyModule.Passphrase, WifiSecurity.Wpa2));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Module.Wifi.Join("123456789012345678901234567890123", TinyModule.Passphrase, WifiSecurity.Wpa2));
            Assert.AreEqual(before, rig.Tiny.Commands);
        }

        [TestMethod]
        public static void The_passphrase_is_never_traced()
        {
            Rig rig = new Rig(false);
            string seen = string.Empty;
            rig.Module.Trace = (direction, text) => seen += text;
            rig.Module.Wifi.Join(TinyModule.Ssid, TinyModule.Passphrase, WifiSecurity.Wpa2);
            rig.Module.Wifi.GetIpConfiguration();
            Assert.DoesNotContains("horse", seen);
            Assert.Contains("C1=lab", seen);
        }

        [TestMethod]
        public static void Dns_resolves_through_D0()
        {
            Rig rig = Rig.Joined();
            Assert.AreEqual("192.168.1.77", rig.Module.Dns.Resolve("example.com"));
            Assert.AreEqual("D0=example.com", rig.Tiny.LastCommand);
        }

        [TestMethod]
        public static void A_host_name_with_a_comma_is_refused()
        {
            Rig rig = Rig.Joined();
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Module.Dns.Resolve("a,b"));
        }

        [TestMethod]
        public static void Access_point_records_parse()
        {
            AccessPointInfo ap = AccessPointInfo.Parse("#001,\"lab\",C4:7F:51:00:00:01,-48,54.0,Infrastructure,WPA2 AES,2.4GHz,6");
            Assert.AreEqual("lab", ap.Ssid);
            Assert.AreEqual(-48, ap.Rssi);
            Assert.AreEqual(6, ap.Channel);
            Assert.AreEqual((int)WifiSecurity.Wpa2, (int)ap.Security);
        }

        [TestMethod]
        public static void A_scan_lists_every_access_point()
        {
            AccessPointInfo[] found = Rig.Joined().Module.Wifi.Scan();
            Assert.AreEqual(2, found.Length);
            Assert.AreEqual("lab", found[0].Ssid);
            Assert.AreEqual("cafe, upstairs", found[1].Ssid);
            Assert.AreEqual((int)WifiSecurity.Open, (int)found[1].Security);
        }

        [TestMethod]
        public static void Security_names_map_to_the_enum()
        {
            Assert.AreEqual((int)WifiSecurity.Open, (int)AccessPointInfo.SecurityFromText("Open"));
            Assert.AreEqual((int)WifiSecurity.WpaWpa2, (int)AccessPointInfo.SecurityFromText("WPA WPA2"));
        }
    }
}
