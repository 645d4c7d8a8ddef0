using System.CommandLine;
using EsWifi.Cli.Infrastructure;
using Spectre.Console;

namespace EsWifi.Cli.Commands;

/// <summary><c>cert</c>: <c>status</c> here; <c>program</c>, <c>verify</c> and <c>replace</c> in <see cref="CertificateWriteCommands"/>.</summary>
public static class CertificateCommands
{
    public static Command Create(CliContext context, LinkOptions link)
    {
        var command = new Command("cert", "Certificate sets for TLS (sets 0-2 are one-time programmable)");
        command.Subcommands.Add(Status(context, link));
        command.Subcommands.Add(CertificateWriteCommands.Program(context, link));
        command.Subcommands.Add(CertificateWriteCommands.Verify(context, link));
        command.Subcommands.Add(CertificateWriteCommands.Replace(context, link));
        return command;
    }

    private static Command Status(CliContext context, LinkOptions link)
    {
        Option<bool> json = JsonOutput.CreateOption();
        var command = new Command("status", "Show which slots of each set are programmed") { json };
        command.SetAction(parse =>
        {
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            var sets = new List<CertificateSetStatus>();
            for (int set = 0; set <= CertificateStore.RewritableSet; set++)
            {
                try
                {
                    sets.Add(session.Module.Certificates.GetStatus(set));
                }
                catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.ModuleError && set == CertificateStore.RewritableSet)
                {
                    // this firmware has no set 3
                }
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(context, w =>
                {
                    w.WriteStartArray("sets");
                    foreach (CertificateSetStatus status in sets)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("set", status.Set);
                        w.WriteString("kind", Kind(status.Set));
                        w.WriteBoolean("rootCa", status.HasRootCa);
                        w.WriteBoolean("certificate", status.HasCertificate);
                        w.WriteBoolean("key", status.HasPrivateKey);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumn("set").AddColumn("root CA").AddColumn("certificate").AddColumn("key").AddColumn("kind");
            foreach (CertificateSetStatus status in sets)
            {
                table.AddRow(status.Set.ToString(), Slot(status.HasRootCa), Slot(status.HasCertificate), Slot(status.HasPrivateKey), Kind(status.Set));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Kind(int set) => set < CertificateStore.WriteOnceSets ? "write-once" : "rewritable";

    private static string Slot(bool used) => used ? "programmed" : "empty";
}
