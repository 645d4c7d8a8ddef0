using Spectre.Console;

namespace EsWifi.Cli.Infrastructure;

/// <summary>Where a command reads and writes: the console, or a test's redirected streams.</summary>
public sealed class CliContext
{
    public CliContext(TextReader input, TextWriter output, TextWriter error)
    {
        Input = input;
        Error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == System.Console.Out && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == System.Console.Out && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (output != System.Console.Out || System.Console.IsOutputRedirected)
        {
            // Redirected output has no terminal width; keep table rows and traces on one line.
            Console.Profile.Width = 160;
        }
    }

    public TextReader Input { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Asks a yes/no question on the input; anything but y/yes is no.</summary>
    public bool Confirm(string question)
    {
        Console.Markup(Markup.Escape(question) + " [[y/N]] ");
        string answer = Input.ReadLine();
        Console.WriteLine();
        return answer != null && (answer.Trim().Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Prints one traced exchange, dimmed.</summary>
    public void Trace(AtTraceDirection direction, string text) =>
        Console.MarkupLine("[grey]" + (direction == AtTraceDirection.ToModule ? "  -> " : "  <- ") + Markup.Escape(text) + "[/]");
}
