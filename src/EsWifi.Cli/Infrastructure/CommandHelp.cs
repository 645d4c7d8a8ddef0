using System.CommandLine;

namespace EsWifi.Cli.Infrastructure;

/// <summary>
/// What help shows beyond the options: an example for every command, and, for a mistyped command,
/// the one it was probably meant to be.
/// </summary>
public static class CommandHelp
{
    private static readonly Dictionary<string, string[]> Examples = new()
    {
        ["demo"] = new[] { "eswifi demo", "eswifi demo --quiet" },
        ["info"] = new[] { "eswifi info --port /dev/ttyUSB0", "eswifi info --port /dev/ttyUSB0 --json" },
        ["scan"] = new[] { "eswifi scan --port /dev/ttyUSB0" },
        ["join"] = new[] { "eswifi join --port /dev/ttyUSB0 --ssid lab --passphrase-file ~/.lab-passphrase", "ESWIFI_PASSPHRASE='correct horse' eswifi join --port /dev/ttyUSB0 --ssid lab", "eswifi join --manifest fleet.yaml" },
        ["cert"] = new[] { "eswifi cert status --port /dev/ttyUSB0" },
        ["status"] = new[] { "eswifi cert status --port /dev/ttyUSB0 --json" },
        ["program"] = new[] { "eswifi cert program --port /dev/ttyUSB0 --set 1 --ca ca.pem --cert device.pem --key device.key --reset-pin 24" },
        ["verify"] = new[] { "eswifi cert verify --port /dev/ttyUSB0 --set 1 --ca ca.pem" },
        ["replace"] = new[] { "eswifi cert replace --port /dev/ttyUSB0 --set 3 --ca ca.pem" },
        ["get"] = new[] { "eswifi get https://example.com/ --port /dev/ttyUSB0 > page.html", "eswifi get https://example.com/file.bin --port /dev/ttyUSB0 -o file.bin -L" },
        ["post"] = new[] { "eswifi post https://example.com/api --data @body.json --content-type application/json --port /dev/ttyUSB0" },
        ["at"] = new[] { "eswifi at --port /dev/ttyUSB0 --trace" },
        ["emulate"] = new[] { "eswifi emulate --pty --ssid lab --passphrase 'correct horse'" },
    };

    /// <summary>Appends each command's examples to its description (what help prints first).</summary>
    public static void AddExamples(Command command)
    {
        if (Examples.TryGetValue(command.Name, out string[] lines))
        {
            command.Description += Environment.NewLine + Environment.NewLine + "Example" + (lines.Length > 1 ? "s" : string.Empty) + ":" + Environment.NewLine + string.Concat(lines.Select(l => "  " + l + Environment.NewLine)).TrimEnd();
        }

        foreach (Command sub in command.Subcommands)
        {
            AddExamples(sub);
        }
    }

    /// <summary>The command <paramref name="typed"/> was probably meant to be (at most two edits away), or null.</summary>
    public static string Suggest(Command parent, string typed)
    {
        string best = null;
        int bestDistance = 3;
        foreach (Command sub in parent.Subcommands)
        {
            int distance = Distance(typed, sub.Name);
            if (distance < bestDistance)
            {
                best = sub.Name;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
