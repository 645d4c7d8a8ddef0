using System.CommandLine;
using System.Text.Json;

namespace EsWifi.Cli.Infrastructure;

/// <summary>
/// <c>--json</c> for the read-only commands: one UTF-8 JSON document on standard output, written
/// as bytes (never through the console, so never wrapped or coloured), ending in a newline. The
/// shapes are documented in docs/cli-json.md; fields are only ever added, never renamed.
/// </summary>
public static class JsonOutput
{
    /// <summary>The option every read-only command takes.</summary>
    public static Option<bool> CreateOption() => new("--json") { Description = "Print one JSON document (shape in docs/cli-json.md) instead of a table" };

    /// <summary>Writes the object <paramref name="body"/> fills to standard output.</summary>
    public static void Write(CliContext context, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        context.RawOutput.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        context.RawOutput.Flush();
    }
}
