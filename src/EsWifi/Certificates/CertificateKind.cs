namespace EsWifi
{
    /// <summary>The three objects of a certificate set; the values are the <c>PG</c> type codes.</summary>
    public enum CertificateKind
    {
        /// <summary>The root CA that server certificates must chain to.</summary>
        RootCa = 0,

        /// <summary>The device's client certificate (mutual TLS).</summary>
        Certificate = 1,

        /// <summary>The device's private key (mutual TLS).</summary>
        PrivateKey = 2,
    }

    /// <summary>Outcome of programming or verifying a certificate slot.</summary>
    public enum CertificateWriteResult
    {
        /// <summary>The slot was empty and now holds the object.</summary>
        Written = 1,

        /// <summary>The slot already held exactly these bytes; nothing changed.</summary>
        AlreadyMatching = 2,
    }

    /// <summary>Progress of a certificate write.</summary>
    /// <param name="bytesSent">Bytes handed to the module so far.</param>
    /// <param name="totalBytes">Size of the object.</param>
    public delegate void CertificateProgress(int bytesSent, int totalBytes);
}
