using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using EsWifi;
using EsWifi.Serial;

namespace CertificateProvisioningSample
{
    /// <summary>
    /// Programs certificate set 1 from the host MCU (the vendor's provisioning option c) over a UART
    /// shield, then verifies it. Sets 0–2 are one-time programmable: the driver checks the PEM and the
    /// slot state first and never overwrites a used slot, so running this twice only verifies.
    /// </summary>
    public static class Program
    {
        // ISMART43362-E shield on the Arduino header UART (COM2 on most STM32 nanoFramework targets).
        private const string PortName = "COM2";
        private const int Set = 1;

        // Replace with your PEM files' text (root CA of your server, your device certificate and key).
        private const string RootCa = "-----BEGIN CERTIFICATE-----\nMIIB...replace...\n-----END CERTIFICATE-----\n";
        private const string DeviceCertificate = "-----BEGIN CERTIFICATE-----\nMIIB...replace...\n-----END CERTIFICATE-----\n";
        private const string DeviceKey = "-----BEGIN PRIVATE KEY-----\nMIIE...replace...\n-----END PRIVATE KEY-----\n";

        public static void Main()
        {
            var link = new SerialByteLink(PortName, SerialByteLink.DefaultBaudRate);
            var module = new EsWifiModule(new UartTransport(link, SystemClock.Instance, 2048));
            module.Initialize();

            CertificateSetStatus before = module.Certificates.GetStatus(Set);
            Debug.WriteLine("set " + Set.ToString() + ": CA " + before.HasRootCa.ToString() + ", certificate " + before.HasCertificate.ToString() + ", key " + before.HasPrivateKey.ToString());

            Provision(module, CertificateKind.RootCa, RootCa);
            Provision(module, CertificateKind.Certificate, DeviceCertificate);
            Provision(module, CertificateKind.PrivateKey, DeviceKey);

            Thread.Sleep(Timeout.Infinite);
        }

        private static void Provision(EsWifiModule module, CertificateKind kind, string pem)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(pem);
            try
            {
                CertificateWriteResult result = module.Certificates.Program(Set, kind, bytes, 0, bytes.Length, Progress);
                Debug.WriteLine(((int)kind).ToString() + (result == CertificateWriteResult.Written ? ": written" : ": already programmed with these bytes"));
            }
            catch (ArgumentException e)
            {
                Debug.WriteLine("not sent, the PEM is not usable: " + e.Message);
            }
            catch (EsWifiException e)
            {
                // CertificateMismatch: the slot holds other data; nothing was written.
                Debug.WriteLine("refused: " + e.Message);
            }
        }

        private static void Progress(int sent, int total)
        {
            Debug.WriteLine("  " + sent.ToString() + " / " + total.ToString() + " bytes");
        }
    }
}
