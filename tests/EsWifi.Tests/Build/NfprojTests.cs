using System.Xml.Linq;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Build;

/// <summary>
/// .nfproj files cannot build here, and they list sources explicitly (no globbing). A file missing
/// from the list would silently drop out of Visual Studio users' builds, so every .cs file in a
/// .nfproj's folder must be listed, and every listed file must exist.
/// </summary>
public class NfprojTests
{
    public static IEnumerable<object[]> Projects() =>
        Directory.EnumerateFiles(TestEnvironment.RepositoryRoot, "*.nfproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
            .Select(p => new object[] { Path.GetRelativePath(TestEnvironment.RepositoryRoot, p) });

    [Fact]
    public void The_driver_and_the_on_target_tests_have_nfproj_files()
    {
        var projects = Projects().Select(p => ((string)p[0]).Replace('\\', '/')).ToList();
        Assert.Contains("src/EsWifi/EsWifi.nfproj", projects);
        Assert.Contains("tests/EsWifi.NanoTests/NFUnitTest.nfproj", projects);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_source_file_is_listed_and_every_listed_file_exists(string project)
    {
        string path = Path.Combine(TestEnvironment.RepositoryRoot, project);
        string folder = Path.GetDirectoryName(path);
        var listed = XDocument.Load(path).Descendants()
            .Where(e => e.Name.LocalName == "Compile")
            .Select(e => Path.GetFullPath(Path.Combine(folder, e.Attribute("Include").Value.Replace('\\', Path.DirectorySeparatorChar))))
            .ToHashSet();
        var onDisk = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(folder, f))
            .Select(Path.GetFullPath)
            .ToHashSet();

        Assert.Empty(onDisk.Except(listed).Select(f => Path.GetRelativePath(folder, f)));
        Assert.Empty(listed.Except(onDisk).Select(f => Path.GetRelativePath(folder, f)));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_nfproj_targets_nanoFramework_v1_with_the_csproj_language_version(string project)
    {
        XDocument doc = XDocument.Load(Path.Combine(TestEnvironment.RepositoryRoot, project));
        string Value(string name) => doc.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal("v1.0", Value("TargetFrameworkVersion"));
        Assert.Equal("9.0", Value("LangVersion"));
        Assert.Contains("{11A8DD76-328B-46DF-9F39-F559912D0360}", Value("ProjectTypeGuids"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_package_the_nfproj_references_is_in_its_packages_config_at_that_version(string project)
    {
        // Visual Studio restores packages.config into packages/<id>.<version>/; a HintPath into a
        // folder packages.config does not create breaks the build on a user's machine.
        string path = Path.Combine(TestEnvironment.RepositoryRoot, project);
        string config = Path.Combine(Path.GetDirectoryName(path), "packages.config");
        Assert.True(File.Exists(config), project + " has no packages.config beside it");
        var configured = XDocument.Load(config).Root.Elements("package").Select(p => (string)p.Attribute("id") + "." + (string)p.Attribute("version")).ToHashSet();
        var hinted = XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "HintPath")
            .Select(e => e.Value.Replace('\\', '/'))
            .Where(h => h.Contains("/packages/", StringComparison.Ordinal))
            .Select(h => h.Split("/packages/")[1].Split('/')[0]);
        foreach (string folder in hinted)
        {
            Assert.True(configured.Contains(folder), project + " reads packages/" + folder + ", which its packages.config does not restore");
        }
    }

    [Theory]
    [InlineData("HttpsGet", "EsWifi.Serial")]
    [InlineData("JsonOverTls", "EsWifi.Serial")]
    [InlineData("CertificateProvisioning", "EsWifi.Serial")]
    [InlineData("TlsClient", "EsWifi.Spi")]
    public void The_samples_use_the_driver_packages_as_a_users_project_does(string sample, string link)
    {
        XDocument doc = XDocument.Load(Path.Combine(TestEnvironment.RepositoryRoot, "samples", sample, sample + ".nfproj"));
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName == "ProjectReference");
        var hints = doc.Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToList();
        Assert.Contains(hints, h => h.EndsWith(@"\lib\EsWifi.dll", StringComparison.Ordinal) && h.Contains(@"packages\nanoFramework.EsWifi.", StringComparison.Ordinal));
        Assert.Contains(hints, h => h.EndsWith(@"\lib\" + link + ".dll", StringComparison.Ordinal));
    }

    private static bool IsBuildOutput(string folder, string file)
    {
        string relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);
    }
}
