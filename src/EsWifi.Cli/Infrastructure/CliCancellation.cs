namespace EsWifi.Cli.Infrastructure;

/// <summary>
/// Ctrl-C and SIGTERM for every command. The first request closes what the command registered
/// (a module socket: its close sends P6=0 and ends a read or write in progress), so the command
/// stops at its next step, leaves the module joined and the tool exits 3 with "cancelled". A module
/// command already sent is never cut: its answer is awaited (a certificate write is never left half
/// done). While the command waits for typed input there is nothing to stop, so the tool exits at
/// once. A second request ends the process at once (the signal's own exit).
/// </summary>
public sealed class CliCancellation
{
    private readonly object _sync = new();
    private readonly List<IDisposable> _closeOnCancel = new();
    private readonly Action _exitNow;
    private bool _waitingForInput;
    private Thread _closing;

    /// <param name="exitNow">Ends the process while input is awaited (prints nothing itself).</param>
    public CliCancellation(Action exitNow = null) => _exitNow = exitNow;

    /// <summary>True once a cancel was requested.</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>
    /// Asks the running command to stop and returns at once (the closing runs on its own thread, so
    /// a signal handler is free for the next signal). Returns false when a cancel was already under
    /// way: the caller should then let the process end.
    /// </summary>
    public bool Cancel()
    {
        IDisposable[] closing;
        lock (_sync)
        {
            if (IsCancelled)
            {
                return false;
            }

            IsCancelled = true;
            if (_waitingForInput && _exitNow != null)
            {
                _exitNow();
                return true;
            }

            closing = _closeOnCancel.ToArray();
            _closeOnCancel.Clear();
        }

        var thread = new Thread(() =>
        {
            foreach (IDisposable resource in closing)
            {
                resource.Dispose();
            }
        }) { IsBackground = true, Name = "eswifi cancel" };
        lock (_sync)
        {
            _closing = thread;
        }

        thread.Start();
        return true;
    }

    /// <summary>Closes <paramref name="resource"/> on cancel (at once, when cancel came already).</summary>
    public T CloseOnCancel<T>(T resource)
        where T : IDisposable
    {
        lock (_sync)
        {
            if (!IsCancelled)
            {
                _closeOnCancel.Add(resource);
                return resource;
            }
        }

        resource.Dispose();
        throw Cancelled();
    }

    /// <summary>
    /// Waits until what the cancel closes is closed (the module answered P6=0), so the process
    /// never exits in the middle of that command. Bounded; a second Ctrl-C ends the wait anyway.
    /// </summary>
    public void WaitForClosing(int timeoutMilliseconds)
    {
        Thread closing;
        lock (_sync)
        {
            closing = _closing;
        }

        closing?.Join(timeoutMilliseconds);
    }

    /// <summary>Throws the "cancelled" failure when a cancel was requested.</summary>
    public void ThrowIfCancelled()
    {
        if (IsCancelled)
        {
            throw Cancelled();
        }
    }

    /// <summary>Reads a line of typed input; a cancel meanwhile ends the process (nothing runs).</summary>
    public string ReadLine(TextReader input) => WhileWaitingForInput(input.ReadLine);

    /// <summary>Stops closing <paramref name="resource"/> on cancel (its risky part is over).</summary>
    public void Release(IDisposable resource)
    {
        lock (_sync)
        {
            _closeOnCancel.Remove(resource);
        }
    }

    /// <summary>Runs <paramref name="read"/> (typed input); a cancel meanwhile ends the process (nothing runs).</summary>
    public string WhileWaitingForInput(Func<string> read)
    {
        lock (_sync)
        {
            ThrowIfCancelled();
            _waitingForInput = true;
        }

        try
        {
            return read();
        }
        finally
        {
            lock (_sync)
            {
                _waitingForInput = false;
            }
        }
    }

    private static CliException Cancelled() => new(ExitCodes.Cancelled, "cancelled");
}
