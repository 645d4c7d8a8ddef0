namespace EsWifi
{
    /// <summary>Which slots of a certificate set are programmed (<c>PE=&lt;set&gt;</c>).</summary>
    public sealed class CertificateSetStatus
    {
        /// <summary>Creates the record.</summary>
        /// <param name="set">The set number.</param>
        /// <param name="hasRootCa">Root CA slot programmed.</param>
        /// <param name="hasCertificate">Certificate slot programmed.</param>
        /// <param name="hasPrivateKey">Key slot programmed.</param>
        public CertificateSetStatus(int set, bool hasRootCa, bool hasCertificate, bool hasPrivateKey)
        {
            Set = set;
            HasRootCa = hasRootCa;
            HasCertificate = hasCertificate;
            HasPrivateKey = hasPrivateKey;
        }

        /// <summary>The set number.</summary>
        public int Set { get; }

        /// <summary>The root CA slot is programmed.</summary>
        public bool HasRootCa { get; }

        /// <summary>The client certificate slot is programmed.</summary>
        public bool HasCertificate { get; }

        /// <summary>The private key slot is programmed.</summary>
        public bool HasPrivateKey { get; }

        /// <summary>Whether the slot of <paramref name="kind"/> is programmed.</summary>
        /// <param name="kind">The object.</param>
        /// <returns>True when used.</returns>
        public bool IsUsed(CertificateKind kind)
        {
            return kind == CertificateKind.RootCa ? HasRootCa : kind == CertificateKind.Certificate ? HasCertificate : HasPrivateKey;
        }
    }
}
