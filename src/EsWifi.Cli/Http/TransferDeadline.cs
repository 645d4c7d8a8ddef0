using EsWifi.Cli.Infrastructure;

namespace EsWifi.Cli.Http;

/// <summary>
/// <c>--max-time</c>: when the time is up the open connection is closed (P6=0, so a read waiting
/// on a silent server ends at once) and the transfer fails with exit 5. A module command already
/// sent (a connect in progress) is answered first; the check after it then fails.
/// </summary>
public sealed class TransferDeadline : IDisposable
{
    private readonly double _seconds;
    private readonly DateTime _end;
    private readonly Timer _timer;
    private readonly object _sync = new();
    private IDisposable _connection;
    private bool _passed;

    /// <param name="seconds">The limit; 0 for none.</param>
    public TransferDeadline(double seconds)
    {
        _seconds = seconds;
        if (seconds > 0)
        {
            _end = DateTime.UtcNow.AddSeconds(seconds);
            _timer = new Timer(_ => Pass(), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The connection to close when the time is up (replacing the one before).</summary>
    public void Closes(IDisposable connection)
    {
        bool late;
        lock (_sync)
        {
            _connection = connection;
            late = _passed;
        }

        if (late)
        {
            connection.Dispose();
        }
    }

    /// <summary>True once the time is up.</summary>
    public bool HasPassed => _seconds > 0 && (_passed || DateTime.UtcNow >= _end);

    /// <summary>Throws the exit-5 failure once the time is up.</summary>
    public void ThrowIfPassed(long received)
    {
        if (HasPassed)
        {
            throw new CliException(ExitCodes.TimedOut, "--max-time " + _seconds + " s reached" + (received > 0 ? " after " + received + " bytes" : string.Empty) + "; the body written so far is incomplete");
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Pass()
    {
        IDisposable connection;
        lock (_sync)
        {
            _passed = true;
            connection = _connection;
        }

        connection?.Dispose();
    }
}
