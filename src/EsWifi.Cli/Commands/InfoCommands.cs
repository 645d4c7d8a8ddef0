using System.CommandLine;
using EsWifi.Cli.Infrastructure;
using Spectre.Console;

namespace EsWifi.Cli.Commands;

/// <summary><c>info</c>, <c>scan</c> and <c>join</c>.</summary>
public static class InfoCommands
{
    public static Command Info(CliContext context, LinkOptions link)
    {
        Option<bool> json = JsonOutput.CreateOption();
        var command = new Command("info", "Show the module's identity, firmware and network state") { json };
        command.SetAction(parse =>
        {
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            EsWifiModule module = session.Module;
            if (parse.GetValue(json))
            {
                string mac = module.GetMacAddress();
                bool connected = module.Wifi.IsConnected;
                int? rssi = connected ? module.Wifi.Rssi : null;
                string address = connected ? module.Wifi.GetIpConfiguration().Address : null;
                JsonOutput.Write(context, w =>
                {
                    w.WriteString("product", module.Info.ProductId);
                    w.WriteString("name", module.Info.ProductName);
                    w.WriteString("firmware", module.Info.Firmware.Text);
                    w.WriteString("api", module.Info.ApiVersion);
                    w.WriteString("stack", module.Info.StackVersion);
                    w.WriteString("rtos", module.Info.RtosVersion);
                    w.WriteString("mac", mac);
                    w.WriteBoolean("joined", connected);
                    WriteNullable(w, "rssi", rssi);
                    w.WriteString("address", address);
                });
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumn("field").AddColumn("value");
            table.AddRow("product", Markup.Escape(module.Info.ProductId));
            table.AddRow("name", Markup.Escape(module.Info.ProductName));
            table.AddRow("firmware", Markup.Escape(module.Info.Firmware.Text));
            table.AddRow("api / stack / rtos", Markup.Escape(module.Info.ApiVersion + " / " + module.Info.StackVersion + " / " + module.Info.RtosVersion));
            table.AddRow("mac", Markup.Escape(module.GetMacAddress()));
            bool joined = module.Wifi.IsConnected;
            table.AddRow("wi-fi", joined ? "joined, RSSI " + module.Wifi.Rssi + " dBm" : "not joined");
            if (joined)
            {
                table.AddRow("address", Markup.Escape(module.Wifi.GetIpConfiguration().Address));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Scan(CliContext context, LinkOptions link)
    {
        Option<bool> json = JsonOutput.CreateOption();
        var command = new Command("scan", "List the access points the module sees") { json };
        command.SetAction(parse =>
        {
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            AccessPointInfo[] found;
            using (ProgressReporter.Elapsed(context, "scanning"))
            {
                found = session.Module.Wifi.Scan();
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(context, w =>
                {
                    w.WriteStartArray("accessPoints");
                    foreach (AccessPointInfo ap in found.OrderByDescending(a => a.Rssi))
                    {
                        w.WriteStartObject();
                        w.WriteString("ssid", ap.Ssid);
                        w.WriteString("bssid", ap.Bssid);
                        w.WriteNumber("rssi", ap.Rssi);
                        w.WriteNumber("channel", ap.Channel);
                        w.WriteString("security", ap.SecurityText);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumn("SSID").AddColumn("BSSID").AddColumn("RSSI").AddColumn("channel").AddColumn("security");
            foreach (AccessPointInfo ap in found.OrderByDescending(a => a.Rssi))
            {
                table.AddRow(Markup.Escape(ap.Ssid), ap.Bssid, ap.Rssi + " dBm", ap.Channel.ToString(), Markup.Escape(ap.SecurityText));
            }

            context.Console.Write(table);
            context.Console.MarkupLine(found.Length + " access point(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Join(CliContext context, LinkOptions link)
    {
        var ssid = new Option<string>("--ssid") { Description = "Network name" };
        var manifest = new Option<string>("--manifest") { Description = "Join every module of this fleet manifest (JSON or YAML, docs/fleet.md), one after another" };
        var passphrase = new Option<string>("--passphrase") { Description = "Passphrase (omit for open networks; visible to ps and kept in shell history: --passphrase-file, " + PassphraseSource.Variable + " or the prompt are not)" };
        var passphraseFile = new Option<string>("--passphrase-file") { Description = "Read the passphrase from this file's first line" };
        var security = new Option<WifiSecurity>("--security") { Description = "Open, Wep, Wpa, Wpa2, WpaWpa2 or Wpa2Tkip", DefaultValueFactory = _ => WifiSecurity.WpaWpa2 };
        var command = new Command("join", "Join a Wi-Fi network (the passphrase from --passphrase, --passphrase-file, " + PassphraseSource.Variable + ", or asked for on a terminal)") { ssid, passphrase, passphraseFile, security, manifest };
        command.SetAction(parse =>
        {
            if (parse.GetValue(manifest) != null)
            {
                if (parse.GetValue(ssid) != null || parse.GetValue(passphrase) != null || parse.GetValue(passphraseFile) != null || parse.GetValue(link.Port) != null || parse.GetValue(link.Spi) != null)
                {
                    throw new CliException(ExitCodes.UsageError, "with --manifest, the network and links come from the manifest: drop --ssid, --passphrase, --port and --spidev");
                }

                return Fleet.FleetRunner.Run(context, parse.GetValue(manifest), Fleet.FleetRunner.Job.Join, LinkOptions.PassThrough(parse, link));
            }

            if (parse.GetValue(ssid) == null)
            {
                throw new CliException(ExitCodes.UsageError, "--ssid is required (or --manifest); see 'eswifi join --help'");
            }

            WifiSecurity chosen = parse.GetValue(security);
            string key = PassphraseSource.Resolve(context, parse.GetValue(passphrase), parse.GetValue(passphraseFile), parse.GetValue(ssid), chosen != WifiSecurity.Open);
            if (key == null && chosen != WifiSecurity.Open)
            {
                throw new CliException(ExitCodes.UsageError, "a passphrase is needed for " + chosen + " networks");
            }

            // Joined to this network already, the module stays joined; joined to another, it leaves first (the driver's Join).
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            string address = session.Module.Wifi.Join(parse.GetValue(ssid), key, chosen);
            context.Console.MarkupLine("joined [bold]" + Markup.Escape(parse.GetValue(ssid)) + "[/] as " + Markup.Escape(address));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteNullable(System.Text.Json.Utf8JsonWriter writer, string name, int? value)
    {
        if (value.HasValue)
        {
            writer.WriteNumber(name, value.Value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
