using EsWifi.Cli;
using EsWifi.Cli.Infrastructure;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Cli;

/// <summary><c>eswifi emulate</c> says what a user needs to connect, and takes <c>--passphrase</c> as the standalone emulator does.</summary>
public class EmulateCommandTests
{
    [Fact]
    public void Emulate_prints_its_access_point_and_the_join_that_uses_it()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        TextWriter sharedOutput = TextWriter.Synchronized(output);
        TextWriter sharedError = TextWriter.Synchronized(error);
        var cancellation = new CliCancellation();
        int exit = -1;
        var emulate = new Thread(() => exit = EsWifiCli.Run(new[] { "emulate", "--pty", "--ssid", "workshop", "--passphrase", "solder fumes" }, new StringReader(string.Empty), sharedOutput, sharedError, cancellation));
        emulate.Start();
        // The path goes to standard output and the access point to standard error, one after the other: wait for both.
        // (The synchronized writers lock on themselves: read under the same lock.)
        string Read(TextWriter shared, StringWriter inner)
        {
            lock (shared)
            {
                return inner.ToString();
            }
        }

        Eventually.True(() => Read(sharedOutput, output).Contains("/dev/pts/", StringComparison.Ordinal) && Read(sharedError, error).Contains("eswifi join --port", StringComparison.Ordinal), "the terminal's path and the join line");
        string path = Read(sharedOutput, output).Trim();

        Assert.Contains("access point 'workshop' (WPA2, passphrase 'solder fumes')", Read(sharedError, error));
        Assert.Contains("eswifi join --port " + path + " --ssid 'workshop' --passphrase 'solder fumes'", Read(sharedError, error));
        var join = new StringWriter();
        var joinError = new StringWriter();
        Assert.Equal(0, EsWifiCli.Run(new[] { "join", "--port", path, "--ssid", "workshop", "--passphrase", "solder fumes" }, new StringReader(string.Empty), join, joinError));

        cancellation.Cancel();
        Assert.True(emulate.Join(TimeSpan.FromSeconds(10)), "emulate stopped on cancel");
        Assert.Equal(0, exit);
    }
}
