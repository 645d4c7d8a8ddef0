using System.Diagnostics;
using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;
using Xunit.Abstractions;

namespace EsWifi.Tests.Reliability;

/// <summary>
/// Four threads echo over TCP while random faults strike the control path of random commands:
/// silence, late answers, resets instead of or during an answer, and bytes dropped, changed or
/// added anywhere in text answers and in the envelope of R0 answers (inside R0 data no layer can
/// see a change: docs/reliability.md). Like firmware, a thread that sees the module reset joins
/// again (a join while joined keeps the join). 10 s in the README's test command;
/// <c>ESWIFI_FAULT_SOAK_SECONDS</c> sets another length (CI's tests/soak/run runs it for 60 s more).
/// Every echo is exact or an error; when the faults stop, every thread gets an exact echo again
/// (nothing is left broken); at the end the heap is flat, every socket is free and a clean echo works.
/// </summary>
[Collection(SoakCollection.Name)]
public class FaultSoakTests
{
    // Commands every cycle sends (settings are cached, so P1-P4, R1, R2 and S2 go out only after a
    // fault); null strikes whatever command comes next, the restore's CS and C0 included.
    private static readonly string[] Commands = { "P0", "P6", "S3", "R0", null, null };

    private readonly ITestOutputHelper _output;

    public FaultSoakTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Four_threads_echo_under_random_control_path_faults_with_no_silent_corruption()
    {
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("ESWIFI_FAULT_SOAK_SECONDS"), out int s) && s > 0 ? s : 10;
        using var bench = new EmulatedBench(FirmwareProfile.C3525Uart, options: new EsWifiOptions
        {
            CommandTimeoutMilliseconds = 400,
            ConnectTimeoutMilliseconds = 3000,
            JoinTimeoutMilliseconds = 3000,
        }, resetLine: true);
        bench.Emulator.ConnectTimeoutMilliseconds = 2000;
        using var server = LoopbackServer.TcpEcho();
        var random = new Random(20261203);
        long echoes = 0;
        long rejoins = 0;
        var recovered = new bool[4];
        var recovering = new ManualResetEventSlim();
        long silentCorruptions = 0;
        var errorsByKind = new Dictionary<string, int>();
        var unexpected = new List<Exception>();
        var moduleErrors = new HashSet<string>();
        var ring = new Queue<string>();
        string dump = null;
        if (Environment.GetEnvironmentVariable("ESWIFI_SOAK_TRACE") == "1")
        {
            bench.Module.Trace = (d, t) => { lock (ring) { ring.Enqueue(DateTime.Now.ToString("ss.fff") + " " + Environment.CurrentManagedThreadId + " " + d + " " + (t.Length > 120 ? t.Substring(0, 120) : t)); if (ring.Count > 300) ring.Dequeue(); } };
        }
        var stop = new ManualResetEventSlim();
        var watch = Stopwatch.StartNew();
        long heapAfterWarmUp = 0;

        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            var rng = new Random(t);
            while (!stop.IsSet)
            {
                try
                {
                    using EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", server.Port);
                    tcp.ReadTimeout = 3000;
                    for (int i = 0; i < 5 && !stop.IsSet; i++)
                    {
                        // 200–1400 bytes: one S3 whose count has three or four digits (docs/reliability.md).
                        byte[] message = new byte[rng.Next(200, 1400)];
                        rng.NextBytes(message);
                        tcp.Write(message, 0, message.Length);
                        byte[] echo = new byte[message.Length];
                        int got = 0;
                        while (got < echo.Length)
                        {
                            int n = tcp.Read(echo, got, echo.Length - got);
                            if (n == 0)
                            {
                                throw new InvalidOperationException("the echo closed early");
                            }

                            got += n;
                        }

                        if (!echo.AsSpan().SequenceEqual(message))
                        {
                            Interlocked.Increment(ref silentCorruptions);
                            lock (ring)
                            {
                                dump ??= "thread " + Environment.CurrentManagedThreadId + " socket " + tcp.Socket + "\n" + string.Join("\n", ring);
                            }
                        }

                        Interlocked.Increment(ref echoes);
                        if (recovering.IsSet)
                        {
                            Volatile.Write(ref recovered[t], true);
                        }
                    }
                }
                catch (EsWifiException e)
                {
                    lock (errorsByKind)
                    {
                        errorsByKind[e.Kind.ToString()] = errorsByKind.GetValueOrDefault(e.Kind.ToString()) + 1;
                        if (e.Kind == EsWifiErrorKind.ModuleError)
                        {
                            moduleErrors.Add(e.Message);
                        }
                    }

                    if ((e.Kind == EsWifiErrorKind.ModuleReset || e.Kind == EsWifiErrorKind.ModuleError) && !stop.IsSet)
                    {
                        // What firmware does after a reset or a refused connect: join again (faults
                        // may strike the join too; a join while joined keeps the join).
                        try
                        {
                            bench.Module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);
                            Interlocked.Increment(ref rejoins);
                        }
                        catch (EsWifiException)
                        {
                        }
                    }
                }
                catch (Exception e)
                {
                    lock (unexpected)
                    {
                        unexpected.Add(e);
                    }
                }
            }
        }) { IsBackground = true }).ToList();

        threads.ForEach(t => t.Start());
        int injected = 0;
        bool measured = false;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            if (!measured && watch.Elapsed.TotalSeconds > Math.Min(5, seconds / 4.0))
            {
                heapAfterWarmUp = SoakTests.HeapAfterFullCollection();
                measured = true;
            }

            if (bench.Uart.Faults.Fired == injected)
            {
                bench.Uart.Faults.Add(RandomFault(random));
                injected++;
            }

            // About three faults a second: each one breaks connections, and they must get work done between.
            Thread.Sleep(random.Next(100, 600));
        }

        // No fault from here: every thread must get an exact echo again, as firmware that joins
        // again after a reset does (a fault already fired may still hold the channel for its S2 wait).
        bench.Uart.Faults.Clear();
        recovering.Set();
        var recovery = Stopwatch.StartNew();
        while (!recovered.All(r => Volatile.Read(ref r)) && recovery.Elapsed.TotalSeconds < 40)
        {
            Thread.Sleep(50);
        }

        stop.Set();
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a thread hung"));
        _output.WriteLine("module errors seen: " + string.Join(" | ", moduleErrors));
        if (dump != null || Environment.GetEnvironmentVariable("ESWIFI_SOAK_TRACE") == "1")
        {
            _output.WriteLine(dump ?? string.Join("\n", ring));
        }

        // No fault from here: the next open may fail once (the last fault's aftermath), then it works.
        // Its own trace is kept and printed if it fails: in CI it once failed twice, the second time
        // with the emulator's connect to the echo server refused, and nothing said why.
        bench.Uart.Faults.Clear();
        var finalOpen = new List<string>();
        bench.Module.Trace = (d, t) => { lock (finalOpen) { finalOpen.Add(DateTime.Now.ToString("ss.fff") + " " + d + " " + (t.Length > 160 ? t.Substring(0, 160) : t)); } };
        EsWifiNetworkStream opened;
        try
        {
            opened = OpenAfterFaults(bench, server, finalOpen);
        }
        catch (Exception e)
        {
            lock (finalOpen)
            {
                _output.WriteLine("the open after the faults failed: " + e.Message + " (server port " + server.Port + ", accepted " + server.Accepted + ")\n" + string.Join("\n", finalOpen));
            }

            throw;
        }

        bench.Module.Trace = null;
        using (EsWifiNetworkStream clean = opened)
        {
            clean.ReadTimeout = 5000;
            Driver.TransferTests.EchoExact(clean, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16 * 1024));
        }

        long heapAtEnd = SoakTests.HeapAfterFullCollection();
        string kinds = string.Join(", ", errorsByKind.OrderBy(k => k.Key).Select(k => k.Key + " " + k.Value));
        _output.WriteLine($"{seconds} s, 4 threads: {echoes} exact echoes, {rejoins} joins after a reset, all threads echoing again {recovery.ElapsedMilliseconds} ms after the last fault, {bench.Uart.Faults.Fired} faults fired, errors: {kinds}; silent corruptions {silentCorruptions}; heap after warm-up {heapAfterWarmUp / 1024} KiB, at the end {heapAtEnd / 1024} KiB");
        Assert.Empty(unexpected);
        Assert.Equal(0, silentCorruptions);
        Assert.True(echoes > seconds * 2, "too few echoes to mean anything");
        Assert.True(recovered.All(r => r), "a thread got no exact echo within 40 s after the faults stopped: the driver did not recover");
        Assert.True(bench.Uart.Faults.Fired >= seconds / 3, "too few faults fired");
        Assert.InRange(heapAtEnd - heapAfterWarmUp, long.MinValue, 1024 * 1024);
        Assert.Equal(4, bench.Module.FreeSockets);
    }

    /// <summary>The next open after the soak: one clear failure is allowed (a fault may still be armed); it is noted in <paramref name="notes"/>.</summary>
    private static EsWifiNetworkStream OpenAfterFaults(EmulatedBench bench, LoopbackServer server, List<string> notes)
    {
        try
        {
            return bench.Module.ConnectTcp("127.0.0.1", server.Port);
        }
        catch (EsWifiException e)
        {
            lock (notes)
            {
                notes.Add("the first open failed: " + e.Kind + ": " + e.Message);
            }

            return bench.Module.ConnectTcp("127.0.0.1", server.Port);
        }
    }

    private static Fault RandomFault(Random random)
    {
        string command = Commands[random.Next(Commands.Length)];
        switch (random.Next(7))
        {
            case 0:
                return new Fault { Command = command, Kind = FaultKind.Silence };
            case 1:
                return new Fault { Command = command, Kind = FaultKind.Delay, Milliseconds = random.Next(300, 900) };
            case 2:
                return new Fault { Command = command, Kind = FaultKind.ResetInsteadOfAnswer };
            case 3:
                return new Fault { Command = command, Kind = FaultKind.ResetDuringAnswer, At = random.NextDouble() };
            default:
                FaultKind kind = random.Next(3) switch { 0 => FaultKind.DropByte, 1 => FaultKind.CorruptByte, _ => FaultKind.InsertBytes };
                return new Fault { Command = command, Kind = kind, At = ControlPathPosition(command, random), Bytes = new[] { (byte)"#\r\n>"[random.Next(4)] } };
        }
    }

    /// <summary>Anywhere in a text answer; in an R0 answer (or any answer) only its leading CR LF or its trailer.</summary>
    private static double ControlPathPosition(string command, Random random) =>
        command != "R0" && command != null ? random.NextDouble() : random.Next(2) == 0 ? 0 : 1;
}
