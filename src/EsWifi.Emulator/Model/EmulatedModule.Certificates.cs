namespace EsWifi.Emulator.Model;

/// <summary>
/// Certificate sets: PE (availability), PF (active set, both field forms), PG (program or verify),
/// protocol.md §8 and the vendor TLS note.
/// </summary>
public sealed partial class EmulatedModule
{
    private byte[] CertificateCommand(string name, string args, byte[] payload)
    {
        string[] fields = args?.Split(',');
        switch (name)
        {
            case "PE":
                return Availability(fields);
            case "PF":
                return SelectSet(fields);
            default:
                return Program(fields, payload);
        }
    }

    /// <summary>
    /// PE: one digit per set, 1 when the set is still fully available, 0 when any slot is used;
    /// PE=&lt;set&gt;: one digit per slot (root CA, certificate, key), 1 = available.
    /// </summary>
    private byte[] Availability(string[] fields)
    {
        if (fields == null)
        {
            return Reply.Ok(string.Join(",", Enumerable.Range(0, Certificates.Count)
                .Select(set => Enumerable.Range(0, 3).Any(type => Certificates.IsUsed(set, type)) ? 0 : 1)));
        }

        if (fields.Length != 1 || !TryInt(fields[0], 0, Certificates.Count - 1, out int set))
        {
            return Reply.Error("Invalid parameter", "PE[=<set>]");
        }

        return Reply.Ok(string.Join(",", Enumerable.Range(0, 3).Select(type => Certificates.IsUsed(set, type) ? 0 : 1)));
    }

    /// <summary>PF=&lt;set&gt; (vendor TLS note) or PF=&lt;function&gt;,&lt;set&gt; with function 0 = TLS, 1 = AWS (QR20, ST, Zephyr).</summary>
    private byte[] SelectSet(string[] fields)
    {
        const string usage = "PF=[<0=TLS/1=AWS>,]<set>";
        int set;
        if (fields != null && fields.Length == 1 && TryInt(fields[0], 0, Certificates.Count - 1, out set))
        {
            Certificates.ActiveSet = set;
            return Reply.Ok();
        }

        if (fields != null && fields.Length == 2 && TryInt(fields[0], 0, 1, out int function) && TryInt(fields[1], 0, Certificates.Count - 1, out set))
        {
            if (function == 0)
            {
                Certificates.ActiveSet = set;
            }

            return Reply.Ok();
        }

        return Reply.Error("Invalid parameter", usage);
    }

    /// <summary>
    /// PG=&lt;set&gt;,&lt;type&gt;,&lt;len&gt;\r&lt;bytes&gt;. A first write answers the empty OK; the same bytes
    /// again answer <c>Match</c> before OK; different bytes to a used write-once slot answer an
    /// error and change nothing (docs/emulator.md lists these choices).
    /// </summary>
    private byte[] Program(string[] fields, byte[] payload)
    {
        const string usage = "PG=<set>,<0=Root CA/1=Certificate/2=Key>,<length>";
        if (fields == null || fields.Length != 3
            || !TryInt(fields[0], 0, Certificates.Count - 1, out int set)
            || !TryInt(fields[1], 0, 2, out int type)
            || !TryInt(fields[2], 1, 8192, out int length)
            || payload.Length != length)
        {
            return Reply.Error("Invalid parameter", usage);
        }

        switch (Certificates.Program(set, type, payload))
        {
            case "written":
                return Reply.Ok();
            case "match":
                return Reply.Ok("Match");
            default:
                return Reply.Error("Certificate mismatch", usage);
        }
    }
}
