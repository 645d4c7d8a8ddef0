using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EsWifi.Emulator.FrontEnds;
using EsWifi.Emulator.Model;
using EsWifi.Emulator.Peers;

namespace EsWifi.NanoClrBench;

/// <summary>
/// The samples' world, as their constants describe it: a UART shield on COM2, an access point
/// 'your-ssid' / 'your-passphrase', and www.example.com:443, here an HTTPS server on 127.0.0.1 whose
/// certificate the lab CA signed (a page, or a JSON document at /reading.json) (the emulated network resolves the name and forwards port 443).
/// The certificates a user pastes into CertificateProvisioning's Credentials.cs are made by
/// <see cref="Prepare"/> before the samples are built.
/// </summary>
public sealed class SampleLab : IDisposable
{
    public const string Host = "www.example.com";

    /// <summary>The page HttpsGet fetches: text with a line break and a marker the check looks for.</summary>
    public const string Body = "<html><body>served by the sample lab over module TLS\nend of page</body></html>\n";

    private readonly PseudoTerminal _uartPty = new();
    private readonly UartFrontEnd _uart;
    private readonly TcpListener _https = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _server;
    private readonly Thread _serving;

    public SampleLab(string folder)
    {
        _server = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, "server.pfx"), null);
        Emulator = new EmulatedModule(FirmwareProfile.C3525Uart);
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "your-ssid", Security = 3, Passphrase = "your-passphrase", Rssi = -50 });
        _https.Start();
        Emulator.HostNames[Host] = IPAddress.Loopback;
        Emulator.PortRedirects[443] = ((IPEndPoint)_https.LocalEndpoint).Port;
        _uart = new UartFrontEnd(Emulator, _uartPty);
        _serving = new Thread(Serve) { IsBackground = true, Name = "sample-https" };
        _serving.Start();
    }

    public EmulatedModule Emulator { get; }

    public string UartPath => _uartPty.SlavePath;

    /// <summary>Request lines the HTTPS server received.</summary>
    public List<string> Requests { get; } = new();

    /// <summary>The whole response the server sends for any path but <see cref="JsonPath"/>: headers and <see cref="Body"/>.</summary>
    public static byte[] Response => Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + Body.Length + "\r\nConnection: close\r\n\r\n" + Body);

    /// <summary>The path JsonOverTls asks for.</summary>
    public const string JsonPath = "/reading.json";

    /// <summary>The document served at <see cref="JsonPath"/>.</summary>
    public const string JsonDocument = "{\"station\":\"roof\",\"celsius\":21.5,\"samples\":3}";

    private static byte[] JsonResponse => Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + JsonDocument.Length + "\r\nConnection: close\r\n\r\n" + JsonDocument);

    /// <summary>
    /// Makes the lab's certificates into <paramref name="folder"/>: the root CA, a device certificate
    /// and key (PEM), the HTTPS server's certificate for www.example.com (PKCS#12), and the
    /// Credentials.cs a user of CertificateProvisioning would write with them.
    /// </summary>
    public static void Prepare(string folder)
    {
        GeneratedCertificates lab = GeneratedCertificates.Create("sample lab", Host);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "ca.pem"), lab.CaPem);
        File.WriteAllBytes(Path.Combine(folder, "device.pem"), lab.ClientCertificatePem);
        File.WriteAllBytes(Path.Combine(folder, "device.key"), lab.ClientKeyPem);
        File.WriteAllBytes(Path.Combine(folder, "server.pfx"), lab.Server.Export(X509ContentType.Pkcs12));
        File.WriteAllText(Path.Combine(folder, "Credentials.cs"), $$"""
            namespace CertificateProvisioningSample
            {
                /// <summary>The sample lab's certificates, as a user pastes theirs.</summary>
                internal static class Credentials
                {
                    internal const string RootCa = "{{Literal(lab.CaPem)}}";
                    internal const string DeviceCertificate = "{{Literal(lab.ClientCertificatePem)}}";
                    internal const string DeviceKey = "{{Literal(lab.ClientKeyPem)}}";
                }
            }

            """);
    }

    public void Dispose()
    {
        _https.Stop();
        _uart.Dispose();
        _uartPty.Dispose();
        Emulator.Dispose();
    }

    private static string Literal(byte[] pem) => Encoding.ASCII.GetString(pem).Replace("\n", "\\n");

    private void Serve()
    {
        try
        {
            while (true)
            {
                using TcpClient client = _https.AcceptTcpClient();
                try
                {
                    client.ReceiveTimeout = 20000;
                    using var tls = new SslStream(client.GetStream());
                    tls.AuthenticateAsServer(_server);
                    var head = new StringBuilder();
                    while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                    {
                        int b = tls.ReadByte();
                        if (b < 0)
                        {
                            break;
                        }

                        head.Append((char)b);
                    }

                    string requestLine = head.ToString().Split("\r\n")[0];
                    lock (Requests)
                    {
                        Requests.Add(requestLine);
                    }

                    tls.Write(requestLine.StartsWith("GET " + JsonPath + " ", StringComparison.Ordinal) ? JsonResponse : Response);
                    tls.Flush();
                }
                catch (Exception e) when (e is IOException || e is System.Security.Authentication.AuthenticationException)
                {
                    lock (Requests)
                    {
                        Requests.Add("failed: " + e.Message);
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
