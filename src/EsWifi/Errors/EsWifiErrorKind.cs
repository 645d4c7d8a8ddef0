namespace EsWifi
{
    /// <summary>
    /// What went wrong when talking to the module. Carried by <see cref="EsWifiException"/>.
    /// </summary>
    /// <remarks>
    /// On nanoFramework <c>Enum.ToString()</c> yields a number, so every exception also carries a
    /// readable message; use this value for decisions, the message for people.
    /// </remarks>
    public enum EsWifiErrorKind
    {
        /// <summary>The module did not answer completely within the command's timeout.</summary>
        Timeout = 1,

        /// <summary>The module answered <c>ERROR</c>; <see cref="EsWifiException.ModuleReason"/> holds its reason text.</summary>
        ModuleError = 2,

        /// <summary>The peer closed the connection or the link was lost (the module's <c>-1</c> answer).</summary>
        ConnectionClosed = 3,

        /// <summary>The module rebooted (a boot prompt arrived in the middle of work): sockets and settings are gone.</summary>
        ModuleReset = 4,

        /// <summary>The module's answer could not be understood (wrong framing, buffer overflow).</summary>
        ProtocolError = 5,

        /// <summary>The firmware on this module does not support the operation.</summary>
        NotSupported = 6,

        /// <summary>A certificate slot already holds different data; nothing was written.</summary>
        CertificateMismatch = 7,

        /// <summary>The link to the module failed (the serial port's I/O failed or it was closed, an SPI fault).</summary>
        LinkFailure = 8,

        /// <summary>All four module sockets are in use.</summary>
        NoFreeSocket = 9,

        /// <summary>The certificate set lacks an object the requested TLS verification needs; nothing was connected.</summary>
        CertificateMissing = 10,

        /// <summary>An earlier fault (no answer, a damaged answer) left this connection's data in an unknown state; close it and connect again.</summary>
        ConnectionBroken = 11,

        /// <summary>
        /// A payload (<c>PG</c>, <c>S3</c>) was cut on its way: the module may still wait for its bytes and
        /// would take the next command as payload (burning a certificate slot), so nothing is sent.
        /// Reset the module (reset line or power), then <see cref="EsWifiModule.AcknowledgeExternalReset"/>.
        /// </summary>
        ResetRequired = 12,

        /// <summary>
        /// The module could not set up TLS on a connect: the server's certificate failed the verification
        /// the set and level ask for, the server refused the module's client certificate, or the set
        /// lacks what the handshake needs. <see cref="EsWifiException.ModuleReason"/> has the module's words.
        /// </summary>
        TlsHandshakeFailed = 13,

        /// <summary>The module could not connect to the remote end (refused, unreachable, no answer); nothing is open.</summary>
        ConnectionRefused = 14,

        /// <summary>The module's DNS found no address for the name.</summary>
        HostNotFound = 15,

        /// <summary>The module is not joined to a network (it never was, left, or lost it); join first.</summary>
        NotJoined = 16,
    }
}
