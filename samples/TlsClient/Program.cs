using System;
using System.Device.Gpio;
using System.Device.Spi;
using System.Text;
using System.Threading;
using EsWifi;
using EsWifi.Spi;

namespace TlsClientSample
{
    /// <summary>
    /// The vendor's three TLS client flows on a B-L475E-IOT01A, whose ISM43362 sits on SPI3:
    /// P9=0 (no verification, chosen by name), P9=1 (verify the server with set 0's root CA) and
    /// P9=2 (mutual TLS with set 0's certificate and key). Program set 0 first (CertificateProvisioning).
    /// </summary>
    public static class Program
    {
        // Board wiring (B-L475E-IOT01A): pin number = port * 16 + pin.
        private const int SpiBus = 3;              // SPI3: PC10 SCK, PC11 MISO, PC12 MOSI
        private const int ChipSelectPin = 4 * 16 + 0;   // PE0
        private const int DataReadyPin = 4 * 16 + 1;    // PE1
        private const int ResetPin = 4 * 16 + 8;        // PE8
        private const int WakeUpPin = 1 * 16 + 13;      // PB13, held high

        private const string Ssid = "your-ssid";
        private const string Passphrase = "your-passphrase";
        private const string Server = "test.example.com";
        private const int Port = 443;

        public static void Main()
        {
            var gpio = new GpioController();
            gpio.OpenPin(WakeUpPin, PinMode.Output);
            gpio.Write(WakeUpPin, PinValue.High);

            SpiDevice device = SpiDevice.Create(new SpiConnectionSettings(SpiBus, -1)
            {
                DataBitLength = 16,
                Mode = SpiMode.Mode0,
                ClockFrequency = 10000000,
            });
            var link = new SpiDeviceLink(device, gpio, ChipSelectPin);
            var reset = new GpioResetPin(gpio, ResetPin);
            var transport = new SpiTransport(link, new GpioDataReadyPin(gpio, DataReadyPin), reset, SystemClock.Instance, 8192);
            var module = new EsWifiModule(transport, new EsWifiOptions { ResetPin = reset });

            module.Initialize();
            Console.WriteLine("module " + module.Info.ProductId + " firmware " + module.Info.Firmware.Text);
            Console.WriteLine("joined as " + module.Wifi.Join(Ssid, Passphrase, WifiSecurity.WpaWpa2));

            RunFlow(module, new TlsOptions(0, TlsVerification.None));
            RunFlow(module, new TlsOptions(0, TlsVerification.VerifyServer));
            RunFlow(module, new TlsOptions(0, TlsVerification.Mutual));

            Thread.Sleep(Timeout.Infinite);
        }

        private static void RunFlow(EsWifiModule module, TlsOptions options)
        {
            try
            {
                using (EsWifiSslStream tls = module.ConnectTls(Server, Port, options))
                {
                    byte[] request = Encoding.UTF8.GetBytes("HEAD / HTTP/1.1\r\nHost: " + Server + "\r\nConnection: close\r\n\r\n");
                    tls.Write(request, 0, request.Length);
                    tls.ReadTimeout = 10000;
                    byte[] buffer = new byte[512];
                    int read = tls.Read(buffer, 0, buffer.Length);
                    Console.WriteLine("P9=" + ((int)options.Verification).ToString() + ": " + read.ToString() + " bytes back");
                }
            }
            catch (EsWifiException e)
            {
                // Enum names are numbers on the device: the message carries the text.
                Console.WriteLine("P9=" + ((int)options.Verification).ToString() + " failed: " + e.Message);
            }
        }
    }
}
