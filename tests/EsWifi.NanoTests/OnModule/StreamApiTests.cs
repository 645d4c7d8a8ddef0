using System;
using System.IO;
using nanoFramework.TestFramework;

namespace EsWifi.NanoTests
{
    /// <summary>
    /// The module's streams as <see cref="Stream"/>s, the way code written for a stream uses them: through
    /// the base type, under StreamReader, byte by byte; not seekable; closed by Dispose. On nanoCLR these
    /// run against nanoFramework's own System.IO.Streams (StreamReader sizes its reads by Length there).
    /// </summary>
    [TestClass]
    public class StreamApiTests
    {
        [TestMethod]
        public static void A_connection_is_a_stream_that_reads_and_writes_through_the_base_type()
        {
            Rig rig = Rig.Joined();
            Stream stream = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.IsTrue(stream.CanRead);
            Assert.IsTrue(stream.CanWrite);
            Assert.IsFalse(stream.CanSeek);
            Assert.IsTrue(stream.CanTimeout);
            Assert.AreEqual(-1, stream.ReadTimeout);

            byte[] data = Rig.AllByteValues(300);
            stream.Write(data, 0, data.Length);
            stream.Flush();
            byte[] back = new byte[data.Length];
            int got = 0;
            while (got < back.Length)
            {
                got += stream.Read(back, got, back.Length - got);
            }

            Assert.IsTrue(Bytes.Equal(data, back, 0, data.Length));
            stream.Close();
            Assert.IsFalse(stream.CanRead);
            Assert.IsFalse(stream.CanWrite);
        }

        [TestMethod]
        public static void Seeking_is_not_supported()
        {
            Rig rig = Rig.Joined();
            Stream stream = rig.Module.ConnectTcp("192.168.1.77", 7);
            Assert.ThrowsException(typeof(NotSupportedException), () => stream.Seek(0, SeekOrigin.Begin));
            Assert.ThrowsException(typeof(NotSupportedException), () => stream.SetLength(10));
            Assert.ThrowsException(typeof(NotSupportedException), () => { long position = stream.Position; });
            Assert.ThrowsException(typeof(NotSupportedException), () => stream.Position = 1);

            // The connection is untouched by the refusals.
            Assert.IsTrue(Rig.EchoesExactly((EsWifiNetworkStream)stream, Bytes.Of("still here")));
            stream.Close();
        }

        [TestMethod]
        public static void Dispose_closes_the_connection_and_frees_the_socket()
        {
            Rig rig = Rig.Joined();
            using (Stream stream = rig.Module.ConnectTcp("192.168.1.77", 7))
            {
                Assert.AreEqual(3, rig.Module.FreeSockets);
            }

            Assert.AreEqual(4, rig.Module.FreeSockets);
            Assert.Contains("P6=0", rig.Tiny.History);
        }

        [TestMethod]
        public static void Bytes_one_at_a_time_echo()
        {
            Rig rig = Rig.Joined();
            Stream stream = rig.Module.ConnectTcp("192.168.1.77", 7);
            stream.WriteByte(0x00);
            stream.WriteByte(0x0D);
            stream.WriteByte(0xFF);
            Assert.AreEqual(0x00, stream.ReadByte());
            Assert.AreEqual(0x0D, stream.ReadByte());
            Assert.AreEqual(0xFF, stream.ReadByte());
            stream.Close();
        }

        [TestMethod]
        public static void A_span_read_takes_the_bytes_into_the_span_it_is_given()
        {
            Rig rig = Rig.Joined();
            EsWifiNetworkStream tcp = rig.Module.ConnectTcp("192.168.1.77", 7);
            byte[] data = Rig.AllByteValues(700);
            tcp.Write(data, 0, data.Length);
            byte[] back = new byte[data.Length + 4];
            int got = 0;
            while (got < data.Length)
            {
                // Into the middle of the array: the span's own offset and length bound the read.
#if NANOFRAMEWORK_1_0
                got += tcp.Read(new SpanByte(back, 2 + got, data.Length - got));
#else
                got += tcp.Read(new Span<byte>(back, 2 + got, data.Length - got));
#endif
            }

            Assert.AreEqual(0, (int)back[0]);
            Assert.AreEqual(0, (int)back[data.Length + 3]);
            for (int i = 0; i < data.Length; i++)
            {
                Assert.AreEqual((int)data[i], (int)back[2 + i]);
            }

            tcp.Close();
        }

        [TestMethod]
        public static void A_stream_reader_reads_lines_over_tls()
        {
            Rig rig = Rig.Joined();
            rig.Module.Certificates.Program(1, CertificateKind.RootCa, CertificateTests.Pem, 0, CertificateTests.Pem.Length, null);
            EsWifiSslStream tls = rig.Module.ConnectTls("192.168.1.77", 443, new TlsOptions(1, TlsVerification.VerifyServer));
            tls.ReadTimeout = 5000;
            byte[] lines = Bytes.Of("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"t\":21.5}\n");
            tls.Write(lines, 0, lines.Length);

            StreamReader reader = new StreamReader(tls);
            Assert.AreEqual("HTTP/1.1 200 OK", reader.ReadLine());
            Assert.AreEqual("Content-Type: application/json", reader.ReadLine());
            Assert.AreEqual(string.Empty, reader.ReadLine());
            Assert.AreEqual("{\"t\":21.5}", reader.ReadLine());

            // Closing the reader closes the connection, as for any stream.
            reader.Close();
            Assert.AreEqual(4, rig.Module.FreeSockets);
        }
    }
}
