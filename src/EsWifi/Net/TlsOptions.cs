namespace EsWifi
{
    /// <summary>How a TLS connection checks its peer; maps to the module's <c>P9</c>.</summary>
    public enum TlsVerification
    {
        /// <summary>
        /// No verification at all (<c>P9=0</c>): anyone can impersonate the server. Only used when
        /// asked for by name.
        /// </summary>
        None = 0,

        /// <summary>
        /// Verify the server against the set's root CA (<c>P9=1</c>). The driver checks first that the
        /// set has a root CA and refuses to connect otherwise (the module itself would silently accept).
        /// </summary>
        VerifyServer = 1,

        /// <summary>
        /// Mutual TLS (<c>P9=2</c>): verify the server with the root CA and present the set's client
        /// certificate and key. All three must be programmed.
        /// </summary>
        Mutual = 2,
    }

    /// <summary>TLS settings for <see cref="EsWifiModule.ConnectTls"/>. The default verifies the server with set 0.</summary>
    public sealed class TlsOptions
    {
        /// <summary>Verifies the server with the root CA of set 0.</summary>
        public TlsOptions()
        {
            Verification = TlsVerification.VerifyServer;
        }

        /// <summary>Creates options for a set and a level.</summary>
        /// <param name="certificateSet">Certificate set (0–3).</param>
        /// <param name="verification">Verification level.</param>
        public TlsOptions(int certificateSet, TlsVerification verification)
        {
            CertificateSet = certificateSet;
            Verification = verification;
        }

        /// <summary>The certificate set the connection uses (selected with <c>PF</c>).</summary>
        public int CertificateSet { get; set; }

        /// <summary>The verification level; never <see cref="TlsVerification.None"/> unless set so.</summary>
        public TlsVerification Verification { get; set; }
    }
}
