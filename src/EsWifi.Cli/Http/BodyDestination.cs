using EsWifi.Cli.Infrastructure;

namespace EsWifi.Cli.Http;

/// <summary>
/// Where <c>get</c> writes a body, settled before the request is sent: a file (<c>--output FILE</c>,
/// created at once so a bad path fails before anything is fetched) or standard output (none, or
/// <c>--output -</c>). Bytes go out as they arrive. On a terminal a binary body (a NUL among its first
/// bytes) is not written unless <c>--output -</c> asked for standard output by name.
/// </summary>
public sealed class BodyDestination : IDisposable
{
    private readonly CliContext _context;
    private readonly Stream _stream;
    private readonly string _file;
    private readonly bool _guardTerminal;
    private bool _checked;

    private BodyDestination(CliContext context, Stream stream, string file, bool guardTerminal)
    {
        _context = context;
        _stream = stream;
        _file = file;
        _guardTerminal = guardTerminal;
    }

    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Opens the destination named by <c>--output</c> (null: standard output); a path the tool cannot write to exits 2.</summary>
    public static BodyDestination Open(CliContext context, string output)
    {
        if (output == null || output == "-")
        {
            return new BodyDestination(context, context.RawOutput, null, output == null && context.IsTerminal);
        }

        if (Directory.Exists(output))
        {
            throw new CliException(ExitCodes.UsageError, "--output " + output + " is a folder: name a file in it");
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (!Directory.Exists(folder))
        {
            throw new CliException(ExitCodes.UsageError, "--output " + output + ": no such folder " + folder);
        }

        try
        {
            return new BodyDestination(context, new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read), output, false);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, "--output " + output + ": permission denied");
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.UsageError, "--output " + output + ": " + e.Message);
        }
    }

    /// <summary>Writes a piece of the body.</summary>
    public void Write(byte[] buffer, int offset, int count)
    {
        if (!_checked)
        {
            _checked = true;
            if (_guardTerminal && Array.IndexOf(buffer, (byte)0, offset, count) >= 0)
            {
                throw new CliException(ExitCodes.WriteError, "the body is binary: not written to the terminal (use --output FILE, or --output - to write it here anyway)");
            }
        }

        try
        {
            _stream.Write(buffer, offset, count);
            Written += count;
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.WriteError, _file == null
                ? "standard output was closed after " + Written + " body bytes (the reader of the pipe exited)"
                : "could not write " + _file + ": " + e.Message);
        }
    }

    public void Dispose()
    {
        try
        {
            _stream.Flush();
        }
        catch (IOException)
        {
            // A closed pipe was reported by the write that found it.
        }

        if (_file != null)
        {
            _stream.Dispose();
        }
    }
}
