using System.CommandLine;
using System.Device.Gpio;
using System.Device.Spi;
using EsWifi.Serial;
using EsWifi.Spi;

namespace EsWifi.Cli.Infrastructure;

/// <summary>An opened module: the link the options name, the driver on it, brought up.</summary>
public sealed class ModuleSession : IDisposable
{
    private readonly List<IDisposable> _owned = new();

    private ModuleSession()
    {
    }

    public EsWifiModule Module { get; private set; }

    public SerialByteLink Serial { get; private set; }

    public string Description { get; private set; }

    public static ModuleSession Open(ParseResult parse, LinkOptions options, CliContext context)
    {
        var session = new ModuleSession();
        try
        {
            session.Connect(parse, options);
            if (parse.GetValue(options.Trace))
            {
                session.Module.Trace = context.TraceToError;
            }

            // While the module is brought up (a probe, I?: nothing a cut could harm) a cancel closes
            // the link, so Ctrl-C ends a wait for a prompt that never comes at once.
            IDisposable link = session.Serial != null ? context.Cancellation.CloseOnCancel(new Closing(session.Serial.Dispose)) : null;
            try
            {
                session.Module.Initialize(parse.GetValue(options.Reset));
            }
            catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.Timeout)
            {
                context.Cancellation.ThrowIfCancelled();
                throw new CliException(ExitCodes.ModuleError, "no prompt from the module on " + session.Description + " (check the port, the wiring and --baud)");
            }
            finally
            {
                if (link != null)
                {
                    context.Cancellation.Release(link);
                }
            }

            context.Cancellation.ThrowIfCancelled();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    private void Connect(ParseResult parse, LinkOptions options)
    {
        string port = parse.GetValue(options.Port);
        string spi = parse.GetValue(options.Spi);
        if (port == null && spi == null)
        {
            throw new CliException(ExitCodes.UsageError, "name the module's link: --port <serial port> or --spidev <bus.cs> (or try 'eswifi demo', which needs no hardware)");
        }

        if (port != null && spi != null)
        {
            throw new CliException(ExitCodes.UsageError, "name one link: --port or --spidev, not both");
        }

        if (port != null)
        {
            // One tool a port: a second one would reset or probe the first one's module under it.
            _owned.Add(PortLock.Acquire(port));
            int baud = parse.GetValue(options.Baud);
            try
            {
                Serial = new SerialByteLink(port, baud);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is InvalidOperationException)
            {
                throw new CliException(ExitCodes.UsageError, LinkProbe.ExplainSerialPort(port) ?? "cannot open " + port + ": " + e.Message);
            }

            _owned.Add(Serial);
            Description = port + " at " + baud + " baud";
            // A PC reaches the module through a USB-serial bridge, which delivers in bursts: a binary
            // answer ends only after the bridge's longest pause (docs/architecture.md, "UART framing").
            var transport = new UartTransport(Serial, SystemClock.Instance, 2048) { EndGapMicroseconds = UartTransport.DefaultQuietGapMilliseconds * 1000 };
            Module = new EsWifiModule(transport);
            return;
        }

        string[] parts = spi.Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int bus) || !int.TryParse(parts[1], out int chip))
        {
            throw new CliException(ExitCodes.UsageError, "--spidev takes BUS.CS, e.g. 0.0");
        }

        string missing = LinkProbe.ExplainSpi(bus, chip);
        if (missing != null)
        {
            throw new CliException(ExitCodes.UsageError, missing);
        }

        try
        {
            var gpio = new GpioController();
            _owned.Add(gpio);
            SpiDevice device = SpiDevice.Create(new SpiConnectionSettings(bus, chip) { DataBitLength = 16, Mode = SpiMode.Mode0, ClockFrequency = 10_000_000 });
            _owned.Add(device);
            var link = new SpiDeviceLink(device, gpio, parse.GetValue(options.ChipSelectPin));
            _owned.Add(link);
            int resetPin = parse.GetValue(options.ResetPin);
            IResetPin reset = resetPin >= 0 ? new GpioResetPin(gpio, resetPin) : null;
            var transport = new SpiTransport(link, new GpioDataReadyPin(gpio, parse.GetValue(options.DataReadyPin)), reset, SystemClock.Instance, 8192);
            Module = new EsWifiModule(transport, new EsWifiOptions { ResetPin = reset });
            Description = "/dev/spidev" + spi;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is PlatformNotSupportedException || e is InvalidOperationException || e is ArgumentException)
        {
            throw new CliException(ExitCodes.UsageError, "cannot open /dev/spidev" + spi + ": " + e.Message);
        }
    }
}
