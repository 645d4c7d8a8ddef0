using System.CommandLine;
using System.Text;
using EsWifi.Cli.Infrastructure;
using EsWifi.Emulator.FrontEnds;
using EsWifi.Emulator.Model;
using EsWifi.Emulator.Peers;
using EsWifi.Serial;
using Spectre.Console;

namespace EsWifi.Cli.Commands;

/// <summary>
/// <c>demo</c>: needs no hardware. Starts the emulator on a pseudo-terminal (the driver talks to it
/// through a real SerialPort), real TLS servers on 127.0.0.1 with certificates made on the spot,
/// programs a certificate set, and runs the vendor's three TLS client flows (P9=0, 1, 2).
/// </summary>
public static class DemoCommand
{
    private const string Ssid = "demo-ap";
    private const string Passphrase = "demo passphrase";

    public static Command Create(CliContext context)
    {
        var quiet = new Option<bool>("--quiet") { Description = "Do not print the AT exchange" };
        var command = new Command("demo", "Run the three TLS client flows against the built-in emulator (no hardware needed)") { quiet };
        command.SetAction(parse => Run(context, !parse.GetValue(quiet)));
        return command;
    }

    private static int Run(CliContext context, bool showTrace)
    {
        IAnsiConsole console = context.Console;
        console.MarkupLine("[bold]eS-WiFi demo[/]: emulated ISM43362 (C3.5.2.5.UART), real TLS servers on 127.0.0.1");
        GeneratedCertificates pki = GeneratedCertificates.Create("eswifi demo");
        GeneratedCertificates impostor = GeneratedCertificates.Create("impostor");

        using var emulator = new EmulatedModule(FirmwareProfile.C3525Uart);
        emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = Ssid, Security = 3, Passphrase = Passphrase, Rssi = -52 });
        using var wiring = DemoWiring.Create(emulator);
        console.MarkupLine("module link: " + Markup.Escape(wiring.Description));

        using var plainServer = LoopbackServer.TlsEcho(impostor, requireClientCertificate: false);
        using var verifiedServer = LoopbackServer.TlsEcho(pki, requireClientCertificate: false);
        using var mutualServer = LoopbackServer.TlsEcho(pki, requireClientCertificate: true);

        var module = new EsWifiModule(wiring.Transport);
        if (showTrace)
        {
            module.Trace = context.Trace;
        }

        Step(console, "bring-up: reset, boot prompt, I?");
        module.Initialize();
        Step(console, "join " + Ssid);
        module.Wifi.Join(Ssid, Passphrase, WifiSecurity.Wpa2);

        Step(console, "program certificate set 0 (root CA, client certificate, key)");
        Program(module, CertificateKind.RootCa, pki.CaPem);
        Program(module, CertificateKind.Certificate, pki.ClientCertificatePem);
        Program(module, CertificateKind.PrivateKey, pki.ClientKeyPem);

        var results = new Table().AddColumn("flow").AddColumn("P9").AddColumn("server").AddColumn("result").AddColumn("bytes each way");
        bool ok = true;
        ok &= Flow(console, results, module, "no verification (chosen by name)", TlsVerification.None, plainServer, "any certificate", expectSuccess: true);
        ok &= Flow(console, results, module, "verify the server with the root CA", TlsVerification.VerifyServer, verifiedServer, "signed by the set's CA", expectSuccess: true);
        ok &= Flow(console, results, module, "mutual TLS with the set's client certificate", TlsVerification.Mutual, mutualServer, "requires a client certificate", expectSuccess: true);
        ok &= Flow(console, results, module, "verify an impostor server", TlsVerification.VerifyServer, plainServer, "signed by another CA", expectSuccess: false);

        module.Trace = null;
        console.WriteLine();
        console.Write(results);
        console.MarkupLine(ok ? "[green]all flows behaved as expected[/]" : "[red]a flow did not behave as expected[/]");
        console.MarkupLine("client certificate seen by the mutual-TLS server: " + Markup.Escape(mutualServer.ClientCertificateSubject ?? "none"));
        return ok ? ExitCodes.Ok : ExitCodes.ModuleError;
    }

    private static void Program(EsWifiModule module, CertificateKind kind, byte[] pem)
    {
        module.Certificates.Program(0, kind, pem, 0, pem.Length, null);
    }

    private static bool Flow(IAnsiConsole console, Table results, EsWifiModule module, string name, TlsVerification level, LoopbackServer server, string serverText, bool expectSuccess)
    {
        Step(console, "TLS flow: " + name + " (P9=" + (int)level + ")");
        byte[] message = Encoding.ASCII.GetBytes("hello over TLS, P9=" + (int)level + " " + new string('.', 2000));
        try
        {
            using EsWifiSslStream tls = module.ConnectTls("localhost", server.Port, new TlsOptions(0, level));
            tls.ReadTimeout = 10000;
            tls.Write(message, 0, message.Length);
            byte[] echo = new byte[message.Length];
            int got = 0;
            while (got < echo.Length)
            {
                int n = tls.Read(echo, got, echo.Length - got);
                if (n == 0)
                {
                    break;
                }

                got += n;
            }

            bool intact = got == message.Length && echo.AsSpan().SequenceEqual(message);
            results.AddRow(Markup.Escape(name), ((int)level).ToString(), Markup.Escape(serverText), intact ? "[green]connected, echo intact[/]" : "[red]echo corrupted[/]", got.ToString());
            return expectSuccess && intact;
        }
        catch (EsWifiException e)
        {
            string reason = e.ModuleReason ?? e.Message;
            results.AddRow(Markup.Escape(name), ((int)level).ToString(), Markup.Escape(serverText), (expectSuccess ? "[red]failed: " : "[green]refused as it should: ") + Markup.Escape(reason) + "[/]", "0");
            return !expectSuccess;
        }
    }

    private static void Step(IAnsiConsole console, string text) => console.MarkupLine("[bold blue]>> " + Markup.Escape(text) + "[/]");

    /// <summary>The emulator on a pseudo-terminal opened with a real SerialPort, or an in-memory link where there are no ptys.</summary>
    private sealed class DemoWiring : IDisposable
    {
        private readonly List<IDisposable> _owned = new();

        public IEsWifiTransport Transport { get; private set; }

        public string Description { get; private set; }

        public static DemoWiring Create(EmulatedModule emulator)
        {
            var wiring = new DemoWiring();
            if (OperatingSystem.IsLinux())
            {
                var pty = new PseudoTerminal();
                wiring._owned.Add(pty);
                wiring._owned.Add(new UartFrontEnd(emulator, pty));
                var serial = new SerialByteLink(pty.SlavePath, SerialByteLink.DefaultBaudRate);
                wiring._owned.Add(serial);
                wiring.Transport = new UartTransport(serial, SystemClock.Instance, 2048);
                wiring.Description = "SerialPort on pseudo-terminal " + pty.SlavePath + " at 115200 baud";
                return wiring;
            }

            var link = new InMemoryDuplexLink();
            wiring._owned.Add(new UartFrontEnd(emulator, link.Module));
            wiring.Transport = new UartTransport(link.Host, SystemClock.Instance, 2048);
            wiring.Description = "in-memory UART (no pseudo-terminals on this OS)";
            return wiring;
        }

        public void Dispose()
        {
            for (int i = _owned.Count - 1; i >= 0; i--)
            {
                _owned[i].Dispose();
            }
        }
    }
}
