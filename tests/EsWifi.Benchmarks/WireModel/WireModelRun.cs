using System.Diagnostics;
using System.Security.Cryptography;
using EsWifi.Emulator.Model;
using EsWifi.Emulator.Peers;

namespace EsWifi.Benchmarks.WireModel;

/// <summary>What one strategy cost for one phase, from the emulator's counters.</summary>
public sealed record WireResult(string Strategy, string Phase, int RoundTrips, long WireBytes, long Payload, double MeasuredMilliseconds = 0)
{
    /// <summary>Payload line time at 115200 baud over the measured time: the share of the line rate the payload got.</summary>
    public double LineShare => MeasuredMilliseconds <= 0 ? 0 : Payload * 10.0 * 1000.0 / 115200 / MeasuredMilliseconds;

    /// <summary>Payload bytes per byte on the wire.</summary>
    public double Efficiency => WireBytes == 0 ? 1.0 : (double)Payload / WireBytes;

    /// <summary>UART at 115,200 baud (10 bits a byte) plus <paramref name="latencyMicroseconds"/> per command.</summary>
    public double UartMilliseconds(int latencyMicroseconds) => (WireBytes * 10.0 * 1000.0 / 115200) + (RoundTrips * latencyMicroseconds / 1000.0);

    /// <summary>SPI at 16 MHz (8 bits a byte) plus <paramref name="latencyMicroseconds"/> per command.</summary>
    public double SpiMilliseconds(int latencyMicroseconds) => (WireBytes * 8.0 * 1000.0 / 16_000_000) + (RoundTrips * latencyMicroseconds / 1000.0);
}

/// <summary>
/// Runs every strategy for a TLS connect, <c>size</c> bytes down and <c>size</c> bytes up, each on a
/// fresh emulator, and reports commands and wire bytes; adds the physical limit (payload only).
/// </summary>
public static class WireModelRun
{
    public static List<WireResult> Run(int size, int baudRate = 0)
    {
        var pki = GeneratedCertificates.Create("wire model");
        byte[] block = RandomNumberGenerator.GetBytes(size);
        var results = new List<WireResult>();
        foreach (Strategy strategy in Strategy.All)
        {
            using (var bench = new WireBench(pki, block, baudRate))
            {
                var clock = Stopwatch.StartNew();
                strategy.Connect(bench, bench.Server.Port);
                results.Add(Snapshot(strategy.Name, "TLS connect", bench.Emulator.Counters, clock));

                // Let the whole block reach the module first, so no strategy pays for empty reads.
                Thread.Sleep(300);
                bench.Emulator.Counters.Reset();
                clock.Restart();
                strategy.Read(bench, size);
                results.Add(Snapshot(strategy.Name, "down", bench.Emulator.Counters, clock));
            }

            using (var bench = new WireBench(pki, null, baudRate))
            {
                strategy.Connect(bench, bench.Server.Port);
                bench.Emulator.Counters.Reset();
                var clock = Stopwatch.StartNew();
                strategy.Write(bench, block);
                results.Add(Snapshot(strategy.Name, "up", bench.Emulator.Counters, clock));
            }
        }

        results.Add(new WireResult("physical limit (payload only)", "down", 0, size, size));
        results.Add(new WireResult("physical limit (payload only)", "up", 0, size, size));
        return results;
    }

    private static WireResult Snapshot(string strategy, string phase, EmulatorCounters counters, Stopwatch clock) =>
        new(strategy, phase, counters.RoundTrips, counters.BytesToModule + counters.BytesFromModule, phase == "down" ? counters.PayloadFromModule : counters.PayloadToModule, clock.Elapsed.TotalMilliseconds);
}
