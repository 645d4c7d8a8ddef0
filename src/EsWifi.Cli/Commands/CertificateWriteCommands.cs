using System.CommandLine;
using EsWifi.Cli.Certificates;
using EsWifi.Cli.Fleet;
using EsWifi.Cli.Infrastructure;
using Spectre.Console;

namespace EsWifi.Cli.Commands;

/// <summary>
/// <c>cert program</c>, <c>cert verify</c> and <c>cert replace</c>. Before anything is written the
/// files are checked as X.509 objects (<see cref="CertificateChecks"/>) and the plan shows what each
/// is; a used slot of a write-once set is only compared; set 3, where the firmware has it, is
/// rewritable and only <c>cert replace</c> overwrites it.
/// </summary>
public static class CertificateWriteCommands
{
    private enum Mode
    {
        Program,
        Verify,
        Replace,
    }

    /// <summary>One file for one slot, in the line endings it will be sent with.</summary>
    private sealed record Item(CertificateKind Kind, string Name, FileInfo File, byte[] Pem, string LineEndings);

    public static Command Program(CliContext context, LinkOptions link) => Create(context, link, Mode.Program);

    public static Command Verify(CliContext context, LinkOptions link) => Create(context, link, Mode.Verify);

    public static Command Replace(CliContext context, LinkOptions link) => Create(context, link, Mode.Replace);

