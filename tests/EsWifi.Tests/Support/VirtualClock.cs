namespace EsWifi.Tests.Support;

/// <summary>
/// Virtual time for tests: <see cref="Sleep"/> advances the counter and runs the actions that
/// became due, so timeouts are exercised without waiting. Time is kept in microseconds:
/// <c>Sleep(0)</c> advances one.
/// </summary>
public sealed class VirtualClock : IClock
{
    private readonly object _sync = new();
    private readonly List<(long At, Action Action)> _scheduled = new();
    private long _now;

    public long NowMilliseconds
    {
        get
        {
            lock (_sync)
            {
                return _now / 1000;
            }
        }
    }

    public long NowMicroseconds
    {
        get
        {
            lock (_sync)
            {
                return _now;
            }
        }
    }

    public void Sleep(int milliseconds)
    {
        long target;
        lock (_sync)
        {
            target = _now + (milliseconds == 0 ? 1 : milliseconds * 1000L);
        }

        while (true)
        {
            Action due = null;
            lock (_sync)
            {
                int next = -1;
                for (int i = 0; i < _scheduled.Count; i++)
                {
                    if (_scheduled[i].At <= target && (next < 0 || _scheduled[i].At < _scheduled[next].At))
                    {
                        next = i;
                    }
                }

                if (next < 0)
                {
                    _now = target;
                    return;
                }

                _now = Math.Max(_now, _scheduled[next].At);
                due = _scheduled[next].Action;
                _scheduled.RemoveAt(next);
            }

            due();
        }
    }

    /// <summary>Runs <paramref name="action"/> once virtual time reaches now + <paramref name="delayMilliseconds"/>.</summary>
    public void Schedule(int delayMilliseconds, Action action) => ScheduleMicroseconds(delayMilliseconds * 1000L, action);

    /// <summary>Runs <paramref name="action"/> once virtual time reaches now + <paramref name="delayMicroseconds"/>.</summary>
    public void ScheduleMicroseconds(long delayMicroseconds, Action action)
    {
        lock (_sync)
        {
            _scheduled.Add((_now + delayMicroseconds, action));
        }
    }
}
