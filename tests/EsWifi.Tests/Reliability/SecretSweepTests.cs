using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Driver;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// The passphrase and a private key go through every public path that carries them, with faults
/// that make their answers arrive late; neither may appear in a trace line or an exception message.
/// </summary>
public class SecretSweepTests : IClassFixture<TlsFlowTests.Credentials>
{
    private readonly TlsFlowTests.Credentials _credentials;

    public SecretSweepTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    [Fact]
    public void Passphrase_and_key_appear_in_no_trace_and_no_message()
    {
        var seen = new List<string>();
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, join: false, options: new EsWifiOptions { CommandTimeoutMilliseconds = 300 });
        bench.Module.Trace = (direction, text) =>
        {
            lock (seen)
            {
                seen.Add(text);
            }
        };

        void Try(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                lock (seen)
                {
                    seen.Add(e.ToString());
                }
            }
        }

        Try(() => bench.Module.Wifi.Join(EmulatedBench.Ssid, "wrong " + EmulatedBench.Passphrase, WifiSecurity.Wpa2));
        bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);
        Try(() => bench.Module.Wifi.GetIpConfiguration());
        RawAnswer raw = bench.Module.SendRawCommand("C?", 1000);
        Assert.Contains(EmulatedBench.Passphrase, raw.Text);
        seen.Add(raw.TextWithoutSecrets);

        // C? answered after its timeout: the idle drain before the next command sees it.
        bench.Uart.Faults.Add(new Fault { Command = "C?", Kind = FaultKind.Delay, Milliseconds = 500 });
        Try(() => bench.Module.Wifi.GetIpConfiguration());
        Thread.Sleep(400);
        Try(() => _ = bench.Module.Wifi.IsConnected);

        // ... and when it comes during the resync of the next command instead.
        bench.Uart.Faults.Add(new Fault { Command = "C?", Kind = FaultKind.Delay, Milliseconds = 450 });
        Try(() => bench.Module.Wifi.GetIpConfiguration());
        Try(() => _ = bench.Module.Wifi.IsConnected);
        Try(() => _ = bench.Module.Wifi.IsConnected);

        // A private key programmed, and programmed again.
        byte[] key = _credentials.Lab.ClientKeyPem;
        Try(() => bench.Module.Certificates.Program(2, CertificateKind.PrivateKey, key, 0, key.Length, null));
        Try(() => bench.Module.Certificates.Program(2, CertificateKind.PrivateKey, key, 0, key.Length, null));

        string all = string.Join("\n", seen);
        Assert.DoesNotContain(EmulatedBench.Passphrase, all);
        string keyBody = System.Text.Encoding.ASCII.GetString(key).Split('\n')[1].Trim();
        Assert.DoesNotContain(keyBody, all);
        Assert.Contains("C2=***", all);
    }

    [Theory]
    [InlineData("C2=")]
    [InlineData("c2 = ")]
    [InlineData("A2=")]
    public void A_raw_command_that_sets_a_secret_shows_no_secret_in_the_trace(string prefix)
    {
        // Before: SendRawCommand("C2=<passphrase>") traced the passphrase; only the driver's own C2 was redacted.
        var seen = new List<string>();
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, join: false);
        bench.Module.Trace = (direction, text) => seen.Add(text);

        Exception e = Record.Exception(() => bench.Module.SendRawCommand(prefix + EmulatedBench.Passphrase, 1000));

        string all = string.Join("\n", seen) + e;
        Assert.DoesNotContain(EmulatedBench.Passphrase, all);
        Assert.Contains("***", all);
    }
}