    private static Command Create(CliContext context, LinkOptions link, Mode mode)
    {
        var set = new Option<int?>("--set") { Description = mode == Mode.Replace ? "Certificate set: 3, the rewritable one" : "Certificate set (0-3)" };
        var manifest = new Option<string>("--manifest") { Description = "Program every module of this fleet manifest (JSON or YAML, docs/fleet.md), one after another" };
        var ca = new Option<FileInfo>("--ca") { Description = "Root CA, PEM" };
        var cert = new Option<FileInfo>("--cert") { Description = "Client certificate, PEM" };
        var key = new Option<FileInfo>("--key") { Description = "Private key, PEM (never printed)" };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation" };
        var force = new Option<bool>("--force") { Description = "Write even when a certificate is expired or not yet valid, or a key type or size is not documented for the module" };
        var lineEndings = new Option<string>("--line-endings")
        {
            Description = mode == Mode.Verify
                ? "Compare the files with lf or crlf line endings exactly (default: as they are, and say so when only the line endings differ)"
                : "Send the files with lf (default) or crlf line endings",
        };
        lineEndings.AcceptOnlyFromAmong("lf", "crlf");
        Command command = mode switch
        {
            Mode.Verify => new Command("verify", "Check that programmed slots hold these files (writes nothing)") { set, ca, cert, key, lineEndings },
            Mode.Replace => new Command("replace", "Overwrite slots of the rewritable set 3 (checked and confirmed like program)") { set, ca, cert, key, yes, force, lineEndings },
            _ => new Command("program", "Program empty slots; slots already programmed are only verified") { set, ca, cert, key, yes, force, lineEndings, manifest },
        };
        command.SetAction(parse =>
        {
            if (mode == Mode.Program && parse.GetValue(manifest) != null)
            {
                if (parse.GetValue(set) != null || parse.GetValue(ca) != null || parse.GetValue(cert) != null || parse.GetValue(key) != null || parse.GetValue(link.Port) != null || parse.GetValue(link.Spi) != null)
                {
                    throw new CliException(ExitCodes.UsageError, "with --manifest, the set, files and links come from the manifest: drop --set, --ca, --cert, --key, --port and --spidev");
                }

                var passThrough = new List<string>();
                if (parse.GetValue(yes))
                {
                    passThrough.Add("--yes");
                }

                if (parse.GetValue(force))
                {
                    passThrough.Add("--force");
                }

                if (parse.GetValue(lineEndings) != null)
                {
                    passThrough.AddRange(new[] { "--line-endings", parse.GetValue(lineEndings) });
                }

                passThrough.AddRange(LinkOptions.PassThrough(parse, link));
                return FleetRunner.Run(context, parse.GetValue(manifest), FleetRunner.Job.ProgramCertificates, passThrough);
            }

            int chosen = parse.GetValue(set) ?? throw new CliException(ExitCodes.UsageError, "--set is required (0-3), or --manifest; see 'eswifi cert " + command.Name + " --help'");
            if (chosen < 0 || chosen > CertificateStore.RewritableSet)
            {
                throw new CliException(ExitCodes.UsageError, "--set must be 0 to 3");
            }

            if (mode == Mode.Replace && chosen != CertificateStore.RewritableSet)
            {
                throw new CliException(ExitCodes.UsageError, "cert replace rewrites set 3 only; sets 0-2 are one-time programmable");
            }

            if (mode == Mode.Verify && chosen == CertificateStore.RewritableSet)
            {
                throw new CliException(ExitCodes.UsageError, "set 3 cannot be verified: the module verifies by writing again, which would overwrite a rewritable slot");
            }

            // Writes go in one line-ending form (LF unless told): the module compares bytes later.
            string endings = parse.GetValue(lineEndings) ?? (mode == Mode.Verify ? null : "lf");
            var items = new List<Item>();
            Add(items, CertificateKind.RootCa, "root CA", parse.GetValue(ca), endings);
            Add(items, CertificateKind.Certificate, "certificate", parse.GetValue(cert), endings);
            Add(items, CertificateKind.PrivateKey, "key", parse.GetValue(key), endings);
            if (items.Count == 0)
            {
                throw new CliException(ExitCodes.UsageError, "name at least one of --ca, --cert, --key");
            }

            CertificateChecks checks = CertificateChecks.Run(PemOf(items, CertificateKind.RootCa), PemOf(items, CertificateKind.Certificate), PemOf(items, CertificateKind.PrivateKey), DateTimeOffset.UtcNow);

            using ModuleSession session = ModuleSession.Open(parse, link, context);
            CertificateStore store = session.Module.Certificates;
            CertificateSetStatus status = SetStatus(session, store, chosen);

            var plan = new Table().AddColumn("slot").AddColumn("file").AddColumn("bytes").AddColumn("what it is").AddColumn("action");
            foreach (Item item in items)
            {
                string what = checks.Descriptions.FirstOrDefault(d => d.Slot == item.Name)?.Text ?? string.Empty;
                plan.AddRow("set " + chosen + " " + item.Name, Markup.Escape(item.File.Name), item.Pem.Length + (item.LineEndings != null ? " (" + item.LineEndings.ToUpperInvariant() + ")" : string.Empty), Markup.Escape(what), Action(mode, chosen, status.IsUsed(item.Kind)));
            }

            context.Console.Write(plan);
            foreach (Finding finding in checks.Findings)
            {
                string colour = finding.Level switch { FindingLevel.Refused => "red", FindingLevel.NeedsForce => "yellow", _ => "green" };
                context.Console.MarkupLine("[" + colour + "]" + Markup.Escape("set " + chosen + " " + finding.Slot + ": " + finding.Text) + "[/]");
            }

            if (mode == Mode.Verify)
            {
                return VerifyAll(context, store, chosen, items, status, explicitEndings: endings != null);
            }

            List<Item> writes = items.Where(i => mode == Mode.Replace || !status.IsUsed(i.Kind)).ToList();
            RefuseWhatMustNotBeWritten(checks, writes, parse.GetValue(force));
            if (mode == Mode.Program && chosen == CertificateStore.RewritableSet && items.Any(i => status.IsUsed(i.Kind)))
            {
                throw new CliException(ExitCodes.UsageError, "set 3 " + items.First(i => status.IsUsed(i.Kind)).Name + " is in use; set 3 is rewritable: overwrite it with 'eswifi cert replace --set 3 ...'");
            }

            if (writes.Count > 0 && parse.GetValue(link.ResetPin) < 0)
            {
                // Nothing cut is ever completed, but without the line only a power cycle clears it.
                context.Console.MarkupLine("[yellow]no --reset-pin: if the link fails in the middle of a write, the module must be power-cycled before it is used again (docs/reliability.md)[/]");
            }

            string question = chosen < CertificateStore.WriteOnceSets
                ? "Set " + chosen + " is one-time programmable: the slots marked WRITE can never be changed. Program them?"
                : "Write the marked slots of the rewritable set 3 (what they hold now is lost)?";
            if (writes.Count > 0 && !parse.GetValue(yes) && !context.Confirm(question))
            {
                context.Console.MarkupLine("cancelled: nothing was written");
                return ExitCodes.Cancelled;
            }

            var outcomes = new List<string>();
            foreach (Item item in items)
            {
                // Between objects only: a write already started is never cut by a Ctrl-C.
                context.Cancellation.ThrowIfCancelled();
                outcomes.Add(Write(context, store, mode, chosen, item, status));
            }

            outcomes.ForEach(line => context.Console.MarkupLine(Markup.Escape(line)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static CertificateSetStatus SetStatus(ModuleSession session, CertificateStore store, int set)
    {
        try
        {
            return store.GetStatus(set);
        }
        catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.ModuleError && set == CertificateStore.RewritableSet)
        {
            throw new CliException(ExitCodes.ModuleError, "this firmware (" + session.Module.Info.Firmware.Text + ") has no set 3; its sets 0-2 are one-time programmable");
        }
    }

    private static string Action(Mode mode, int set, bool used)
    {
        bool rewritable = set == CertificateStore.RewritableSet;
        return mode switch
        {
            Mode.Verify => used ? "verify" : "[red]empty: cannot verify[/]",
            Mode.Replace => used ? "[yellow]REPLACE (rewritable)[/]" : "[yellow]WRITE (rewritable)[/]",
            _ when used => rewritable ? "[red]in use: use cert replace[/]" : "verify only (already programmed)",
            _ => rewritable ? "[yellow]WRITE (rewritable)[/]" : "[yellow]WRITE (permanent)[/]",
        };
    }

    /// <summary>Refuses before any byte is sent when a slot about to be written failed a check.</summary>
    private static void RefuseWhatMustNotBeWritten(CertificateChecks checks, List<Item> writes, bool force)
    {
        var written = new HashSet<string>(writes.Select(w => w.Name));
        foreach (Finding finding in checks.Findings)
        {
            bool concerns = written.Contains(finding.Slot) || (finding.AlsoConcerns != null && written.Contains(finding.AlsoConcerns));
            if (!concerns)
            {
                continue;
            }

            if (finding.Level == FindingLevel.Refused)
            {
                throw new CliException(ExitCodes.UsageError, "refused: " + finding.Slot + ": " + finding.Text + "; nothing was written");
            }

            if (finding.Level == FindingLevel.NeedsForce && !force)
            {
                throw new CliException(ExitCodes.UsageError, "refused: " + finding.Slot + ": " + finding.Text + "; nothing was written (--force writes it anyway)");
            }
        }
    }

    private static string Write(CliContext context, CertificateStore store, Mode mode, int set, Item item, CertificateSetStatus status)
    {
        string slot = "set " + set + " " + item.Name;
        if (mode == Mode.Program && status.IsUsed(item.Kind))
        {
            // Already programmed: only compared, in either line ending.
            return slot + ": already matching" + VerifyAnyLineEnding(store, set, item, explicitEndings: false);
        }

        using ProgressReporter progress = ProgressReporter.Start(context, slot, item.Pem.Length);
        string form = " (" + item.LineEndings.ToUpperInvariant() + " line endings)";
        if (mode == Mode.Replace)
        {
            store.Replace(item.Kind, item.Pem, 0, item.Pem.Length, progress.Report);
            return slot + ": written" + form;
        }

        CertificateWriteResult result = store.Program(set, item.Kind, item.Pem, 0, item.Pem.Length, progress.Report);
        return slot + (result == CertificateWriteResult.Written ? ": written" + form : ": already matching");
    }

    private static int VerifyAll(CliContext context, CertificateStore store, int set, List<Item> items, CertificateSetStatus status, bool explicitEndings)
    {
        foreach (Item item in items)
        {
            if (!status.IsUsed(item.Kind))
            {
                throw new CliException(ExitCodes.ModuleError, "set " + set + " " + item.Name + " is empty: nothing to verify (verifying would program it)");
            }

            string how = VerifyAnyLineEnding(store, set, item, explicitEndings);
            context.Console.MarkupLine("set " + set + " " + item.Name + ": matches " + Markup.Escape(item.File.Name) + Markup.Escape(how));
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The module compares bytes, so a CRLF copy of the PEM it holds with LF (or the other way
    /// round) would "hold different data". Unless the line endings were named, a mismatch is tried
    /// once more with the other ones and reported as such; a used slot is only compared, never
    /// written, so the second try is safe.
    /// </summary>
    private static string VerifyAnyLineEnding(CertificateStore store, int set, Item item, bool explicitEndings)
    {
        try
        {
            store.Verify(set, item.Kind, item.Pem, 0, item.Pem.Length);
            return explicitEndings ? " with " + item.LineEndings.ToUpperInvariant() + " line endings" : string.Empty;
        }
        catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.CertificateMismatch && !explicitEndings)
        {
            bool crlf = item.Pem.AsSpan().IndexOf("\r\n"u8) >= 0;
            byte[] other = LineEndings.Convert(item.Pem, crlf ? "lf" : "crlf");
            try
            {
                store.Verify(set, item.Kind, other, 0, other.Length);
            }
            catch (EsWifiException again) when (again.Kind == EsWifiErrorKind.CertificateMismatch)
            {
                throw e;
            }

            string held = crlf ? "lf" : "crlf";
            return " (same certificate with other line endings: the module compares bytes and holds it with " + held.ToUpperInvariant() + "; --line-endings " + held + " compares that form exactly)";
        }
    }

    private static byte[] PemOf(List<Item> items, CertificateKind kind) => items.FirstOrDefault(i => i.Kind == kind)?.Pem;

    private static void Add(List<Item> items, CertificateKind kind, string name, FileInfo file, string endings)
    {
        if (file == null)
        {
            return;
        }

        if (!file.Exists)
        {
            throw new CliException(ExitCodes.UsageError, "no such file: " + file.FullName);
        }

        byte[] pem = System.IO.File.ReadAllBytes(file.FullName);
        if (endings != null)
        {
            pem = LineEndings.Convert(pem, endings);
        }

        try
        {
            PemValidator.Validate(kind, pem, 0, pem.Length, "pem");
        }
        catch (ArgumentException e)
        {
            int cut = e.Message.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new CliException(ExitCodes.UsageError, file.Name + " is not a usable " + name + ": " + (cut >= 0 ? e.Message.Substring(0, cut) : e.Message) + "; nothing was written");
        }

        items.Add(new Item(kind, name, file, pem, endings));
    }
}
