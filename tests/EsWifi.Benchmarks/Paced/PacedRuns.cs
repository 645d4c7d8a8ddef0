using System.Diagnostics;
using System.Security.Cryptography;
using EsWifi.Emulator.Peers;

namespace EsWifi.Benchmarks.Paced;

/// <summary>One paced measurement: what it took on the clock beside what the wire alone needs.</summary>
public sealed record PacedResult(string Case, double Milliseconds, double WireMilliseconds, string Note)
{
    public double Ratio => Milliseconds / WireMilliseconds;
}

/// <summary>Request/response latency, idle readers beside active ones, several sockets and bulk TLS on a paced UART.</summary>
public static class PacedRuns
{
    /// <summary>Mean time of a request/response of <paramref name="size"/> bytes through a TCP echo, and the wire time of one.</summary>
    public static PacedResult Echo(string name, int size, int rounds, Action<UartTransport> configure = null, bool idleReaderBeside = false)
    {
        using var bench = new PacedBench(configure);
        using var echo = LoopbackServer.TcpEcho();
        using var silent = LoopbackServer.Tcp(stream => Thread.Sleep(Timeout.Infinite));
        EsWifiNetworkStream stream = bench.Module.ConnectTcp("127.0.0.1", echo.Port);
        stream.ReadTimeout = 10000;
        Thread idle = null;
        EsWifiNetworkStream idleStream = null;
        if (idleReaderBeside)
        {
            idleStream = bench.Module.ConnectTcp("127.0.0.1", silent.Port);
            idleStream.ReadTimeout = -1;
            idle = new Thread(() =>
            {
                try
                {
                    // It waits for data that never comes; closing the stream ends it (0 bytes).
                    _ = idleStream.Read(new byte[64], 0, 64) == 0;
                }
                catch (ObjectDisposedException)
                {
                }
            }) { IsBackground = true };
            idle.Start();
            Thread.Sleep(100);
        }

        byte[] request = RandomNumberGenerator.GetBytes(size);
        byte[] response = new byte[size];

        // Warm-up: half as many exchanges as are measured, so tiered JIT has compiled the hot paths
        // before the clock starts (with one exchange, a loaded machine spread the 32-byte mean from
        // 1.14x to 2.28x of the wire time).
        for (int i = 0; i < Math.Max(1, rounds / 2); i++)
        {
            Exchange(stream, request, response);
        }

        bench.Emulator.Counters.Reset();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < rounds; i++)
        {
            Exchange(stream, request, response);
        }

        double mean = clock.Elapsed.TotalMilliseconds / rounds;
        string commands = string.Join(" ", bench.Emulator.Counters.CommandsByName.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value / (double)rounds:0.##}"));
        double wire = bench.WireMilliseconds / rounds;
        if (idleReaderBeside)
        {
            // The idle reader's polls are on the wire too; the ratio is against this socket's own exchange.
            wire = OwnWire(size);
        }

        idleStream?.Close();
        idle?.Join(5000);
        stream.Close();
        return new PacedResult(name, mean, wire, "per exchange: " + commands);
    }

    /// <summary>The bytes of one S3 + R0 exchange of <paramref name="size"/> bytes (socket and R1/R2 already set), on the wire.</summary>
    private static double OwnWire(int size)
    {
        int digits = size.ToString().Length;
        int s3 = 8 + size + (2 + digits + 8);
        int r0 = 3 + (2 + size + 8);
        return (s3 + r0) * 10.0 * 1000.0 / PacedBench.Baud;
    }

    private static void Exchange(EsWifiNetworkStream stream, byte[] request, byte[] response)
    {
        stream.Write(request, 0, request.Length);
        for (int got = 0; got < response.Length;)
        {
            got += stream.Read(response, got, response.Length - got);
        }

        if (!response.AsSpan().SequenceEqual(request))
        {
            throw new InvalidOperationException("the echo came back different");
        }
    }

    /// <summary>
    /// <paramref name="sockets"/> TCP connections, each downloading <paramref name="perSocket"/>
    /// bytes on its own thread with a 1,460-byte buffer: commands per 1,460 payload bytes, payload
    /// over wire bytes, and the time beside the line time of everything the module sent.
    /// </summary>
    public static (double CommandsPer1460, double PayloadPerWire, PacedResult Time, string Commands) Sockets(int sockets, int perSocket)
    {
        using var bench = new PacedBench();
        byte[] block = RandomNumberGenerator.GetBytes(perSocket);
        using var server = LoopbackServer.Tcp(stream =>
        {
            stream.Write(block);
            Thread.Sleep(30000);
        });
        var streams = new EsWifiNetworkStream[sockets];
        for (int i = 0; i < sockets; i++)
        {
            streams[i] = bench.Module.ConnectTcp("127.0.0.1", server.Port);
            streams[i].ReadTimeout = 20000;
        }

        // Every block waits in the module first, so the runs compare reading, not the network.
        Thread.Sleep(300);
        bench.Emulator.Counters.Reset();
        var clock = Stopwatch.StartNew();
        var threads = new Thread[sockets];
        for (int i = 0; i < sockets; i++)
        {
            EsWifiNetworkStream stream = streams[i];
            threads[i] = new Thread(() =>
            {
                byte[] buffer = new byte[1460];
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                for (int got = 0; got < perSocket;)
                {
                    int n = stream.Read(buffer, 0, buffer.Length);
                    hash.AppendData(buffer, 0, n);
                    got += n;
                }

                if (!hash.GetHashAndReset().AsSpan().SequenceEqual(SHA256.HashData(block)))
                {
                    throw new InvalidOperationException("a download came back different");
                }
            });
            threads[i].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        double elapsed = clock.Elapsed.TotalMilliseconds;
        var counters = bench.Emulator.Counters;
        long payload = (long)perSocket * sockets;
        string commands = string.Join(" ", counters.CommandsByName.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"));
        var result = (counters.RoundTrips / (payload / 1460.0), (double)counters.PayloadFromModule / (counters.BytesToModule + counters.BytesFromModule), new PacedResult($"{sockets} socket(s) x {perSocket / 1024} KiB down", elapsed, bench.WireMilliseconds, string.Empty), commands);
        foreach (EsWifiNetworkStream stream in streams)
        {
            stream.Close();
        }

        return result;
    }
}
