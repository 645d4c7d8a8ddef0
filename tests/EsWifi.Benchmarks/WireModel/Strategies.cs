namespace EsWifi.Benchmarks.WireModel;

/// <summary>A way of driving the module: this driver, or a replay of another driver's command pattern.</summary>
public abstract class Strategy
{
    public abstract string Name { get; }

    /// <summary>Largest payload one S3 carries.</summary>
    public abstract int WriteChunk { get; }

    /// <summary>Largest payload one R0 returns (the R1 it uses).</summary>
    public abstract int ReadChunk { get; }

    public abstract void Connect(WireBench bench, int port);

    public abstract void Write(WireBench bench, byte[] data);

    public abstract void Read(WireBench bench, int total);

    public static Strategy[] All => new Strategy[] { new ThisDriver(), new MbedPattern(), new ZephyrPattern(), new StPattern(), new NanoFrameworkNativePattern() };
}

/// <summary>This driver, through its public API.</summary>
public sealed class ThisDriver : Strategy
{
    private EsWifiSslStream _tls;

    public override string Name => "nf-EsWifi (this driver)";

    public override int WriteChunk => 1460;

    public override int ReadChunk => 1460;

    public override void Connect(WireBench bench, int port)
    {
        // Set selection and status are read once per session; the connect itself is what repeats.
        bench.Module.Certificates.Select(0);
        bench.Module.Certificates.GetStatus(0);
        bench.Emulator.Counters.Reset();
        _tls = bench.Module.ConnectTls("localhost", port, new TlsOptions());
        _tls.ReadTimeout = 10000;
    }

    public override void Write(WireBench bench, byte[] data) => _tls.Write(data, 0, data.Length);

    public override void Read(WireBench bench, int total)
    {
        byte[] buffer = new byte[1460];
        for (int got = 0; got < total;)
        {
            got += _tls.Read(buffer, 0, buffer.Length);
        }
    }
}

/// <summary>
/// Replays another driver's command pattern through the same channel (same framing, same
/// emulator): a fixed command list at connect, and the commands it repeats before every S3 and
/// every R0. <c>P3</c> is sent as text (an address); every other command takes integers.
/// </summary>
public abstract class ReplayedPattern : Strategy
{
    /// <summary>Commands at connect, after the certificate set is chosen. <c>Port</c> stands for the server's port.</summary>
    protected abstract (string Command, int Value)[] ConnectCommands { get; }

    /// <summary>Commands sent before every S3.</summary>
    protected abstract (string Command, int Value)[] BeforeEachWrite { get; }

    /// <summary>Commands sent before every R0.</summary>
    protected abstract (string Command, int Value)[] BeforeEachRead { get; }

    /// <summary>True for <c>S3=%04d</c> (ST), false for <c>S3=%d</c>.</summary>
    protected virtual bool PaddedLength => false;

    /// <summary>Placeholder for the server's port in <see cref="ConnectCommands"/>.</summary>
    protected const int Port = -1;

    public override void Connect(WireBench bench, int port)
    {
        Execute(bench, "PF", 0, 0);
        bench.Emulator.Counters.Reset();
        foreach ((string command, int value) in ConnectCommands)
        {
            if (command == "P3")
            {
                lock (bench.Channel.SyncRoot)
                {
                    bench.Channel.Writer.Command("P3").Ip(new byte[] { 127, 0, 0, 1 }).End();
                    bench.Channel.ExecuteOk(30000);
                }
            }
            else
            {
                Execute(bench, command, value == Port ? port : value);
            }
        }
    }

    public override void Write(WireBench bench, byte[] data)
    {
        for (int offset = 0; offset < data.Length; offset += WriteChunk)
        {
            Run(bench, BeforeEachWrite);
            int count = Math.Min(WriteChunk, data.Length - offset);
            lock (bench.Channel.SyncRoot)
            {
                AtCommandWriter writer = bench.Channel.Writer.Command("S3");
                (PaddedLength ? writer.IntPadded(count, 4) : writer.Int(count)).End();
                bench.Channel.ThrowUnlessOk(bench.Channel.ExecuteWithPayload(data, offset, count, 30000));
            }
        }
    }

