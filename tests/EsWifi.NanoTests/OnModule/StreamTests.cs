using System;
using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>TCP streams end to end on a module model: exact bytes of every value, sizes around the chunk limits, close and reuse.</summary>
    [TestClass]
    public class StreamTests
    {
        private static void EchoesExactly(int size)
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            byte[] data = Rig.AllByteValues(size);
            Assert.IsTrue(Rig.EchoesExactly(tcp, data), "echo of " + size.ToString() + " bytes differs");
            tcp.Close();
        }

        [TestMethod]
        public static void One_byte_echoes()
        {
            EchoesExactly(1);
        }

        [TestMethod]
        public static void Every_byte_value_echoes()
        {
            EchoesExactly(256);
        }

        [TestMethod]
        public static void A_full_chunk_echoes()
        {
            EchoesExactly(1460);
        }

        [TestMethod]
        public static void One_more_than_a_chunk_echoes()
        {
            EchoesExactly(1461);
        }

        [TestMethod]
        public static void Several_chunks_echo()
        {
            EchoesExactly(5000);
        }

        [TestMethod]
        public static void Data_that_looks_like_an_answer_echoes()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            byte[] data = Bytes.Join("\r\nOK\r\n> \r\nERROR: x\r\n> ", 0x00, 0x15, 0x15, "\r\n-1\r\nERROR\r\n> ");
            Assert.IsTrue(Rig.EchoesExactly(tcp, data));
        }

        [TestMethod]
        public static void Data_ending_in_the_trailer_echoes()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            byte[] data = Bytes.Of("payload\r\nOK\r\n> ");
            Assert.IsTrue(Rig.EchoesExactly(tcp, data));
        }

        [TestMethod]
        public static void Connect_sends_protocol_address_port_and_start()
        {
            Rig rig = Rig.Joined();
            rig.Module.ConnectTcp("192.168.1.77", 8080);
            Assert.Contains("P0=0|P1=0|P3=192.168.1.77|P4=8080|P6=1", rig.Tiny.History);
        }

        [TestMethod]
        public static void Connect_by_name_resolves_first()
        {
            Rig rig = Rig.Joined();
            rig.Module.ConnectTcp("example.com", 80);
            // D0 on the selected socket sets its remote address itself: no P3 follows.
            Assert.Contains("D0=example.com|P4=80|P6=1", rig.Tiny.History);
        }

        [TestMethod]
        public static void Connect_without_a_network_is_a_not_joined_error_and_frees_the_socket()
        {
            Rig rig = new Rig(false);
            Assert.AreEqual((int)EsWifiErrorKind.NotJoined, Rig.KindOf(() => rig.Module.ConnectTcp("192.168.1.77", 7)));
            Assert.AreEqual(4, rig.Module.FreeSockets);
        }

        [TestMethod]
        public static void A_port_out_of_range_is_refused_before_sending()
        {
            Rig rig = Rig.Joined();
            int before = rig.Tiny.Commands;
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => rig.Module.ConnectTcp("192.168.1.77", 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => rig.Module.ConnectTcp("192.168.1.77", 65536));
            Assert.AreEqual(before, rig.Tiny.Commands);
        }

        [TestMethod]
        public static void Close_stops_the_socket_and_frees_it()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.AreEqual(3, rig.Module.FreeSockets);
            tcp.Close();
            Assert.AreEqual(4, rig.Module.FreeSockets);
            Assert.IsFalse(rig.Tiny.IsOpen(0));
        }

        [TestMethod]
        public static void Close_twice_is_harmless()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            tcp.Close();
            tcp.Dispose();
            Assert.AreEqual(4, rig.Module.FreeSockets);
        }

        [TestMethod]
        public static void Read_and_write_after_close_throw_object_disposed()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            tcp.Close();
            byte[] buffer = new byte[4];
            Assert.ThrowsException(typeof(ObjectDisposedException), () => tcp.Read(buffer, 0, 4));
            Assert.ThrowsException(typeof(ObjectDisposedException), () => tcp.Write(buffer, 0, 4));
        }

        [TestMethod]
        public static void A_closed_stream_cannot_touch_the_next_connection_on_its_socket()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream first = rig.Module.ConnectTcp("192.168.1.77", 7);
            first.Close();
            EsWifiNetworkStream second = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.AreEqual(first.Socket, second.Socket);
            byte[] buffer = new byte[4];
            Assert.ThrowsException(typeof(ObjectDisposedException), () => first.Write(buffer, 0, 4));
            Assert.AreEqual(0, rig.Tiny.Pending(second.Socket));
            byte[] back = Rig.Echo(second, Bytes.Of("mine"));
            Assert.AreEqual("mine", Bytes.Text(back, 0, 4));
        }

        [TestMethod]
        public static void Four_streams_then_a_fifth_is_no_free_socket()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream[] open = new EsWifiNetworkStream[4];
            for (int i = 0; i < 4; i++)
            {
                open[i] = rig.Module.ConnectTcp("192.168.1.77", 7);
            }

            Assert.AreEqual((int)EsWifiErrorKind.NoFreeSocket, Rig.KindOf(() => rig.Module.ConnectTcp("192.168.1.77", 7)));
            open[2].Close();
            EsWifiNetworkStream again = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.AreEqual(2, again.Socket);
        }

        [TestMethod]
        public static void Streams_keep_their_own_data()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream a = rig.Module.ConnectTcp("192.168.1.77", 7);
            EsWifiNetworkStream b = rig.Module.ConnectTcp("192.168.1.77", 7);
            a.Write(Bytes.Of("aaaa"), 0, 4);
            b.Write(Bytes.Of("bbbb"), 0, 4);
            byte[] buffer = new byte[4];
            Assert.AreEqual(4, b.Read(buffer, 0, 4));
            Assert.AreEqual("bbbb", Bytes.Text(buffer, 0, 4));
            Assert.AreEqual(4, a.Read(buffer, 0, 4));
            Assert.AreEqual("aaaa", Bytes.Text(buffer, 0, 4));
        }

        [TestMethod]
        public static void A_short_read_keeps_the_rest_for_the_next()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            tcp.Write(Bytes.Of("0123456789"), 0, 10);
            byte[] buffer = new byte[10];
            Assert.AreEqual(3, tcp.Read(buffer, 0, 3));
            Assert.AreEqual(7, tcp.Read(buffer, 3, 7));
            Assert.AreEqual("0123456789", Bytes.Text(buffer, 0, 10));
        }

        [TestMethod]
        public static void A_read_with_nothing_to_read_times_out()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            tcp.ReadTimeout = 200;
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => tcp.Read(new byte[4], 0, 4)));
        }

        [TestMethod]
        public static void DataAvailable_reports_waiting_bytes()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.IsFalse(tcp.DataAvailable);
            tcp.Write(Bytes.Of("x"), 0, 1);
            Assert.IsTrue(tcp.DataAvailable);
            Assert.IsTrue(tcp.Connected);
        }

        [TestMethod]
        public static void Bad_buffer_arguments_are_refused()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.ThrowsException(typeof(ArgumentNullException), () => tcp.Write(null, 0, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => tcp.Write(new byte[4], 2, 3));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => tcp.Read(new byte[4], -1, 1));
        }

        [TestMethod]
        public static void Timeouts_out_of_range_are_refused()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => tcp.ReadTimeout = -2);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => tcp.WriteTimeout = 0);
        }

        [TestMethod]
        public static void Many_openings_leave_every_socket_free()
        {
            Rig rig = Rig.Joined();
            for (int i = 0; i < 40; i++)
            {
                EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
                Assert.AreEqual((byte)i, Rig.Echo(tcp, new byte[] { (byte)i })[0]);
                tcp.Close();
            }

            Assert.AreEqual(4, rig.Module.FreeSockets);
        }
    }
}
