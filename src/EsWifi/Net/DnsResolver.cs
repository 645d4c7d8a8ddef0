namespace EsWifi
{
    /// <summary>Name resolution by the module (<c>D0</c>).</summary>
    public sealed class DnsResolver
    {
        /// <summary>Longest host name the module accepts (QR20: 0–63).</summary>
        public const int MaxHostNameLength = 63;

        private readonly EsWifiModule _module;

        internal DnsResolver(EsWifiModule module)
        {
            _module = module;
        }

        /// <summary>
        /// Resolves <paramref name="host"/> to a dotted IPv4 address, within the options' DNS timeout (the same one a connect to a name uses). The name is checked (1–63 bytes,
        /// no CR, LF, NUL or comma) before anything is sent.
        /// </summary>
        /// <param name="host">Host name.</param>
        /// <returns>The address, e.g. <c>93.184.216.34</c>.</returns>
        public string Resolve(string host)
        {
            TextArgument.Validate(host, nameof(host), 1, MaxHostNameLength, false);
            lock (_module.Channel.SyncRoot)
            {
                _module.RestoreAfterFault();
                _module.Channel.Writer.Command("D0").Text(host, nameof(host), MaxHostNameLength, false).End();

                // D0 also sets the selected socket's remote address (P3): that cached value is stale now.
                _module.Sockets.ForgetRemoteOfSelected();
                AtResponse answer = _module.Channel.ExecuteOk(_module.Options.DnsTimeoutMilliseconds);
                string address = answer.PayloadText();
                byte[] octets = new byte[4];
                if (!Ipv4.TryParse(address, octets))
                {
                    throw new EsWifiException(EsWifiErrorKind.ProtocolError, "D0 answered something that is not an IPv4 address");
                }

                return address;
            }
        }
    }
}
