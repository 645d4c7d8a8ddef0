using System.Reflection;
using BenchmarkDotNet.Running;
using EsWifi.Benchmarks.Micro;
using EsWifi.Benchmarks.WireModel;

namespace EsWifi.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/EsWifi.Benchmarks -- [all|micro|wire|size]</c>;
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

        if (mode is "all" or "micro")
        {
            BenchmarkRunner.Run<ProtocolBenchmarks>();
        }

        return 0;
    }

    private static void PrintSize()
    {
        string path = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "NanoEsWifi").Value;
        Console.WriteLine("| assembly | bytes |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| netnano1.0 EsWifi.dll | {new FileInfo(path).Length:N0} |");
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
