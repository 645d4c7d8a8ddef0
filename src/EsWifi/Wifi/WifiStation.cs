using System;

namespace EsWifi
{
    /// <summary>The module as a Wi-Fi station: join, leave, status, signal, IP settings and scanning.</summary>
    public sealed class WifiStation
    {
        /// <summary>Longest SSID in bytes.</summary>
        public const int MaxSsidLength = 32;

        private const string JoinTag = "[JOIN   ] ";

        // The module's reason when C0 finds it joined already.
        private const string AlreadyConnected = "Already connected";

        // C? holds 13 fields after SSID and passphrase, which may hold commas themselves.
        private const int StationFieldsAfterPassphrase = 13;

        private static readonly string[] StaticAddressCommands = new string[] { "C6", "C7", "C8", "C9" };

        // CS and CR, built once: a program may poll IsConnected or Rssi in its main loop, and a command
        // named by a literal allocates its name each time on nanoCLR.
        private static readonly byte[] StatusCommand = new byte[] { (byte)'C', (byte)'S', AsciiBytes.Cr };
        private static readonly byte[] RssiCommand = new byte[] { (byte)'C', (byte)'R', AsciiBytes.Cr };

        private readonly EsWifiModule _module;
        private bool _dhcp = true;

        // The fixed addresses of UseStaticAddress, sent with every join (a reset may lose them).
        private byte[][] _staticAddress;

        internal WifiStation(EsWifiModule module)
        {
            _module = module;
        }

        /// <summary>True when the module is joined to a network (<c>CS</c>).</summary>
        public bool IsConnected
        {
            get
            {
                lock (_module.Channel.SyncRoot)
                {
                    _module.Channel.Writer.Prebuilt(StatusCommand);
                    int status;
                    return _module.Channel.ExecuteOk(_module.CommandTimeoutMilliseconds).TryGetPayloadInt(out status) && status == 1;
                }
            }
        }

        /// <summary>Signal strength of the joined network in dBm, 0 when not joined (<c>CR</c>).</summary>
        public int Rssi
        {
            get
            {
                lock (_module.Channel.SyncRoot)
                {
                    _module.Channel.Writer.Prebuilt(RssiCommand);
                    int rssi;
                    if (!_module.Channel.ExecuteOk(_module.CommandTimeoutMilliseconds).TryGetPayloadInt(out rssi))
                    {
                        throw new EsWifiException(EsWifiErrorKind.ProtocolError, "CR answered no number");
                    }

                    return rssi;
                }
            }
        }

        /// <summary>
        /// Joins a network. Every argument is checked before anything is sent; the passphrase never
        /// appears in traces or messages. On failure the exception carries the module's reason. A
        /// module that may be joined already (the host restarted, or joined before) is asked first:
        /// joined to this very network with these settings, it stays joined (its sockets live on);
        /// joined elsewhere, it leaves (<c>CD</c>) and joins this one. The settings are kept and made
        /// again whenever the module is found to have lost its network (after a reset).
        /// </summary>
        /// <param name="ssid">Network name, 1 to 32 bytes.</param>
        /// <param name="passphrase">Empty or null for open networks; WEP 5/13 characters or 10/26 hex digits; WPA 8–63 characters or 64 hex digits.</param>
        /// <param name="security">The network's security.</param>
        /// <returns>The address the station got.</returns>
        public string Join(string ssid, string passphrase, WifiSecurity security)
        {
            TextArgument.Validate(ssid, nameof(ssid), 1, MaxSsidLength, true);
            ValidatePassphrase(passphrase, security);

            lock (_module.Channel.SyncRoot)
            {
                // Kept from the start: a join that a fault interrupts is completed after it.
                ModuleLife life = _module.Life;
                life.JoinStarted(ssid, passphrase, security);
                if (life.JoinState != ModuleLife.NotJoined && QueryJoined())
                {
                    string[] fields = StationSettings();
                    if (HoldsSettings(fields, ssid, passphrase, security))
                    {
                        life.JoinConfirmed();
                        return fields[fields.Length - 10];
                    }

                    Disconnect();
                }

                return JoinNow(ssid, passphrase, security);
            }
        }

