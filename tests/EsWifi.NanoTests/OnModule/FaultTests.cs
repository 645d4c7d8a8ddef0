using System.Threading;
using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>Faults on the data path and the call after each (it must work), and two threads on two sockets.</summary>
    [TestClass]
    public class FaultTests
    {
        [TestMethod]
        public static void A_port_that_throws_is_a_link_failure_and_the_next_command_works()
        {
            Rig rig = Rig.Joined();
            rig.Tiny.FailNextWrite = true;
            Assert.AreEqual((int)EsWifiErrorKind.LinkFailure, Rig.KindOf(() => { bool joined = rig.Module.Wifi.IsConnected; }));
            Assert.IsTrue(rig.Module.Wifi.IsConnected);
        }

        [TestMethod]
        public static void A_silent_write_breaks_the_stream_and_the_next_stream_works()
        {
            // No answer to S3: the module may still be collecting payload, so the reset line clears it.
            Rig rig = new Rig(true, true);
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            rig.Tiny.SilentOn = "S3";
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => tcp.Write(Bytes.Of("lost?"), 0, 5)));
            Assert.AreEqual((int)EsWifiErrorKind.ConnectionBroken, Rig.KindOf(() => tcp.Write(Bytes.Of("again"), 0, 5)));
            tcp.Close();
            EsWifiNetworkStream next = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.AreEqual("fine", Bytes.Text(Rig.Echo(next, Bytes.Of("fine")), 0, 4));
        }

        [TestMethod]
        public static void A_silent_read_breaks_the_stream_and_loses_nothing_silently()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            tcp.Write(Bytes.Of("0123456789"), 0, 10);
            rig.Tiny.SilentOn = "R0";
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => tcp.Read(new byte[10], 0, 10)));
            Assert.AreEqual((int)EsWifiErrorKind.ConnectionBroken, Rig.KindOf(() => tcp.Read(new byte[10], 0, 10)));
        }

        [TestMethod]
        public static void A_late_S3_answer_is_not_taken_for_the_next_commands()
        {
            Rig rig = new Rig(true, true);
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            rig.Tiny.LateOn = "S3";
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => tcp.Write(Bytes.Of("late"), 0, 4)));
            tcp.Close();
            Assert.AreEqual(TinyModule.Mac, rig.Module.SendRawCommand("Z5", 1000).Text);
            EsWifiNetworkStream next = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.AreEqual("next", Bytes.Text(Rig.Echo(next, Bytes.Of("next")), 0, 4));
        }

        [TestMethod]
        public static void A_certificate_without_an_answer_blocks_every_byte_until_the_module_is_reset()
        {
            Rig rig = Rig.Joined();
            rig.Tiny.SilentOn = "PG";
            rig.Module.Certificates.TimeoutMilliseconds = 500;
            byte[] pem = CertificateTests.Pem;
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => rig.Module.Certificates.Program(1, CertificateKind.RootCa, pem, 0, pem.Length, null)));
            int commands = rig.Tiny.Commands;
            Assert.AreEqual((int)EsWifiErrorKind.ResetRequired, Rig.KindOf(() => rig.Module.Certificates.GetStatus(1)));
            Assert.AreEqual((int)EsWifiErrorKind.ResetRequired, Rig.KindOf(() => rig.Module.Initialize()));
            Assert.AreEqual((int)EsWifiErrorKind.ResetRequired, Rig.KindOf(() => rig.Module.GetMacAddress()));
            Assert.AreEqual(commands, rig.Tiny.Commands);
            rig.Tiny.RebootNow();
            rig.Module.AcknowledgeExternalReset();
            rig.Module.Initialize();
            Assert.IsTrue(rig.Module.Certificates.GetStatus(1).HasRootCa);
        }

        [TestMethod]
        public static void Stray_input_after_a_certificate_without_an_answer_sends_nothing()
        {
            // Noise, a pushed message or a lone prompt is no answer to the PG: the module may still be
            // collecting the PEM, and any byte sent would complete it.
            Rig rig = Rig.Joined();
            rig.Tiny.SilentOn = "PG";
            rig.Module.Certificates.TimeoutMilliseconds = 500;
            byte[] pem = CertificateTests.Pem;
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => rig.Module.Certificates.Program(1, CertificateKind.RootCa, pem, 0, pem.Length, null)));
            int commands = rig.Tiny.Commands;
            string[] strays = new string[] { "x", "\r\n[TCP SVR] Accepted 10.0.0.2:4000\r\n> ", "\r\n>", "\r\n> " };
            for (int i = 0; i < strays.Length; i++)
            {
                rig.Tiny.Sends(strays[i]);
                Assert.AreEqual((int)EsWifiErrorKind.ResetRequired, Rig.KindOf(() => rig.Module.Certificates.GetStatus(1)));
                Assert.IsTrue(rig.Module.Channel.PayloadPending);
            }

            Assert.AreEqual(commands, rig.Tiny.Commands);
        }

        [TestMethod]
        public static void With_a_reset_line_a_certificate_without_an_answer_costs_one_reset()
        {
            Rig rig = new Rig(true, true);
            rig.Module.Certificates.TimeoutMilliseconds = 500;
            byte[] pem = CertificateTests.Pem;
            rig.Tiny.SilentOn = "PG";
            Assert.AreEqual((int)EsWifiErrorKind.Timeout, Rig.KindOf(() => rig.Module.Certificates.Program(2, CertificateKind.RootCa, pem, 0, pem.Length, null)));
            int pulses = rig.ResetLine.Pulses;
            Assert.AreEqual((int)EsWifiErrorKind.ModuleReset, Rig.KindOf(() => rig.Module.Certificates.GetStatus(2)));
            Assert.AreEqual(pulses + 1, rig.ResetLine.Pulses);

            // The module had taken the whole PEM (only its answer was lost): PE says so, and the bytes are exact.
            Assert.IsTrue(rig.Module.Certificates.GetStatus(2).HasRootCa);
            Assert.IsTrue(Bytes.Equal(pem, rig.Tiny.Certificate(2, 0), 0, pem.Length));
        }

        [TestMethod]
        public static void A_reset_during_a_write_fails_every_stream_then_bring_up_restores()
        {
            // A prompt instead of the S3 answer may be noise: only the reset line makes sure the module
            // is not still collecting the payload, so the rig has one (the next write pulses it).
            Rig rig = new Rig(true, true);
            EsWifiNetworkStream a = rig.Module.ConnectTcp("192.168.1.77", 7);
            EsWifiNetworkStream b = rig.Module.ConnectTcp("192.168.1.77", 7);
            rig.Tiny.ResetOn = "S3";
            Assert.AreEqual((int)EsWifiErrorKind.ModuleReset, Rig.KindOf(() => a.Write(Bytes.Of("x"), 0, 1)));
            Assert.AreEqual((int)EsWifiErrorKind.ModuleReset, Rig.KindOf(() => b.Write(Bytes.Of("y"), 0, 1)));
            a.Close();
            b.Close();
            Assert.AreEqual(1, rig.Module.ResetCount);
            rig.Module.Initialize();
            rig.Module.Wifi.Join(TinyModule.Ssid, TinyModule.Passphrase, WifiSecurity.Wpa2);
            EsWifiNetworkStream c = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.AreEqual("back", Bytes.Text(Rig.Echo(c, Bytes.Of("back")), 0, 4));
        }

        [TestMethod]
        public static void A_reboot_nobody_saw_is_found_by_the_lost_join()
        {
            Rig rig = Rig.Joined();
            rig.Module.ConnectTcp("192.168.1.77", 7).Close();
            rig.Tiny.RebootNow();
            rig.Tiny.Read(new byte[16], 0, 16);
            Assert.AreEqual((int)EsWifiErrorKind.NotJoined, Rig.KindOf(() => rig.Module.ConnectTcp("192.168.1.77", 7)));
            EsWifiNetworkStream again = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.IsTrue(rig.Tiny.Joined);
            Assert.AreEqual("ok", Bytes.Text(Rig.Echo(again, Bytes.Of("ok")), 0, 2));
        }

        [TestMethod]
        public static void A_peer_that_answers_something_else_is_delivered_as_sent()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            byte[] reply = Bytes.Join("\r\n> ", 0x00, "OK");
            rig.Tiny.PeerSends = reply;
            tcp.Write(Bytes.Of("q"), 0, 1);
            byte[] back = new byte[reply.Length];
            int got = 0;
            while (got < back.Length)
            {
                got += tcp.Read(back, got, back.Length - got);
            }

            Assert.IsTrue(Bytes.Equal(reply, back, 0, back.Length));
        }

        [TestMethod]
        public static void Two_threads_on_two_sockets_get_only_their_own_bytes()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream a = rig.Module.ConnectTcp("192.168.1.77", 7);
            EsWifiNetworkStream b = rig.Module.ConnectTcp("192.168.1.77", 7);
            int[] wrong = new int[2];
            int[] done = new int[2];
            Thread first = new Thread(() => EchoMany(a, 0xAA, wrong, done, 0));
            Thread second = new Thread(() => EchoMany(b, 0x55, wrong, done, 1));
            first.Start();
            second.Start();
            first.Join();
            second.Join();
            Assert.AreEqual(0, wrong[0] + wrong[1]);
            Assert.AreEqual(40, done[0] + done[1]);
            a.Close();
            b.Close();
            Assert.AreEqual(4, rig.Module.FreeSockets);
        }

        [TestMethod]
        public static void Close_from_another_thread_frees_the_socket_once()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            Thread closer = new Thread(() => tcp.Close());
            closer.Start();
            closer.Join();
            tcp.Close();
            Assert.AreEqual(4, rig.Module.FreeSockets);
            Assert.ThrowsException(typeof(System.ObjectDisposedException), () => tcp.Write(new byte[1], 0, 1));
        }

        private static void EchoMany(EsWifiNetworkStream stream, byte tag, int[] wrong, int[] done, int index)
        {
            byte[] data = new byte[300];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = tag;
            }

            for (int round = 0; round < 20; round++)
            {
                byte[] back = Rig.Echo(stream, data);
                for (int i = 0; i < back.Length; i++)
                {
                    if (back[i] != tag)
                    {
                        wrong[index]++;
                        break;
                    }
                }

                done[index]++;
            }
        }
    }
}
