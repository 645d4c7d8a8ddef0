using System;
using System.Text;
using System.Threading;
using EsWifi;
using EsWifi.Serial;

namespace CertificateProvisioningSample
{
    /// <summary>
    /// Programs certificate set 0 (the set <c>new TlsOptions()</c> uses) from the host MCU (the vendor's
    /// provisioning option c) over a UART shield. Sets 0–2 are one-time programmable: the driver checks
    /// the PEM and the slot state first and never overwrites a used slot, so running this twice only
    /// verifies. Paste your PEM texts into Credentials.cs.
    /// </summary>
    public static class Program
    {
        // ISMART43362-E shield on the Arduino header UART (COM2 on most STM32 nanoFramework targets).
        private const string PortName = "COM2";
        private const int Set = 0;

        public static void Main()
        {
            var link = new SerialByteLink(PortName, SerialByteLink.DefaultBaudRate);
            var module = new EsWifiModule(new UartTransport(link, SystemClock.Instance, 2048));
            module.Initialize();

            CertificateSetStatus before = module.Certificates.GetStatus(Set);
            Console.WriteLine("set " + Set.ToString() + ": CA " + before.HasRootCa.ToString() + ", certificate " + before.HasCertificate.ToString() + ", key " + before.HasPrivateKey.ToString());

            Provision(module, CertificateKind.RootCa, Credentials.RootCa);
            Provision(module, CertificateKind.Certificate, Credentials.DeviceCertificate);
            Provision(module, CertificateKind.PrivateKey, Credentials.DeviceKey);

            Thread.Sleep(Timeout.Infinite);
        }

        private static void Provision(EsWifiModule module, CertificateKind kind, string pem)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(pem);
            try
            {
                CertificateWriteResult result = module.Certificates.Program(Set, kind, bytes, 0, bytes.Length, Progress);
                Console.WriteLine(((int)kind).ToString() + (result == CertificateWriteResult.Written ? ": written" : ": already programmed with these bytes"));
            }
            catch (ArgumentException e)
            {
                Console.WriteLine("not sent, the PEM is not usable: " + e.Message);
            }
            catch (EsWifiException e)
            {
                // CertificateMismatch: the slot holds other data; nothing was written.
                Console.WriteLine("refused: " + e.Message);
            }
        }

        private static void Progress(int sent, int total)
        {
            Console.WriteLine("  " + sent.ToString() + " / " + total.ToString() + " bytes");
        }
    }
}
