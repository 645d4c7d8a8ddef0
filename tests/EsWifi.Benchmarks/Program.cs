using System.Reflection;
using BenchmarkDotNet.Running;
using EsWifi.Benchmarks.Micro;
using EsWifi.Benchmarks.WireModel;

namespace EsWifi.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/EsWifi.Benchmarks -- [all|micro|wire|paced|mqtt|size]</c>;
/// prints Markdown tables for docs/performance.md.
/// </summary>
public static class Program
{
    private const int LatencyMicroseconds = 1000;

    public static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "all";
        if (mode is "all" or "size")
        {
            PrintSize();
        }

        if (mode is "all" or "wire")
        {
            PrintWire(args.Length > 1 && int.TryParse(args[1], out int kib) ? kib * 1024 : 64 * 1024);
        }

        if (mode == "sockets")
        {
            PrintSockets();
        }

        if (mode is "all" or "paced")
        {
            PrintPaced();
        }

        if (mode is "all" or "mqtt")
        {
            PrintMqtt();
        }

        if (mode is "all" or "micro")
        {
            BenchmarkRunner.Run<ProtocolBenchmarks>();
        }

        return 0;
    }

    /// <summary>MQTT through the module to a real mosquitto on the paced link (mode "mqtt"; needs mosquitto installed).</summary>
    private static void PrintMqtt()
    {
        if (!EsWifi.Emulator.Peers.MosquittoBroker.Installed)
        {
            Console.WriteLine("mqtt: mosquitto is not installed (apt-get install mosquitto mosquitto-clients): skipped");
            return;
        }

        Console.WriteLine($"MQTT over module TLS (P9=2) to mosquitto on 127.0.0.1, paced UART at {Paced.PacedBench.Baud} baud, client and driver defaults; 40 rounds after 20.");
        Console.WriteLine();
        Console.WriteLine("| case | mean | wire time alone | commands | bytes to / from module |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (Paced.MqttResult r in Paced.PacedMqtt.Run(40))
        {
            Console.WriteLine($"| {r.Case} | {r.Milliseconds:0.0} ms | {r.WireMilliseconds:0.0} ms | {r.Commands:0.##}: {r.CommandNames} | {r.BytesToModule:0} / {r.BytesFromModule:0} |");
        }

        Console.WriteLine();
    }

    private static void PrintSize()
    {
        string path = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "NanoEsWifi").Value;
        Console.WriteLine("| assembly | bytes |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| netnano1.0 EsWifi.dll | {new FileInfo(path).Length:N0} |");
        Console.WriteLine();
    }

    /// <summary>Several sockets downloading at once on the paced link (mode "sockets" runs only this).</summary>
    private static void PrintSockets()
    {
        Console.WriteLine();
        Console.WriteLine("| sockets reading at once | commands per 1,460 B | payload / wire | time | wire time alone | commands |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (int sockets in new[] { 1, 2, 4 })
        {
            var (perChunk, efficiency, time, commands) = Paced.PacedRuns.Sockets(sockets, 64 * 1024 / sockets);
            Console.WriteLine($"| {sockets} | {perChunk:0.00} | {efficiency:0.000} | {time.Milliseconds:N0} ms | {time.WireMilliseconds:N0} ms | {commands} |");
        }
    }

    private static void PrintPaced()
    {
        var rows = new List<Paced.PacedResult>
        {
            Paced.PacedRuns.Echo("32-byte request/response", 32, 200),
            Paced.PacedRuns.Echo("1,024-byte request/response", 1024, 50),
            Paced.PacedRuns.Echo("32-byte request/response beside an idle blocked reader", 32, 200, idleReaderBeside: true),
            Paced.PacedRuns.Echo("32-byte request/response, end gap 20 ms (USB-bridge setting)", 32, 50, t => t.EndGapMicroseconds = UartTransport.DefaultQuietGapMilliseconds * 1000),
        };
        Console.WriteLine($"Paced UART at {Paced.PacedBench.Baud} baud (10 bits a byte each way), default settings unless the row says otherwise.");
        Console.WriteLine();
        Console.WriteLine("| case | mean | wire time alone | ratio | commands |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (Paced.PacedResult r in rows)
        {
            Console.WriteLine($"| {r.Case} | {r.Milliseconds:0.0} ms | {r.WireMilliseconds:0.0} ms | {r.Ratio:0.00}x | {r.Note} |");
        }

        PrintSockets();

        Console.WriteLine();
        int size = 64 * 1024;
        List<WireResult> results = WireModelRun.Run(size, Paced.PacedBench.Baud);
        Console.WriteLine($"{size / 1024} KiB each way over TLS on the paced UART ({Paced.PacedBench.Baud} baud); share = payload line time / measured time.");
        Console.WriteLine();
        Console.WriteLine("| strategy | phase | commands | payload / wire | measured | share of line rate |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (WireResult r in results.Where(r => r.RoundTrips > 0))
        {
            Console.WriteLine($"| {r.Strategy} | {r.Phase} | {r.RoundTrips} | {(r.Phase == "TLS connect" ? "—" : r.Efficiency.ToString("F3"))} | {r.MeasuredMilliseconds:N0} ms | {(r.Phase == "TLS connect" ? "—" : r.LineShare.ToString("P1"))} |");
        }

        Console.WriteLine();
    }

    private static void PrintWire(int size)
    {
        List<WireResult> results = WireModelRun.Run(size);
        Console.WriteLine($"Payload {size / 1024} KiB each way over TLS; times add {LatencyMicroseconds / 1000} ms of module latency per command.");
        Console.WriteLine();
        Console.WriteLine("| strategy | phase | commands | wire bytes | payload / wire | UART 115200 | SPI 16 MHz |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (WireResult r in results)
        {
            Console.WriteLine($"| {r.Strategy} | {r.Phase} | {r.RoundTrips} | {r.WireBytes:N0} | {(r.Phase == "TLS connect" ? "—" : r.Efficiency.ToString("F3"))} | {r.UartMilliseconds(LatencyMicroseconds):N0} ms | {r.SpiMilliseconds(LatencyMicroseconds):N1} ms |");
        }

        Console.WriteLine();
    }
}
