using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>The response parser against every machine-mode transcript and vector of protocol.md §15.</summary>
    [TestClass]
    public class ResponseParserTests
    {
        private static AtResponse response;

        [Setup]
        public static void Setup()
        {
            response = new AtResponse();
        }

        private static AtResponseKind Parse(string frame)
        {
            byte[] bytes = Bytes.Of(frame);
            return response.Parse(bytes, 0, bytes.Length, false);
        }

        private static string Payload()
        {
            return Bytes.Text(response.Buffer, response.PayloadOffset, response.PayloadLength);
        }

        private static string Line(string prefix)
        {
            if (!response.TryFindLine(prefix, out int offset, out int length))
            {
                return null;
            }

            return Bytes.Text(response.Buffer, offset, length);
        }

        [TestMethod]
        public static void T1_boot_cursor_is_a_bare_prompt()
        {
            Assert.AreEqual((int)AtResponseKind.Prompt, (int)Parse("\r\n> "));
        }

        [TestMethod]
        public static void T2_product_information()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\nISM43362-M3G-L44-SPI,C3.5.2.5.STM,v3.5.2,v1.4.0.rc1,v8.2.1,120000000,Inventek eS-WiFi\r\nOK\r\n> "));
            Assert.AreEqual("ISM43362-M3G-L44-SPI,C3.5.2.5.STM,v3.5.2,v1.4.0.rc1,v8.2.1,120000000,Inventek eS-WiFi", response.PayloadText());
        }

        [TestMethod]
        public static void T3_failed_join_keeps_reason_usage_and_join_lines()
        {
            Assert.AreEqual((int)AtResponseKind.Error, (int)Parse("\r\n[JOIN   ] Grove Island\r\n[JOIN   ] Failed\r\nERROR: Unknown Error\r\nUsage: C0 \r\n> "));
            Assert.AreEqual("Unknown Error", response.ReasonText());
            Assert.AreEqual("C0 ", response.UsageText());
            Assert.AreEqual("Grove Island", Line("[JOIN   ] "));
            Assert.AreEqual("[JOIN   ] Grove Island\r\n[JOIN   ] Failed", Payload());
        }

        [TestMethod]
        public static void T4_successful_join()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n[JOIN   ] WK,192.168.0.192,0,0\r\nOK\r\n> "));
            Assert.AreEqual("WK,192.168.0.192,0,0", Line("[JOIN   ] "));
        }

        [TestMethod]
        public static void T5_tcp_client_connect()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n[TCP  RC] Connecting to 192.168.1.110\r\nOK\r\n> "));
            Assert.AreEqual("Connecting to 192.168.1.110", Line("[TCP  RC] "));
        }

        [TestMethod]
        public static void T6_rssi()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n-67\r\nOK\r\n> "));
            Assert.IsTrue(response.TryGetPayloadInt(out int rssi));
            Assert.AreEqual(-67, rssi);
        }

        [TestMethod]
        public static void T7_empty_read_then_48_byte_datagram()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n\r\nOK\r\n> "));
            Assert.AreEqual(0, response.PayloadLength);

            byte[] frame = new byte[2 + 48 + 8];
            frame[0] = 0x0D;
            frame[1] = 0x0A;
            for (int i = 0; i < 48; i++)
            {
                frame[2 + i] = (byte)(i == 0 ? 0x1C : i);
            }

            byte[] trailer = Bytes.Of("\r\nOK\r\n> ");
            System.Array.Copy(trailer, 0, frame, 50, 8);
            Assert.AreEqual((int)AtResponseKind.Ok, (int)response.Parse(frame, 0, frame.Length, false));
            Assert.AreEqual(48, response.PayloadLength);
            Assert.AreEqual(2, response.PayloadOffset);
        }

        [TestMethod]
        public static void T8_envelopes()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\ndata\r\nOK\r\n> "));
            Assert.AreEqual("data", Payload());
            Assert.AreEqual((int)AtResponseKind.Error, (int)Parse("\r\nERROR\r\nUsage: P6 <0/1>\r\n> "));
            Assert.AreEqual(string.Empty, response.ReasonText());
            Assert.AreEqual("P6 <0/1>", response.UsageText());
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n\r\nOK\r\n> "));
            Assert.AreEqual(0, response.PayloadLength);
        }

        [TestMethod]
        public static void T16_message_area_with_several_and_no_messages()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n[SOMA][AP DHCP] Assigned AC:72:89:55:CE:36 has 192.168.10.100[EOMA]\r\nOK\r\n> "));
            Assert.IsTrue(response.TryGetMessageArea(out int area, out int areaLength));
            int next = response.NextMessage(area, area + areaLength, out int message, out int messageLength);
            Assert.AreEqual("[AP DHCP] Assigned AC:72:89:55:CE:36 has 192.168.10.100", Bytes.Text(response.Buffer, message, messageLength));
            Assert.AreEqual(-1, response.NextMessage(next, area + areaLength, out message, out messageLength));

            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n[SOMA][TCP SVR] Accepted 192.168.2.2:5024[TCP SVR] Accepted 192.168.2.3:5025\r\n[AP DHCP] Assigned x[EOMA]\r\nOK\r\n> "));
            Assert.IsTrue(response.TryGetMessageArea(out area, out areaLength));
            int end = area + areaLength;
            next = response.NextMessage(area, end, out message, out messageLength);
            Assert.AreEqual("[TCP SVR] Accepted 192.168.2.2:5024", Bytes.Text(response.Buffer, message, messageLength));
            next = response.NextMessage(next, end, out message, out messageLength);
            Assert.AreEqual("[TCP SVR] Accepted 192.168.2.3:5025", Bytes.Text(response.Buffer, message, messageLength));
            next = response.NextMessage(next, end, out message, out messageLength);
            Assert.AreEqual("[AP DHCP] Assigned x", Bytes.Text(response.Buffer, message, messageLength));
            Assert.AreEqual(-1, response.NextMessage(next, end, out message, out messageLength));

            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n[SOMA][EOMA]\r\nOK\r\n> "));
            Assert.IsTrue(response.TryGetMessageArea(out area, out areaLength));
            Assert.AreEqual(0, areaLength);
            Assert.AreEqual(-1, response.NextMessage(area, area, out message, out messageLength));
        }

        [TestMethod]
        public static void T17_error_with_and_without_usage_line()
        {
            Assert.AreEqual((int)AtResponseKind.Error, (int)Parse("\r\nERROR: Unknown Error\r\nUsage: MT <0=Normal/1=Simple>\r\n> "));
            Assert.AreEqual("Unknown Error", response.ReasonText());
            Assert.AreEqual("MT <0=Normal/1=Simple>", response.UsageText());
            Assert.AreEqual((int)AtResponseKind.Error, (int)Parse("\r\nERROR\r\n> "));
            Assert.AreEqual(string.Empty, response.ReasonText());
            Assert.IsNull(response.UsageText());
            Assert.AreEqual((int)AtResponseKind.Error, (int)Parse("\r\nERROR: Host not found \r\n> "));
            Assert.AreEqual("Host not found ", response.ReasonText());
        }

        [TestMethod]
        public static void T19_machine_format_examples()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n98.139.183.24\r\nOK\r\n> "));
            Assert.AreEqual("98.139.183.24", Payload());
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n1500404323\r\nOK\r\n> "));
            Assert.IsTrue(response.TryGetPayloadInt(out int seconds));
            Assert.AreEqual(1500404323, seconds);
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\nEs-WiFi,192.168.10.1,1,0,,1,24,0\r\nOK\r\n> "));
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n0,AC:72:89:55:CE:36,-40\r\nOK\r\n> "));
            Assert.AreEqual("0,AC:72:89:55:CE:36,-40", Payload());
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n[JOIN   ] SSID\r\n[DHCP   ] 192.168.2.18\r\nOK\r\n> "));
            Assert.AreEqual("192.168.2.18", Line("[DHCP   ] "));
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n[EEPROM ] Erasing\r\n[EEPROM ] Complete\r\nOK\r\n> "));
            Assert.AreEqual("Erasing", Line("[EEPROM ] "));
            Assert.AreEqual("[EEPROM ] Erasing\r\n[EEPROM ] Complete", Payload());
        }

        [TestMethod]
        public static void T19_scan_list_has_one_line_per_access_point()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse(
                "\r\n#001,\"SSID1\",08:86:3B:2B:7E:2E,-51,54.0,Infrastructure,WPA2 AES,2.4GHz,1\r\n"
                + "#002,\"SSID2\",C0:C1:C0:88:9F:6A,-53,54.0,Infrastructure,WPA2 AES,2.4GHz,6\r\n"
                + "#003,\"SSID3\",00:24:B2:B1:E9:FD,-61,54.0,Infrastructure,Open,2.4GHz,11\r\nOK\r\n> "));
            int lines = 0;
            int position = response.PayloadOffset;
            string last = null;
            while ((position = response.NextLine(position, out int offset, out int length)) >= 0)
            {
                lines++;
                last = Bytes.Text(response.Buffer, offset, length);
            }

            Assert.AreEqual(3, lines);
            Assert.AreEqual("#003,\"SSID3\",00:24:B2:B1:E9:FD,-61,54.0,Infrastructure,Open,2.4GHz,11", last);
        }

        [TestMethod]
        public static void T19_soft_ap_start_lines_are_a_message_block()
        {
            Assert.AreEqual((int)AtResponseKind.AsyncMessage, (int)Parse("\r\n[AP     ] SSID: eS-WiFi_AP_0022F40BBC0F IP: 192.168.10.1\r\n[WEB SVR] Server started\r\n> "));
            Assert.AreEqual("[AP     ] SSID: eS-WiFi_AP_0022F40BBC0F IP: 192.168.10.1\r\n[WEB SVR] Server started", Payload());
        }

        [TestMethod]
        public static void Vectors_15_3_send_answers()
        {
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n1460\r\nOK\r\n> "));
            Assert.IsTrue(response.TryGetPayloadInt(out int sent));
            Assert.AreEqual(1460, sent);
            Assert.IsFalse(response.IsMinusOne);
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n-1\r\nOK\r\n> "));
            Assert.IsTrue(response.IsMinusOne);
        }

        [TestMethod]
        public static void Vectors_15_3_read_failure_forms()
        {
            Assert.AreEqual((int)AtResponseKind.ReadFailure, (int)Parse("\r\n-1\r\n> "));
            Assert.AreEqual((int)AtResponseKind.ReadFailure, (int)Parse("\r\n-1\r\nERROR\r\n> "));
            Assert.AreEqual((int)AtResponseKind.ReadFailure, (int)Parse("\r\n-1\r\nERROR: Socket closed\r\nUsage: R0\r\n> "));
        }

        [TestMethod]
        public static void Vectors_15_3_unsolicited_accept_and_status()
        {
            Assert.AreEqual((int)AtResponseKind.AsyncMessage, (int)Parse("\r\n[TCP SVR] Accepted 192.168.2.2:5024\r\n> "));
            Assert.AreEqual("[TCP SVR] Accepted 192.168.2.2:5024", response.PayloadText());
            Assert.AreEqual((int)AtResponseKind.Ok, (int)Parse("\r\n0,0.0.0.0,5024,0.0.0.0,5025,0,0,1,0,0\r\nOK\r\n> "));
            Assert.IsTrue(Payload().StartsWith("0,0.0.0.0,"));
        }

        [TestMethod]
        public static void Vectors_15_3_firmware_C6_2_1_8_extra_line_break()
        {
            byte[] empty = Bytes.Of("\r\n\r\n\r\nOK\r\n> ");
            Assert.AreEqual(12, empty.Length);
            Assert.AreEqual((int)AtResponseKind.Ok, (int)response.Parse(empty, 0, empty.Length, true));
            Assert.AreEqual(0, response.PayloadLength);

            byte[] udp = Bytes.Of("\r\nDATA\r\n\r\nOK\r\n> ");
            Assert.AreEqual((int)AtResponseKind.Ok, (int)response.Parse(udp, 0, udp.Length, true));
            Assert.AreEqual("DATA", Payload());

            // The same bytes from a 10-byte-envelope firmware are data that ends in CR LF.
            Assert.AreEqual((int)AtResponseKind.Ok, (int)response.Parse(udp, 0, udp.Length, false));
            Assert.AreEqual("DATA\r\n", Payload());
        }

        [TestMethod]
        public static void Binary_data_with_envelope_bytes_inside_is_kept()
        {
            byte[] frame = Bytes.Join("\r\n\r\nOK\r\n> \r\nERROR", 0x00, 0x15, "\r\nOK\r\n> ");
            Assert.AreEqual((int)AtResponseKind.Ok, (int)response.Parse(frame, 0, frame.Length, false));
            Assert.IsTrue(Bytes.Equal(Bytes.Join("\r\nOK\r\n> \r\nERROR", 0x00, 0x15), response.Buffer, response.PayloadOffset, response.PayloadLength));
        }

        [TestMethod]
        public static void Noise_before_the_frame_is_skipped()
        {
            byte[] frame = Bytes.Join(0x00, 0xFF, "garbage\r\n-67\r\nOK\r\n> ");
            Assert.AreEqual((int)AtResponseKind.Ok, (int)response.Parse(frame, 0, frame.Length, false));
            Assert.AreEqual(9, response.SkippedBytes);
            Assert.IsTrue(response.TryGetPayloadInt(out int rssi));
            Assert.AreEqual(-67, rssi);
        }

        [TestMethod]
        public static void Cut_off_frames_are_unrecognized()
        {
            Assert.AreEqual((int)AtResponseKind.Unrecognized, (int)Parse("\r\n-67\r\nOK\r\n"));
            Assert.AreEqual((int)AtResponseKind.Unrecognized, (int)Parse("no line break at all"));
            Assert.AreEqual((int)AtResponseKind.Unrecognized, (int)Parse("\r\nhello\r\n> "));
            Assert.AreEqual((int)AtResponseKind.Unrecognized, (int)Parse(string.Empty));
        }
    }
}
