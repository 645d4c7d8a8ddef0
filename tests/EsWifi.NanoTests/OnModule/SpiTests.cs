using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>The real SPI transport against a module model: boot cursor, 16-bit words, 0x15 padding, binary data exact.</summary>
    [TestClass]
    public class SpiTests
    {
        private static TinyModule tiny;
        private static TinySpiModule spi;
        private static EsWifiModule module;

        private static void Fresh(bool join)
        {
            tiny = new TinyModule();
            spi = new TinySpiModule(tiny);
            ManualClock clock = new ManualClock();
            EsWifiOptions options = new EsWifiOptions();
            options.Clock = clock;
            options.ResetPin = spi;
            options.CommandTimeoutMilliseconds = 1000;
            module = new EsWifiModule(new SpiTransport(spi, spi, spi, clock, 2048), options);
            module.Initialize();
            if (join)
            {
                module.Wifi.Join(TinyModule.Ssid, TinyModule.Passphrase, WifiSecurity.Wpa2);
            }
        }

        [TestMethod]
        public static void Bring_up_reads_the_boot_cursor_then_the_identity()
        {
            Fresh(false);
            Assert.AreEqual("I?", tiny.History);
            Assert.AreEqual("ISM43362-M3G-L44-UART", module.Info.ProductId);
        }

        [TestMethod]
        public static void An_odd_answer_loses_its_pad_byte()
        {
            Fresh(false);
            Assert.AreEqual(TinyModule.Mac, module.GetMacAddress());
        }

        [TestMethod]
        public static void An_odd_command_is_padded_with_a_line_feed_the_module_ignores()
        {
            Fresh(false);
            Assert.AreEqual("-52", module.SendRawCommand("CR", 1000).Text);
            Assert.AreEqual("CR", tiny.LastCommand);
        }

        [TestMethod]
        public static void Join_works_over_spi()
        {
            Fresh(true);
            Assert.IsTrue(tiny.Joined);
            Assert.IsTrue(module.Wifi.IsConnected);
        }

        [TestMethod]
        public static void Every_byte_value_echoes_over_spi()
        {
            Fresh(true);
            EsWifiNetworkStream tcp = module.ConnectTcp("192.168.1.77", 7);
            byte[] data = Rig.AllByteValues(1000);
            Assert.IsTrue(Rig.EchoesExactly(tcp, data));
        }

        [TestMethod]
        public static void Data_ending_in_the_pad_byte_echoes_over_spi()
        {
            Fresh(true);
            EsWifiNetworkStream tcp = module.ConnectTcp("192.168.1.77", 7);
            byte[] data = Bytes.Join("abc", 0x15);
            Assert.IsTrue(Rig.EchoesExactly(tcp, data));
        }

        [TestMethod]
        public static void An_odd_payload_goes_out_whole()
        {
            Fresh(true);
            EsWifiNetworkStream tcp = module.ConnectTcp("192.168.1.77", 7);
            tcp.Write(Bytes.Of("12345"), 0, 5);
            Assert.AreEqual(5, tiny.Pending(0));
        }

        [TestMethod]
        public static void The_reset_pin_reboots_and_a_new_generation_begins()
        {
            Fresh(true);
            EsWifiNetworkStream tcp = module.ConnectTcp("192.168.1.77", 7);
            int reboots = tiny.Reboots;
            module.Initialize();
            Assert.IsFalse(tiny.Joined);
            Assert.AreEqual(reboots + 1, tiny.Reboots);
            Assert.AreEqual((int)EsWifiErrorKind.ModuleReset, Rig.KindOf(() => tcp.Write(new byte[1], 0, 1)));
            Assert.AreEqual(4, module.FreeSockets);
        }

        [TestMethod]
        public static void Words_are_counted()
        {
            Fresh(false);
            int before = spi.CommandPhases;
            module.SendRawCommand("Z5", 1000);
            Assert.AreEqual(before + 1, spi.CommandPhases);
            Assert.IsTrue(spi.WordsClocked > 0);
        }
    }
}
