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
        command.SetAction(parse =>
        {
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            AtChannel channel = session.Module.Channel;
            channel.Trace = context.Trace;
            while (true)
            {
                context.Console.Markup("at> ");
                string line = context.Input.ReadLine();
                if (line == null || line.Trim().Length == 0 || line.Trim() == "exit")
                {
                    return ExitCodes.Ok;
                }

                Run(context, channel, line.Trim());
            }
        });
        return command;
    }

    private static void Run(CliContext context, AtChannel channel, string line)
    {
        string name = line.Length >= 2 ? line.Substring(0, 2) : line;
        if (name == "S3" || name == "PG" || name == "S0")
        {
            context.Console.MarkupLine("[yellow]binary commands are not sent from the console[/]");
            return;
        }

        try
        {
            lock (channel.SyncRoot)
            {
                AtCommandWriter writer = channel.Writer.Command(name.ToUpperInvariant());
                if (line.Length > 2)
                {
                    string rest = line.Substring(2);
                    writer.Text(rest.StartsWith('=') ? rest.Substring(1) : rest, "arguments", 140, true);
                }

                writer.End();
                AtResponse answer = channel.Execute(30000);
                context.Console.MarkupLine(answer.Kind == AtResponseKind.Ok ? "[green]OK[/] " + Markup.Escape(answer.PayloadText()) : "[red]" + answer.Kind + "[/] " + Markup.Escape(answer.ReasonText()));
            }
        }
        catch (Exception e) when (e is ArgumentException || e is EsWifiException)
        {
            context.Console.MarkupLine("[red]" + Markup.Escape(e.Message) + "[/]");
        }
    }
}