        /// <summary>
        /// Joins again with the last <see cref="Join"/>'s network when the module is no longer joined
        /// (after it reset). Nothing is sent when no join was asked for. Caller holds the channel lock.
        /// </summary>
        internal void RejoinIfLost()
        {
            ModuleLife life = _module.Life;
            if (!life.HasJoinToRestore)
            {
                return;
            }

            if (life.JoinState != ModuleLife.NotJoined && QueryJoined())
            {
                return;
            }

            // Whatever the driver had on the module went with its network.
            life.NetworkLost();
            JoinNow(life.JoinSsid, life.JoinPassphrase, life.JoinSecurity);
        }

        /// <summary><c>CS</c>: whether the module is joined; the life learns it too.</summary>
        private bool QueryJoined()
        {
            _module.Channel.Writer.Command("CS").End();
            int status;
            if (!_module.Channel.ExecuteOk(_module.CommandTimeoutMilliseconds).TryGetPayloadInt(out status))
            {
                throw new EsWifiException(EsWifiErrorKind.ProtocolError, "CS answered no number");
            }

            _module.Life.JoinChecked(status == 1);
            return status == 1;
        }

        /// <summary><c>CD</c>: leaves the network the module is joined to.</summary>
        private void Disconnect()
        {
            _module.Channel.Writer.Command("CD").End();
            _module.Channel.ExecuteOk(_module.CommandTimeoutMilliseconds);
            _module.Life.Left();
        }

        /// <summary>True when the station settings of <c>C?</c> are these (the passphrase only where the security uses one).</summary>
        private bool HoldsSettings(string[] fields, string ssid, string passphrase, WifiSecurity security)
        {
            int n = fields.Length;
            string joined = fields[0];
            for (int i = 1; i < n - StationFieldsAfterPassphrase; i++)
            {
                joined = joined + "," + fields[i];
            }

            string expected = security == WifiSecurity.Open ? ssid + "," : ssid + "," + passphrase;
            bool sameNetwork = security == WifiSecurity.Open
                ? joined.Length >= expected.Length && joined.Substring(0, expected.Length) == expected
                : joined == expected;
            return sameNetwork
                && fields[n - StationFieldsAfterPassphrase] == ((int)security).ToString()
                && fields[n - 12] == (_dhcp ? "1" : "0")
                && (_dhcp || fields[n - 10] == Ipv4.Format(_staticAddress[0]));
        }

        private string JoinNow(string ssid, string passphrase, WifiSecurity security)
        {
            ModuleLife life = _module.Life;
            try
            {
                string address = SendJoin(ssid, passphrase, security);
                life.JoinConfirmed();
                return address;
            }
            catch (EsWifiException e)
            {
                if (e.IsModuleAnswer)
                {
                    // The module refused: settings that never worked are not tried again after a reset.
                    life.JoinRefused();
                }

                throw;
            }
        }

