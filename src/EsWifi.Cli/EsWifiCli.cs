using System.CommandLine;
using EsWifi.Cli.Commands;
using EsWifi.Cli.Infrastructure;

namespace EsWifi.Cli;

/// <summary>
/// The <c>eswifi</c> command line. Every failure ends in one line on standard error and a non-zero
/// exit code (see <see cref="ExitCodes"/>), never a stack trace.
/// </summary>
public static class EsWifiCli
{
    /// <summary>Runs one command line.</summary>
    /// <param name="cancellation">Where Ctrl-C and SIGTERM arrive (the process's signals, or a test's).</param>
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error, CliCancellation cancellation = null)
    {
        var context = new CliContext(input, output, error, cancellation);
        var link = new LinkOptions();
        var root = new RootCommand("eswifi: drive an Inventek eS-WiFi module from a PC (serial port or spidev), or try it with 'eswifi demo'");
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(InfoCommands.Info(context, link));
        root.Subcommands.Add(InfoCommands.Scan(context, link));
        root.Subcommands.Add(InfoCommands.Join(context, link));
        root.Subcommands.Add(CertificateCommands.Create(context, link));
        root.Subcommands.Add(HttpGetCommand.Create(context, link));
        root.Subcommands.Add(HttpGetCommand.CreatePost(context, link));
        root.Subcommands.Add(AtConsoleCommand.Create(context, link));
        root.Subcommands.Add(EmulateCommand.Create(context));
        foreach (Command command in root.Subcommands)
        {
            // Only where a module is named: demo and emulate bring their own.
            if (command.Name != "demo" && command.Name != "emulate")
            {
                link.AddTo(command);
            }
        }

        CommandHelp.AddExamples(root);

        // Bare "eswifi": the help, as modern tools answer.
        if (args.Length == 0)
        {
            args = new[] { "--help" };
        }

        // "@FILE" is a file for --data, not a response file of more arguments.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            // Usage errors the parser finds exit 2, as documented (1 is the module's).
            string unknown = parse.UnmatchedTokens.FirstOrDefault();
            foreach (var parseError in parse.Errors)
            {
                // A mistyped command also leaves "no command": the token is what to talk about.
                if (unknown == null || parseError.Message != "Required command was not provided.")
                {
                    error.WriteLine("eswifi: " + CliMessages.ForParser(parseError.Message));
                }
            }

            string meant = unknown != null ? CommandHelp.Suggest(parse.CommandResult.Command, unknown) : null;
            if (meant != null)
            {
                error.WriteLine("eswifi: did you mean '" + CommandPath(parse.CommandResult) + " " + meant + "'?");
            }

            error.WriteLine("eswifi: see '" + CommandPath(parse.CommandResult) + " --help'");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception) when (context.Cancellation.IsCancelled)
        {
            // Whatever the stopped operation threw (its socket closed under it): the user's cancel.
            // The socket's close (P6=0) may still be on its way: the module must hear it to the end.
            context.Cancellation.WaitForClosing(30000);
            error.WriteLine("eswifi: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (CliException e)
        {
            error.WriteLine("eswifi: " + e.Message);
            return e.ExitCode;
        }
        catch (EsWifiException e)
        {
            error.WriteLine("eswifi: " + CliMessages.ForModule(e));
            return ExitCodes.Of(e);
        }
        catch (ArgumentException e)
        {
            error.WriteLine("eswifi: " + CliMessages.ForArgument(e, parse));
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is TimeoutException || e is InvalidOperationException)
        {
            error.WriteLine("eswifi: " + e.Message);
            return ExitCodes.ModuleError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("ESWIFI_DEBUG") != "1")
        {
            // Never a stack trace for a user: one line that names the fault (ESWIFI_DEBUG=1 shows it all).
            error.WriteLine("eswifi: internal error: " + e.GetType().Name + ": " + e.Message + " (please report it; ESWIFI_DEBUG=1 shows where)");
            return ExitCodes.ModuleError;
        }
    }

    /// <summary>"eswifi cert program" for the command the parser stopped in.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult command)
    {
        var names = new List<string>();
        for (var at = command; at != null; at = at.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, at.Parent == null ? "eswifi" : at.Command.Name);
        }

        return string.Join(" ", names);
    }
}
