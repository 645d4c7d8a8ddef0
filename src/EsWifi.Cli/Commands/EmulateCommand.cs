using System.CommandLine;
using EsWifi.Cli.Infrastructure;
using Spectre.Console;
using EsWifi.Emulator.FrontEnds;
using EsWifi.Emulator.Model;

namespace EsWifi.Cli.Commands;

/// <summary>
/// <c>emulate --pty</c>: the emulator on a pseudo-terminal, until Ctrl-C. Prints the terminal's path on
/// standard output, and on standard error its access point (name and passphrase: an emulated one)
/// and the join command that uses it.
/// </summary>
public static class EmulateCommand
{
    public static Command Create(CliContext context)
    {
        var pty = new Option<bool>("--pty") { Description = "Serve on a pseudo-terminal and print its path" };
        var firmware = new Option<string>("--firmware") { Description = "C3.5.2.5.STM, C3.5.2.5.UART, C6.2.1.7 or C6.2.1.8", DefaultValueFactory = _ => "C3.5.2.5.UART" };
        var ssid = new Option<string>("--ssid") { Description = "SSID of the emulated access point", DefaultValueFactory = _ => "emulated-ap" };
        var passphrase = new Option<string>("--passphrase", "--ap-passphrase") { Description = "Its WPA2 passphrase", DefaultValueFactory = _ => "emulator-passphrase" };
        var command = new Command("emulate", "Run the module emulator (no hardware needed)") { pty, firmware, ssid, passphrase };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(pty))
            {
                throw new CliException(ExitCodes.UsageError, "emulate needs --pty (the only front end a separate program can open)");
            }

            FirmwareProfile profile;
            try
            {
                profile = FirmwareProfile.ByName(parse.GetValue(firmware));
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.UsageError, e.Message);
            }

            using var module = new EmulatedModule(profile);
            module.AccessPoints.Add(new SimulatedAccessPoint { Ssid = parse.GetValue(ssid), Security = 3, Passphrase = parse.GetValue(passphrase) });
            using var terminal = new PseudoTerminal();
            using var uart = new UartFrontEnd(module, terminal);
            context.Console.WriteLine(terminal.SlavePath);
            context.Error.WriteLine("eS-WiFi emulator (" + profile.Name + ") on " + terminal.SlavePath + "; Ctrl-C stops");
            context.Error.WriteLine("access point '" + parse.GetValue(ssid) + "' (WPA2, passphrase '" + parse.GetValue(passphrase) + "'); to use it:");
            context.Error.WriteLine("  eswifi join --port " + terminal.SlavePath + " --ssid '" + parse.GetValue(ssid) + "' --passphrase '" + parse.GetValue(passphrase) + "'");
            var stop = new ManualResetEventSlim();
            context.Cancellation.CloseOnCancel(new Closing(stop.Set));
            stop.Wait();
            return ExitCodes.Ok;
        });
        return command;
    }
}
