namespace EsWifi
{
    /// <summary>Wi-Fi security of a network; the values are the module's <c>C3</c> codes.</summary>
    public enum WifiSecurity
    {
        /// <summary>No security.</summary>
        Open = 0,

        /// <summary>WEP (5 or 13 characters, or 10 or 26 hex digits).</summary>
        Wep = 1,

        /// <summary>WPA (TKIP).</summary>
        Wpa = 2,

        /// <summary>WPA2 (AES).</summary>
        Wpa2 = 3,

        /// <summary>WPA/WPA2 mixed: the module picks what the access point offers.</summary>
        WpaWpa2 = 4,

        /// <summary>WPA2 with TKIP.</summary>
        Wpa2Tkip = 5,
    }
}
