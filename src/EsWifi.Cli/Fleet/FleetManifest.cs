using System.Text.Json;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EsWifi.Cli.Fleet;

/// <summary>
/// A fleet manifest (docs/fleet.md): settings shared by every module, and the modules, each with
/// its link and any setting of its own (a per-device certificate and key, say). JSON or YAML,
/// camelCase names; file paths are relative to the manifest's folder.
/// </summary>
public sealed class FleetManifest
{
    /// <summary>Certificate set for <c>cert program</c>.</summary>
    public int? Set { get; set; }

    public string Ca { get; set; }

    public string Cert { get; set; }

    public string Key { get; set; }

    public string Ssid { get; set; }

    public string Passphrase { get; set; }

    public string Security { get; set; }

    public List<FleetModule> Modules { get; set; } = new();

    /// <summary>Reads <paramref name="path"/> as JSON (.json) or YAML (anything else).</summary>
    public static FleetManifest Load(string path)
    {
        string text = File.ReadAllText(path);
        FleetManifest manifest = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? JsonSerializer.Deserialize<FleetManifest>(text, new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            : new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<FleetManifest>(text);
        return manifest ?? new FleetManifest();
    }
}

/// <summary>One module of a fleet: its link, and settings that override the manifest's.</summary>
public sealed class FleetModule
{
    /// <summary>A name for the summary (default: the port or spidev).</summary>
    public string Name { get; set; }

    public string Port { get; set; }

    public int? Baud { get; set; }

    public string Spidev { get; set; }

    public int? CsPin { get; set; }

    public int? DrdyPin { get; set; }

    public int? ResetPin { get; set; }

    public int? Set { get; set; }

    public string Ca { get; set; }

    public string Cert { get; set; }

    public string Key { get; set; }

    public string Ssid { get; set; }

    public string Passphrase { get; set; }

    public string Security { get; set; }
}
