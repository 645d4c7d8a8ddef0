using System.IO;
using System.Text;
using nanoFramework.Json;

namespace EsWifi.FirmwarePath
{
    /// <summary>
    /// The module's TLS stream under nanoFramework's own stream readers: StreamReader reads an HTTPS
    /// response's head line by line and its body with ReadToEnd (the server closes after it), and
    /// nanoFramework.Json deserializes the document
    /// straight from the stream (it reads what Length says is there), against the lab's HTTPS server.
    /// </summary>
    internal static class StreamSteps
    {
        private const string Request = "GET /reading HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        private const string Document = "{\"station\":\"roof\",\"celsius\":21.5,\"samples\":3}";

        internal static void StreamReaderReadsAResponse(Bench bench)
        {
            using (EsWifiSslStream tls = Ask(bench))
            {
                StreamReader reader = new StreamReader(tls);
                Expect.Equal("HTTP/1.1 200 OK", reader.ReadLine(), "the status line");
                int headers = 0;
                string line;
                while ((line = reader.ReadLine()) != null && line.Length > 0)
                {
                    headers++;
                }

                Expect.Equal(3, headers, "header lines before the empty one");
                Expect.Equal(Document, reader.ReadToEnd(), "the body, read to the server's close");
                Expect.True(reader.ReadLine() == null, "the end of the stream after it");
                reader.Close();
            }

            Expect.Equal(4, bench.Module.FreeSockets, "free sockets after the reader closed the stream");
        }

        internal static void JsonReadsTheDocument(Bench bench)
        {
            using (EsWifiSslStream tls = Ask(bench))
            {
                // The head, byte by byte (bytes the driver already holds: no round trip each).
                int matched = 0;
                while (matched < 4)
                {
                    int b = tls.ReadByte();
                    Expect.True(b >= 0, "the head's end before the server closed");
                    matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                }

                // JSON names are camelCase, the properties PascalCase: matched without regard to case.
                JsonSerializerOptions options = new JsonSerializerOptions();
                options.PropertyNameCaseInsensitive = true;
                Reading reading = (Reading)JsonConvert.DeserializeObject(tls, typeof(Reading), options);
                Expect.Equal("roof", reading.Station, "station");
                Expect.True(reading.Celsius == 21.5, "celsius 21.5, got " + reading.Celsius.ToString());
                Expect.Equal(3, reading.Samples, "samples");
            }

            Expect.Equal(4, bench.Module.FreeSockets, "free sockets after the stream was closed");
        }

        private static EsWifiSslStream Ask(Bench bench)
        {
            TlsOptions options = new TlsOptions();
            options.CertificateSet = ProvisioningSteps.Set;
            options.Verification = TlsVerification.VerifyServer;
            EsWifiSslStream tls = bench.Module.ConnectTls("localhost", bench.Control.Number("httpsJson"), options);
            tls.ReadTimeout = 20000;
            byte[] request = Encoding.UTF8.GetBytes(Request);
            tls.Write(request, 0, request.Length);
            return tls;
        }
    }

    /// <summary>The lab's JSON document (nanoFramework.Json fills public properties by name).</summary>
    public class Reading
    {
        /// <summary>Where it was measured.</summary>
        public string Station { get; set; }

        /// <summary>The temperature.</summary>
        public double Celsius { get; set; }

        /// <summary>How many samples it averages.</summary>
        public int Samples { get; set; }
    }
}
