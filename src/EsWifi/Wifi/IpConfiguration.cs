namespace EsWifi
{
    /// <summary>The station's IP settings as <c>C?</c> reports them (the passphrase it also shows is not kept).</summary>
    public sealed class IpConfiguration
    {
        /// <summary>Creates the record.</summary>
        /// <param name="ssid">Configured network name.</param>
        /// <param name="dhcp">True when the address comes from DHCP.</param>
        /// <param name="address">Station address.</param>
        /// <param name="mask">Subnet mask.</param>
        /// <param name="gateway">Default gateway.</param>
        /// <param name="primaryDns">First DNS server.</param>
        /// <param name="secondaryDns">Second DNS server.</param>
        /// <param name="connected">True when joined.</param>
        public IpConfiguration(string ssid, bool dhcp, string address, string mask, string gateway, string primaryDns, string secondaryDns, bool connected)
        {
            Ssid = ssid;
            Dhcp = dhcp;
            Address = address;
            Mask = mask;
            Gateway = gateway;
            PrimaryDns = primaryDns;
            SecondaryDns = secondaryDns;
            Connected = connected;
        }

        /// <summary>Configured network name.</summary>
        public string Ssid { get; }

        /// <summary>True when the address comes from DHCP.</summary>
        public bool Dhcp { get; }

        /// <summary>Station address.</summary>
        public string Address { get; }

        /// <summary>Subnet mask.</summary>
        public string Mask { get; }

        /// <summary>Default gateway.</summary>
        public string Gateway { get; }

        /// <summary>First DNS server.</summary>
        public string PrimaryDns { get; }

        /// <summary>Second DNS server.</summary>
        public string SecondaryDns { get; }

        /// <summary>True when joined.</summary>
        public bool Connected { get; }
    }
}
