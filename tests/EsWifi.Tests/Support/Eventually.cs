using System.Diagnostics;

namespace EsWifi.Tests.Support;

/// <summary>Waits on a condition itself, bounded by a generous deadline, instead of sleeping a guessed time.</summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails the test after <paramref name="timeoutMilliseconds"/>.</summary>
    public static void True(Func<bool> condition, string what, int timeoutMilliseconds = 10000)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.ElapsedMilliseconds > timeoutMilliseconds)
            {
                Assert.Fail("not within " + timeoutMilliseconds + " ms: " + what);
            }

            Thread.Sleep(1);
        }
    }
}
