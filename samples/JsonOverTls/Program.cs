using System;
using System.IO;
using System.Text;
using System.Threading;
using EsWifi;
using EsWifi.Serial;

namespace JsonOverTlsSample
{
    /// <summary>
    /// A JSON document from an HTTPS endpoint, read the way nanoFramework code reads any stream: a
    /// StreamReader over the module's TLS stream takes the status line and the headers, the body
    /// goes to nanoFramework.Json. The module verifies the server with set 0's root CA.
    /// </summary>
    public static class Program
    {
        private const string PortName = "COM2";
        private const string Ssid = "your-ssid";
        private const string Passphrase = "your-passphrase";
        private const string Host = "www.example.com";
        private const string Path = "/reading.json";

        public static void Main()
        {
            var link = new SerialByteLink(PortName, SerialByteLink.DefaultBaudRate);
            var module = new EsWifiModule(new UartTransport(link, SystemClock.Instance, 2048));
            module.Initialize();
            module.Wifi.Join(Ssid, Passphrase, WifiSecurity.WpaWpa2);

            try
            {
                using (EsWifiSslStream tls = module.ConnectTls(Host, 443, new TlsOptions()))
                {
                    tls.ReadTimeout = 15000;
                    byte[] request = Encoding.UTF8.GetBytes("GET " + Path + " HTTP/1.1\r\nHost: " + Host + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
                    tls.Write(request, 0, request.Length);

                    // Closing the reader closes the connection.
                    using (var reader = new StreamReader(tls))
                    {
                        string status = reader.ReadLine();
                        Console.WriteLine(status);
                        string header;
                        while ((header = reader.ReadLine()) != null && header.Length > 0)
                        {
                        }

                        // The server closes after the body (Connection: close): read it to the end.
                        string json = ReadBody(reader);
                        Reading reading = Reading.Parse(json);
                        Console.WriteLine("station " + reading.Station + ": " + reading.Celsius.ToString("F1") + " C, " + reading.Samples.ToString() + " samples");
                    }
                }
            }
            catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.TlsHandshakeFailed)
            {
                Console.WriteLine("the server's certificate is not signed by set 0's root CA: " + e.Message);
            }

            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>The rest of the response, line by line until the server's close.</summary>
        private static string ReadBody(StreamReader reader)
        {
            string body = string.Empty;
            string line;
            while ((line = reader.ReadLine()) != null)
            {
                body = body.Length == 0 ? line : body + "\n" + line;
            }

            return body;
        }
    }
}
