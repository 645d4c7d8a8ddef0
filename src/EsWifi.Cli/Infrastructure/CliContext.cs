using Spectre.Console;

namespace EsWifi.Cli.Infrastructure;

/// <summary>Where a command reads and writes: the console, or a test's redirected streams.</summary>
public sealed class CliContext
{
    private readonly TextWriter _output;

    public CliContext(TextReader input, TextWriter output, TextWriter error, CliCancellation cancellation = null)
    {
        Input = input;
        Cancellation = cancellation ?? new CliCancellation();
        Error = error;
        _output = output;
        RawOutput = output == System.Console.Out ? System.Console.OpenStandardOutput() : new Latin1WriterStream(output);
        IsTerminal = output == System.Console.Out && !System.Console.IsOutputRedirected;
        ErrorIsTerminal = error == System.Console.Error && !System.Console.IsErrorRedirected;
        UsesColor = IsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = UsesColor ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = UsesColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!IsTerminal)
        {
            // Redirected output has no terminal width: a table row stays one line, never wrapped.
            Console.Profile.Width = 4096;
        }
    }

    public TextReader Input { get; }

    /// <summary>The writer standard output goes to (a fleet run hands it to each module's command).</summary>
    public TextWriter OutputWriter => _output;

    /// <summary>True when standard output is a terminal (not a pipe, a file or a test's writer).</summary>
    public bool IsTerminal { get; }

    /// <summary>True when standard error is a terminal: where progress is shown.</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>Colours and markup effects: on a terminal only, and never with NO_COLOR set.</summary>
    public bool UsesColor { get; }

    /// <summary>Ctrl-C and SIGTERM: what a command closes when asked to stop.</summary>
    public CliCancellation Cancellation { get; }

    /// <summary>
    /// Where byte-exact output goes (a downloaded body): the process's standard output stream, or,
    /// when the tool runs on another writer (tests), that writer with each byte as one Latin-1 char.
    /// </summary>
    public Stream RawOutput { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    /// <summary>True when the tool runs on a terminal it can ask questions on (not in a pipe, a script or a test).</summary>
    public bool CanPrompt => Input == System.Console.In && !System.Console.IsInputRedirected && ErrorIsTerminal;

    /// <summary>Asks a yes/no question on the input; anything but y/yes is no.</summary>
    public bool Confirm(string question)
    {
        // On standard error, as progress is: with standard output redirected (> plan.txt) the
        // question still shows on the terminal that answers it.
        Error.Write(question + " [y/N] ");
        Error.Flush();
        string answer = Cancellation.ReadLine(Input);
        Error.WriteLine();
        return answer != null && (answer.Trim().Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Prints one traced frame as one line on standard output, never wrapped (the driver escapes
    /// its control bytes and elides long data); dimmed on a colour terminal. For the demo and the
    /// AT console, whose output is the exchange.
    /// </summary>
    public void Trace(AtTraceDirection direction, string text) => TraceTo(_output, UsesColor, direction, text);

    /// <summary>
    /// The same on standard error: <c>--trace</c> of the other commands, whose standard output is
    /// data (a body, a JSON document, a table) that a trace must never mix into.
    /// </summary>
    public void TraceToError(AtTraceDirection direction, string text) => TraceTo(Error, false, direction, text);

    private static void TraceTo(TextWriter writer, bool dim, AtTraceDirection direction, string text)
    {
        string line = (direction == AtTraceDirection.ToModule ? "  -> " : "  <- ") + text;
        lock (writer)
        {
            writer.WriteLine(dim ? "\u001b[90m" + line + "\u001b[0m" : line);
        }
    }
}

/// <summary>Bytes to a <see cref="TextWriter"/>, one Latin-1 char each (no decoding, nothing lost).</summary>
internal sealed class Latin1WriterStream : Stream
{
    private readonly TextWriter _writer;

    public Latin1WriterStream(TextWriter writer) => _writer = writer;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => _writer.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => _writer.Write(System.Text.Encoding.Latin1.GetString(buffer, offset, count));
}
