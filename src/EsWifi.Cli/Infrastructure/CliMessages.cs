using System.CommandLine;
using System.Text.RegularExpressions;

namespace EsWifi.Cli.Infrastructure;

/// <summary>
/// The driver's messages in the tool's terms: flag names instead of .NET parameter names, the
/// command to run next, and what the module's terse reason means.
/// </summary>
public static class CliMessages
{
    /// <summary>An argument the driver refused, named by the flag that carried it.</summary>
    public static string ForArgument(ArgumentException e, ParseResult parse)
    {
        string text = Regex.Replace(e.Message, @" \(Parameter '[^']*'\)$", string.Empty);
        if (e.ParamName == null)
        {
            return text;
        }

        string flag = "--" + e.ParamName;
        bool known = parse?.CommandResult.Command.Options.Any(o => o.Name == flag) == true;
        return known ? flag + ": " + text : text;
    }

    /// <summary>A parser's message without .NET's type names: "expected type 'System.Int32'" becomes "(a whole number)".</summary>
    public static string ForParser(string message)
    {
        return Regex.Replace(message, @"\s*as expected type '([\w.`\[\], ]+)'\.?", match => " (" + Kind(match.Groups[1].Value) + " expected).");
    }

    /// <summary>What a .NET type is, in words.</summary>
    public static string Kind(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("Double", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("String", StringComparison.Ordinal) => "text",
        _ when type.Contains("List", StringComparison.Ordinal) => "a list",
        _ => "a value of another kind",
    };

    /// <summary>A module error with what to do about it, where the tool knows.</summary>
    public static string ForModule(EsWifiException e)
    {
        string text = e.Message;
        if (e.Kind == EsWifiErrorKind.CertificateMissing && text.Contains("has no root CA", StringComparison.Ordinal))
        {
            string set = Regex.Match(text, @"set (\d)").Groups[1].Value;
            return "certificate set " + set + " has no root CA; program one with 'eswifi cert program --set " + set + " --ca FILE', or pass --verify none";
        }

        if (e.Kind == EsWifiErrorKind.NotJoined)
        {
            return text + " (join one first: eswifi join --ssid NAME --passphrase PASS)";
        }

        if (text.StartsWith("joining ", StringComparison.Ordinal) && e.ModuleReason != null
            && (e.ModuleReason.Length == 0 || e.ModuleReason.Contains("Unknown Error", StringComparison.OrdinalIgnoreCase)))
        {
            // The firmware says only "Unknown Error" for a wrong passphrase and for a network out of reach.
            return text.Substring(0, text.IndexOf(" failed", StringComparison.Ordinal)) + " failed: wrong passphrase or network not found (check --ssid, --passphrase and --security; the module said: " + (e.ModuleReason.Length > 0 ? e.ModuleReason : "nothing") + ")";
        }

        return text;
    }
}