    public override void Read(WireBench bench, int total)
    {
        for (int got = 0; got < total;)
        {
            Run(bench, BeforeEachRead);
            lock (bench.Channel.SyncRoot)
            {
                bench.Channel.Writer.Command("R0").End();
                got += bench.Channel.ThrowUnlessOk(bench.Channel.ExecuteRead(ReadChunk, 30000)).PayloadLength;
            }
        }
    }

    private static void Run(WireBench bench, (string Command, int Value)[] commands)
    {
        foreach ((string command, int value) in commands)
        {
            Execute(bench, command, value);
        }
    }

    private static void Execute(WireBench bench, string command, params int[] values)
    {
        lock (bench.Channel.SyncRoot)
        {
            AtCommandWriter writer = bench.Channel.Writer.Command(command);
            foreach (int value in values)
            {
                writer.Int(value);
            }

            writer.End();
            bench.Channel.ExecuteOk(30000);
        }
    }
}

/// <summary>ST es_wifi.c (anchors.md §3.1): P0,P1,P2,P4,P3,P9=2,P6; send P0,S2,S3 per 1200 B; receive P0,R1,R2,R0.</summary>
public class StPattern : ReplayedPattern
{
    public override string Name => "ST es_wifi.c pattern";

    public override int WriteChunk => 1200;

    public override int ReadChunk => 1200;

    protected override bool PaddedLength => true;

    protected override (string, int)[] ConnectCommands => new[] { ("P0", 0), ("P1", 3), ("P2", 0), ("P4", Port), ("P3", 0), ("P9", 2), ("P6", 1) };

    protected override (string, int)[] BeforeEachWrite => new[] { ("P0", 0), ("S2", 1000) };

    protected override (string, int)[] BeforeEachRead => new[] { ("P0", 0), ("R1", 1200), ("R2", 1000) };
}

/// <summary>Zephyr eswifi (anchors.md §3.2): P0,P1 at creation, P0,P6=0,P3,P4,P6=1 at connect; send P0,S3; receive P0,R1=1460,R2=30,R0.</summary>
public sealed class ZephyrPattern : ReplayedPattern
{
    public override string Name => "Zephyr eswifi pattern";

    public override int WriteChunk => 1460;

    public override int ReadChunk => 1460;

    protected override (string, int)[] ConnectCommands => new[] { ("P0", 0), ("P1", 3), ("P0", 0), ("P6", 0), ("P3", 0), ("P4", Port), ("P6", 1) };

    protected override (string, int)[] BeforeEachWrite => new[] { ("P0", 0) };

    protected override (string, int)[] BeforeEachRead => new[] { ("P0", 0), ("R1", 1460), ("R2", 30) };
}

/// <summary>Mbed wifi-ism43362 (anchors.md §3.3), with P1=3 instead of its host TLS: P0,P1,P2,P3,P4,P6,R1=1200,R2=1 at open; cached P0; S3 per 1460 B; R0 per 1200 B.</summary>
public sealed class MbedPattern : ReplayedPattern
{
    public override string Name => "Mbed wifi-ism43362 pattern";

    public override int WriteChunk => 1460;

    public override int ReadChunk => 1200;

    protected override (string, int)[] ConnectCommands => new[] { ("P0", 0), ("P1", 3), ("P2", 49152), ("P3", 0), ("P4", Port), ("P6", 1), ("R1", 1200), ("R2", 1) };

    protected override (string, int)[] BeforeEachWrite => Array.Empty<(string, int)>();

    protected override (string, int)[] BeforeEachRead => Array.Empty<(string, int)>();
}

/// <summary>
/// nanoFramework's native ISM43362 networking (nf-interpreter PR #3511, anchors.md §3.9): ST es_wifi.c
/// underneath, so the ST pattern, with S3 cut to about 1,015 bytes by its 1,024-byte TX staging
/// buffer and every receive clamped to 1,200 bytes.
/// </summary>
public sealed class NanoFrameworkNativePattern : StPattern
{
    public override string Name => "nanoFramework native (PR #3511) pattern";

    public override int WriteChunk => 1015;
}
