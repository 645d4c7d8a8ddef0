namespace EsWifi.Cli.Infrastructure;

/// <summary>
/// Keeps a second eswifi off a serial port while one uses it: an exclusive lock on a file named
/// after the port in the temporary folder (an advisory flock on Linux, held until the process ends,
/// even by kill -9). A second tool on the same port exits 2 saying the port is busy, instead of
/// resetting the first one's module under it.
/// </summary>
public static class PortLock
{
    /// <summary>Takes the lock for <paramref name="port"/>; dispose to release it.</summary>
    public static IDisposable Acquire(string port)
    {
        string name = "eswifi-" + string.Concat(Path.GetFullPath(port).Select(c => char.IsLetterOrDigit(c) ? c : '_')) + ".lock";
        string path = Path.Combine(Path.GetTempPath(), name);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new CliException(ExitCodes.UsageError, "the port " + port + " is busy: another eswifi is using it (wait for it to end; its lock is " + path + ")");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, "cannot take the lock " + path + " for " + port + " (permission denied)");
        }
    }
}
