using System.CommandLine;
using EsWifi.Cli.Infrastructure;
using Spectre.Console;

namespace EsWifi.Cli.Commands;

/// <summary><c>info</c>, <c>scan</c> and <c>join</c>.</summary>
public static class InfoCommands
{
    public static Command Info(CliContext context, LinkOptions link)
    {
        var command = new Command("info", "Show the module's identity, firmware and network state");
        command.SetAction(parse =>
        {
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            EsWifiModule module = session.Module;
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
        var command = new Command("scan", "List the access points the module sees");
        command.SetAction(parse =>
        {
            using ModuleSession session = ModuleSession.Open(parse, link, context);
            AccessPointInfo[] found = session.Module.Wifi.Scan();
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
        var ssid = new Option<string>("--ssid") { Description = "Network name", Required = true };
        var passphrase = new Option<string>("--passphrase") { Description = "Passphrase (omit for open networks)" };
        var security = new Option<WifiSecurity>("--security") { Description = "Open, Wep, Wpa, Wpa2, WpaWpa2 or Wpa2Tkip", DefaultValueFactory = _ => WifiSecurity.WpaWpa2 };
        var command = new Command("join", "Join a Wi-Fi network") { ssid, passphrase, security };
        command.SetAction(parse =>
        {
            WifiSecurity chosen = parse.GetValue(security);
            string key = parse.GetValue(passphrase);
            if (key == null && chosen != WifiSecurity.Open)
            {
                throw new CliException(ExitCodes.UsageError, "--passphrase is required for " + chosen + " networks");
            }

            using ModuleSession session = ModuleSession.Open(parse, link, context);

            // The module refuses C0 while joined ("Already connected!"): leave first to switch networks.
            if (session.Module.Wifi.IsConnected)
            {
                session.Module.Wifi.Leave();
            }

            string address = session.Module.Wifi.Join(parse.GetValue(ssid), key, chosen);
            context.Console.MarkupLine("joined [bold]" + Markup.Escape(parse.GetValue(ssid)) + "[/] as " + Markup.Escape(address));
            return ExitCodes.Ok;
        });
        return command;
    }
}
