using System.CommandLine;
using EsWifi.Cli.Infrastructure;
using Spectre.Console;

namespace EsWifi.Cli.Commands;

/// <summary><c>at</c>: an interactive raw AT console with the (redacted) trace.</summary>
public static class AtConsoleCommand
{
    public static Command Create(CliContext context, LinkOptions link)
    {
        var command = new Command("at", "Interactive AT console: type commands such as I? or P0=1; an empty line or 'exit' quits");
        var showSecrets = new Option<bool>("--show-secrets") { Description = "Print the passphrase in C? and the key in A? answers (shown as *** otherwise)" };
        command.Options.Add(showSecrets);
        command.SetAction(parse =>
        {
            bool secrets = parse.GetValue(showSecrets);
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            EsWifiModule module = session.Module;
            module.Trace = context.Trace;
            while (true)
            {
                context.Console.Markup("at> ");
                string line = context.Cancellation.ReadLine(context.Input);
                if (line == null || line.Trim().Length == 0 || line.Trim() == "exit")
                {
                    return ExitCodes.Ok;
                }

                Run(context, module, line.Trim(), secrets);
            }
        });
        return command;
    }

    private static void Run(CliContext context, EsWifiModule module, string line, bool showSecrets)
    {
        try
        {
            // The module refuses payload and envelope-less commands itself, by the name as sent.
            RawAnswer answer = module.SendRawCommand(line, 30000);
            context.Console.MarkupLine(answer.IsOk
                ? "[green]OK[/] " + Markup.Escape(showSecrets ? answer.Text : answer.TextWithoutSecrets)
                : answer.IsReadFailure ? "[red]-1[/] connection closed" : "[red]ERROR[/] " + Markup.Escape(answer.Reason));
        }
        catch (ArgumentException e)
        {
            context.Console.MarkupLine("[red]" + Markup.Escape(Refusal(line) ?? CliMessages.ForArgument(e, null)) + "[/]");
        }
        catch (EsWifiException e)
        {
            context.Console.MarkupLine("[red]" + Markup.Escape(CliMessages.ForModule(e)) + "[/]");
        }
    }

    /// <summary>The console's own words for the commands it does not send (the driver's name API calls).</summary>
    private static string Refusal(string line)
    {
        string name = line.Length >= 2 ? RawAnswer.CommandNameOf(line) : null;
        return name switch
        {
            "ZR" => "ZR is not sent from the console: the module reboots without an answer; any eswifi command with --reset resets it",
            "U0" => "U0 is not sent from the console: the module would switch its baud rate without an answer",
            _ => null,
        };
    }
}
