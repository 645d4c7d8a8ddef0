using System.Reflection;

namespace EsWifi.Tests.Support;

/// <summary>Paths the build wrote into this assembly's metadata.</summary>
internal static class TestEnvironment
{
    public static string RepositoryRoot => Get("RepositoryRoot");

    public static string NanoMscorlib => Get("NanoMscorlib");

    public static string NanoEsWifi => Get("NanoEsWifi");

    private static string Get(string key)
    {
        foreach (var attribute in typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (attribute.Key == key)
            {
                return attribute.Value;
            }
        }

        throw new InvalidOperationException("assembly metadata " + key + " is missing");
    }
}
