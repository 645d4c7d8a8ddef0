using System.Reflection;
using Xunit;
using NanoSetup = nanoFramework.TestFramework.SetupAttribute;
using NanoTestClass = nanoFramework.TestFramework.TestClassAttribute;
using NanoTestMethod = nanoFramework.TestFramework.TestMethodAttribute;

namespace EsWifi.Tests;

/// <summary>
/// Runs every on-target test of tests/EsWifi.NanoTests (assembly NFUnitTest) as its own xunit case,
/// with the device launcher's rules: static methods, [Setup] once per class before its first test.
/// </summary>
public class NanoTestBridge
{
    private static readonly Assembly NanoTests = Assembly.Load("NFUnitTest");
    private static readonly HashSet<Type> SetUpClasses = new();

    public static IEnumerable<object[]> Cases()
    {
        foreach (Type type in NanoTests.GetTypes().Where(t => t.GetCustomAttribute<NanoTestClass>() != null).OrderBy(t => t.Name))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetCustomAttribute<NanoTestMethod>() != null))
            {
                yield return new object[] { type.Name + "." + method.Name };
            }
        }
    }

    [Fact]
    public void The_bridge_finds_the_on_target_tests()
    {
        Assert.True(Cases().Count() >= 30, "expected the NanoTests suite, found " + Cases().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnTarget(string test)
    {
        string[] parts = test.Split('.');
        Type type = NanoTests.GetTypes().Single(t => t.Name == parts[0]);
        MethodInfo method = type.GetMethod(parts[1], BindingFlags.Public | BindingFlags.Static);

        // The device launcher calls every method with a null instance; instance methods would crash there.
        Assert.True(method.IsStatic, "on-target tests must be static");
        lock (SetUpClasses)
        {
            if (SetUpClasses.Add(type))
            {
                foreach (MethodInfo setup in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetCustomAttribute<NanoSetup>() != null))
                {
                    setup.Invoke(null, null);
                }
            }

            try
            {
                method.Invoke(null, null);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }
    }
}
