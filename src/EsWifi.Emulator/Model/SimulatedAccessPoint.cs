namespace EsWifi.Emulator.Model;

/// <summary>An access point the emulated module can see and join.</summary>
public sealed class SimulatedAccessPoint
{
    public string Ssid { get; init; }

    /// <summary>0 open, 1 WEP, 2 WPA, 3 WPA2-AES, 4 WPA/WPA2 (the C3 values).</summary>
    public int Security { get; init; }

    public string Passphrase { get; init; } = string.Empty;

    public int Rssi { get; init; } = -55;

    public int Channel { get; init; } = 6;

    public string Bssid { get; init; } = "C0:C1:C0:88:9F:6A";

    /// <summary>Address the module gets by DHCP on this network.</summary>
    public string AssignedIp { get; init; } = "192.168.1.50";

    /// <summary>The security text of scan records (protocol.md §5.4).</summary>
    public string SecurityText => Security switch
    {
        0 => "Open",
        1 => "WEP",
        2 => "WPA",
        3 => "WPA2 AES",
        4 => "WPA WPA2",
        _ => "WPA2 TKIP",
    };

    /// <summary>Whether a join with these settings succeeds: the module accepts WPA/WPA2 mixed (4) for any WPA network.</summary>
    public bool Accepts(int security, string passphrase)
    {
        if (Security == 0)
        {
            return true;
        }

        bool securityFits = security == Security || (security == 4 && Security >= 2) || (Security == 4 && security >= 2);
        return securityFits && passphrase == Passphrase;
    }
}
