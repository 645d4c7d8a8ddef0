using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;
using Xunit.Abstractions;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// Four threads open, use and close sockets against the emulator, 10,000 cycles in all
/// (<c>ESWIFI_SOAK_CYCLES</c> changes it): every echo exact, the managed heap flat after warm-up,
/// and no socket left open on the host, in the emulator or at the server.
/// </summary>
[Collection(SoakCollection.Name)]
public class SoakTests
{
    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Ten_thousand_open_send_receive_close_cycles_on_four_threads()
    {
        int cycles = int.TryParse(Environment.GetEnvironmentVariable("ESWIFI_SOAK_CYCLES"), out int configured) && configured > 0 ? configured : 10_000;
        int perThread = cycles / 4;
        int warmUp = Math.Min(250, perThread / 4);

        using var bench = new EmulatedBench(FirmwareProfile.C3525Stm);
        bench.Emulator.ConnectTimeoutMilliseconds = 5000;
        using var server = LoopbackServer.TcpEcho();
        var warmedUp = new CountdownEvent(4);
        var measure = new ManualResetEventSlim();
        var errors = new List<Exception>();
        int completed = 0;

        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            byte[] message = new byte[64];
            byte[] echo = new byte[64];
            new Random(t).NextBytes(message);
            try
            {
                for (int i = 0; i < perThread; i++)
                {
                    if (i == warmUp)
                    {
                        warmedUp.Signal();
                        measure.Wait();
                    }

                    message[0] = (byte)i;
                    using (EsWifiNetworkStream stream = bench.Module.ConnectTcp("127.0.0.1", server.Port))
                    {
                        stream.ReadTimeout = 10000;
                        stream.Write(message, 0, message.Length);
                        int got = 0;
                        while (got < echo.Length)
                        {
                            int n = stream.Read(echo, got, echo.Length - got);
                            if (n == 0)
                            {
                                throw new InvalidOperationException("closed early");
                            }

                            got += n;
                        }

                        if (!echo.AsSpan().SequenceEqual(message))
                        {
                            throw new InvalidOperationException("echo differs");
                        }
                    }

                    Interlocked.Increment(ref completed);
                }
            }
            catch (Exception e)
            {
                lock (errors)
                {
                    errors.Add(e);
                }

                if (!warmedUp.IsSet)
                {
                    warmedUp.Signal();
                }
            }
        }) { IsBackground = true }).ToList();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        threads.ForEach(t => t.Start());
        Assert.True(warmedUp.Wait(TimeSpan.FromMinutes(2)), "warm-up did not finish");
        long heapAfterWarmUp = HeapAfterFullCollection();
        measure.Set();
        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromMinutes(8)), "the soak did not finish in time");
        }

        long heapAtEnd = HeapAfterFullCollection();
        Assert.Empty(errors);
        Assert.Equal(perThread * 4, completed);
        _output.WriteLine($"{completed} cycles in {watch.Elapsed.TotalSeconds:F1} s, {bench.Emulator.Counters.RoundTrips} round trips; heap after warm-up {heapAfterWarmUp / 1024} KiB, at the end {heapAtEnd / 1024} KiB (growth {(heapAtEnd - heapAfterWarmUp) / 1024} KiB)");

        // Flat: what the run leaves behind is noise, not a per-cycle leak (10,000 cycles of even
        // 100 bytes would be 1 MB).
        Assert.InRange(heapAtEnd - heapAfterWarmUp, long.MinValue, 512 * 1024);

        Assert.Equal(4, bench.Module.FreeSockets);
        for (int i = 0; i < 4; i++)
        {
            Assert.Null(bench.Emulator.Socket(i).Connection);
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (server.ActiveConnections > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Equal(0, server.ActiveConnections);
        Assert.Equal(perThread * 4, server.Accepted);
    }

    /// <summary>Live managed heap after a compacting full collection: heap size minus free fragments.</summary>
    internal static long HeapAfterFullCollection()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }
}

/// <summary>The soak measures the process heap, so it runs alone, after the parallel test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "soak (runs alone)";
}
