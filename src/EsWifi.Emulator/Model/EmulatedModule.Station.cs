namespace EsWifi.Emulator.Model;

/// <summary>Station commands C0–C4, CD, CS, CR, C? and scanning F0 (protocol.md §5.3, §5.4).</summary>
public sealed partial class EmulatedModule
{
    private string _ssid = string.Empty;
    private string _passphrase = string.Empty;
    private int _security = 4;
    private int _dhcp = 1;
    private SimulatedAccessPoint _joined;
    private int _scanCursor = -1;

    // C6 address, C7 mask, C8 gateway, C9 DNS (QR20 defaults).
    private readonly string[] _staticAddresses = { "192.168.1.1", "255.255.255.0", "192.168.1.1", "255.255.255.255" };

    public bool IsJoined => _joined != null;

    private string StationAddress => _dhcp == 1 ? _joined.AssignedIp : _staticAddresses[0];

    private byte[] Station(string name, string args)
    {
        switch (name)
        {
            case "C1":
                if (args == null || args.Length > 32)
                {
                    return Reply.Error("Invalid parameter", "C1=<SSID, 1-32 characters>");
                }

                _ssid = args;
                return Reply.Ok();
            case "C2":
                if (args == null || args.Length > 64)
                {
                    return Reply.Error("Invalid parameter", "C2=<passphrase, 0-64 characters>");
                }

                _passphrase = args;
                return Reply.Ok();
            case "C3":
                if (args == null || !TryInt(args, 0, 5, out _security))
                {
                    return Reply.Error("Invalid parameter", "C3=<0=Open/1=WEP/2=WPA/3=WPA2/4=WPA+WPA2/5=WPA2 TKIP>");
                }

                return Reply.Ok();
            case "C4":
                if (args == null || !TryInt(args, 0, 1, out _dhcp))
                {
                    return Reply.Error("Invalid parameter", "C4=<0=Static/1=DHCP>");
                }

                return Reply.Ok();
            case "C6":
            case "C7":
            case "C8":
            case "C9":
                if (args == null || !System.Net.IPAddress.TryParse(args, out System.Net.IPAddress address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    return Reply.Error("Invalid IP address", name + "=<a.b.c.d>");
                }

                _staticAddresses[name[1] - '6'] = args;
                return Reply.Ok();
            case "C0":
                return Join();
            case "CD":
                _joined = null;
                return Reply.Ok();
            case "CS":
                return Reply.Ok(IsJoined ? "1" : "0");
            case "CR":
                return Reply.Ok(IsJoined ? _joined.Rssi.ToString() : "0");
            default:
                return Reply.Ok(StationSettings());
        }
    }

    private byte[] Join()
    {
        if (IsJoined)
        {
            return Reply.Error("Already connected!", "C0 ");
        }

        SimulatedAccessPoint ap = AccessPoints.FirstOrDefault(a => a.Ssid == _ssid);
        if (ap == null || !ap.Accepts(_security, _passphrase))
        {
            // The hardware transcript of a failed join (protocol.md T3).
            return Reply.Error("[JOIN   ] " + _ssid + "\r\n[JOIN   ] Failed", "Unknown Error", "C0 ");
        }

        _joined = ap;
        return Reply.Ok("[JOIN   ] " + _ssid + "," + StationAddress + ",0,0");
    }

    /// <summary>The 15 fields of C? (QR20; the passphrase is shown, as the real module does).</summary>
    private string StationSettings()
    {
        string ip = IsJoined ? StationAddress : "0.0.0.0";
        string mask = _dhcp == 1 ? "255.255.255.0" : _staticAddresses[1];
        string gateway = _dhcp == 1 ? "192.168.1.1" : _staticAddresses[2];
        string dns = _dhcp == 1 ? "192.168.1.1" : _staticAddresses[3];
        return string.Join(",", _ssid, _passphrase, _security, _dhcp, 0, ip, mask, gateway, dns, "0.0.0.0", 5, 0, 0, "US", IsJoined ? 1 : 0);
    }

    private byte[] Scan(string args)
    {
        if (args == null)
        {
            string list = string.Concat(AccessPoints.Select((ap, i) => ScanRecord(ap, i) + "\r\n"));
            return Reply.Ok(list.Length > 0 ? list.Substring(0, list.Length - 2) : string.Empty);
        }

        if (args == "2" && Profile.SupportsScanPerRecord)
        {
            _scanCursor = 0;
            return NextScanRecord();
        }

        return Reply.Error("Invalid parameter", "F0[=2]");
    }

    /// <summary>
    /// F0=2 then MR: each answer carries one record with no OK trailer; the answer after the last
    /// record is the empty OK (protocol.md §5.4).
    /// </summary>
    private byte[] NextScanRecord()
    {
        if (_scanCursor >= AccessPoints.Count)
        {
            _scanCursor = -1;
            return Reply.Ok();
        }

        int index = _scanCursor++;
        return Reply.Latin1("\r\n" + ScanRecord(AccessPoints[index], index) + "\r\n");
    }

    private static string ScanRecord(SimulatedAccessPoint ap, int index) =>
        $"#{index + 1:000},\"{ap.Ssid}\",{ap.Bssid},{ap.Rssi},54.0,Infrastructure,{ap.SecurityText},2.4GHz,{ap.Channel}";
}
