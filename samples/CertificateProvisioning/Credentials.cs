namespace CertificateProvisioningSample
{
    /// <summary>
    /// The PEM texts to program: the root CA of your server, your device certificate and its private key
    /// (one PEM block each; line breaks as \n). Replace the placeholders with your files' text; the driver
    /// refuses to send a placeholder.
    /// </summary>
    internal static class Credentials
    {
        internal const string RootCa = "-----BEGIN CERTIFICATE-----\nMIIB...replace...\n-----END CERTIFICATE-----\n";
        internal const string DeviceCertificate = "-----BEGIN CERTIFICATE-----\nMIIB...replace...\n-----END CERTIFICATE-----\n";
        internal const string DeviceKey = "-----BEGIN PRIVATE KEY-----\nMIIE...replace...\n-----END PRIVATE KEY-----\n";
    }
}