        private string SendJoin(string ssid, string passphrase, WifiSecurity security)
        {
            AtChannel channel = _module.Channel;
            channel.Writer.Command("C1").Text(ssid, nameof(ssid), MaxSsidLength, true).End();
            channel.ExecuteOk(_module.CommandTimeoutMilliseconds);
            if (security != WifiSecurity.Open)
            {
                channel.Writer.Command("C2").Secret(passphrase, nameof(passphrase), 64, true).End();
                channel.ExecuteOk(_module.CommandTimeoutMilliseconds);
            }

            channel.Writer.Command("C3").Int((int)security).End();
            channel.ExecuteOk(_module.CommandTimeoutMilliseconds);
            if (!_dhcp)
            {
                for (int i = 0; i < 4; i++)
                {
                    channel.Writer.Command(StaticAddressCommands[i]).Ip(_staticAddress[i]).End();
                    channel.ExecuteOk(_module.CommandTimeoutMilliseconds);
                }
            }

            channel.Writer.Command("C4").Int(_dhcp ? 1 : 0).End();
            channel.ExecuteOk(_module.CommandTimeoutMilliseconds);

            AtResponse answer = Connect();
            if (answer.Kind == AtResponseKind.Error && answer.ReasonText().IndexOf(AlreadyConnected) >= 0)
            {
                // Joined although the driver had no sign of it (it joined on its own after a reset,
                // or a console joined it): leave, and join with these settings.
                Disconnect();
                answer = Connect();
            }

            if (answer.Kind != AtResponseKind.Ok)
            {
                string reason = answer.ReasonText();
                throw new EsWifiException("joining \"" + ssid + "\" failed" + (reason.Length > 0 ? ": " + reason : string.Empty), reason);
            }

            int offset;
            int length;
            if (!answer.TryFindLine(JoinTag, out offset, out length))
            {
                throw new EsWifiException(EsWifiErrorKind.ProtocolError, "C0 answered OK without a [JOIN   ] line");
            }

            // "<ssid>,<ip>,0,0": the SSID may hold commas, so count fields from the end.
            string[] fields = AsciiBytes.ToText(answer.Buffer, offset, length).Split(',');
            return fields.Length >= 4 ? fields[fields.Length - 3] : string.Empty;
        }

        /// <summary><c>C0</c>: the module joins with the settings sent before.</summary>
        private AtResponse Connect()
        {
            _module.Channel.Writer.Command("C0").End();
            return _module.Channel.Execute(_module.Options.JoinTimeoutMilliseconds);
        }

        /// <summary>Leaves the network (<c>CD</c>); the last join is not made again.</summary>
        public void Leave()
        {
            lock (_module.Channel.SyncRoot)
            {
                _module.Life.ForgetJoin();
                Disconnect();
            }
        }

        /// <summary>Takes the address from DHCP at the next join (the default).</summary>
        public void UseDhcp()
        {
            _dhcp = true;
        }

        /// <summary>
        /// Uses fixed addresses from the next join on: <c>C6</c>–<c>C9</c> and <c>C4=0</c> go out with every
        /// join (a join made again after a reset keeps them). The addresses are checked here; nothing is sent.
        /// </summary>
        /// <param name="address">Station address, dotted.</param>
        /// <param name="mask">Subnet mask, dotted.</param>
        /// <param name="gateway">Default gateway, dotted.</param>
        /// <param name="dns">DNS server, dotted.</param>
        public void UseStaticAddress(string address, string mask, string gateway, string dns)
        {
            byte[][] octets = new byte[4][];
            string[] values = new string[] { address, mask, gateway, dns };
            string[] names = new string[] { nameof(address), nameof(mask), nameof(gateway), nameof(dns) };
            for (int i = 0; i < 4; i++)
            {
                octets[i] = new byte[4];
                if (!Ipv4.TryParse(values[i], octets[i]))
                {
                    throw new ArgumentException("must be a dotted IPv4 address", names[i]);
                }
            }

            lock (_module.Channel.SyncRoot)
            {
                _staticAddress = octets;
                _dhcp = false;
            }
        }

        /// <summary>Reads the station settings (<c>C?</c>); the passphrase the module echoes is dropped.</summary>
        /// <returns>The IP configuration.</returns>
        public IpConfiguration GetIpConfiguration()
        {
            lock (_module.Channel.SyncRoot)
            {
                string[] fields = StationSettings();
                int n = fields.Length;
                return new IpConfiguration(fields[0], fields[n - 12] == "1", fields[n - 10], fields[n - 9], fields[n - 8], fields[n - 7], fields[n - 6], fields[n - 1] == "1");
            }
        }

