using System.Reflection;

namespace EsWifi.NanoClrBench;

/// <summary>
/// Checks that a signatures-only stand-in the project compiles against (build/reference-assemblies)
/// still fits the real assembly a device loads: nanoCLR binds a reference by name and major.minor, so
/// both must agree, and every public type and member of the stand-in must exist in the real one with
/// the same signature (an enum: the same values). Returns the differences; none means it fits.
/// </summary>
public static class StandInCheck
{
    public static List<string> Differences(string standIn, string real, string coreLibrary)
    {
        var problems = new List<string>();
        AssemblyName standInName = AssemblyName.GetAssemblyName(standIn);
        AssemblyName realName = AssemblyName.GetAssemblyName(real);
        if (standInName.Name != realName.Name || standInName.Version.Major != realName.Version.Major || standInName.Version.Minor != realName.Version.Minor)
        {
            problems.Add($"identity: the stand-in is {standInName.Name} {standInName.Version}, the device loads {realName.Name} {realName.Version} (nanoCLR binds name and major.minor)");
        }

        // A Visual Studio build against the real package unifies nothing whose public key token differs.
        string standInToken = Convert.ToHexString(standInName.GetPublicKeyToken() ?? Array.Empty<byte>());
        string realToken = Convert.ToHexString(realName.GetPublicKeyToken() ?? Array.Empty<byte>());
        if (standInToken != realToken)
        {
            problems.Add($"identity: the stand-in's public key token is '{standInToken}', the real assembly's '{realToken}'");
        }

        using var standInContext = Context(standIn, coreLibrary);
        using var realContext = Context(real, coreLibrary);
        Assembly standInAssembly = standInContext.LoadFromAssemblyPath(standIn);
        Assembly realAssembly = realContext.LoadFromAssemblyPath(real);
        foreach (Type type in standInAssembly.GetExportedTypes())
        {
            Type match = realAssembly.GetType(type.FullName);
            if (match == null || !match.IsVisible)
            {
                problems.Add("type " + type.FullName + " is not public in the real assembly");
                continue;
            }

            if (type.IsEnum)
            {
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    FieldInfo counterpart = match.GetField(field.Name, BindingFlags.Public | BindingFlags.Static);
                    if (counterpart == null || !Equals(Convert.ToInt64(counterpart.GetRawConstantValue()), Convert.ToInt64(field.GetRawConstantValue())))
                    {
                        problems.Add("enum value " + type.FullName + "." + field.Name + " differs or is missing");
                    }
                }

                continue;
            }

            var realMembers = new HashSet<string>(match.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => m.ToString()));
            foreach (MemberInfo member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (!realMembers.Contains(member.ToString()))
                {
                    problems.Add("member " + type.FullName + ": " + member + " is not in the real assembly");
                }
            }
        }

        return problems;
    }

    private static MetadataLoadContext Context(string assembly, string coreLibrary)
    {
        var paths = new List<string> { assembly, coreLibrary };
        return new MetadataLoadContext(new PathAssemblyResolver(paths), "mscorlib");
    }
}
