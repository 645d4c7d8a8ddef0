using EsWifi.Cli.Infrastructure;
using Spectre.Console;

namespace EsWifi.Cli.Fleet;

/// <summary>
/// Runs one command (<c>cert program</c> or <c>join</c>) over every module of a manifest, one
/// after another, each exactly as if it had been typed with that module's flags (so every check
/// and OTP rule holds: a used slot is only verified, permanent writes need <c>--yes</c> or a
/// typed yes), then prints a summary table. The exit code is 0 only when every module succeeded.
/// </summary>
public static class FleetRunner
{
    /// <summary>What a fleet run does for each module.</summary>
    public enum Job
    {
        ProgramCertificates,
        Join,
    }

    public static int Run(CliContext context, string manifestPath, Job job, IEnumerable<string> passThrough)
    {
        FleetManifest manifest;
        try
        {
            manifest = FleetManifest.Load(manifestPath);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException)
        {
            throw new CliException(ExitCodes.UsageError, "cannot read the manifest " + manifestPath + ": " + e.Message.Split('\n')[0]);
        }

        if (manifest.Modules.Count == 0)
        {
            throw new CliException(ExitCodes.UsageError, "the manifest " + manifestPath + " lists no modules");
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath));
        var plans = new List<(string Name, string[] Args)>();
        for (int i = 0; i < manifest.Modules.Count; i++)
        {
            plans.Add(Arguments(manifest, manifest.Modules[i], i, folder, job, passThrough.ToArray()));
        }

        var results = new List<(string Name, int Exit, string Message)>();
        foreach (var (name, args) in plans)
        {
            context.Cancellation.ThrowIfCancelled();
            context.Console.MarkupLine("[bold]== " + Markup.Escape(name) + " (" + (results.Count + 1) + " of " + plans.Count + ") ==[/]");
            var errors = new LastLineWriter(context.Error);
            int exit = EsWifiCli.Run(args, context.Input, OutputOf(context), errors, context.Cancellation);
            results.Add((name, exit, exit == ExitCodes.Ok ? "ok" : errors.LastLine ?? "exit " + exit));
            if (exit == ExitCodes.Cancelled && context.Cancellation.IsCancelled)
            {
                break;
            }
        }

        var summary = new Table().AddColumn("module").AddColumn("exit").AddColumn("result");
        foreach (var (name, exit, message) in results)
        {
            summary.AddRow(Markup.Escape(name), exit.ToString(), exit == 0 ? "[green]ok[/]" : "[red]" + Markup.Escape(message) + "[/]");
        }

        context.Console.Write(summary);
        int failed = results.Count(r => r.Exit != 0);
        context.Console.MarkupLine(failed == 0 ? "[green]" + results.Count + " of " + plans.Count + " modules done[/]" : "[red]" + failed + " of " + plans.Count + " modules failed[/]" + (results.Count < plans.Count ? " (" + (plans.Count - results.Count) + " not tried)" : string.Empty));
        context.Cancellation.ThrowIfCancelled();
        return failed == 0 && results.Count == plans.Count ? ExitCodes.Ok : ExitCodes.ModuleError;
    }

    /// <summary>The command line the module would have been given by hand.</summary>
    private static (string Name, string[] Args) Arguments(FleetManifest manifest, FleetModule module, int index, string folder, Job job, string[] passThrough)
    {
        var args = new List<string>();
        if (job == Job.ProgramCertificates)
        {
            args.AddRange(new[] { "cert", "program" });
            int? set = module.Set ?? manifest.Set;
            if (set == null)
            {
                throw new CliException(ExitCodes.UsageError, "the manifest gives module " + (index + 1) + " no set (\"set\": 0-3)");
            }

            args.AddRange(new[] { "--set", set.Value.ToString() });
            AddPath(args, "--ca", module.Ca ?? manifest.Ca, folder);
            AddPath(args, "--cert", module.Cert ?? manifest.Cert, folder);
            AddPath(args, "--key", module.Key ?? manifest.Key, folder);
        }
        else
        {
            args.Add("join");
            string ssid = module.Ssid ?? manifest.Ssid ?? throw new CliException(ExitCodes.UsageError, "the manifest gives module " + (index + 1) + " no ssid");
            args.AddRange(new[] { "--ssid", ssid });
            Add(args, "--passphrase", module.Passphrase ?? manifest.Passphrase);
            Add(args, "--security", module.Security ?? manifest.Security);
        }

        if ((module.Port == null) == (module.Spidev == null))
        {
            throw new CliException(ExitCodes.UsageError, "module " + (index + 1) + " of the manifest needs exactly one of \"port\" and \"spidev\"");
        }

        Add(args, "--port", module.Port);
        Add(args, "--baud", module.Baud?.ToString());
        Add(args, "--spidev", module.Spidev);
        Add(args, "--cs-pin", module.CsPin?.ToString());
        Add(args, "--drdy-pin", module.DrdyPin?.ToString());
        Add(args, "--reset-pin", module.ResetPin?.ToString());
        args.AddRange(passThrough);
        string name = module.Name ?? module.Port ?? "/dev/spidev" + module.Spidev;
        return (name, args.ToArray());
    }

    private static void Add(List<string> args, string flag, string value)
    {
        if (value != null)
        {
            args.Add(flag);
            args.Add(value);
        }
    }

    private static void AddPath(List<string> args, string flag, string path, string folder) =>
        Add(args, flag, path == null ? null : Path.GetFullPath(path, folder));

    private static TextWriter OutputOf(CliContext context) => context.OutputWriter;

    /// <summary>Passes error text through and keeps its last line for the summary.</summary>
    private sealed class LastLineWriter : TextWriter
    {
        private readonly TextWriter _inner;
        private readonly System.Text.StringBuilder _line = new();

        public LastLineWriter(TextWriter inner) => _inner = inner;

        public string LastLine { get; private set; }

        public override System.Text.Encoding Encoding => _inner.Encoding;

        public override void Write(char value)
        {
            _inner.Write(value);
            if (value == '\n')
            {
                string line = _line.ToString().TrimEnd('\r');
                if (line.Length > 0)
                {
                    LastLine = line.StartsWith("eswifi: ", StringComparison.Ordinal) ? line.Substring(8) : line;
                }

                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
