using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Driver;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// A payload cut on its way stays pending until the module answers that command with a complete,
/// well-formed answer, or the reset line has been pulsed and the boot prompt seen. Stray input that
/// arrives after the cut (a noise byte, a burst of noise, the module's own pushed
/// <c>[TCP SVR] Accepted</c>, a partial prompt, a lone prompt) never resolves it: with it the
/// next command's bytes, or a resync probe's, would complete the payload (a burned one-time
/// certificate slot, garbage at a peer). Every cut point class × every kind of stray input × both
/// payload commands × a failing or silent link × with or without a reset line; afterwards the
/// emulator's slot holds nothing but the intended bytes and the peer nothing but a prefix of them.
/// </summary>
public class StrayInputAfterCutTests : IClassFixture<TlsFlowTests.Credentials>
{
    private const int Timeout = 150;

    private readonly TlsFlowTests.Credentials _credentials;

    public StrayInputAfterCutTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    /// <summary>What may reach the host's receive line after the cut, none of it an answer to the payload command.</summary>
    public static readonly Dictionary<string, string> Strays = new()
    {
        ["one noise byte"] = "x",
        ["a noise burst"] = "\u0015#\r\n\u00ff>z",
        ["a pushed message"] = "\r\n[TCP SVR] Accepted 127.0.0.1:5000\r\n> ",
        ["a partial prompt"] = "\r\n>",
        ["a lone prompt"] = "\r\n> ",
    };

