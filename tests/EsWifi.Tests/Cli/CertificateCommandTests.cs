using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EsWifi.Cli;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Cli;

/// <summary>
/// What <c>eswifi cert program</c> checks before a permanent write, line endings, and the
/// rewritable set 3, against the emulator on a pseudo-terminal.
/// </summary>
public class CertificateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("eswifi-cert-").FullName;
    private readonly GeneratedCertificates _pki = GeneratedCertificates.Create("cert test");
    private readonly List<IDisposable> _owned = new();

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        Directory.Delete(_folder, true);
    }

    /// <summary>An emulated module of <paramref name="profile"/> on its own pseudo-terminal.</summary>
    private (EmulatedModule Module, string Port) Module(FirmwareProfile profile)
    {
        var module = new EmulatedModule(profile);
        var pty = new PseudoTerminal();
        var uart = new UartFrontEnd(module, pty);
        _owned.Add(module);
        _owned.Add(pty);
        _owned.Add(uart);
        return (module, pty.SlavePath);
    }

    /// <summary>Runs the tool; an empty <paramref name="port"/> adds no --port (manifest runs).</summary>
    private static (int Exit, string Output, string Error) Run(string port, string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = EsWifiCli.Run(port.Length > 0 ? args.Concat(new[] { "--port", port }).ToArray() : args, new StringReader(input), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string File(string name, byte[] content)
    {
        string path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Pem(string label, byte[] der) => Encoding.ASCII.GetBytes(PemEncoding.WriteString(label, der) + "\n");

    /// <summary>A self-signed CA valid from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static byte[] SelfSignedCa(string name, DateTimeOffset from, DateTimeOffset to)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 ca = request.CreateSelfSigned(from, to);
        return Pem("CERTIFICATE", ca.RawData);
    }

    private static void AssertRefused((int Exit, string Output, string Error) result, string text)
    {
        Assert.True(result.Exit == 2, "exit " + result.Exit + ": " + result.Output + result.Error);
        Assert.Contains(text, result.Error);
        Assert.Contains("nothing was written", result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_key_of_another_certificate_and_a_leaf_as_root_ca_are_refused_before_any_write()
    {
        var (module, port) = Module(FirmwareProfile.C3525Uart);
        string cert = File("device.pem", _pki.ClientCertificatePem);
        string otherKey = File("other.key", GeneratedCertificates.Create("other").ClientKeyPem);

        AssertRefused(Run(port, string.Empty, "cert", "program", "--set", "2", "--cert", cert, "--key", otherKey, "--yes", "--force"), "the key does not belong to the certificate");
        AssertRefused(Run(port, string.Empty, "cert", "program", "--set", "2", "--ca", cert, "--yes", "--force"), "it is not a CA certificate");
        Assert.Equal(0, module.Counters.Commands("PG"));

        // The right pair is written, and the plan says what each object is.
        string key = File("device.key", _pki.ClientKeyPem);
        string ca = File("ca.pem", _pki.CaPem);
        var written = Run(port, string.Empty, "cert", "program", "--set", "2", "--ca", ca, "--cert", cert, "--key", key, "--yes");
        Assert.True(written.Exit == 0, written.Output + written.Error);
        Assert.Contains("subject " + _pki.Client.Subject, written.Output);
        Assert.Contains("issuer  " + _pki.Ca.Subject, written.Output);
        Assert.Contains("SHA-256 " + Convert.ToHexString(SHA256.HashData(_pki.Client.RawData)), written.Output);
        Assert.Contains("valid   " + _pki.Client.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd"), written.Output);
        Assert.Contains("RSA 2048 bits", written.Output);
        Assert.Contains("the key matches the certificate", written.Output);
        Assert.Contains("a self-signed CA", written.Output);
        Assert.DoesNotContain(Encoding.ASCII.GetString(_pki.ClientKeyPem).Split('\n')[1], written.Output);
        Assert.Equal(_pki.ClientKeyPem, module.Certificates.Get(2, 2));
    }

    [Fact]
    public void Expired_and_not_yet_valid_certificates_need_force_and_ec_keys_are_flagged()
    {
        var (module, port) = Module(FirmwareProfile.C3525Uart);
        string expired = File("expired.pem", SelfSignedCa("expired ca", DateTimeOffset.UtcNow.AddYears(-3), DateTimeOffset.UtcNow.AddDays(-1)));
        string future = File("future.pem", SelfSignedCa("future ca", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddYears(2)));

        AssertRefused(Run(port, string.Empty, "cert", "program", "--set", "0", "--ca", expired, "--yes"), "expired on");
        var notYet = Run(port, string.Empty, "cert", "program", "--set", "1", "--ca", future, "--yes");
        AssertRefused(notYet, "not valid before");
        Assert.Contains("--force writes it anyway", notYet.Error);
        Assert.Equal(0, module.Counters.Commands("PG"));

        var forced = Run(port, string.Empty, "cert", "program", "--set", "0", "--ca", expired, "--yes", "--force");
        Assert.True(forced.Exit == 0, forced.Output + forced.Error);
        Assert.NotNull(module.Certificates.Get(0, 0));

        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string ecKey = File("ec.key", Pem("PRIVATE KEY", ec.ExportPkcs8PrivateKey()));
        AssertRefused(Run(port, string.Empty, "cert", "program", "--set", "1", "--key", ecKey, "--yes"), "EC keys are not documented for the module");

        string encrypted = File("encrypted.key", Pem("ENCRYPTED PRIVATE KEY", ec.ExportEncryptedPkcs8PrivateKey("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000))));
        var refused = Run(port, string.Empty, "cert", "program", "--set", "1", "--key", encrypted, "--yes", "--force");
        CliAssert.Exit(2, refused);
        Assert.Null(module.Certificates.Get(1, 2));
    }

    [Fact]
    public void Program_sends_one_line_ending_form_and_verify_names_a_line_ending_only_difference()
    {
        var (module, port) = Module(FirmwareProfile.C3525Uart);
        byte[] lf = _pki.CaPem;
        byte[] crlf = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(lf).Replace("\n", "\r\n"));
        string crlfFile = File("ca-crlf.pem", crlf);

        // A CRLF file is sent with LF by default, and the plan and result say so.
        var written = Run(port, string.Empty, "cert", "program", "--set", "0", "--ca", crlfFile, "--yes");
        Assert.True(written.Exit == 0, written.Output + written.Error);
        Assert.Contains("written (LF line endings)", written.Output);
        Assert.Equal(lf, module.Certificates.Get(0, 0));

        // Asked for, CRLF is kept.
        var kept = Run(port, string.Empty, "cert", "program", "--set", "1", "--ca", File("ca.pem", lf), "--yes", "--line-endings", "crlf");
        Assert.True(kept.Exit == 0, kept.Output + kept.Error);
        Assert.Equal(crlf, module.Certificates.Get(1, 0));

        // Verify: a file differing in line endings only is named as such.
        var verify = Run(port, string.Empty, "cert", "verify", "--set", "0", "--ca", crlfFile);
        Assert.True(verify.Exit == 0, verify.Output + verify.Error);
        Assert.Contains("same certificate with other line endings: the module compares bytes and holds it with LF", verify.Output);

        // Named, the form is compared exactly.
        CliAssert.Exit(0, Run(port, string.Empty, "cert", "verify", "--set", "0", "--ca", crlfFile, "--line-endings", "lf"));
        var exact = Run(port, string.Empty, "cert", "verify", "--set", "0", "--ca", crlfFile, "--line-endings", "crlf");
        CliAssert.Exit(1, exact);
        Assert.Contains("holds different data", exact.Error);

        CliAssert.Exit(2, Run(port, string.Empty, "cert", "verify", "--set", "0", "--ca", crlfFile, "--line-endings", "cr"));
    }

    [Fact]
    public void Set_3_is_rewritable_where_the_firmware_has_it_and_only_replace_overwrites_it()
    {
        var (old, oldPort) = Module(FirmwareProfile.C3525Uart);
        string ca = File("ca.pem", _pki.CaPem);
        var none = Run(oldPort, string.Empty, "cert", "program", "--set", "3", "--ca", ca, "--yes");
        CliAssert.Exit(1, none);
        Assert.Contains("this firmware (C3.5.2.5.UART) has no set 3", none.Error);
        Assert.DoesNotContain("Invalid parameter", none.Error);

        var (module, port) = Module(FirmwareProfile.C6218);
        var status = Run(port, string.Empty, "cert", "status");
        Assert.Contains("rewritable", status.Output);

        var first = Run(port, "y\n", "cert", "program", "--set", "3", "--ca", ca);
        Assert.True(first.Exit == 0, first.Output + first.Error);
        Assert.Contains("WRITE (rewritable)", first.Output);
        Assert.DoesNotContain("permanent", first.Output);

        string other = File("other.pem", GeneratedCertificates.Create("other").CaPem);
        var again = Run(port, string.Empty, "cert", "program", "--set", "3", "--ca", other, "--yes");
        CliAssert.Exit(2, again);
        Assert.Contains("eswifi cert replace --set 3", again.Error);
        Assert.Equal(_pki.CaPem, module.Certificates.Get(3, 0));

        // Replace asks, refuses for other sets, and overwrites.
        var declined = Run(port, "n\n", "cert", "replace", "--set", "3", "--ca", other);
        CliAssert.Exit(3, declined);
        Assert.Contains("REPLACE (rewritable)", declined.Output);
        Assert.Equal(_pki.CaPem, module.Certificates.Get(3, 0));
        CliAssert.Exit(2, Run(port, string.Empty, "cert", "replace", "--set", "1", "--ca", other, "--yes"));

        var replaced = Run(port, "y\n", "cert", "replace", "--set", "3", "--ca", other);
        Assert.True(replaced.Exit == 0, replaced.Output + replaced.Error);
        Assert.Equal(System.IO.File.ReadAllBytes(other), module.Certificates.Get(3, 0));
    }

    [Fact]
    public void A_fleet_manifest_programs_and_joins_every_module_and_fails_if_one_did()
    {
        var (first, firstPort) = Module(FirmwareProfile.C3525Uart);
        var (second, secondPort) = Module(FirmwareProfile.C6218);
        foreach (EmulatedModule m in new[] { first, second })
        {
            m.AccessPoints.Add(new SimulatedAccessPoint { Ssid = EmulatedBench.Ssid, Security = 3, Passphrase = EmulatedBench.Passphrase });
        }

        File("ca.pem", _pki.CaPem);
        File("device.pem", _pki.ClientCertificatePem);
        File("device.key", _pki.ClientKeyPem);
        string yaml = File("fleet.yaml", Encoding.ASCII.GetBytes(
            "set: 2\nca: ca.pem\nmodules:\n"
            + "  - port: " + firstPort + "\n    name: bench-1\n    cert: device.pem\n    key: device.key\n"
            + "  - port: " + secondPort + "\n"
            + "  - port: /dev/no-such-port\n    name: missing\n"));

        // Permanent writes still need --yes (or a yes typed per module): "n" declines module 1.
        var declined = Run(string.Empty, "n\n", "cert", "program", "--manifest", yaml);
        CliAssert.Exit(1, declined);
        Assert.Null(first.Certificates.Get(2, 0));

        var run = Run(string.Empty, string.Empty, "cert", "program", "--manifest", yaml, "--yes");
        CliAssert.Exit(1, run);
        Assert.Contains("== bench-1 (1 of 3) ==", run.Output);
        Assert.Contains("1 of 3 modules failed", run.Output);
        string summary = run.Output.Split('\n').Single(l => l.Contains("missing") && l.Contains("no such port"));
        Assert.Contains(" 2 ", summary);
        Assert.Equal(_pki.CaPem, first.Certificates.Get(2, 0));
        Assert.Equal(_pki.ClientKeyPem, first.Certificates.Get(2, 2));
        Assert.Equal(_pki.CaPem, second.Certificates.Get(2, 0));
        Assert.Null(second.Certificates.Get(2, 1));

        // Run again: used slots are only verified, never written twice.
        string both = File("fleet.json", Encoding.ASCII.GetBytes(
            "{ \"set\": 2, \"ca\": \"ca.pem\", \"ssid\": \"" + EmulatedBench.Ssid + "\", \"passphrase\": \"" + EmulatedBench.Passphrase + "\",\n"
            + "  \"modules\": [ { \"port\": \"" + firstPort + "\" }, { \"port\": \"" + secondPort + "\" } ] }"));
        var again = Run(string.Empty, string.Empty, "cert", "program", "--manifest", both, "--yes");
        Assert.True(again.Exit == 0, again.Output + again.Error);
        Assert.Contains("already matching", again.Output);
        Assert.Contains("2 of 2 modules done", again.Output);

        var joined = Run(string.Empty, string.Empty, "join", "--manifest", both);
        Assert.True(joined.Exit == 0, joined.Output + joined.Error);
        Assert.Equal(2, joined.Output.Split('\n').Count(l => l.StartsWith("joined " + EmulatedBench.Ssid, StringComparison.Ordinal)));
        Assert.DoesNotContain(EmulatedBench.Passphrase, joined.Output + joined.Error);

        CliAssert.Exit(2, Run(string.Empty, string.Empty, "join", "--manifest", both, "--ssid", "x"));
        CliAssert.Exit(2, Run(string.Empty, string.Empty, "cert", "program", "--manifest", File("bad.yaml", Encoding.ASCII.GetBytes("set: [\n"))));
    }

    [Theory]
    [InlineData("bad.yaml", "modules:\n  - port: [unclosed\n", "line 2: expected text")]
    [InlineData("unknown.yaml", "modules:\n  - prot: /dev/null\n", "line 2: unknown setting 'prot'")]
    [InlineData("unknown.json", "{\"modules\": [{\"prot\": \"/dev/null\"}]}", "unknown setting 'prot'")]
    [InlineData("wrong.json", "{\"modules\": [{\"port\": \"/dev/null\", \"baud\": \"fast\"}]}", "(modules[0].baud): expected a whole number")]
    [InlineData("none.json", "{\"modules\": null}", "lists no modules")]
    [InlineData("hole.json", "{\"modules\": [null]}", "module 1 is empty")]
    public void A_manifest_that_is_not_one_is_explained_in_its_own_terms(string name, string text, string message)
    {
        // Before: .NET type names, 'Property ... not found on type EsWifi.Cli.Fleet.FleetModule', or a
        // NullReferenceException with its stack trace (exit 134).
        var result = Run(string.Empty, string.Empty, "join", "--manifest", File(name, Encoding.ASCII.GetBytes(text)));

        CliAssert.Exit(2, result);
        Assert.Contains(message, result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("System.", result.Error);
        Assert.DoesNotContain("EsWifi.Cli", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_names_what_was_expected_not_a_dotnet_type()
    {
        var result = Run("/dev/null", string.Empty, "info", "--baud", "fast");

        CliAssert.Exit(2, result);
        Assert.Contains("'fast' for option '--baud' (a whole number expected)", result.Error);
        Assert.DoesNotContain("System.Int32", result.Error);
    }

    [Fact]
    public void Progress_shows_on_a_terminals_stderr_and_never_off_one()
    {
        var (module, port) = Module(FirmwareProfile.C3525Uart);
        string ca = File("ca.pem", _pki.CaPem);

        // Off a terminal (the in-process writers): no progress line at all.
        var quiet = Run(port, string.Empty, "cert", "program", "--set", "0", "--ca", ca, "--yes");
        CliAssert.Exit(0, quiet);
        Assert.DoesNotContain(" bytes, ", quiet.Output + quiet.Error);

        // On a terminal: script(1) gives the tool a pseudo-terminal for its output and error.
        string tool = Path.Combine(AppContext.BaseDirectory, "EsWifi.Cli.dll");
        var start = new System.Diagnostics.ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string arg in new[] { "-qec", "dotnet '" + tool + "' cert program --set 1 --ca '" + ca + "' --yes --port " + port, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start);
        string seen = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60000));
        Assert.True(process.ExitCode == 0, seen + process.StandardError.ReadToEnd());
        Assert.Contains("\rset 1 root CA: " + _pki.CaPem.Length + " of " + _pki.CaPem.Length + " bytes, ", seen);
        Assert.Contains("\u001b[K", seen);
        Assert.Equal(_pki.CaPem, module.Certificates.Get(1, 0));
    }
}
