using System.CommandLine;
using EsWifi.Cli.Infrastructure;
using Spectre.Console;

namespace EsWifi.Cli.Commands;

/// <summary><c>cert status</c>, <c>cert program</c> and <c>cert verify</c>: one-time-programmable safety first.</summary>
public static class CertificateCommands
{
    public static Command Create(CliContext context, LinkOptions link)
    {
        var command = new Command("cert", "Certificate sets for TLS (sets 0-2 are one-time programmable)");
        command.Subcommands.Add(Status(context, link));
        command.Subcommands.Add(Program(context, link, verify: false));
        command.Subcommands.Add(Program(context, link, verify: true));
        return command;
    }

    private static Command Status(CliContext context, LinkOptions link)
    {
        var command = new Command("status", "Show which slots of each set are programmed");
        command.SetAction(parse =>
        {
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            var table = new Table().AddColumn("set").AddColumn("root CA").AddColumn("certificate").AddColumn("key").AddColumn("kind");
            for (int set = 0; set <= CertificateStore.RewritableSet; set++)
            {
                CertificateSetStatus status;
                try
                {
                    status = session.Module.Certificates.GetStatus(set);
                }
                catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.ModuleError && set == CertificateStore.RewritableSet)
                {
                    continue; // this firmware has no set 3
                }

                table.AddRow(set.ToString(), Slot(status.HasRootCa), Slot(status.HasCertificate), Slot(status.HasPrivateKey), set < CertificateStore.WriteOnceSets ? "write-once" : "rewritable");
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Program(CliContext context, LinkOptions link, bool verify)
    {
        var set = new Option<int>("--set") { Description = "Certificate set (0-3)", Required = true };
        var ca = new Option<FileInfo>("--ca") { Description = "Root CA, PEM" };
        var cert = new Option<FileInfo>("--cert") { Description = "Client certificate, PEM" };
        var key = new Option<FileInfo>("--key") { Description = "Private key, PEM (never printed)" };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation" };
        var command = verify
            ? new Command("verify", "Check that programmed slots hold exactly these files (writes nothing)") { set, ca, cert, key }
            : new Command("program", "Program empty slots; slots already programmed are only verified") { set, ca, cert, key, yes };
        command.SetAction(parse =>
        {
            int chosen = parse.GetValue(set);
            if (chosen < 0 || chosen > CertificateStore.RewritableSet)
            {
                throw new CliException(ExitCodes.UsageError, "--set must be 0 to 3");
            }

            var objects = new List<(CertificateKind Kind, string Name, FileInfo File, byte[] Pem)>();
            Add(objects, CertificateKind.RootCa, "root CA", parse.GetValue(ca));
            Add(objects, CertificateKind.Certificate, "certificate", parse.GetValue(cert));
            Add(objects, CertificateKind.PrivateKey, "key", parse.GetValue(key));
            if (objects.Count == 0)
            {
                throw new CliException(ExitCodes.UsageError, "name at least one of --ca, --cert, --key");
            }

            using ModuleSession session = ModuleSession.Open(parse, link, context);
            CertificateStore store = session.Module.Certificates;
            CertificateSetStatus status = store.GetStatus(chosen);

            var plan = new Table().AddColumn("slot").AddColumn("file").AddColumn("bytes").AddColumn("action");
            foreach (var item in objects)
            {
                bool used = status.IsUsed(item.Kind);
                string action = verify
                    ? (used ? "verify" : "[red]empty: cannot verify[/]")
                    : used ? (chosen == CertificateStore.RewritableSet ? "[red]in use (rewritable set: refused)[/]" : "verify only (already programmed)") : "[yellow]WRITE (permanent)[/]";
                plan.AddRow("set " + chosen + " " + item.Name, Markup.Escape(item.File.Name), item.Pem.Length.ToString(), action);
            }

            context.Console.Write(plan);
            if (verify)
            {
                return VerifyAll(context, store, chosen, objects, status);
            }

            bool writes = objects.Any(o => !status.IsUsed(o.Kind));
            if (writes && parse.GetValue(link.ResetPin) < 0)
            {
                // Nothing cut is ever completed, but without the line only a power cycle clears it.
                context.Console.MarkupLine("[yellow]no --reset-pin: if the link fails in the middle of a write, the module must be power-cycled before it is used again (docs/reliability.md)[/]");
            }

            if (writes && chosen < CertificateStore.WriteOnceSets && !parse.GetValue(yes)
                && !context.Confirm("Set " + chosen + " is one-time programmable: the slots marked WRITE can never be changed. Program them?"))
            {
                context.Console.MarkupLine("cancelled: nothing was written");
                return ExitCodes.Cancelled;
            }

            foreach (var item in objects)
            {
                if (status.IsUsed(item.Kind) && chosen == CertificateStore.RewritableSet)
                {
                    throw new CliException(ExitCodes.ModuleError, "set 3 " + item.Name + " is in use; it is rewritable, but this tool does not overwrite slots");
                }
            }

            var outcomes = new List<string>();
            context.Console.Progress().Start(progress =>
            {
                foreach (var item in objects)
                {
                    ProgressTask task = progress.AddTask("set " + chosen + " " + item.Name, maxValue: item.Pem.Length);
                    if (status.IsUsed(item.Kind))
                    {
                        // Already programmed: only compared, in either line ending.
                        string how = VerifyAnyLineEnding(store, chosen, item.Kind, item.Pem);
                        task.Value = item.Pem.Length;
                        outcomes.Add("set " + chosen + " " + item.Name + ": already matching" + how);
                        continue;
                    }

                    CertificateWriteResult result = store.Program(chosen, item.Kind, item.Pem, 0, item.Pem.Length, (sent, total) => task.Value = sent);
                    task.Value = item.Pem.Length;
                    outcomes.Add("set " + chosen + " " + item.Name + (result == CertificateWriteResult.Written ? ": written" : ": already matching"));
                }
            });
            outcomes.ForEach(line => context.Console.MarkupLine(Markup.Escape(line)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int VerifyAll(CliContext context, CertificateStore store, int set, List<(CertificateKind Kind, string Name, FileInfo File, byte[] Pem)> objects, CertificateSetStatus status)
    {
        foreach (var item in objects)
        {
            if (!status.IsUsed(item.Kind))
            {
                throw new CliException(ExitCodes.ModuleError, "set " + set + " " + item.Name + " is empty: nothing to verify (verifying would program it)");
            }

            string how = VerifyAnyLineEnding(store, set, item.Kind, item.Pem);
            context.Console.MarkupLine("set " + set + " " + item.Name + ": matches " + Markup.Escape(item.File.Name) + how);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The module compares bytes, so a CRLF copy of the PEM it holds with LF (or the other way
    /// round) would "hold different data". A mismatch is tried once more with the other line
    /// endings; a used slot is only compared, never written, so the second try is safe.
    /// </summary>
    private static string VerifyAnyLineEnding(CertificateStore store, int set, CertificateKind kind, byte[] pem)
    {
        try
        {
            store.Verify(set, kind, pem, 0, pem.Length);
            return string.Empty;
        }
        catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.CertificateMismatch)
        {
            bool crlf = pem.AsSpan().IndexOf("\r\n"u8) >= 0;
            byte[] other = crlf ? Replace(pem, "\r\n"u8, "\n"u8) : Replace(pem, "\n"u8, "\r\n"u8);
            try
            {
                store.Verify(set, kind, other, 0, other.Length);
            }
            catch (EsWifiException again) when (again.Kind == EsWifiErrorKind.CertificateMismatch)
            {
                throw e;
            }

            return crlf ? " (the module holds it with LF line endings)" : " (the module holds it with CRLF line endings)";
        }
    }

    private static byte[] Replace(byte[] text, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var result = new List<byte>(text.Length + 64);
        for (int i = 0; i < text.Length;)
        {
            if (text.AsSpan(i).StartsWith(from))
            {
                result.AddRange(to.ToArray());
                i += from.Length;
            }
            else
            {
                result.Add(text[i++]);
            }
        }

        return result.ToArray();
    }

    private static void Add(List<(CertificateKind, string, FileInfo, byte[])> objects, CertificateKind kind, string name, FileInfo file)
    {
        if (file == null)
        {
            return;
        }

        if (!file.Exists)
        {
            throw new CliException(ExitCodes.UsageError, "no such file: " + file.FullName);
        }

        byte[] pem = File.ReadAllBytes(file.FullName);
        try
        {
            PemValidator.Validate(kind, pem, 0, pem.Length, "pem");
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.UsageError, file.Name + " is not a usable " + name + ": " + FirstSentence(e.Message) + "; nothing was written");
        }

        objects.Add((kind, name, file, pem));
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut >= 0 ? message.Substring(0, cut) : message;
    }

    private static string Slot(bool used) => used ? "programmed" : "empty";
}
