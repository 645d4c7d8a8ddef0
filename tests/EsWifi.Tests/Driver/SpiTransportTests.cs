using System.Security.Cryptography;
using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>The driver's SPI transport against the emulator's SPI front end, word by word.</summary>
public class SpiTransportTests : IClassFixture<TlsFlowTests.Credentials>
{
    private readonly TlsFlowTests.Credentials _credentials;

    public SpiTransportTests(TlsFlowTests.Credentials credentials) => _credentials = credentials;

    [Fact]
    public void Bring_up_by_reset_pin_reads_the_boot_cursor_and_the_identity()
    {
        using var bench = new SpiBench(FirmwareProfile.C3525Stm, join: false);
        Assert.Equal(1, bench.Link.Resets);
        Assert.Equal("ISM43362-M3G-L44-SPI", bench.Module.Info.ProductId);

        // A soft reset (ZR) brings the cursor back as well.
        bench.Module.Initialize(true);
        Assert.Equal(2, bench.Link.Resets);
        bench.Module.Initialize(false);
        Assert.Equal("C3.5.2.5.STM", bench.Module.Info.Firmware.Text);
    }

    [Fact]
    public void Each_command_is_one_command_phase_and_one_data_phase()
    {
        using var bench = new SpiBench(FirmwareProfile.C3525Stm);
        int commands = bench.Spi.CommandPhases;
        int data = bench.Spi.DataPhases;
        int sent = bench.Transport.CommandPhases;
        for (int i = 0; i < 10; i++)
        {
            Assert.True(bench.Module.Wifi.IsConnected);
        }

        Assert.Equal(10, bench.Emulator.Counters.RoundTrips);
        Assert.Equal(commands + 10, bench.Spi.CommandPhases);
        Assert.Equal(data + 10, bench.Spi.DataPhases);
        Assert.Equal(sent + 10, bench.Transport.CommandPhases);
    }

    [Fact]
    public void Scan_on_spi_firmware_uses_F0_2_and_one_record_per_MR()
    {
        using var bench = new SpiBench(FirmwareProfile.C3525Stm, join: false);
        AccessPointInfo[] found = bench.Module.Wifi.Scan();
        Assert.Equal(new[] { "lab", "cafe, upstairs" }, found.Select(a => a.Ssid));
        Assert.Equal(1, bench.Emulator.Counters.Commands("F0"));
        Assert.Equal(2, bench.Emulator.Counters.Commands("MR"));
    }

    [Theory]
    [InlineData(new byte[] { 0x15 })]
    [InlineData(new byte[] { 0x15, 0x15 })]
    [InlineData(new byte[] { 0x41, 0x15 })]
    [InlineData(new byte[] { 0x15, 0x0D, 0x0A, 0x3E, 0x20 })]
    [InlineData(new byte[] { 0x0D, 0x0A, 0x4F, 0x4B, 0x0D, 0x0A, 0x3E, 0x20, 0x15 })]
    [InlineData(new byte[] { 0x15, 0x15, 0x15, 0x0D, 0x0A, 0x15 })]
    public void Payloads_with_filler_bytes_at_either_end_arrive_exactly(byte[] payload)
    {
        using var bench = new SpiBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 5000;
        tcp.Write(payload, 0, payload.Length);
        byte[] received = new byte[payload.Length];
        int got = 0;
        while (got < payload.Length)
        {
            got += tcp.Read(received, got, payload.Length - got);
        }

        Assert.Equal(payload, received);
    }

    [Fact]
    public void Odd_and_even_lengths_of_every_size_up_to_a_full_chunk_arrive_exactly()
    {
        using var bench = new SpiBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 5000;
        foreach (int size in new[] { 1, 2, 3, 7, 8, 255, 256, 1023, 1459, 1460, 1461, 2921 })
        {
            byte[] data = RandomNumberGenerator.GetBytes(size);
            data[0] = 0x15;
            data[size - 1] = 0x15;
            TransferTests.EchoExact(tcp, data);
        }
    }

