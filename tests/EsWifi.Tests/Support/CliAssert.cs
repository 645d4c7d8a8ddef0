namespace EsWifi.Tests.Support;

/// <summary>Checks on an in-process run of the eswifi tool that name the tool's own error when they fail.</summary>
public static class CliAssert
{
    /// <summary>The run ended with <paramref name="expected"/>; else fails with the tool's standard error.</summary>
    public static void Exit(int expected, (int Exit, string Output, string Error) run)
    {
        Assert.True(run.Exit == expected, "exit code " + run.Exit + ", expected " + expected + "; the tool said: " + run.Error);
    }
}
