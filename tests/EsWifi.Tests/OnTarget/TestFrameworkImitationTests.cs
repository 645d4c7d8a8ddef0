using System.Reflection;
using System.Runtime.InteropServices;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.OnTarget;

/// <summary>
/// tests/TestFramework.Host stands in for nanoFramework.TestFramework when the on-target tests run on
/// desktop .NET. Its public API must be the device framework's, overload for overload (an extra
/// overload makes a call compile here that is ambiguous on the device). Both are compared with
/// tests/TestFramework.Host/DeviceApi.txt, the device framework's API written out; the real one only
/// where ../shared/nanoclr is present (ESWIFI_WRITE_TESTFRAMEWORK_API=1 rewrites the snapshot from it).
/// </summary>
public class TestFrameworkImitationTests
{
    private static string Snapshot => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "TestFramework.Host", "DeviceApi.txt");

    private static string RealFramework => Path.Combine(TestEnvironment.RepositoryRoot, "..", "shared", "nanoclr", "testframework", "nanoFramework.TestFramework.dll");

    [Fact]
    public void The_imitation_has_the_device_frameworks_api_exactly()
    {
        string imitation = typeof(nanoFramework.TestFramework.Assert).Assembly.Location;
        string[] runtime = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll");
        AssertSame(File.ReadAllLines(Snapshot), Describe(imitation, runtime.Append(imitation), "System.Private.CoreLib"));
    }

    [Fact]
    public void The_snapshot_is_the_api_of_the_framework_nanoclr_runs()
    {
        if (!File.Exists(RealFramework))
        {
            // A clone without ../shared: the snapshot stands alone (tests/nanoclr/run is skipped too).
            return;
        }

        List<string> real = Describe(RealFramework, new[] { RealFramework, TestEnvironment.NanoMscorlib }, "mscorlib");
        if (Environment.GetEnvironmentVariable("ESWIFI_WRITE_TESTFRAMEWORK_API") == "1")
        {
            // After ../shared/nanoclr gets a new TestFramework: write the snapshot, then make the imitation match it.
            File.WriteAllLines(Snapshot, real);
        }

        AssertSame(File.ReadAllLines(Snapshot), real);
    }

    private static void AssertSame(string[] expected, List<string> actual)
    {
        string[] missing = expected.Except(actual).ToArray();
        string[] extra = actual.Except(expected).ToArray();
        Assert.True(missing.Length == 0 && extra.Length == 0, "missing:\n  " + string.Join("\n  ", missing) + "\nextra:\n  " + string.Join("\n  ", extra));
    }

    /// <summary>One line per public type and member: obsolete or not, static or not, name, parameter types, names and defaults.</summary>
    internal static List<string> Describe(string assembly, IEnumerable<string> resolve, string coreAssembly)
    {
        using var context = new MetadataLoadContext(new PathAssemblyResolver(resolve), coreAssembly);
        var lines = new List<string>();
        foreach (Type type in context.LoadFromAssemblyPath(assembly).GetTypes().Where(t => t.IsPublic).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add("type " + type.FullName + (type.IsAbstract && type.IsSealed ? " static" : string.Empty) + " : " + type.BaseType?.FullName);
            const BindingFlags declared = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            foreach (MethodBase member in type.GetConstructors(declared).Cast<MethodBase>().Concat(type.GetMethods(declared)))
            {
                string parameters = string.Join(", ", member.GetParameters().Select(p =>
                    p.ParameterType.FullName + " " + p.Name + (p.HasDefaultValue ? " = " + (p.RawDefaultValue is string s ? "\"" + s + "\"" : p.RawDefaultValue ?? "null") : string.Empty)));
                string returns = member is MethodInfo m ? m.ReturnType.FullName + " " : string.Empty;
                // Obsolete members are warnings, and the project's warnings are errors: they count.
                bool obsolete = member.CustomAttributes.Any(a => a.AttributeType.Name == "ObsoleteAttribute");
                lines.Add("  " + (obsolete ? "[Obsolete] " : string.Empty) + (member.IsStatic ? "static " : string.Empty) + returns + type.Name + "." + member.Name + "(" + parameters + ")");
            }
        }

        return lines;
    }
}
