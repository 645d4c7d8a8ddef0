namespace EsWifi.Cli.Infrastructure;

/// <summary>
/// Progress of long work (bytes of a certificate object, a download, a scan's seconds) on standard error, and only
/// when standard error is a terminal: one line rewritten in place, cleared at the end. Off a
/// terminal it prints nothing, so logs and pipes stay clean.
/// </summary>
public sealed class ProgressReporter : IDisposable
{
    private readonly TextWriter _terminal;
    private readonly string _label;
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();
    private long _lastShown = -1;
    private bool _ended;

    private ProgressReporter(TextWriter terminal, string label, long total)
    {
        _terminal = terminal;
        _label = label;
        Total = total;
    }

    /// <summary>The bytes expected in all, once known (negative: unknown).</summary>
    public long Total { get; set; }

    /// <summary>Starts reporting <paramref name="label"/> of <paramref name="total"/> bytes (negative: unknown).</summary>
    public static ProgressReporter Start(CliContext context, string label, long total) =>
        new(context.ErrorIsTerminal ? context.Error : null, label, total);

    /// <summary>
    /// For work with no byte count (a scan): the seconds so far, refreshed four times a second, on a
    /// terminal's stderr only. Dispose ends and clears it.
    /// </summary>
    public static IDisposable Elapsed(CliContext context, string label)
    {
        var reporter = Start(context, label, -1);
        if (reporter._terminal == null)
        {
            return reporter;
        }

        var timer = new Timer(_ => reporter.ShowElapsed(), null, 250, 250);
        return new Closing(() =>
        {
            timer.Dispose();
            reporter.Dispose();
        });
    }

    /// <summary>The driver's progress callback shape: bytes sent so far of the total.</summary>
    public void Report(int done, int total) => Report(done);

    /// <summary>Shows <paramref name="done"/> bytes, the rate and, when the total is known, the time left.</summary>
    public void Report(long done)
    {
        if (_terminal == null || done == _lastShown || (_watch.ElapsedMilliseconds < 100 && done != Total))
        {
            return;
        }

        _lastShown = done;
        double seconds = Math.Max(_watch.Elapsed.TotalSeconds, 0.001);
        double rate = done / seconds;
        string line = _label + ": " + done + (Total >= 0 ? " of " + Total : string.Empty) + " bytes, " + Human(rate) + "/s";
        if (Total > 0 && rate > 0 && done < Total)
        {
            line += ", " + Math.Ceiling((Total - done) / rate) + " s left";
        }

        _terminal.Write("\r" + line + "\u001b[K");
    }

    private void ShowElapsed()
    {
        lock (_watch)
        {
            if (_ended)
            {
                return;
            }

            _lastShown = 0;
            _terminal.Write("\r" + _label + ": " + _watch.Elapsed.TotalSeconds.ToString("F1") + " s\u001b[K");
        }
    }

    public void Dispose()
    {
        lock (_watch)
        {
            _ended = true;
            if (_terminal != null && _lastShown >= 0)
            {
                _terminal.Write("\r\u001b[K");
            }
        }
    }

    private static string Human(double bytesPerSecond) =>
        bytesPerSecond >= 1024 * 1024 ? (bytesPerSecond / (1024 * 1024)).ToString("F1") + " MiB" :
        bytesPerSecond >= 1024 ? (bytesPerSecond / 1024).ToString("F1") + " KiB" : ((int)bytesPerSecond) + " B";
}
