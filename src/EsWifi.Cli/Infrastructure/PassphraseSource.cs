using System.Text;

namespace EsWifi.Cli.Infrastructure;

/// <summary>
/// Where a passphrase comes from, the first one given: <c>--passphrase</c> (seen by <c>ps</c> and kept in
/// shell history), <c>--passphrase-file FILE</c> (its first line), the <c>ESWIFI_PASSPHRASE</c>
/// environment variable, or a prompt on the terminal, typed without echo.
/// </summary>
public static class PassphraseSource
{
    /// <summary>The environment variable read when no flag gives the passphrase.</summary>
    public const string Variable = "ESWIFI_PASSPHRASE";

    /// <summary>The passphrase, or null when none was given and none is needed.</summary>
    /// <param name="context">Where a prompt reads and writes.</param>
    /// <param name="given">The value of <c>--passphrase</c>.</param>
    /// <param name="file">The value of <c>--passphrase-file</c>.</param>
    /// <param name="network">The network, named in the prompt.</param>
    /// <param name="needed">True when the network's security takes a passphrase.</param>
    public static string Resolve(CliContext context, string given, string file, string network, bool needed)
    {
        if (given != null && file != null)
        {
            throw new CliException(ExitCodes.UsageError, "give the passphrase once: --passphrase or --passphrase-file");
        }

        if (given != null)
        {
            return given;
        }

        if (file != null)
        {
            if (!File.Exists(file))
            {
                throw new CliException(ExitCodes.UsageError, "--passphrase-file " + file + ": no such file");
            }

            using var reader = new StreamReader(file, Encoding.UTF8);
            return reader.ReadLine() ?? throw new CliException(ExitCodes.UsageError, "--passphrase-file " + file + " is empty");
        }

        string variable = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(variable) || !needed)
        {
            return string.IsNullOrEmpty(variable) ? null : variable;
        }

        if (context.CanPrompt)
        {
            context.Error.Write("passphrase for " + network + ": ");
            string typed = context.Cancellation.WhileWaitingForInput(ReadHidden);
            context.Error.WriteLine();
            return typed;
        }

        throw new CliException(ExitCodes.UsageError, "a passphrase is needed: --passphrase, --passphrase-file FILE or " + Variable + " (or run on a terminal to be asked)");
    }

    /// <summary>A line typed on the console, not echoed.</summary>
    private static string ReadHidden()
    {
        var typed = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                }
            }
            else if (key.KeyChar != '\0')
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
