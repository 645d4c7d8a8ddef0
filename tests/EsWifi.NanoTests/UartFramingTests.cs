using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>
    /// UART framing: text answers end at their first prompt; binary (R0) answers are delivered
    /// exactly, whatever envelope bytes the data holds and however the bytes are chunked.
    /// </summary>
    [TestClass]
    public class UartFramingTests
    {
        private const int Timeout = 1000;

        private static ScriptedLink link;
        private static ManualClock clock;
        private static UartTransport transport;
        private static byte[] frame;

        [Setup]
        public static void Setup()
        {
            frame = new byte[2048];
        }

        private static void Fresh(int chunkSize)
        {
            link = new ScriptedLink();
            link.ChunkSize = chunkSize;
            clock = new ManualClock();
            transport = new UartTransport(link, clock, 2048);
        }

        private static string ReceiveText(int binaryLimit)
        {
            int length = transport.Receive(frame, 0, frame.Length, Timeout, binaryLimit);
            return Bytes.Text(frame, 0, length);
        }

        private static byte[] ReadAnswer(byte[] data)
        {
            return Bytes.Concat(Bytes.Concat(Bytes.Of("\r\n"), data), Bytes.Of("\r\nOK\r\n> "));
        }

        [TestMethod]
        public static void Text_answers_end_at_the_first_prompt()
        {
            Fresh(int.MaxValue);
            link.Deliver("\r\n1\r\nOK\r\n> \r\n-67\r\nOK\r\n> ");
            Assert.AreEqual("\r\n1\r\nOK\r\n> ", ReceiveText(0));
            Assert.AreEqual("\r\n-67\r\nOK\r\n> ", ReceiveText(0));
            Assert.AreEqual(0, transport.Receive(frame, 0, frame.Length, 0, 0));
        }

        [TestMethod]
        public static void Adversarial_payloads_arrive_exactly_in_every_chunk_size()
        {
            string[] payloads = new string[]
            {
                "\r\n",
                "\0",
                "\x15",
                "\x15\x15\r\n> ",
                "\r\n> ",
                "\r\nOK\r\n> ",
                "abc\r\nOK\r\n> def",
                "\r\n-1\r\n> tail",
                "> leading prompt text",
                "\r\nERROR: x\r\nUsage: y\r\n> ",
                "-1\r\n> tail",
                "-1\r\nERROR\r\n> ",
                "ERROR: not really\r\n> more",
            };

            for (int p = 0; p < payloads.Length; p++)
            {
                byte[] data = Bytes.Of(payloads[p]);
                for (int chunk = 1; chunk <= 16; chunk++)
                {
                    Fresh(chunk);
                    link.Deliver(ReadAnswer(data));
                    int length = transport.Receive(frame, 0, frame.Length, Timeout, 1460);
                    Assert.AreEqual(data.Length + 10, length, payloads[p]);
                    AtResponse response = new AtResponse();
                    Assert.AreEqual((int)AtResponseKind.Ok, (int)response.Parse(frame, 0, length, false));
                    Assert.AreEqual(payloads[p], Bytes.Text(frame, response.PayloadOffset, response.PayloadLength));
                }
            }
        }

        [TestMethod]
        public static void A_full_size_payload_ends_without_waiting_for_quiet()
        {
            Fresh(64);
            byte[] data = Bytes.Of("0123456789\r\nOK\r\n> ");
            link.Deliver(ReadAnswer(data));
            long before = clock.NowMilliseconds;
            int length = transport.Receive(frame, 0, frame.Length, Timeout, data.Length);
            Assert.AreEqual(data.Length + 10, length);
            Assert.AreEqual(before, clock.NowMilliseconds);
        }

        [TestMethod]
        public static void A_shorter_payload_ends_once_the_line_is_silent_for_the_end_gap()
        {
            Fresh(64);
            link.Deliver(ReadAnswer(Bytes.Of("short")));
            int length = transport.Receive(frame, 0, frame.Length, Timeout, 1460);
            Assert.AreEqual(15, length);
            Assert.AreEqual(UartTransport.DefaultEndGapMicroseconds, (int)clock.NowMicroseconds);
        }

        [TestMethod]
        public static void An_unsolicited_message_before_a_text_answer_is_its_own_frame()
        {
            Fresh(3);
            link.Deliver("\r\n[TCP SVR] Accepted 10.0.0.2:4000\r\n> ");
            link.Deliver("\r\n1460\r\nOK\r\n> ");
            Assert.AreEqual("\r\n[TCP SVR] Accepted 10.0.0.2:4000\r\n> ", ReceiveText(0));
            Assert.AreEqual("\r\n1460\r\nOK\r\n> ", ReceiveText(0));
        }

        [TestMethod]
        public static void Read_data_that_begins_like_a_message_stays_data()
        {
            Fresh(3);
            link.Deliver(ReadAnswer(Bytes.Of("[TCP SVR] Accepted 10.0.0.1:1\r\n> rest")));
            Assert.AreEqual("\r\n[TCP SVR] Accepted 10.0.0.1:1\r\n> rest\r\nOK\r\n> ", ReceiveText(1460));
        }

        [TestMethod]
        public static void Error_answers_end_at_their_prompt_in_both_modes()
        {
            Fresh(4);
            link.Deliver("\r\nERROR: Host not found \r\nUsage: D0=<host>\r\n> ");
            Assert.AreEqual("\r\nERROR: Host not found \r\nUsage: D0=<host>\r\n> ", ReceiveText(0));
            link.Deliver("\r\nERROR\r\n> ");
            Assert.AreEqual("\r\nERROR\r\n> ", ReceiveText(1460));
            link.Deliver("\r\n-1\r\n> ");
            Assert.AreEqual("\r\n-1\r\n> ", ReceiveText(1460));
        }

        [TestMethod]
        public static void A_cut_read_answer_then_a_prompt_is_returned_once_the_line_is_quiet()
        {
            Fresh(16);
            link.Deliver("\r\npartial data\r\n> ");
            Assert.AreEqual("\r\npartial data\r\n> ", ReceiveText(1460));
            Assert.AreEqual(UartTransport.DefaultQuietGapMilliseconds, (int)clock.NowMilliseconds);
        }

        [TestMethod]
        public static void Noise_ending_in_a_prompt_is_its_own_frame()
        {
            Fresh(5);
            link.Deliver("#$%noise\r\n> \r\n\r\nOK\r\n> ");
            Assert.AreEqual("#$%noise\r\n> ", ReceiveText(1460));
            Assert.AreEqual("\r\n\r\nOK\r\n> ", ReceiveText(1460));
        }

        [TestMethod]
        public static void A_cut_off_answer_times_out_and_is_discarded()
        {
            Fresh(7);
            link.Deliver("\r\n-67\r\nO");
            Assert.AreEqual(0, transport.Receive(frame, 0, frame.Length, 50, 0));
            Assert.AreEqual(50, (int)clock.NowMilliseconds);
            Assert.AreEqual(8, transport.DiscardInput());
            link.Deliver("\r\n1\r\nOK\r\n> ");
            Assert.AreEqual("\r\n1\r\nOK\r\n> ", ReceiveText(0));
        }

        [TestMethod]
        public static void Header_and_payload_go_out_unchanged()
        {
            Fresh(int.MaxValue);
            byte[] header = Bytes.Of("S3=5\r");
            byte[] payload = Bytes.Join("xx\r\n", 0x00, "yy");
            transport.Send(header, 0, header.Length, payload, 2, 5);
            Assert.IsTrue(Bytes.Equal(Bytes.Join("S3=5\r\r\n", 0x00, "yy"), link.Written, 0, link.WrittenCount));
        }
    }
}
