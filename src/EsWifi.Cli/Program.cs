using System.Runtime.InteropServices;
using EsWifi.Cli.Infrastructure;

namespace EsWifi.Cli;

/// <summary>Entry point of the <c>eswifi</c> tool.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var cancellation = new CliCancellation(() =>
        {
            Console.Error.WriteLine("eswifi: cancelled");
            Environment.Exit(ExitCodes.Cancelled);
        });

        // The first Ctrl-C or SIGTERM asks the command to stop; a second one ends the process.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => signal.Cancel = cancellation.Cancel());
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => signal.Cancel = cancellation.Cancel());
        return EsWifiCli.Run(args, Console.In, Console.Out, Console.Error, cancellation);
    }
}
