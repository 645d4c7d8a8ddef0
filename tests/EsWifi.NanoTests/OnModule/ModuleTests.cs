using System;
using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>EsWifiModule bring-up, identity, options, raw commands and traces on a module model.</summary>
    [TestClass]
    public class ModuleTests
    {
        [TestMethod]
        public static void Initialize_reboots_with_ZR_and_reads_the_identity()
        {
            Rig rig = new Rig(false);
            Assert.AreEqual("ZR|I?", rig.Tiny.History);
            Assert.AreEqual("ISM43362-M3G-L44-UART", rig.Module.Info.ProductId);
            Assert.AreEqual(3, rig.Module.Info.Firmware.Major);
            Assert.IsTrue(rig.Module.Info.Firmware.IsAtLeast(3, 5, 2, 5));
        }

        [TestMethod]
        public static void Initialize_without_reset_probes_with_a_bare_CR()
        {
            Rig rig = new Rig(false);
            rig.Module.Initialize(false);
            Assert.AreEqual("ZR|I?||I?", rig.Tiny.History);
        }

        [TestMethod]
        public static void The_mac_address_is_read_once()
        {
            Rig rig = new Rig(false);
            Assert.AreEqual(TinyModule.Mac, rig.Module.GetMacAddress());
            Assert.AreEqual(TinyModule.Mac, rig.Module.GetMacAddress());
            Assert.AreEqual(3, rig.Tiny.Commands);
        }

        [TestMethod]
        public static void Four_sockets_are_free_after_bring_up()
        {
            Assert.AreEqual(4, new Rig(false).Module.FreeSockets);
        }

        [TestMethod]
        public static void A_raw_command_returns_the_answer_text()
        {
            Rig rig = new Rig(false);
            RawAnswer answer = rig.Module.SendRawCommand("Z5", 1000);
            Assert.IsTrue(answer.IsOk);
            Assert.AreEqual(TinyModule.Mac, answer.Text);
        }

        [TestMethod]
        public static void A_raw_command_error_keeps_its_reason()
        {
            Rig rig = new Rig(false);
            RawAnswer answer = rig.Module.SendRawCommand("XX", 1000);
            Assert.IsFalse(answer.IsOk);
            Assert.AreEqual("Unknown command", answer.Reason);
        }

        [TestMethod]
        public static void Raw_payload_commands_are_refused_in_any_case_before_sending()
        {
            Rig rig = new Rig(false);
            int before = rig.Tiny.Commands;
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Module.SendRawCommand("pg=2,0,4", 1000));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Module.SendRawCommand("S3=10", 1000));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Module.SendRawCommand("zr", 1000));
            Assert.AreEqual(before, rig.Tiny.Commands);
        }

        [TestMethod]
        public static void Raw_command_names_are_read_as_sent()
        {
            Assert.AreEqual("PG", RawAnswer.CommandNameOf("pg=1,0,5"));
            Assert.IsTrue(RawAnswer.IsRefused("S0"));
            Assert.IsFalse(RawAnswer.IsRefused("I?"));
            Assert.IsNotNull(RawAnswer.RefusalReason("PG"));
        }

        [TestMethod]
        public static void The_module_trace_sees_every_command()
        {
            Rig rig = new Rig(false);
            int lines = 0;
            rig.Module.Trace = (direction, text) => lines++;
            rig.Module.GetMacAddress();
            Assert.AreEqual(2, lines);
        }

        [TestMethod]
        public static void CommandCount_counts_round_trips()
        {
            Rig rig = new Rig(false);
            int before = rig.Module.CommandCount;
            rig.Module.GetMacAddress();
            Assert.AreEqual(before + 1, rig.Module.CommandCount);
        }

        [TestMethod]
        public static void Options_out_of_range_are_refused_when_given()
        {
            EsWifiOptions options = new EsWifiOptions();
            options.CommandTimeoutMilliseconds = 0;
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new EsWifiModule(new UartTransport(new TinyModule(), new ManualClock(), 2048), options));
        }

        [TestMethod]
        public static void Options_have_usable_defaults()
        {
            EsWifiOptions options = new EsWifiOptions();
            Assert.AreEqual(5000, options.CommandTimeoutMilliseconds);
            Assert.IsTrue(options.Clock is SystemClock);
            Assert.IsNull(options.ResetPin);
        }

        [TestMethod]
        public static void The_system_clock_moves_forward()
        {
            long start = SystemClock.Instance.NowMilliseconds;
            SystemClock.Instance.Sleep(20);
            Assert.IsTrue(SystemClock.Instance.NowMilliseconds >= start + 15);
        }

        [TestMethod]
        public static void A_null_transport_is_refused()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => new EsWifiModule(null));
        }

        [TestMethod]
        public static void EsWifiException_carries_its_kind_and_reason()
        {
            EsWifiException e = new EsWifiException(EsWifiErrorKind.NoFreeSocket, "all four sockets are in use");
            Assert.AreEqual((int)EsWifiErrorKind.NoFreeSocket, (int)e.Kind);
            Assert.AreEqual("all four sockets are in use", e.Message);
        }

        [TestMethod]
        public static void Firmware_versions_compare_by_number()
        {
            FirmwareVersion version = FirmwareVersion.Parse("C3.5.2.5.STM");
            Assert.AreEqual(5, version.Minor);
            Assert.IsTrue(version.CompareTo(3, 5, 2, 4) > 0);
            Assert.IsTrue(version.CompareTo(FirmwareVersion.Parse("C6.2.1.8")) < 0);
        }
    }
}
