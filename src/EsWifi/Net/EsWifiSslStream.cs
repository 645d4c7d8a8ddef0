namespace EsWifi
{
    /// <summary>
    /// A TLS connection terminated inside the module (<c>P1=3</c>): the module runs the handshake
    /// with the chosen certificate set and verification level; the host sees plain bytes.
    /// </summary>
    public sealed class EsWifiSslStream : EsWifiNetworkStream
    {
        internal EsWifiSslStream(SocketConnection connection, string targetHost, int certificateSet, TlsVerification verification)
            : base(connection)
        {
            TargetHost = targetHost;
            CertificateSet = certificateSet;
            Verification = verification;
        }

        /// <summary>The host name or address the connection was opened to.</summary>
        public string TargetHost { get; }

        /// <summary>The certificate set used for the handshake.</summary>
        public int CertificateSet { get; }

        /// <summary>The verification the handshake applied.</summary>
        public TlsVerification Verification { get; }
    }
}
