using System.Diagnostics;

namespace EsWifi.NanoClrBench;

/// <summary>
/// One run of nanoCLR (../shared/nanoclr/run.sh) on a list of .pe files, with COM ports mapped to
/// pseudo-terminals; its output lines are echoed and kept. Ends when the program exits, when a line
/// says it is done (a sample that sleeps for ever afterwards), or at the time limit.
/// </summary>
public static class NanoClr
{
    public sealed class Result
    {
        public List<string> Lines { get; } = new();

        public bool TimedOut { get; set; }

        public int ExitCode { get; set; }

        public bool FinishedByLine { get; set; }
    }

    /// <param name="kit">The nanoCLR kit folder.</param>
    /// <param name="peFiles">The .pe files in load order (mscorlib is added by run.sh).</param>
    /// <param name="ports">COM port name to device path, e.g. COM2 → /dev/pts/3.</param>
    /// <param name="finished">True for the line after which the program has nothing more to do; null to wait for its exit.</param>
    /// <param name="seconds">The time limit.</param>
    /// <param name="echo">Where each output line goes as it arrives.</param>
    public static Result Run(string kit, IEnumerable<string> peFiles, IDictionary<string, string> ports, Func<string, bool> finished, int seconds, Action<string> echo)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(kit, "run.sh"));
        start.ArgumentList.Add("--timeout");
        start.ArgumentList.Add((seconds + 30).ToString());
        foreach (string pe in peFiles)
        {
            start.ArgumentList.Add(pe);
        }

        foreach (KeyValuePair<string, string> port in ports)
        {
            start.Environment["NANOCLR_" + port.Key] = port.Value;
        }

        var result = new Result();
        using var process = Process.Start(start);
        using var done = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                echo("stderr: " + e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null)
            {
                done.Set();
                return;
            }

            lock (result.Lines)
            {
                result.Lines.Add(e.Data);
            }

            echo(e.Data);
            if (finished != null && finished(e.Data))
            {
                result.FinishedByLine = true;
                done.Set();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!done.Wait(TimeSpan.FromSeconds(seconds)))
        {
            result.TimedOut = true;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(10000);
        result.ExitCode = process.HasExited ? process.ExitCode : -1;
        return result;
    }
}
