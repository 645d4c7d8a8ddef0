using System.Reflection;
using Xunit.Abstractions;
using NanoCleanup = nanoFramework.TestFramework.CleanupAttribute;
using NanoSetup = nanoFramework.TestFramework.SetupAttribute;
using NanoSkip = nanoFramework.TestFramework.SkipTestException;
using NanoTestClass = nanoFramework.TestFramework.TestClassAttribute;
using NanoTestMethod = nanoFramework.TestFramework.TestMethodAttribute;

namespace EsWifi.Tests.OnTarget;

/// <summary>
/// Runs the on-target tests of tests/EsWifi.NanoTests (assembly NFUnitTest) on desktop .NET, one
/// xunit case per test class, by the device launcher's rules: every method is called with no
/// instance (so each must be static), [Setup] first (a skipped Setup skips the class), then the
/// tests, then [Cleanup]; one line per test as the launcher prints them. tests/nanoclr/run runs
/// the same sources on nanoCLR itself.
/// </summary>
public class NanoTestBridge
{
    private static readonly Assembly NanoTests = Assembly.Load("NFUnitTest");
    private readonly ITestOutputHelper _output;

    public NanoTestBridge(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Classes() =>
        TestClasses().Select(t => new object[] { t.Name });

    internal static IEnumerable<Type> TestClasses() =>
        NanoTests.GetTypes().Where(t => t.GetCustomAttribute<NanoTestClass>() != null).OrderBy(t => t.Name);

    internal static IEnumerable<MethodInfo> Marked<TAttribute>(Type type)
        where TAttribute : Attribute =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<TAttribute>() != null);

    [Fact]
    public void The_bridge_finds_the_on_target_tests()
    {
        int count = TestClasses().Sum(t => Marked<NanoTestMethod>(t).Count());
        Assert.True(count >= 150, "expected at least 150 on-target tests, found " + count);
    }

    [Fact]
    public void Every_public_type_of_the_driver_is_used_by_an_on_target_test()
    {
        using var stream = File.OpenRead(NanoTests.Location);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        System.Reflection.Metadata.MetadataReader md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var referenced = new HashSet<string>(md.TypeReferences.Select(h => md.GetTypeReference(h)).Select(r => md.GetString(r.Namespace) + "." + md.GetString(r.Name)));
        string[] unused = typeof(EsWifiModule).Assembly.GetExportedTypes().Select(t => t.FullName).Where(n => !referenced.Contains(n)).ToArray();
        Assert.True(unused.Length == 0, "public types no on-target test uses: " + string.Join(", ", unused));
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void OnTarget(string className)
    {
        Type type = TestClasses().Single(t => t.Name == className);
        var failures = new List<string>();
        if (Run(Marked<NanoSetup>(type), failures))
        {
            Run(Marked<NanoTestMethod>(type), failures);
            Run(Marked<NanoCleanup>(type), failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Runs the methods; false when one of them skipped (a skipped Setup skips its class).</summary>
    private bool Run(IEnumerable<MethodInfo> methods, List<string> failures)
    {
        bool carryOn = true;
        foreach (MethodInfo method in methods)
        {
            string name = method.DeclaringType.FullName + "." + method.Name;

            // The device launcher calls every method with a null instance; instance methods would crash there.
            if (!method.IsStatic)
            {
                failures.Add(name + ": on-target tests must be static (the launcher makes no instance)");
                continue;
            }

            try
            {
                method.Invoke(null, null);
                _output.WriteLine("Test passed," + name);
            }
            catch (TargetInvocationException e) when (e.InnerException is NanoSkip)
            {
                _output.WriteLine("Test skipped," + name + "," + e.InnerException.Message);
                carryOn = false;
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                _output.WriteLine("Test failed," + name + "," + e.InnerException.Message);
                failures.Add(name + ": " + e.InnerException);
            }
        }

        return carryOn;
    }
}