    /// <summary>Every cut point class × every kind of stray input × a failing or silent link × with or without a reset line.</summary>
    public static IEnumerable<object[]> Cases()
    {
        foreach (string where in new[] { "header", "first byte", "middle", "last byte" })
        {
            foreach (string stray in Strays.Keys)
            {
                foreach (bool fail in new[] { true, false })
                {
                    foreach (bool resetLine in new[] { true, false })
                    {
                        yield return new object[] { where, stray, fail, resetLine };
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stray_input_after_a_cut_certificate_never_burns_the_slot(string where, string stray, bool fail, bool resetLine)
    {
        CertificateCase(where, stray, fail, resetLine);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_cut_in_the_middle_and_one_noise_byte_leave_the_slot_clean_through_two_hundred_calls(bool fail)
    {
        // On the old rule the noise byte counted as an answer and the resync probes (I?\r, three bytes
        // each) filled the missing bytes: the slot was burned after about 183 calls.
        using EmulatedBench bench = Bench(resetLine: false, join: false);
        byte[] pem = _credentials.Lab.CaPem;
        int header = PgHeader(1, pem.Length);
        bench.Wire.Arm("PG=", header + (pem.Length / 2), pem.Length, fail);
        Assert.ThrowsAny<Exception>(() => bench.Module.Certificates.Program(1, CertificateKind.RootCa, pem, 0, pem.Length, null));
        bench.Link.Host.Deliver(RawUart.Bytes("x"));

        long written = bench.Link.Host.BytesWritten;
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(EsWifiErrorKind.ResetRequired, Assert.Throws<EsWifiException>(() => bench.Module.Certificates.GetStatus(1)).Kind);
        }

        Assert.Equal(written, bench.Link.Host.BytesWritten);
        Assert.False(bench.Emulator.Certificates.IsUsed(1, CertificateSets.RootCa));
    }

    [Fact]
    public void A_late_complete_answer_to_the_payload_command_ends_the_pending_state()
    {
        // The module took the whole payload but answered after the timeout: its answer is the one
        // thing that shows the payload is complete, so the next call goes ahead without a reset.
        using EmulatedBench bench = Bench(resetLine: false, join: false);
        byte[] pem = _credentials.Lab.CaPem;
        bench.Uart.Faults.Add(new Fault { Command = "PG", Kind = FaultKind.Delay, Milliseconds = Timeout * 2 });
        Assert.Equal(EsWifiErrorKind.Timeout, Assert.Throws<EsWifiException>(() => bench.Module.Certificates.Program(1, CertificateKind.RootCa, pem, 0, pem.Length, null)).Kind);
        Assert.True(bench.Module.Channel.PayloadPending);
        Eventually.True(() => bench.Link.Host.BytesAvailable > 0, "the late answer");

        Assert.True(bench.Module.Certificates.GetStatus(1).HasRootCa);
        Assert.False(bench.Module.Channel.PayloadPending);
        Assert.Equal(pem, bench.Emulator.Certificates.Get(1, CertificateSets.RootCa));
    }

    private void CertificateCase(string where, string stray, bool fail, bool resetLine)
    {
        using EmulatedBench bench = Bench(resetLine, join: false);
        int pulses = bench.ResetLine?.Pulses ?? 0;
        byte[] pem = _credentials.Lab.CaPem;
        int header = PgHeader(1, pem.Length);
        int keep = Keep(where, header, pem.Length);
        bench.Wire.Arm("PG=", keep, header + pem.Length - keep, fail);
        Exception cut = Record.Exception(() => bench.Module.Certificates.Program(1, CertificateKind.RootCa, pem, 0, pem.Length, null));
        Assert.True(cut is EsWifiException or IOException, "the cut write must fail, got " + cut);

        bench.Link.Host.Deliver(RawUart.Bytes(Strays[stray]));
        Recover(bench, resetLine, pulses, () => bench.Module.Certificates.GetStatus(1));

        Assert.False(bench.Emulator.Certificates.IsUsed(1, CertificateSets.RootCa), "the cut payload was completed: the slot is burned");
        Assert.Equal(CertificateWriteResult.Written, bench.Module.Certificates.Program(1, CertificateKind.RootCa, pem, 0, pem.Length, null));
        Assert.Equal(pem, bench.Emulator.Certificates.Get(1, CertificateSets.RootCa));
    }

    /// <summary>The same for <c>S3</c>: the peer gets nothing but a prefix of the cut write (its own class, so the two run side by side).</summary>
    public class Writes
    {
        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(StrayInputAfterCutTests))]
        public void Stray_input_after_a_cut_write_never_sends_garbage_to_the_peer(string where, string stray, bool fail, bool resetLine)
        {
            WriteCase(where, stray, fail, resetLine);
        }
    }

    private static void WriteCase(string where, string stray, bool fail, bool resetLine)
    {
        var received = new MemoryStream();
        using var server = LoopbackServer.Tcp(stream =>
        {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (received)
                {
                    received.Write(buffer, 0, n);
                }
            }
        });
        using EmulatedBench bench = Bench(resetLine, join: true);
        int pulses = bench.ResetLine?.Pulses ?? 0;
        EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.WriteTimeout = Timeout;
        byte[] data = System.Security.Cryptography.RandomNumberGenerator.GetBytes(1000);
        int header = "S3=1000\r".Length;
        int keep = Keep(where, header, data.Length);
        bench.Wire.Arm("S3=", keep, header + data.Length - keep, fail);
        Exception cut = Record.Exception(() => tcp.Write(data, 0, data.Length));
        Assert.True(cut is EsWifiException or IOException, "the cut write must fail, got " + cut);

        bench.Link.Host.Deliver(RawUart.Bytes(Strays[stray]));
        Recover(bench, resetLine, pulses, () => tcp.Close());
        bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);
        using (EsWifiNetworkStream again = bench.Module.ConnectTcp("127.0.0.1", server.Port))
        {
            again.Write(new byte[] { 1, 2, 3 }, 0, 3);
        }

        byte[] got = Array.Empty<byte>();
        Eventually.True(
            () =>
            {
                lock (received)
                {
                    got = received.ToArray();
                }

                return got.Length >= 3 && got.AsSpan(got.Length - 3).SequenceEqual(new byte[] { 1, 2, 3 });
            },
            "the clean write after recovery");
        byte[] before = got.AsSpan(0, got.Length - 3).ToArray();
        Assert.True(before.Length <= data.Length && data.AsSpan(0, before.Length).SequenceEqual(before), "the peer received " + before.Length + " bytes that were not the intended prefix");
    }

    /// <summary>
    /// With a reset line the next call pulses it before any byte goes out; without one every call
    /// fails with ResetRequired and sends nothing, until the user power-cycles and says so.
    /// </summary>
    private static void Recover(EmulatedBench bench, bool resetLine, int pulses, Action next)
    {
        if (resetLine)
        {
            Exception e = Record.Exception(next);
            Assert.True(e is null || (e is EsWifiException w && w.Kind == EsWifiErrorKind.ModuleReset), "the next call resets the module, got " + e);
            Assert.Equal(pulses + 1, bench.ResetLine.Pulses);
            return;
        }

        long written = bench.Link.Host.BytesWritten;
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(EsWifiErrorKind.ResetRequired, Assert.Throws<EsWifiException>(() => bench.Module.Certificates.GetStatus(1)).Kind);
        }

        Assert.Equal(EsWifiErrorKind.ResetRequired, Assert.Throws<EsWifiException>(() => bench.Module.Initialize(false)).Kind);
        Assert.Equal(written, bench.Link.Host.BytesWritten);
        bench.PowerCycle();
        bench.Module.AcknowledgeExternalReset();
        bench.Module.Initialize();
    }

    private static EmulatedBench Bench(bool resetLine, bool join)
    {
        var bench = new EmulatedBench(FirmwareProfile.C3525Uart, join, new EsWifiOptions { CommandTimeoutMilliseconds = Timeout, BootTimeoutMilliseconds = 3000 }, resetLine);
        bench.Module.Certificates.TimeoutMilliseconds = Timeout;
        return bench;
    }

    private static int PgHeader(int set, int length) => ("PG=" + set + ",0," + length.ToString("D4") + "\r").Length;

    private static int Keep(string where, int header, int payload) => where switch
    {
        "header" => 5,
        "first byte" => header,
        "middle" => header + (payload / 2),
        _ => header + payload - 1,
    };
}
