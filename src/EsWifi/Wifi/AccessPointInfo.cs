namespace EsWifi
{
    /// <summary>One access point found by a scan.</summary>
    public sealed class AccessPointInfo
    {
        /// <summary>Creates the record.</summary>
        /// <param name="ssid">Network name.</param>
        /// <param name="bssid">Access point MAC, <c>XX:XX:XX:XX:XX:XX</c>.</param>
        /// <param name="rssi">Signal strength in dBm.</param>
        /// <param name="channel">Radio channel.</param>
        /// <param name="security">Security, as far as the module's text tells.</param>
        /// <param name="securityText">The module's security text, e.g. <c>WPA2 AES</c>.</param>
        public AccessPointInfo(string ssid, string bssid, int rssi, int channel, WifiSecurity security, string securityText)
        {
            Ssid = ssid;
            Bssid = bssid;
            Rssi = rssi;
            Channel = channel;
            Security = security;
            SecurityText = securityText;
        }

        /// <summary>Network name.</summary>
        public string Ssid { get; }

        /// <summary>Access point MAC address.</summary>
        public string Bssid { get; }

        /// <summary>Signal strength in dBm.</summary>
        public int Rssi { get; }

        /// <summary>Radio channel.</summary>
        public int Channel { get; }

        /// <summary>Security mapped from <see cref="SecurityText"/>.</summary>
        public WifiSecurity Security { get; }

        /// <summary>The module's security text.</summary>
        public string SecurityText { get; }

        /// <summary>
        /// Parses one scan record: <c>#001,"SSID",BSSID,RSSI,RATE,MODE,SECURITY,BAND,CHANNEL</c>.
        /// The SSID is quoted and may contain commas.
        /// </summary>
        /// <param name="record">The record line.</param>
        /// <returns>The access point, or null when the line is not a record.</returns>
        public static AccessPointInfo Parse(string record)
        {
            if (record == null || record.Length < 4 || record[0] != '#')
            {
                return null;
            }

            int open = record.IndexOf(",\"");
            int close = record.LastIndexOf("\",");
            if (open < 0 || close <= open)
            {
                return null;
            }

            string ssid = record.Substring(open + 2, close - open - 2);
            string[] fields = record.Substring(close + 2).Split(',');
            if (fields.Length < 7)
            {
                return null;
            }

            int rssi;
            int channel;
            if (!int.TryParse(fields[1], out rssi) || !int.TryParse(fields[6], out channel))
            {
                return null;
            }

            return new AccessPointInfo(ssid, fields[0], rssi, channel, SecurityFromText(fields[4]), fields[4]);
        }

        /// <summary>Maps the module's security text, most specific first (as ST's driver does).</summary>
        /// <param name="text">For example <c>WPA2 AES</c>.</param>
        /// <returns>The security.</returns>
        public static WifiSecurity SecurityFromText(string text)
        {
            if (text.IndexOf("Open") >= 0)
            {
                return WifiSecurity.Open;
            }

            if (text.IndexOf("WEP") >= 0)
            {
                return WifiSecurity.Wep;
            }

            if (text.IndexOf("WPA WPA2") >= 0)
            {
                return WifiSecurity.WpaWpa2;
            }

            if (text.IndexOf("WPA2 TKIP") >= 0)
            {
                return WifiSecurity.Wpa2Tkip;
            }

            return text.IndexOf("WPA2") >= 0 ? WifiSecurity.Wpa2 : WifiSecurity.Wpa;
        }
    }
}
