using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Packaging;

/// <summary>
/// The three nanoFramework packages nuspec/Packages.csproj packs on build from the netnano1.0 builds,
/// opened as a user's restore opens them: the device assembly with its real references, the .pe and
/// .pdbx a board loads (made by the kit's MetadataProcessor; absent, with a warning, without the kit),
/// XML docs, readme, icon, licence, and dependencies at the versions the stand-ins and the .nfproj
/// files use. (tests/nanoclr/serial/run loads the packed .pe files on nanoCLR and runs the samples on them.)
/// </summary>
public class PackagingTests
{
    private const string NanoFrameworkToken = "c07d481e9758c731";

    private static string PackagesFolder => Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "packages");

    private static bool KitPresent => File.Exists(Path.Combine(TestEnvironment.RepositoryRoot, "..", "shared", "nanoclr", "mdp.sh"));

    private static ZipArchive Open(string id)
    {
        string package = Directory.GetFiles(PackagesFolder, id + ".*.nupkg")
            .Where(p => char.IsDigit(Path.GetFileName(p)[id.Length + 1]))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        return ZipFile.OpenRead(package);
    }

    private static XElement Metadata(ZipArchive zip, string id) =>
        XDocument.Load(zip.GetEntry(id + ".nuspec").Open()).Root.Elements().Single(e => e.Name.LocalName == "metadata");

    private static string Value(XElement metadata, string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

    private static Dictionary<string, string> Dependencies(XElement metadata) =>
        metadata.Descendants().Where(e => e.Name.LocalName == "dependency").ToDictionary(d => (string)d.Attribute("id"), d => (string)d.Attribute("version"));

    public static TheoryData<string, string> Packages() => new()
    {
        { "nanoFramework.EsWifi", "EsWifi" },
        { "nanoFramework.EsWifi.Serial", "EsWifi.Serial" },
        { "nanoFramework.EsWifi.Spi", "EsWifi.Spi" },
        { "nanoFramework.EsWifi.Mqtt", "EsWifi.Mqtt" },
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_holds_the_device_assembly_its_image_docs_readme_icon_and_licence(string id, string assembly)
    {
        using ZipArchive zip = Open(id);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (string expected in new[] { "lib/" + assembly + ".dll", "lib/" + assembly + ".xml", "lib/" + assembly + ".pdb", "docs/README.md", "images/eswifi-icon.png", "LICENSE.md" })
        {
            Assert.Contains(expected, names);
        }

        if (KitPresent)
        {
            // The MetadataProcessor's output: the NFMRK1 image a board loads, and its debug companion.
            Assert.Contains("lib/" + assembly + ".pdbx", names);
            using var image = new MemoryStream();
            zip.GetEntry("lib/" + assembly + ".pe").Open().CopyTo(image);
            Assert.Equal("NFMRK1", Encoding.ASCII.GetString(image.ToArray(), 0, 6));
        }
        else
        {
            Assert.DoesNotContain("lib/" + assembly + ".pe", names);
        }

        // XML docs ship for every public member (the build treats a missing one as an error).
        XDocument docs = XDocument.Load(zip.GetEntry("lib/" + assembly + ".xml").Open());
        Assert.NotEmpty(docs.Descendants("member"));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_packed_assembly_is_the_device_flavour_referencing_the_real_identities(string id, string assembly)
    {
        using ZipArchive zip = Open(id);
        using var dll = new MemoryStream();
        zip.GetEntry("lib/" + assembly + ".dll").Open().CopyTo(dll);
        dll.Position = 0;
        using var pe = new PEReader(dll);
        MetadataReader md = pe.GetMetadataReader();
        var references = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h))
            .ToDictionary(r => md.GetString(r.Name), r => (r.Version, Token: Convert.ToHexString(md.GetBlobBytes(r.PublicKeyOrToken)).ToLowerInvariant()));

        Assert.Equal((new Version(1, 17, 11, 0), NanoFrameworkToken), references["mscorlib"]);
        foreach (var (name, reference) in references.Where(r => r.Key != "EsWifi"))
        {
            Assert.True(reference.Token == NanoFrameworkToken, name + " is referenced with token '" + reference.Token + "', not nanoFramework's");
        }

        string[] expected = assembly switch
        {
            "EsWifi" => new[] { "System.IO.Streams", "mscorlib" },
            "EsWifi.Serial" => new[] { "EsWifi", "System.IO.Ports", "mscorlib" },
            "EsWifi.Mqtt" => new[] { "EsWifi", "System.IO.Streams", "mscorlib", "nanoFramework.M2Mqtt.Core" },
            _ => new[] { "EsWifi", "System.Device.Gpio", "System.Device.Spi", "mscorlib" },
        };
        Assert.Equal(expected, references.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void The_core_package_documents_its_api_and_depends_on_core_library_and_streams()
    {
        using ZipArchive zip = Open("nanoFramework.EsWifi");
        XDocument docs = XDocument.Load(zip.GetEntry("lib/EsWifi.xml").Open());
        Assert.True(docs.Descendants("member").Count() > 300);
        Assert.Contains(docs.Descendants("member"), m => (string)m.Attribute("name") == "M:EsWifi.EsWifiModule.ConnectTls(System.String,System.Int32,EsWifi.TlsOptions)");

        XElement metadata = Metadata(zip, "nanoFramework.EsWifi");
        Assert.Equal(
            new Dictionary<string, string> { ["nanoFramework.CoreLibrary"] = "1.17.11", ["nanoFramework.System.IO.Streams"] = "1.1.96" },
            Dependencies(metadata));
        XDocument config = XDocument.Load(Path.Combine(TestEnvironment.RepositoryRoot, "src", "EsWifi", "packages.config"));
        Assert.Contains(config.Root.Elements("package"), p => (string)p.Attribute("id") == "nanoFramework.System.IO.Streams" && (string)p.Attribute("version") == "1.1.96");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_follows_the_nanoFramework_conventions(string id, string assembly)
    {
        using ZipArchive zip = Open(id);
        XElement metadata = Metadata(zip, id);
        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal(id, Value(metadata, "title"));
        Assert.Equal("nf-EsWifi contributors", Value(metadata, "authors"));
        Assert.EndsWith("This package includes the " + assembly + " assembly for .NET nanoFramework C# projects.", Value(metadata, "description"));
        Assert.StartsWith("nanoFramework C# csharp netmf netnf " + assembly, Value(metadata, "tags"));
        Assert.Equal("LICENSE.md", Value(metadata, "license"));
        Assert.Equal("docs\\README.md", Value(metadata, "readme"));
        Assert.Equal("images\\eswifi-icon.png", Value(metadata, "icon"));
    }

    [Theory]
    [InlineData("Serial", new[] { "nanoFramework.System.IO.Ports", "nanoFramework.Runtime.Events", "nanoFramework.System.IO.Streams" })]
    [InlineData("Spi", new[] { "nanoFramework.System.Device.Spi", "nanoFramework.System.Device.Gpio", "nanoFramework.Runtime.Events" })]
    [InlineData("Mqtt", new[] { "nanoFramework.M2Mqtt.Core", "nanoFramework.System.IO.Streams" })]
    public void The_adapter_packages_depend_on_the_core_of_their_version_and_on_what_their_nfproj_uses(string adapter, string[] nanoPackages)
    {
        string id = "nanoFramework.EsWifi." + adapter;
        using ZipArchive zip = Open(id);
        XElement metadata = Metadata(zip, id);
        Dictionary<string, string> dependencies = Dependencies(metadata);
        Assert.Equal(Value(metadata, "version"), dependencies["nanoFramework.EsWifi"]);

        // The same versions as the adapter's packages.config, which its .nfproj builds against, and the stand-ins mimic.
        XDocument config = XDocument.Load(Path.Combine(TestEnvironment.RepositoryRoot, "src", "EsWifi." + adapter, "packages.config"));
        var configured = config.Root.Elements("package").ToDictionary(p => (string)p.Attribute("id"), p => (string)p.Attribute("version"));
        foreach (string package in nanoPackages.Append("nanoFramework.CoreLibrary"))
        {
            Assert.Equal(configured[package], dependencies[package]);
        }
    }
}
