using System;
using System.Text;
using System.Threading;
using EsWifi;
using EsWifi.Serial;

namespace HttpsGetSample
{
    /// <summary>
    /// An HTTPS GET through the module's TLS over a UART shield: the module verifies the server with
    /// set 0's root CA (the default); the MCU sees plain HTTP.
    /// </summary>
    public static class Program
    {
        private const string PortName = "COM2";
        private const string Ssid = "your-ssid";
        private const string Passphrase = "your-passphrase";
        private const string Host = "www.example.com";
        private const string Path = "/";

        public static void Main()
        {
            var link = new SerialByteLink(PortName, SerialByteLink.DefaultBaudRate);
            var module = new EsWifiModule(new UartTransport(link, SystemClock.Instance, 2048));
            module.Initialize();
            module.Wifi.Join(Ssid, Passphrase, WifiSecurity.WpaWpa2);

            using (EsWifiSslStream tls = module.ConnectTls(Host, 443, new TlsOptions()))
            {
                byte[] request = Encoding.UTF8.GetBytes("GET " + Path + " HTTP/1.1\r\nHost: " + Host + "\r\nConnection: close\r\n\r\n");
                tls.Write(request, 0, request.Length);
                tls.ReadTimeout = 15000;

                // Read into one reused buffer until the server closes (no allocation per read) and
                // print the response as it comes: a web page is text.
                byte[] buffer = new byte[1460];
                int total = 0;
                int read;
                while ((read = tls.Read(buffer, 0, buffer.Length)) > 0)
                {
                    Console.Write(Encoding.UTF8.GetString(buffer, 0, read));
                    total += read;
                }

                Console.WriteLine(string.Empty);
                Console.WriteLine("received " + total.ToString() + " bytes");
            }

            Thread.Sleep(Timeout.Infinite);
        }
    }
}
