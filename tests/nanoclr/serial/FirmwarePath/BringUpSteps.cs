namespace EsWifi.FirmwarePath
{
    /// <summary>Bring-up with the reset line, identity, scan, a refused join and a good one, DNS.</summary>
    internal static class BringUpSteps
    {
        internal static void BringUp(Bench bench)
        {
            bench.Module.Initialize();
            Expect.Equal(1, bench.ResetLine.Pulses, "reset pulses");
            Expect.Equal("C3.5.2.5.UART", bench.Module.Info.Firmware.ToString(), "firmware");
            string mac = bench.Module.GetMacAddress();
            Expect.True(mac.Length == 17 && mac[2] == ':' && mac[14] == ':', "a MAC address, got " + mac);
        }

        internal static void Scan(Bench bench)
        {
            AccessPointInfo[] found = bench.Module.Wifi.Scan();
            bool seen = false;
            for (int i = 0; i < found.Length; i++)
            {
                seen |= found[i].Ssid == bench.Ssid;
            }

            Expect.True(found.Length >= 2 && seen, "at least two access points, '" + bench.Ssid + "' among them");
        }

        internal static void WrongPassphrase(Bench bench)
        {
            const string wrong = "not the passphrase";
            EsWifiException e = Expect.Fails(EsWifiErrorKind.ModuleError, () => bench.Module.Wifi.Join(bench.Ssid, wrong, WifiSecurity.Wpa2), "a join with a wrong passphrase");
            Expect.True(e.Message.IndexOf("failed") >= 0 && e.Message.IndexOf(wrong) < 0, "a clear error without the passphrase, got: " + e.Message);
        }

        internal static void Join(Bench bench)
        {
            string address = bench.Module.Wifi.Join(bench.Ssid, bench.Passphrase, WifiSecurity.Wpa2);
            Expect.True(address.Length >= 7, "an address, got '" + address + "'");
            Expect.True(bench.Module.Wifi.IsConnected, "joined");
        }

        internal static void Dns(Bench bench)
        {
            Expect.Equal("127.0.0.1", bench.Module.Dns.Resolve("localhost"), "localhost");
            Expect.Fails(EsWifiErrorKind.HostNotFound, () => bench.Module.Dns.Resolve("no-such-host.invalid"), "an unknown name");
        }
    }
}
