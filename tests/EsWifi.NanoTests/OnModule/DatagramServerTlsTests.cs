using System;
using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>UDP sockets, TCP servers and TLS streams on a module model.</summary>
    [TestClass]
    public class DatagramServerTlsTests
    {
        [TestMethod]
        public static void A_datagram_goes_out_and_its_echo_comes_back()
        {
            Rig rig = Rig.Joined();
            EsWifiUdpSocket udp = rig.Module.OpenUdp("192.168.1.77", 5000);
            byte[] data = Rig.AllByteValues(512);
            udp.Send(data, 0, data.Length);
            byte[] back = new byte[1460];
            int n = udp.Receive(back, 0, back.Length);
            Assert.AreEqual(512, n);
            Assert.IsTrue(Bytes.Equal(data, back, 0, n));
            Assert.Contains("P1=1", rig.Tiny.History);
            udp.Close();
            Assert.AreEqual(4, rig.Module.FreeSockets);
        }

        [TestMethod]
        public static void A_datagram_larger_than_one_chunk_is_refused_before_sending()
        {
            Rig rig = Rig.Joined();
            EsWifiUdpSocket udp = rig.Module.OpenUdp("192.168.1.77", 5000);
            int before = rig.Tiny.Commands;
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => udp.Send(new byte[1461], 0, 1461));
            Assert.AreEqual(before, rig.Tiny.Commands);
        }

        [TestMethod]
        public static void A_udp_receive_with_nothing_times_out()
        {
            Rig rig = Rig.Joined();
            EsWifiUdpSocket udp = rig.Module.OpenUdp("192.168.1.77", 5000);
            udp.ReceiveTimeout = 100;
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => udp.Receive(new byte[10], 0, 10)));
            Assert.AreEqual(100, udp.ReceiveTimeout);
        }

        [TestMethod]
        public static void A_udp_socket_after_close_throws_object_disposed()
        {
            Rig rig = Rig.Joined();
            EsWifiUdpSocket udp = rig.Module.OpenUdp("192.168.1.77", 5000);
            udp.Dispose();
            Assert.ThrowsException(typeof(ObjectDisposedException), () => udp.Send(new byte[1], 0, 1));
        }

        [TestMethod]
        public static void A_listener_starts_the_server_and_stop_ends_it()
        {
            Rig rig = Rig.Joined();
            EsWifiTcpListener listener = rig.Module.Listen(8080);
            Assert.AreEqual(8080, listener.Port);
            Assert.IsTrue(rig.Tiny.IsOpen(listener.Socket));
            Assert.Contains("P2=8080|P5=1", rig.Tiny.History);
            listener.Stop();
            Assert.IsFalse(rig.Tiny.IsOpen(listener.Socket));
            Assert.AreEqual(4, rig.Module.FreeSockets);
        }

        [TestMethod]
        public static void A_listener_with_no_client_times_out()
        {
            Rig rig = Rig.Joined();
            EsWifiTcpListener listener = rig.Module.Listen(8080);
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => listener.AcceptStream(200)));
            listener.Dispose();
        }

        [TestMethod]
        public static void An_accepted_client_is_a_stream_on_the_servers_socket()
        {
            Rig rig = Rig.Joined();
            EsWifiTcpListener listener = rig.Module.Listen(8080);
            rig.Tiny.ClientConnects(listener.Socket);
            EsWifiNetworkStream client = listener.AcceptStream(2000);
            Assert.AreEqual(listener.Socket, client.Socket);
            byte[] back = Rig.Echo(client, Bytes.Of("hello"));
            Assert.AreEqual("hello", Bytes.Text(back, 0, 5));
            client.Close();
            Assert.AreEqual(4, rig.Module.FreeSockets);
        }

        [TestMethod]
        public static void Tls_without_a_root_ca_is_refused_before_connecting()
        {
            Rig rig = Rig.Joined();
            int before = rig.Tiny.Commands;
            Assert.AreEqual((int)EsWifiErrorKind.CertificateMissing, Rig.KindOf(() => rig.Module.ConnectTls("192.168.1.77", 443, new TlsOptions(1, TlsVerification.VerifyServer))));
            Assert.AreEqual(4, rig.Module.FreeSockets);
            Assert.DoesNotContains("P6=1", rig.Tiny.History);
            Assert.IsTrue(rig.Tiny.Commands > before);
        }

        [TestMethod]
        public static void Tls_with_a_root_ca_selects_the_set_and_level()
        {
            Rig rig = Rig.Joined();
            rig.Module.Certificates.Program(1, CertificateKind.RootCa, CertificateTests.Pem, 0, CertificateTests.Pem.Length, null);
            EsWifiSslStream tls = rig.Module.ConnectTls("192.168.1.77", 443, new TlsOptions(1, TlsVerification.VerifyServer));
            Assert.Contains("P1=3", rig.Tiny.History);
            Assert.Contains("P9=1", rig.Tiny.History);
            byte[] back = Rig.Echo(tls, Bytes.Of("GET / HTTP/1.1\r\n\r\n"));
            Assert.AreEqual("GET / HTTP/1.1\r\n\r\n", Bytes.Text(back, 0, back.Length));
            tls.Close();
        }

        [TestMethod]
        public static void Tls_options_default_to_verifying_the_server()
        {
            TlsOptions options = new TlsOptions();
            Assert.AreEqual((int)TlsVerification.VerifyServer, (int)options.Verification);
        }
    }
}
