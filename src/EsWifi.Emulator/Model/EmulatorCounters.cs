using System.Collections.Concurrent;

namespace EsWifi.Emulator.Model;

/// <summary>
/// What crossed the link, for benchmarks: bytes each way, commands by name, round trips, and a
/// virtual duration at a configured link speed plus a per-command module latency.
/// </summary>
public sealed class EmulatorCounters
{
    private readonly ConcurrentDictionary<string, int> _commands = new();
    private long _bytesToModule;
    private long _bytesFromModule;
    private long _payloadToModule;
    private long _payloadFromModule;
    private int _roundTrips;

    public long BytesToModule => Interlocked.Read(ref _bytesToModule);

    public long BytesFromModule => Interlocked.Read(ref _bytesFromModule);

    /// <summary>Socket data bytes carried by S3 payloads.</summary>
    public long PayloadToModule => Interlocked.Read(ref _payloadToModule);

    /// <summary>Socket data bytes carried by R0 answers.</summary>
    public long PayloadFromModule => Interlocked.Read(ref _payloadFromModule);

    /// <summary>Commands answered (each is one round trip).</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public int Commands(string name) => _commands.TryGetValue(name, out int count) ? count : 0;

    public IReadOnlyDictionary<string, int> CommandsByName => new Dictionary<string, int>(_commands);

    /// <summary>
    /// Time the traffic would take on a UART at <paramref name="baud"/> (10 bits a byte) with
    /// <paramref name="latencyMicroseconds"/> of module processing per command.
    /// </summary>
    public double UartMilliseconds(int baud, int latencyMicroseconds) =>
        ((BytesToModule + BytesFromModule) * 10.0 * 1000.0 / baud) + (RoundTrips * latencyMicroseconds / 1000.0);

    /// <summary>The same on SPI at <paramref name="clockHz"/> (8 bits a byte, odd lengths padded).</summary>
    public double SpiMilliseconds(int clockHz, int latencyMicroseconds) =>
        ((BytesToModule + BytesFromModule) * 8.0 * 1000.0 / clockHz) + (RoundTrips * latencyMicroseconds / 1000.0);

    public void Reset()
    {
        _commands.Clear();
        Interlocked.Exchange(ref _bytesToModule, 0);
        Interlocked.Exchange(ref _bytesFromModule, 0);
        Interlocked.Exchange(ref _payloadToModule, 0);
        Interlocked.Exchange(ref _payloadFromModule, 0);
        Interlocked.Exchange(ref _roundTrips, 0);
    }

    internal void CountCommand(string name, long commandBytes, long payloadBytes)
    {
        _commands.AddOrUpdate(name, 1, (_, count) => count + 1);
        Interlocked.Increment(ref _roundTrips);
        Interlocked.Add(ref _bytesToModule, commandBytes + payloadBytes);
        if (name == "S3")
        {
            Interlocked.Add(ref _payloadToModule, payloadBytes);
        }
    }

    internal void CountAnswer(long bytes) => Interlocked.Add(ref _bytesFromModule, bytes);

    internal void CountReadPayload(long bytes) => Interlocked.Add(ref _payloadFromModule, bytes);
}
