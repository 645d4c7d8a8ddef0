namespace EsWifi.Cli.Infrastructure;

/// <summary>A failure the tool reports as one line with a chosen exit code.</summary>
public sealed class CliException : Exception
{
    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}

/// <summary>The tool's exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The module, or the server behind it, failed (also a response that breaks HTTP).</summary>
    public const int ModuleError = 1;

    /// <summary>A usage error, or a file the tool cannot use (an input, or the <c>--output</c> destination).</summary>
    public const int UsageError = 2;

    public const int Cancelled = 3;

    /// <summary><c>get</c>: the server answered with an HTTP status of 400 or more.</summary>
    public const int HttpError = 4;

    /// <summary><c>get</c>: <c>--max-time</c> ran out.</summary>
    public const int TimedOut = 5;

    /// <summary><c>get</c>: the body could not be written (a closed pipe, a full disk, or binary refused on a terminal).</summary>
    public const int WriteError = 6;
}