    [Fact]
    public void A_tls_transfer_of_256_KiB_each_way_with_certificates_programmed_over_spi()
    {
        using var bench = new SpiBench(FirmwareProfile.C3525Stm);
        byte[] ca = _credentials.Lab.CaPem;
        byte[] certificate = _credentials.Lab.ClientCertificatePem;
        byte[] key = _credentials.Lab.ClientKeyPem;
        Assert.Equal(CertificateWriteResult.Written, bench.Module.Certificates.Program(1, CertificateKind.RootCa, ca, 0, ca.Length, null));
        Assert.Equal(CertificateWriteResult.Written, bench.Module.Certificates.Program(1, CertificateKind.Certificate, certificate, 0, certificate.Length, null));
        Assert.Equal(CertificateWriteResult.Written, bench.Module.Certificates.Program(1, CertificateKind.PrivateKey, key, 0, key.Length, null));
        Assert.Equal(CertificateWriteResult.AlreadyMatching, bench.Module.Certificates.Verify(1, CertificateKind.PrivateKey, key, 0, key.Length));
        Assert.Equal(key, bench.Emulator.Certificates.Get(1, 2));

        using var server = LoopbackServer.TlsEcho(_credentials.Lab, requireClientCertificate: true);
        using EsWifiSslStream tls = bench.Module.ConnectTls("localhost", server.Port, new TlsOptions(1, TlsVerification.Mutual));
        TransferTests.EchoHashed(tls, 256 * 1024, 7);
        Assert.Equal(_credentials.Lab.Client.Subject, server.ClientCertificateSubject);
    }

    [Fact]
    public void A_stuck_data_ready_line_ends_in_a_reported_reset_not_a_hang()
    {
        using var bench = new SpiBench(FirmwareProfile.C3525Stm);
        using var server = LoopbackServer.TcpEcho();
        EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 5000;
        bench.Spi.Faults.Add(new Fault { Command = "R0", Kind = FaultKind.StickDataReady });
        var error = Assert.Throws<EsWifiException>(() => tcp.Read(new byte[10], 0, 10));
        Assert.Equal(EsWifiErrorKind.ModuleReset, error.Kind);
        Assert.Equal(1, bench.Transport.StuckRecoveries);
        Assert.Equal(2, bench.Link.Resets);
        tcp.Close();

        bench.Module.Initialize(false);
        bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);
        using EsWifiNetworkStream again = bench.Module.ConnectTcp("127.0.0.1", server.Port);
        TransferTests.EchoExact(again, new byte[] { 1, 2, 3 });
    }

    [Fact]
    public void A_reset_during_an_answer_is_reported_and_the_cursor_is_consumed()
    {
        using var bench = new SpiBench(FirmwareProfile.C3525Stm);
        bench.Spi.Faults.Add(new Fault { Command = "CS", Kind = FaultKind.ResetDuringAnswer, Offset = 3 });
        var error = Assert.Throws<EsWifiException>(() => bench.Module.Wifi.IsConnected);
        Assert.Equal(EsWifiErrorKind.ModuleReset, error.Kind);

        // Bring-up without a reset checks the join it restores: the module lost it in the reset.
        bench.Module.Initialize(false);
        Assert.True(bench.Module.Wifi.IsConnected);
    }
}

/// <summary>Regressions found by the SPI framer fuzzing (FramerFuzzTests).</summary>
public class SpiTransportRegressionTests
{
    [Fact]
    public void Data_ready_stuck_after_a_cut_frame_ends_in_an_error_not_a_hang()
    {
        // Found by fuzzing: filler after an unfinished frame was not taken as a stuck line, and the
        // read spun for ever. Without a reset pin the link is reported broken; with one, reset.
        byte[] cut = System.Text.Encoding.ASCII.GetBytes("\r\npartial answer");
        foreach (bool withResetPin in new[] { false, true })
        {
            var clock = new VirtualClock();
            var spi = new ScriptedSpi(new[] { cut }, new[] { 0 }, new[] { true });
            var transport = new SpiTransport(spi, spi, withResetPin ? spi : null, clock, 256);
            byte[] frame = new byte[512];
            Assert.True(transport.Receive(frame, 0, frame.Length, 100, 0) > 0); // the boot cursor
            byte[] command = System.Text.Encoding.ASCII.GetBytes("CS\r");
            transport.Send(command, 0, command.Length, null, 0, 0);
            var error = Assert.Throws<EsWifiException>(() => transport.Receive(frame, 0, frame.Length, 100, 0));
            Assert.Equal(withResetPin ? EsWifiErrorKind.ModuleReset : EsWifiErrorKind.LinkFailure, error.Kind);
            Assert.True(spi.WordsClocked < 1000);
        }
    }
}
