using System;
using System.Device.Gpio;
using System.Device.Spi;
using System.Text;
using System.Threading;
using EsWifi;
using EsWifi.Mqtt;
using EsWifi.Spi;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace MqttTelemetrySample
{
    /// <summary>
    /// Telemetry from a B-L475E-IOT01A (ISM43362 on SPI3) to an MQTT broker with mutual TLS: certificate
    /// set 1 is provisioned once from the MCU (the first run programs it, later runs verify it), the client
    /// connects with P9=2, publishes a reading every few seconds at QoS 1, prints the commands it receives
    /// and connects again when the connection ends.
    /// </summary>
    public static class Program
    {
        // Board wiring (B-L475E-IOT01A): pin number = port * 16 + pin.
        private const int SpiBus = 3;                   // SPI3: PC10 SCK, PC11 MISO, PC12 MOSI
        private const int ChipSelectPin = 4 * 16 + 0;   // PE0
        private const int DataReadyPin = 4 * 16 + 1;    // PE1
        private const int ResetPin = 4 * 16 + 8;        // PE8
        private const int WakeUpPin = 1 * 16 + 13;      // PB13, held high

        private const string Ssid = "your-ssid";
        private const string Passphrase = "your-passphrase";
        private const int CertificateSet = 1;
        private const int PeriodMilliseconds = 5000;

        private static readonly AutoResetEvent Disconnected = new AutoResetEvent(false);

        public static void Main()
        {
            EsWifiModule module = OpenModule();
            module.Initialize();
            Console.WriteLine("module " + module.Info.ProductId + " firmware " + module.Info.Firmware.Text);
            Console.WriteLine("joined as " + module.Wifi.Join(Ssid, Passphrase, WifiSecurity.WpaWpa2));

            // Any code written for nanoFramework.M2Mqtt's IMqttClient takes this client.
            var client = new EsWifiMqttClient(module, new TlsOptions(CertificateSet, TlsVerification.Mutual));
            client.MqttMsgPublishReceived += (sender, e) => Console.WriteLine("command on " + e.Topic + ": " + Text(e.Message));
            client.ConnectionClosed += (sender, e) =>
            {
                Console.WriteLine("connection closed: " + client.LastCloseReason);
                Disconnected.Set();
            };

            // Option (c) of the module's TLS flows: the host provisions the set. The first run programs the
            // empty write-once slots of set 1; every later run only verifies that they hold these bytes.
            client.ProgramCertificatesFromInit = true;
            client.Init(Credentials.Endpoint, Credentials.Port, true, Bytes(Credentials.RootCa), Bytes(Credentials.DeviceCertificate + Credentials.DeviceKey), MqttSslProtocols.TLSv1_2);

            string telemetry = "devices/" + Credentials.ClientId + "/telemetry";
            string commands = "devices/" + Credentials.ClientId + "/commands";
            int reading = 0;
            while (true)
            {
                if (!client.IsConnected && !Connect(client, commands))
                {
                    Thread.Sleep(PeriodMilliseconds);
                    continue;
                }

                double celsius = 21.0 + (reading++ % 10) / 10.0;
                byte[] json = Bytes("{\"celsius\":" + celsius.ToString("F1") + ",\"n\":" + reading.ToString() + "}");
                try
                {
                    client.Publish(telemetry, json, null, null, MqttQoSLevel.AtLeastOnce, false);
                }
                catch (MqttClientException e)
                {
                    // Not connected, or 8 messages still unacknowledged: the next round tries again.
                    Console.WriteLine("not published: " + e.Message);
                }

                Disconnected.WaitOne(PeriodMilliseconds, false);
            }
        }

        private static bool Connect(EsWifiMqttClient client, string commands)
        {
            try
            {
                // cleanSession false: the broker keeps the subscription and queued commands, and QoS 1
                // readings not yet acknowledged are sent again.
                MqttReasonCode code = client.Connect(Credentials.ClientId, Credentials.UserName, null, false, MqttQoSLevel.AtMostOnce, false, null, null, false, 60);
                if (code != MqttReasonCode.Success)
                {
                    Console.WriteLine("the broker refused the connection: " + ((int)code).ToString());
                    return false;
                }

                client.Subscribe(new string[] { commands }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                Console.WriteLine("connected to " + Credentials.Endpoint);
                return true;
            }
            catch (Exception e)
            {
                // EsWifiException (DNS, refused, TLS handshake) or MqttClientException (no CONNACK).
                Console.WriteLine("connect failed: " + e.Message);
                return false;
            }
        }

        private static EsWifiModule OpenModule()
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
            // The device mostly waits for commands: idle polls back off to 200 ms instead of 40 (docs/performance.md, "MQTT").
            return new EsWifiModule(transport, new EsWifiOptions { ResetPin = reset, IdlePollLimitMilliseconds = 200 });
        }

        private static byte[] Bytes(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        private static string Text(byte[] bytes)
        {
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }
    }
}