        /// <summary>
        /// The station settings (<c>C?</c>), split at commas: SSID and passphrase may hold commas
        /// themselves, so the 13 fields after them are counted from the end. Caller holds the channel lock.
        /// </summary>
        private string[] StationSettings()
        {
            _module.Channel.Writer.Command("C?").End();
            string[] fields = _module.Channel.ExecuteOk(_module.CommandTimeoutMilliseconds).PayloadText().Split(',');
            if (fields.Length < StationFieldsAfterPassphrase + 2)
            {
                throw new EsWifiException(EsWifiErrorKind.ProtocolError, "C? answered " + fields.Length.ToString() + " fields, expected 15");
            }

            return fields;
        }

        /// <summary>
        /// Scans for access points: <c>F0</c>, or on SPI firmware 3.5.2.5 and later <c>F0=2</c> then one
        /// record per <c>MR</c> (a full list in one answer can overflow the module).
        /// </summary>
        /// <returns>The access points found.</returns>
        public AccessPointInfo[] Scan()
        {
            lock (_module.Channel.SyncRoot)
            {
                System.Collections.ArrayList found = new System.Collections.ArrayList();
                AtChannel channel = _module.Channel;
                if (_module.ScansPerRecord)
                {
                    channel.Writer.Command("F0").Int(2).End();
                    AtResponse record = channel.ExecuteRecord(_module.Options.ScanTimeoutMilliseconds);
                    while (record.Kind == AtResponseKind.Unrecognized)
                    {
                        AddRecord(found, AsciiBytes.ToText(record.Buffer, record.FrameOffset, record.FrameLength).Trim());
                        channel.Writer.Command("MR").End();
                        record = channel.ExecuteRecord(_module.Options.ScanTimeoutMilliseconds);
                    }

                    channel.ThrowUnlessOk(record);
                }
                else
                {
                    channel.Writer.Command("F0").End();
                    AtResponse answer = channel.ExecuteOk(_module.Options.ScanTimeoutMilliseconds);
                    int position = answer.PayloadOffset;
                    int offset;
                    int length;
                    while ((position = answer.NextLine(position, out offset, out length)) >= 0)
                    {
                        AddRecord(found, AsciiBytes.ToText(answer.Buffer, offset, length));
                    }
                }

                AccessPointInfo[] result = new AccessPointInfo[found.Count];
                found.CopyTo(result);
                return result;
            }
        }

        private static void AddRecord(System.Collections.ArrayList found, string line)
        {
            AccessPointInfo ap = AccessPointInfo.Parse(line);
            if (ap != null)
            {
                found.Add(ap);
            }
        }

        private static void ValidatePassphrase(string passphrase, WifiSecurity security)
        {
            if (security < WifiSecurity.Open || security > WifiSecurity.Wpa2Tkip)
            {
                throw new ArgumentOutOfRangeException(nameof(security));
            }

            if (security == WifiSecurity.Open)
            {
                if (passphrase != null && passphrase.Length > 0)
                {
                    throw new ArgumentException("an open network takes no passphrase", nameof(passphrase));
                }

                return;
            }

            TextArgument.Validate(passphrase, nameof(passphrase), 1, 64, true);
            int length = passphrase.Length;
            bool hex = IsHex(passphrase);
            bool valid = security == WifiSecurity.Wep
                ? length == 5 || length == 13 || (hex && (length == 10 || length == 26))
                : (length >= 8 && length <= 63) || (hex && length == 64);
            if (!valid || AsciiBytes.Utf8Length(passphrase) != length)
            {
                throw new ArgumentException(
                    security == WifiSecurity.Wep ? "WEP keys are 5 or 13 ASCII characters, or 10 or 26 hex digits" : "WPA passphrases are 8 to 63 ASCII characters, or 64 hex digits",
                    nameof(passphrase));
            }
        }

        private static bool IsHex(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
