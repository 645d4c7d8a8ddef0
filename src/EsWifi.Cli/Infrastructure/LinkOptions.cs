using System.CommandLine;

namespace EsWifi.Cli.Infrastructure;

/// <summary>How to reach the module: a serial port, or Linux spidev with GPIO lines.</summary>
public sealed class LinkOptions
{
    public Option<string> Port { get; } = new("--port", "-p") { Description = "Serial port of the module (e.g. /dev/ttyUSB0, COM3)", Recursive = true };

    public Option<int> Baud { get; } = new("--baud", "-b") { Description = "Serial baud rate", DefaultValueFactory = _ => 115200, Recursive = true };

    public Option<string> Spi { get; } = new("--spidev") { Description = "SPI device as BUS.CS, e.g. 0.0 for /dev/spidev0.0 (use with --cs-pin, --drdy-pin, --reset-pin)", Recursive = true };

    public Option<int> ChipSelectPin { get; } = new("--cs-pin") { Description = "GPIO of the module's NSS", DefaultValueFactory = _ => 8, Recursive = true };

    public Option<int> DataReadyPin { get; } = new("--drdy-pin") { Description = "GPIO of the module's data-ready line", DefaultValueFactory = _ => 25, Recursive = true };

    public Option<int> ResetPin { get; } = new("--reset-pin") { Description = "GPIO of the module's reset line (-1: none)", DefaultValueFactory = _ => -1, Recursive = true };

    public Option<bool> Reset { get; } = new("--reset") { Description = "Reset the module before the command", Recursive = true };

    public Option<bool> Trace { get; } = new("--trace") { Description = "Show the AT exchange (secrets redacted)", Recursive = true };

    /// <summary>The flags a fleet run hands on to each module's command (tracing, reset).</summary>
    public static IEnumerable<string> PassThrough(ParseResult parse, LinkOptions link)
    {
        if (parse.GetValue(link.Trace))
        {
            yield return "--trace";
        }

        if (parse.GetValue(link.Reset))
        {
            yield return "--reset";
        }
    }

    /// <summary>
    /// Adds the link options to a command that talks to a module (and, being recursive, to its
    /// subcommands): <c>demo</c> and <c>emulate</c>, which bring their own module, do not list them.
    /// </summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Port);
        command.Options.Add(Baud);
        command.Options.Add(Spi);
        command.Options.Add(ChipSelectPin);
        command.Options.Add(DataReadyPin);
        command.Options.Add(ResetPin);
        command.Options.Add(Reset);
        command.Options.Add(Trace);
    }
}
