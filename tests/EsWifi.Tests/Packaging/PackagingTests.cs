using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Packaging;

/// <summary>
/// The nanoFramework package packed from the netnano1.0 build (nuspec/Packages.csproj packs on
/// build), and the adapter nuspecs that Visual Studio builds pack.
/// </summary>
public class PackagingTests
{
    private static string PackagesFolder => Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "packages");

    private static ZipArchive OpenCorePackage()
    {
        string package = Directory.GetFiles(PackagesFolder, "nanoFramework.EsWifi.*.nupkg")
            .Where(p => !Path.GetFileName(p).StartsWith("nanoFramework.EsWifi.Serial", StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("nanoFramework.EsWifi.Spi", StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        return ZipFile.OpenRead(package);
    }

    private static XElement Metadata(XDocument nuspec) => nuspec.Root.Elements().Single(e => e.Name.LocalName == "metadata");

    private static string Value(XElement metadata, string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

    [Fact]
    public void The_core_package_holds_the_device_assembly_docs_readme_icon_and_licence()
    {
        using ZipArchive zip = OpenCorePackage();
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (string expected in new[] { "lib/EsWifi.dll", "lib/EsWifi.xml", "lib/EsWifi.pdb", "docs/README.md", "images/eswifi-icon.png", "LICENSE.md" })
        {
            Assert.Contains(expected, names);
        }

        // The packed assembly is the device flavour: it references mscorlib 1.17.11 and nothing else.
        using var dll = new MemoryStream();
        zip.GetEntry("lib/EsWifi.dll").Open().CopyTo(dll);
        dll.Position = 0;
        using var pe = new PEReader(dll);
        MetadataReader md = pe.GetMetadataReader();
        var references = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).Select(r => md.GetString(r.Name) + " " + r.Version);
        Assert.Equal(new[] { "mscorlib 1.17.11.0" }, references);

        // XML docs ship for every public member (the build treats a missing one as an error).
        XDocument docs = XDocument.Load(zip.GetEntry("lib/EsWifi.xml").Open());
        Assert.True(docs.Descendants("member").Count() > 300);
        Assert.Contains(docs.Descendants("member"), m => (string)m.Attribute("name") == "M:EsWifi.EsWifiModule.ConnectTls(System.String,System.Int32,EsWifi.TlsOptions)");
    }

    [Fact]
    public void The_core_package_metadata_follows_the_nanoFramework_conventions()
    {
        using ZipArchive zip = OpenCorePackage();
        XDocument nuspec = XDocument.Load(zip.GetEntry("nanoFramework.EsWifi.nuspec").Open());
        XElement metadata = Metadata(nuspec);
        Assert.Equal("nanoFramework.EsWifi", Value(metadata, "id"));
        Assert.Equal("nanoFramework.EsWifi", Value(metadata, "title"));
        Assert.EndsWith("for .NET nanoFramework C# projects.", Value(metadata, "description"));
        Assert.StartsWith("nanoFramework C# csharp netmf netnf EsWifi", Value(metadata, "tags"));
        Assert.Equal("LICENSE.md", Value(metadata, "license"));
        Assert.Equal("docs\\README.md", Value(metadata, "readme"));
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(d => (string)d.Attribute("id") + " " + (string)d.Attribute("version"));
        Assert.Equal(new[] { "nanoFramework.CoreLibrary 1.17.11" }, dependencies);
    }

    [Theory]
    [InlineData("Serial", new[] { "nanoFramework.System.IO.Ports", "nanoFramework.Runtime.Events", "nanoFramework.System.IO.Streams" })]
    [InlineData("Spi", new[] { "nanoFramework.System.Device.Spi", "nanoFramework.System.Device.Gpio", "nanoFramework.Runtime.Events" })]
    public void The_adapter_nuspecs_depend_on_the_core_and_the_packages_their_nfproj_uses(string adapter, string[] nanoPackages)
    {
        string root = TestEnvironment.RepositoryRoot;
        XDocument nuspec = XDocument.Load(Path.Combine(root, "nuspec", "nanoFramework.EsWifi." + adapter + ".nuspec"));
        XElement metadata = Metadata(nuspec);
        Assert.Equal("nanoFramework.EsWifi." + adapter, Value(metadata, "id"));
        Assert.EndsWith("for .NET nanoFramework C# projects.", Value(metadata, "description"));
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(d => (string)d.Attribute("id"), d => (string)d.Attribute("version"));
        Assert.Equal("$version$", dependencies["nanoFramework.EsWifi"]);

        // The same versions as the adapter's packages.config, which its .nfproj builds against.
        XDocument config = XDocument.Load(Path.Combine(root, "src", "EsWifi." + adapter, "packages.config"));
        var configured = config.Root.Elements("package").ToDictionary(p => (string)p.Attribute("id"), p => (string)p.Attribute("version"));
        foreach (string package in nanoPackages.Append("nanoFramework.CoreLibrary"))
        {
            Assert.Equal(configured[package], dependencies[package]);
        }

        var files = nuspec.Descendants().Where(e => e.Name.LocalName == "file").Select(f => (string)f.Attribute("target")).ToList();
        foreach (string extension in new[] { "dll", "pe", "pdbx", "xml" })
        {
            Assert.Contains("lib\\EsWifi." + adapter + "." + extension, files);
        }
    }
}
