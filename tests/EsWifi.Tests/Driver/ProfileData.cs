namespace EsWifi.Tests.Driver;

/// <summary>The firmware profiles the driver suite runs against.</summary>
public static class ProfileData
{
    public static IEnumerable<object[]> Profiles() => new[]
    {
        new object[] { "C3.5.2.5.STM" },
        new object[] { "C6.2.1.7" },
        new object[] { "C6.2.1.8" },
    };
}
