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

    /// <summary>The settings a manifest may give, as it spells them.</summary>
    public const string KnownSettings = "name, port, baud, spidev, csPin, drdyPin, resetPin, set, ca, cert, key, ssid, passphrase, security";

    /// <summary>
    /// Reads <paramref name="path"/> as JSON (.json) or YAML (anything else). A manifest that is not
    /// one (a syntax error, an unknown setting, a value of the wrong kind, an empty module) is a
    /// <see cref="FormatException"/> in the manifest's own terms: line, setting, what was expected.
    /// </summary>
    public static FleetManifest Load(string path)
    {
        string text = File.ReadAllText(path);
        FleetManifest manifest;
        try
        {
            manifest = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
                ? JsonSerializer.Deserialize<FleetManifest>(text, new JsonSerializerOptions
                {
                    PropertyNameCaseInsensitive = true,
                    ReadCommentHandling = JsonCommentHandling.Skip,
                    AllowTrailingCommas = true,
                    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
                })
                : new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<FleetManifest>(text);
        }
        catch (JsonException e)
        {
            throw new FormatException(Explain(e.Message, e.LineNumber.HasValue ? e.LineNumber.Value + 1 : 0, e.Path));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException(Explain((e.InnerException ?? e).Message, e.Start.Line, null));
        }

        manifest ??= new FleetManifest();
        manifest.Modules ??= new List<FleetModule>();
        int empty = manifest.Modules.IndexOf(null);
        if (empty >= 0)
        {
            throw new FormatException("module " + (empty + 1) + " is empty (each module needs at least its port or spidev)");
        }

        return manifest;
    }

    /// <summary>A parser's complaint about the manifest, without .NET's type names.</summary>
    private static string Explain(string message, long line, string where)
    {
        string at = (line > 0 ? "line " + line : "the manifest") + (string.IsNullOrEmpty(where) || where == "$" ? string.Empty : " (" + where.TrimStart('$', '.') + ")") + ": ";
        var unknown = System.Text.RegularExpressions.Regex.Match(message, @"[Pp]roperty '([^']+)'");
        if (unknown.Success && (message.Contains("not found", StringComparison.Ordinal) || message.Contains("could not be mapped", StringComparison.Ordinal)))
        {
            return at + "unknown setting '" + unknown.Groups[1].Value + "' (a manifest takes " + KnownSettings + ", and modules)";
        }

        var type = System.Text.RegularExpressions.Regex.Match(message, @"(?:into type|converted to) ([\w.`\[\], =]+?)(?:, System\.Private|\. Path|\.$|$)");
        if (type.Success)
        {
            return at + "expected " + EsWifi.Cli.Infrastructure.CliMessages.Kind(type.Groups[1].Value);
        }

        return at + message.Split('\n')[0];
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
