namespace MqttTelemetrySample
{
    /// <summary>
    /// Where the device connects and what it proves itself with: the broker's endpoint, the root CA that
    /// signed the broker's certificate, and the device's certificate and private key (one PEM block each;
    /// line breaks as \n). Replace the placeholders; the driver refuses to send a placeholder, so nothing
    /// reaches a write-once slot until real PEM text is here.
    /// </summary>
    internal static class Credentials
    {
        // AWS IoT Core: your account's endpoint (AWS console, IoT Core, Settings), port 8883; the root CA
        // is Amazon Root CA 1; the client id must match the thing's policy.
        // Azure IoT Hub: <hub>.azure-devices.net, port 8883, client id = device id; with an X.509 device
        // the user name is "<hub>.azure-devices.net/<device id>/?api-version=2021-04-12".
        internal const string Endpoint = "your-endpoint-ats.iot.eu-west-1.amazonaws.com";
        internal const int Port = 8883;
        internal const string ClientId = "b-l475e-iot01a";
        internal const string UserName = null;

        internal const string RootCa = "-----BEGIN CERTIFICATE-----\nMIIB...replace...\n-----END CERTIFICATE-----\n";
        internal const string DeviceCertificate = "-----BEGIN CERTIFICATE-----\nMIIB...replace...\n-----END CERTIFICATE-----\n";
        internal const string DeviceKey = "-----BEGIN PRIVATE KEY-----\nMIIE...replace...\n-----END PRIVATE KEY-----\n";
    }
}
