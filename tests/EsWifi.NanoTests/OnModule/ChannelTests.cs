using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>AtChannel over the real UART transport and a module model: commands, answers, faults and the next command after each.</summary>
    [TestClass]
    public class ChannelTests
    {
        private static TinyModule tiny;
        private static ManualClock clock;
        private static AtChannel channel;

        private static void Fresh()
        {
            tiny = new TinyModule();
            clock = new ManualClock();
            channel = new AtChannel(new UartTransport(tiny, clock, 2048), clock);
            channel.SyncAnswer = TinyModule.Identity;
        }

        private static string Mac()
        {
            channel.Writer.Command("Z5").End();
            return channel.ExecuteOk(500).PayloadText();
        }

        [TestMethod]
        public static void A_query_returns_its_payload()
        {
            Fresh();
            Assert.AreEqual(TinyModule.Mac, Mac());
            Assert.AreEqual(1, channel.CommandCount);
        }

        [TestMethod]
        public static void An_error_answer_carries_the_reason()
        {
            Fresh();
            channel.Writer.Command("XX").End();
            AtResponse answer = channel.Execute(500);
            Assert.AreEqual((int)AtResponseKind.Error, (int)answer.Kind);
            Assert.AreEqual("Unknown command", answer.ReasonText());
        }

        [TestMethod]
        public static void ExecuteOk_turns_an_error_into_a_module_error()
        {
            Fresh();
            channel.Writer.Command("XX").End();
            Assert.AreEqual((int)EsWifiErrorKind.ModuleError, Rig.KindOf(() => channel.ExecuteOk(500)));
            Assert.AreEqual(TinyModule.Mac, Mac());
        }

        [TestMethod]
        public static void Silence_is_a_timeout_and_the_next_command_works()
        {
            Fresh();
            tiny.SilentOn = "Z5";
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => Mac()));
            Assert.AreEqual(TinyModule.Mac, Mac());
        }

        [TestMethod]
        public static void After_a_timeout_the_channel_resyncs_with_I_query()
        {
            Fresh();
            tiny.SilentOn = "Z5";
            Rig.KindOf(() => Mac());
            Mac();
            Assert.AreEqual("Z5|I?|Z5", tiny.History);
        }

        [TestMethod]
        public static void A_late_answer_is_never_taken_for_the_next_command()
        {
            Fresh();
            tiny.LateOn = "CS";
            channel.Writer.Command("CS").End();
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => channel.ExecuteOk(500)));

            // The CS answer arrives now, just before the I? answer: it is dropped.
            Assert.AreEqual(TinyModule.Mac, Mac());
            Assert.AreEqual(TinyModule.Mac, Mac());
        }

        [TestMethod]
        public static void A_reset_instead_of_an_answer_is_a_module_reset()
        {
            Fresh();
            int generation = channel.Generation;
            tiny.ResetOn = "Z5";
            Assert.AreEqual((int)EsWifiErrorKind.ModuleReset, Rig.KindOf(() => Mac()));
            Assert.AreEqual(generation + 1, channel.Generation);
            Assert.AreEqual(1, channel.ResetCount);
            Assert.AreEqual(TinyModule.Mac, Mac());
        }

        [TestMethod]
        public static void A_reboot_while_idle_is_noticed_before_the_next_command()
        {
            Fresh();
            Mac();
            tiny.RebootNow();
            Assert.AreEqual((int)EsWifiErrorKind.ModuleReset, Rig.KindOf(() => Mac()));
            Assert.AreEqual(TinyModule.Mac, Mac());
        }

        [TestMethod]
        public static void A_payload_goes_out_after_its_header_byte_exact()
        {
            Fresh();
            channel.Writer.Command("P0").Int(0).End();
            channel.ExecuteOk(500);
            channel.Writer.Command("C0").End();
            Rig.KindOf(() => channel.ExecuteOk(500));
            byte[] data = Rig.AllByteValues(300);
            channel.Writer.Command("S3").Int(300).End();
            AtResponse answer = channel.ExecuteWithPayload(data, 0, data.Length, 500);

            // Not connected: the model refuses, but only after taking all 300 bytes as payload.
            Assert.AreEqual((int)AtResponseKind.Error, (int)answer.Kind);
            Assert.AreEqual(TinyModule.Mac, Mac());
        }

        [TestMethod]
        public static void An_unterminated_command_is_refused_before_sending()
        {
            Fresh();
            channel.Writer.Command("Z5");
            Assert.ThrowsException(typeof(System.InvalidOperationException), () => channel.Execute(500));
            Assert.AreEqual(0, tiny.Commands);
        }

        [TestMethod]
        public static void A_timeout_out_of_range_is_refused()
        {
            Fresh();
            channel.Writer.Command("Z5").End();
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => channel.Execute(0));
            Assert.AreEqual(0, tiny.Commands);
        }

        [TestMethod]
        public static void The_trace_shows_both_directions()
        {
            Fresh();
            string seen = string.Empty;
            channel.Trace = (direction, text) => seen += (direction == AtTraceDirection.ToModule ? ">" : "<") + text + ";";
            Mac();
            Assert.Contains(">Z5", seen);
            Assert.Contains(TinyModule.Mac, seen);
        }

        [TestMethod]
        public static void The_trace_never_shows_the_passphrase()
        {
            Fresh();
            string seen = string.Empty;
            channel.Trace = (direction, text) => seen += text + ";";
            channel.Writer.Command("C2").Secret(TinyModule.Passphrase, "passphrase", 63, true).End();
            channel.ExecuteOk(500);
            channel.Writer.Command("C?").End();
            channel.ExecuteOk(500);
            Assert.DoesNotContains("horse", seen);
        }

        [TestMethod]
        public static void Many_commands_in_a_row_stay_in_step()
        {
            Fresh();
            for (int i = 0; i < 50; i++)
            {
                Assert.AreEqual(TinyModule.Mac, Mac());
                channel.Writer.Command("CS").End();
                Assert.AreEqual("0", channel.ExecuteOk(500).PayloadText());
            }

            Assert.AreEqual(100, tiny.Commands);
        }
    }
}
