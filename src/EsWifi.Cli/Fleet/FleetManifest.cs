using System.Text.Json;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EsWifi.Cli.Fleet;

/// <summary>
/// The settings a manifest gives every module and a module may give itself (a per-device
/// certificate and key, say); a module's own value wins.
/// </summary>
public abstract class FleetSettings
{
    /// <summary>Certificate set for <c>cert program</c>.</summary>
    public int? Set { get; set; }

    /// <summary>Root CA PEM file.</summary>
    public string Ca { get; set; }

    /// <summary>Client certificate PEM file.</summary>
    public string Cert { get; set; }

    /// <summary>Client private key PEM file.</summary>
    public string Key { get; set; }

    /// <summary>Network for <c>join</c>.</summary>
    public string Ssid { get; set; }

    /// <summary>Its passphrase.</summary>
    public string Passphrase { get; set; }

    /// <summary>Its security (as <c>--security</c> takes it).</summary>
    public string Security { get; set; }
}

/// <summary>
/// A fleet manifest (docs/fleet.md): settings shared by every module, and the modules, each with
/// its link and any setting of its own. JSON or YAML, camelCase names; file paths are relative to
/// the manifest's folder.
/// </summary>
public sealed class FleetManifest : FleetSettings
{
    /// <summary>The modules, run one after another in this order.</summary>
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
public sealed class FleetModule : FleetSettings
{
    /// <summary>A name for the summary (default: the port or spidev).</summary>
    public string Name { get; set; }

    /// <summary>Serial port (as <c>--port</c>).</summary>
    public string Port { get; set; }

    /// <summary>Its baud rate (as <c>--baud</c>).</summary>
    public int? Baud { get; set; }

    /// <summary>SPI device (as <c>--spidev</c>).</summary>
    public string Spidev { get; set; }

    /// <summary>Chip-select GPIO (as <c>--cs-pin</c>).</summary>
    public int? CsPin { get; set; }

    /// <summary>Data-ready GPIO (as <c>--drdy-pin</c>).</summary>
    public int? DrdyPin { get; set; }

    /// <summary>Reset GPIO (as <c>--reset-pin</c>).</summary>
    public int? ResetPin { get; set; }
}
