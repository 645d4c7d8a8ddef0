namespace EsWifi.Cli;

/// <summary>Entry point of the <c>eswifi</c> tool.</summary>
public static class Program
{
    public static int Main(string[] args) => EsWifiCli.Run(args, Console.In, Console.Out, Console.Error);
}
