namespace EsWifi.FirmwarePath
{
    /// <summary>
    /// Faults the emulator injects: a reset in the middle of a transfer, a late answer, and a link cut
    /// in the middle of a PG payload (the slot must never hold anything but the intended bytes).
    /// </summary>
    internal static class FaultSteps
    {
        internal static void ResetMidTransfer(Bench bench)
        {
            int port = bench.Control.Number("tcpEcho");
            EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", port);
            tcp.ReadTimeout = 10000;
            byte[] sent = Pattern.Make(4000, 21);
            tcp.Write(sent, 0, sent.Length);
            bench.Control.Ask("FAULT R0 ResetDuringAnswer 0.5");
            Expect.Fails(EsWifiErrorKind.ModuleReset, () => Bench.ReadExactly(tcp, new byte[sent.Length], 0, sent.Length), "a read cut by a reset");
            tcp.Close();

            bench.Module.Initialize();
            bench.Module.Wifi.Join(bench.Ssid, bench.Passphrase, WifiSecurity.Wpa2);
            using (EsWifiNetworkStream again = bench.Module.ConnectTcp("127.0.0.1", port))
            {
                bench.EchoSmall(again, "the next echo after the reset");
            }
        }

        internal static void LateAnswer(Bench bench)
        {
            // The default command timeout is 5 s; the answer comes after 6.
            bench.Control.Ask("FAULT CS Delay 6000");
            Expect.Fails(EsWifiErrorKind.Timeout, () => { bool joined = bench.Module.Wifi.IsConnected; }, "a late answer");
            Expect.True(bench.Module.Wifi.IsConnected, "the next command answered");
            Expect.Equal("127.0.0.1", bench.Module.Dns.Resolve("localhost"), "and the one after");
        }

        internal static void CutCertificate(Bench bench)
        {
            // Set 2's certificate slot, cut in the middle of its payload: the bytes after the cut are lost on the wire.
            byte[] pem = bench.Control.Pem("labCert");
            int header = ("PG=2,1," + Pad(pem.Length) + "\r").Length;
            int keep = header + (pem.Length / 2);
            bench.Control.Ask("CUT PG= " + keep.ToString() + " " + (header + pem.Length - keep).ToString());
            bench.Module.Certificates.TimeoutMilliseconds = 3000;
            Expect.Fails(EsWifiErrorKind.Timeout, () => bench.Module.Certificates.Program(2, CertificateKind.Certificate, pem, 0, pem.Length, null), "the cut write");

            int pulses = bench.ResetLine.Pulses;
            Expect.Fails(EsWifiErrorKind.ModuleReset, () => bench.Module.Certificates.GetStatus(2), "the next call, through the reset line");
            Expect.Equal(pulses + 1, bench.ResetLine.Pulses, "reset pulses");
            bench.Control.Ask("SLOT 2 1 none");
            Expect.True(!bench.Module.Certificates.GetStatus(2).HasCertificate, "set 2's certificate slot empty");

            Expect.True(bench.Module.Certificates.Program(2, CertificateKind.Certificate, pem, 0, pem.Length, null) == CertificateWriteResult.Written, "the certificate written whole");
            bench.Control.Ask("SLOT 2 1 labCert");
        }

        private static string Pad(int value)
        {
            string digits = value.ToString();
            while (digits.Length < 4)
            {
                digits = "0" + digits;
            }

            return digits;
        }
    }
}
