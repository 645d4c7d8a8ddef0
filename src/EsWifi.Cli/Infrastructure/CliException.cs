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

    /// <summary>The module could not resolve the host name (<c>D0</c> "Host not found").</summary>
    public const int HostNotFound = 7;

    /// <summary>The server refused the connection or could not be reached.</summary>
    public const int ConnectionRefused = 8;

    /// <summary>The module's TLS handshake failed (the server's certificate, or the client's, was not accepted).</summary>
    public const int TlsHandshakeFailed = 9;

    /// <summary>The module is not joined to a network.</summary>
    public const int NotJoined = 10;

    /// <summary>The exit code of a driver failure: one of its own for the kinds a script acts on, 1 otherwise.</summary>
    public static int Of(global::EsWifi.EsWifiException e) => e.Kind switch
    {
        global::EsWifi.EsWifiErrorKind.HostNotFound => HostNotFound,
        global::EsWifi.EsWifiErrorKind.ConnectionRefused => ConnectionRefused,
        global::EsWifi.EsWifiErrorKind.TlsHandshakeFailed => TlsHandshakeFailed,
        global::EsWifi.EsWifiErrorKind.NotJoined => NotJoined,
        _ => ModuleError,
    };
}
