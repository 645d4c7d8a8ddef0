using EsWifi.Emulator.Model;
using EsWifi.Tests.Driver;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// A payload cut on its way (the link fails part-way, or bytes are lost and the module waits for
/// them) must never be completed by what the driver sends next: for PG that would burn a one-time
/// certificate slot with garbage, for S3 send garbage to the peer. Every cut point class (in the
/// header, the first payload byte, the middle, the last byte), both kinds of cut, with and without
/// a reset line; afterwards PE tells the truth and the next write stores exactly the intended bytes.
/// </summary>
public class CutPayloadTests : IClassFixture<TlsFlowTests.Credentials>
{
    private const int HeaderLength = 12; // "PG=1,0,1119\r": the count always has four digits

    private readonly TlsFlowTests.Credentials _credentials;

    public CutPayloadTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    public static IEnumerable<object[]> Cuts()
    {
        foreach (string where in new[] { "header", "first byte", "middle", "last byte" })
        {
            foreach (bool fail in new[] { true, false })
            {
                foreach (bool resetLine in new[] { true, false })
                {
                    yield return new object[] { where, fail, resetLine };
                }
            }
        }
    }

    private static int Keep(string where, int header, int payload) => where switch
    {
        "header" => 5,
        "first byte" => header,
        "middle" => header + (payload / 2),
        _ => header + payload - 1,
    };

    private static EmulatedBench Bench(FirmwareProfile profile, bool resetLine, bool join = false)
    {
        var bench = new EmulatedBench(profile, join, new EsWifiOptions { CommandTimeoutMilliseconds = 500, BootTimeoutMilliseconds = 3000 }, resetLine);
        bench.Module.Certificates.TimeoutMilliseconds = 500;
        return bench;
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public void A_cut_certificate_never_burns_a_write_once_slot(string where, bool fail, bool resetLine)
    {
        CutCertificate(FirmwareProfile.C3525Uart, 1, where, fail, resetLine);
    }

    [Theory]
    [InlineData(0, "middle", true)]
    [InlineData(0, "last byte", false)]
    [InlineData(2, "first byte", false)]
    [InlineData(2, "header", true)]
    public void The_other_write_once_sets_behave_the_same(int set, string where, bool fail)
    {
        CutCertificate(FirmwareProfile.C3525Uart, set, where, fail, resetLine: set == 2);
    }

    [Theory]
    [InlineData("middle", true)]
    [InlineData("last byte", false)]
    public void A_cut_certificate_never_lands_in_the_rewritable_set(string where, bool fail)
    {
        CutCertificate(FirmwareProfile.C6218, 3, where, fail, resetLine: false);
    }

    private void CutCertificate(FirmwareProfile profile, int set, string where, bool fail, bool resetLine)
    {
        using EmulatedBench bench = Bench(profile, resetLine);
        int pulses = bench.ResetLine?.Pulses ?? 0;
        byte[] pem = _credentials.Lab.CaPem;
        int keep = Keep(where, HeaderLength, pem.Length);
        bench.Wire.Arm("PG=", keep, HeaderLength + pem.Length - keep, fail);
        Exception cut = Record.Exception(() => bench.Module.Certificates.Program(set, CertificateKind.RootCa, pem, 0, pem.Length, null));
        Assert.True(cut is EsWifiException or IOException, "the cut write must fail, got " + cut);
        Assert.True(bench.Module.Channel.PayloadPending);

        if (resetLine)
        {
            // The next call pulses the reset line before any byte goes out, and says so.
            Assert.Equal(EsWifiErrorKind.ModuleReset, Assert.Throws<EsWifiException>(() => bench.Module.Certificates.GetStatus(set)).Kind);
            Assert.Equal(pulses + 1, bench.ResetLine.Pulses);
        }
        else
        {
            // Nothing is sent at all, whatever is called, bring-up included.
            long before = bench.Link.Host.BytesWritten;
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(EsWifiErrorKind.ResetRequired, Assert.Throws<EsWifiException>(() => bench.Module.Certificates.GetStatus(set)).Kind);
            }

            Assert.Equal(EsWifiErrorKind.ResetRequired, Assert.Throws<EsWifiException>(() => bench.Module.Initialize()).Kind);
            Assert.Equal(EsWifiErrorKind.ResetRequired, Assert.Throws<EsWifiException>(() => bench.Module.GetMacAddress()).Kind);
            Assert.Equal(before, bench.Link.Host.BytesWritten);
            Assert.False(bench.Emulator.Certificates.IsUsed(set, CertificateSets.RootCa));

            // The user power-cycles the module and says so.
            bench.PowerCycle();
            bench.Module.AcknowledgeExternalReset();
            bench.Module.Initialize();
        }

        Assert.False(bench.Emulator.Certificates.IsUsed(set, CertificateSets.RootCa));
        Assert.False(bench.Module.Certificates.GetStatus(set).HasRootCa);
        Assert.Equal(CertificateWriteResult.Written, bench.Module.Certificates.Program(set, CertificateKind.RootCa, pem, 0, pem.Length, null));
        Assert.Equal(pem, bench.Emulator.Certificates.Get(set, CertificateSets.RootCa));
        Assert.True(bench.Module.Certificates.GetStatus(set).HasRootCa);
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public void A_cut_write_never_sends_garbage_to_the_peer(string where, bool fail, bool resetLine)
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
        using EmulatedBench bench = Bench(FirmwareProfile.C3525Uart, resetLine, join: true);
        EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.WriteTimeout = 500;
        byte[] data = System.Security.Cryptography.RandomNumberGenerator.GetBytes(1000);
        int header = "S3=1000\r".Length;
        int keep = Keep(where, header, data.Length);
        bench.Wire.Arm("S3=", keep, header + data.Length - keep, fail);
        int pulses = bench.ResetLine?.Pulses ?? 0;
        Exception cut = Record.Exception(() => tcp.Write(data, 0, data.Length));
        Assert.True(cut is EsWifiException or IOException, "the cut write must fail, got " + cut);

        // Close never throws; with a reset line it is what resets the module (its P6=0 would be payload).
        tcp.Close();
        if (!resetLine)
        {
            Assert.Equal(EsWifiErrorKind.ResetRequired, Assert.Throws<EsWifiException>(() => bench.Module.ConnectTcp("127.0.0.1", server.Port)).Kind);
            bench.PowerCycle();
            bench.Module.AcknowledgeExternalReset();
            bench.Module.Initialize();
        }
        else
        {
            Assert.Equal(pulses + 1, bench.ResetLine.Pulses);
        }

        bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);

        // The module works again, and the peer got nothing but (a prefix of) what was meant for it.
        using (EsWifiNetworkStream again = bench.Module.ConnectTcp("127.0.0.1", server.Port))
        {
            again.Write(new byte[] { 1, 2, 3 }, 0, 3);
        }

        Thread.Sleep(200);
        byte[] got;
        lock (received)
        {
            got = received.ToArray();
        }

        Assert.True(got.Length >= 3 && got.AsSpan(got.Length - 3).SequenceEqual(new byte[] { 1, 2, 3 }), "the clean write after recovery arrived");
        byte[] before = got.AsSpan(0, got.Length - 3).ToArray();
        Assert.True(before.Length <= data.Length && data.AsSpan(0, before.Length).SequenceEqual(before), "the peer received " + before.Length + " bytes that were not the intended prefix");
    }
}
