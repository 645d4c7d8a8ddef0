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

    public static Strategy[] All => new Strategy[] { new ThisDriver(), new MbedPattern(), new ZephyrPattern(), new StPattern() };
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

/// <summary>Replays raw command sequences through the same channel (same framing, same emulator).</summary>
public abstract class ReplayedPattern : Strategy
{
    protected static void Set(WireBench bench, string command, int value)
    {
        lock (bench.Channel.SyncRoot)
        {
            bench.Channel.Writer.Command(command).Int(value).End();
            bench.Channel.ExecuteOk(30000);
        }
    }

    protected static void SelectSet0(WireBench bench)
    {
        lock (bench.Channel.SyncRoot)
        {
            bench.Channel.Writer.Command("PF").Int(0).Int(0).End();
            bench.Channel.ExecuteOk(30000);
        }
    }

    protected static void Text(WireBench bench, string command, string value)
    {
        lock (bench.Channel.SyncRoot)
        {
            bench.Channel.Writer.Command(command).Text(value, "value", 63, false).End();
            bench.Channel.ExecuteOk(30000);
        }
    }

    protected static void Send(WireBench bench, byte[] data, int offset, int count, bool padded)
    {
        lock (bench.Channel.SyncRoot)
        {
            AtCommandWriter writer = bench.Channel.Writer.Command("S3");
            (padded ? writer.IntPadded(count, 4) : writer.Int(count)).End();
            bench.Channel.ThrowUnlessOk(bench.Channel.ExecuteWithPayload(data, offset, count, 30000));
        }
    }

    protected static int Receive(WireBench bench, int max)
    {
        lock (bench.Channel.SyncRoot)
        {
            bench.Channel.Writer.Command("R0").End();
            return bench.Channel.ThrowUnlessOk(bench.Channel.ExecuteRead(max, 30000)).PayloadLength;
        }
    }
}

/// <summary>ST es_wifi.c (anchors.md §3.1): P0,P1,P2,P4,P3,P9=2,P6; send P0,S2,S3 per 1200 B; receive P0,R1,R2,R0.</summary>
public sealed class StPattern : ReplayedPattern
{
    public override string Name => "ST es_wifi.c pattern";

    public override int WriteChunk => 1200;

    public override int ReadChunk => 1200;

    public override void Connect(WireBench bench, int port)
    {
        SelectSet0(bench);
        bench.Emulator.Counters.Reset();
        Set(bench, "P0", 0);
        Set(bench, "P1", 3);
        Set(bench, "P2", 0);
        Set(bench, "P4", port);
        Text(bench, "P3", "127.0.0.1");
        Set(bench, "P9", 2);
        Set(bench, "P6", 1);
    }

    public override void Write(WireBench bench, byte[] data)
    {
        for (int offset = 0; offset < data.Length; offset += WriteChunk)
        {
            Set(bench, "P0", 0);
            Set(bench, "S2", 1000);
            Send(bench, data, offset, Math.Min(WriteChunk, data.Length - offset), padded: true);
        }
    }

    public override void Read(WireBench bench, int total)
    {
        for (int got = 0; got < total;)
        {
            Set(bench, "P0", 0);
            Set(bench, "R1", ReadChunk);
            Set(bench, "R2", 1000);
            got += Receive(bench, ReadChunk);
        }
    }
}

/// <summary>Zephyr eswifi (anchors.md §3.2): P0,P1 at creation, P0,P6=0,P3,P4,P6=1 at connect; send P0,S3; receive P0,R1=1460,R2=30,R0.</summary>
public sealed class ZephyrPattern : ReplayedPattern
{
    public override string Name => "Zephyr eswifi pattern";

    public override int WriteChunk => 1460;

    public override int ReadChunk => 1460;

    public override void Connect(WireBench bench, int port)
    {
        SelectSet0(bench);
        bench.Emulator.Counters.Reset();
        Set(bench, "P0", 0);
        Set(bench, "P1", 3);
        Set(bench, "P0", 0);
        Set(bench, "P6", 0);
        Text(bench, "P3", "127.0.0.1");
        Set(bench, "P4", port);
        Set(bench, "P6", 1);
    }

    public override void Write(WireBench bench, byte[] data)
    {
        for (int offset = 0; offset < data.Length; offset += WriteChunk)
        {
            Set(bench, "P0", 0);
            Send(bench, data, offset, Math.Min(WriteChunk, data.Length - offset), padded: false);
        }
    }

    public override void Read(WireBench bench, int total)
    {
        for (int got = 0; got < total;)
        {
            Set(bench, "P0", 0);
            Set(bench, "R1", 1460);
            Set(bench, "R2", 30);
            got += Receive(bench, ReadChunk);
        }
    }
}

/// <summary>Mbed wifi-ism43362 (anchors.md §3.3), with P1=3 instead of its host TLS: P0,P1,P2,P3,P4,P6,R1=1200,R2=1 at open; cached P0; S3 per 1460 B; R0 per 1200 B.</summary>
public sealed class MbedPattern : ReplayedPattern
{
    public override string Name => "Mbed wifi-ism43362 pattern";

    public override int WriteChunk => 1460;

    public override int ReadChunk => 1200;

    public override void Connect(WireBench bench, int port)
    {
        SelectSet0(bench);
        bench.Emulator.Counters.Reset();
        Set(bench, "P0", 0);
        Set(bench, "P1", 3);
        Set(bench, "P2", 49152);
        Text(bench, "P3", "127.0.0.1");
        Set(bench, "P4", port);
        Set(bench, "P6", 1);
        Set(bench, "R1", 1200);
        Set(bench, "R2", 1);
    }

    public override void Write(WireBench bench, byte[] data)
    {
        for (int offset = 0; offset < data.Length; offset += WriteChunk)
        {
            Send(bench, data, offset, Math.Min(WriteChunk, data.Length - offset), padded: false);
        }
    }

    public override void Read(WireBench bench, int total)
    {
        for (int got = 0; got < total;)
        {
            got += Receive(bench, ReadChunk);
        }
    }
}
