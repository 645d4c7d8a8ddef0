using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EsWifi.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EsWifi.Tests.DeviceCompatibility;

public class DeviceCompatibilityTests
{
    [Fact]
    public void The_device_assembly_references_only_mscorlib_1_17_11_and_system_io_streams_with_their_real_identities()
    {
        // System.IO.Streams is where nanoFramework's Stream lives (the driver's streams are Streams);
        // the public key token is nanoFramework's, so a project that installs the real packages can
        // compile against this assembly (a reference whose token differs is never unified).
        using var pe = new PEReader(File.OpenRead(TestEnvironment.NanoEsWifi));
        MetadataReader md = pe.GetMetadataReader();
        var references = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h))
            .Select(r => md.GetString(r.Name) + " " + r.Version + " " + Convert.ToHexString(md.GetBlobBytes(r.PublicKeyOrToken)).ToLowerInvariant())
            .OrderBy(r => r, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "System.IO.Streams 1.1.96.0 c07d481e9758c731", "mscorlib 1.17.11.0 c07d481e9758c731" }, references);
    }

    [Fact]
    public void The_device_assembly_has_nothing_nanoCLR_cannot_run()
    {
        Assert.Empty(NanoCompatibilityChecker.Check(File.ReadAllBytes(TestEnvironment.NanoEsWifi), new[] { "System.IO.Streams" }));
    }

    [Theory]
    [InlineData("EsWifi.Serial", "System.IO.Ports")]
    [InlineData("EsWifi.Spi", "System.Device.Spi", "System.Device.Gpio")]
    [InlineData("EsWifi.Mqtt", "nanoFramework.M2Mqtt.Core", "System.IO.Streams")]
    public void The_adapters_device_builds_have_nothing_nanoCLR_cannot_run(string adapter, params string[] packages)
    {
        // Built for netnano1.0 against build/reference-assemblies: the #if NANOFRAMEWORK_1_0 code a board runs.
        string path = Path.Combine(TestEnvironment.RepositoryRoot, "src", adapter, "bin", "Release", "netnano1.0", adapter + ".dll");
        Assert.True(File.Exists(path), "the device build of " + adapter + " is missing: " + path);
        Assert.Empty(NanoCompatibilityChecker.Check(File.ReadAllBytes(path), packages.Append("EsWifi").ToArray()));

        // Each nanoFramework package is referenced with its real identity (the stand-ins are public-signed with nanoFramework's key).
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader md = pe.GetMetadataReader();
        foreach (string package in packages.Append("mscorlib"))
        {
            AssemblyReference reference = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).Single(r => md.GetString(r.Name) == package);
            Assert.Equal("c07d481e9758c731", Convert.ToHexString(md.GetBlobBytes(reference.PublicKeyOrToken)).ToLowerInvariant());
        }
    }

    [Fact]
    public void Plain_device_code_passes()
    {
        Assert.Empty(Violations("public class Ok { static System.Action<int> a; public static int F(int[] x) { return x.Length; } }"));
    }

    [Theory]
    [InlineData("public class Box<T> { public T Value; }", "generic type Box`1")]
    [InlineData("public static class C { public static T Echo<T>(T x) { return x; } }", "generic method C.Echo")]
    [InlineData("public class Box<T> { } public static class C { static Box<int> b = new Box<int>(); }", "generic instantiation Box`1<Int32>")]
    [InlineData("public static class C { public static int Echo<T>(T x) { return 1; } public static int F() { return Echo(3); } }", "generic method instantiation")]
    [InlineData("public static class C { public static unsafe int F(int* p) { int* q = p; return *q; } }", "pointer type Int32* in locals of C.F")]
    [InlineData("public static class C { public static int[,] Grid = new int[2, 2]; }", "multidimensional array")]
    [InlineData("public static class C { public static unsafe int F() { int* p = stackalloc int[4]; p[1] = 2; return p[1]; } }", "localloc")]
    [InlineData("public static class C { public static string Name = \"ho\\0me\"; }", "holds a NUL")]
    public void Each_construct_the_device_cannot_run_is_caught(string source, string expected)
    {
        List<string> violations = Violations(source);
        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void More_than_255_static_methods_in_a_type_are_caught()
    {
        string methods = string.Concat(Enumerable.Range(0, 256).Select(i => $"public static int M{i}() {{ return {i}; }} "));
        Assert.Contains(Violations("public static class Big { " + methods + "}"), v => v.Contains("256 static methods", StringComparison.Ordinal));
        string fewer = string.Concat(Enumerable.Range(0, 255).Select(i => $"public static int M{i}() {{ return {i}; }} "));
        Assert.Empty(Violations("public static class Fits { " + fewer + "}"));
    }

    [Fact]
    public void A_reference_to_another_assembly_is_caught()
    {
        MetadataReference other = MetadataReference.CreateFromImage(Compile("Other", "public class Helper { public static int One() { return 1; } }"));
        byte[] image = Compile("User", "public static class C { public static int F() { return Helper.One(); } }", other);
        Assert.Contains(NanoCompatibilityChecker.Check(image), v => v.Contains("assembly reference Other", StringComparison.Ordinal));
    }

    private static List<string> Violations(string source) => NanoCompatibilityChecker.Check(Compile("Probe", source));

    /// <summary>Compiles device code against nanoFramework's mscorlib 1.17.11 only, as the real build does.</summary>
    private static byte[] Compile(string name, string source, params MetadataReference[] extra)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9)) },
            new[] { MetadataReference.CreateFromFile(TestEnvironment.NanoMscorlib) }.Concat(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }
}
