using EsWifi.Emulator.FrontEnds;
using EsWifi.Emulator.Model;

namespace EsWifi.Benchmarks.Paced;

/// <summary>
/// The emulator behind a UART paced at the real byte rate (10 bits a byte each way), joined, with
/// the driver at the settings a user gets unless a row changes them. Every time in the paced
/// tables is measured on this link, with a stopwatch.
/// </summary>
public sealed class PacedBench : IDisposable
{
    public const int Baud = 115200;

    private readonly InMemoryDuplexLink _link = new() { BaudRate = Baud };
    private readonly UartFrontEnd _uart;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    public PacedBench(Action<UartTransport> configure = null, Action<EmulatedModule> setUp = null, EsWifiOptions options = null)
    {
        Emulator = new EmulatedModule(FirmwareProfile.C3525Stm);
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "lab", Security = 3, Passphrase = "correct horse" });
        setUp?.Invoke(Emulator);
        _uart = new UartFrontEnd(Emulator, _link.Module);
        var transport = new UartTransport(_link.Host, SystemClock.Instance, 2048);
        configure?.Invoke(transport);
        Module = new EsWifiModule(transport, options ?? new EsWifiOptions());
        if (Environment.GetEnvironmentVariable("ESWIFI_PACED_TRACE") == "1")
        {
            // Timestamped exchange, printed when the bench ends (printing as it runs would change the timing).
            Module.Channel.Trace = (direction, text) => _log.Enqueue($"{DateTime.UtcNow:ss.ffffff} {direction} {text}");
        }

        Module.Initialize();
        Module.Wifi.Join("lab", "correct horse", WifiSecurity.Wpa2);
    }

    public EmulatedModule Emulator { get; }

    public EsWifiModule Module { get; }

    internal AtChannel Channel => Module.Channel;

    /// <summary>Milliseconds the counted bytes need on the wire, both directions one after the other.</summary>
    public double WireMilliseconds => (Emulator.Counters.BytesToModule + Emulator.Counters.BytesFromModule) * 10.0 * 1000.0 / Baud;



    public void Dispose()
    {
        foreach (string line in _log)
        {
            Console.Error.WriteLine(line);
        }

        _uart.Dispose();
        Emulator.Dispose();
    }
}
