using System.Diagnostics;
using EsWifi.Emulator.FrontEnds;
using EsWifi.Emulator.Model;
using EsWifi.Emulator.Peers;
using EsWifi.Serial;

namespace EsWifi.NanoClrBench;

/// <summary>
/// The same 64 KiB TLS echo (P9=1) as the device program's, by the desktop build of the driver over
/// the same kind of path (SerialByteLink on a pseudo-terminal, the emulator behind it): the baseline
/// that turns the interpreter's time into a ratio.
/// </summary>
public static class DesktopBaseline
{
    public static string Measure()
    {
        GeneratedCertificates lab = GeneratedCertificates.Create("baseline lab");
        using LoopbackServer server = LoopbackServer.TlsEcho(lab, false);
        using var emulator = new EmulatedModule(FirmwareProfile.C3525Uart);
        emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = FirmwarePathLab.Ssid, Security = 3, Passphrase = FirmwarePathLab.Passphrase });
        emulator.Certificates.Program(1, CertificateSets.RootCa, lab.CaPem);
        using var pty = new PseudoTerminal();
        using var uart = new UartFrontEnd(emulator, pty);
        using var link = new SerialByteLink(pty.SlavePath);
        var module = new EsWifiModule(new UartTransport(link, SystemClock.Instance, 2048));
        module.Initialize();
        module.Wifi.Join(FirmwarePathLab.Ssid, FirmwarePathLab.Passphrase, WifiSecurity.Wpa2);
        using EsWifiSslStream tls = module.ConnectTls("localhost", server.Port, new TlsOptions { CertificateSet = 1 });
        tls.ReadTimeout = 20000;
        const int size = 64 * 1024;
        const int piece = 4096;
        byte[] sent = System.Security.Cryptography.RandomNumberGenerator.GetBytes(size);
        byte[] received = new byte[size];

        // One warm-up round, so the JIT is not timed.
        Echo(tls, sent, received, piece, piece);
        emulator.Counters.Reset();
        var clock = Stopwatch.StartNew();
        Echo(tls, sent, received, size, piece);
        clock.Stop();
        if (!sent.AsSpan().SequenceEqual(received))
        {
            throw new InvalidOperationException("the desktop baseline's echo differs");
        }

        return $"desktop-tls-verify ms={clock.ElapsedMilliseconds} commands={emulator.Counters.RoundTrips} bytes-to-module={emulator.Counters.BytesToModule} bytes-from-module={emulator.Counters.BytesFromModule}";
    }

    private static void Echo(EsWifiSslStream tls, byte[] sent, byte[] received, int size, int piece)
    {
        for (int offset = 0; offset < size; offset += piece)
        {
            tls.Write(sent, offset, piece);
            int got = 0;
            while (got < piece)
            {
                int n = tls.Read(received, offset + got, piece - got);
                if (n == 0)
                {
                    throw new InvalidOperationException("the peer closed");
                }

                got += n;
            }
        }
    }
}
