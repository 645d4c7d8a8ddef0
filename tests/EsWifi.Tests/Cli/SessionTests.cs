using EsWifi.Cli;
using EsWifi.Cli.Infrastructure;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Cli;

/// <summary>
/// What the tool does around a module session: one tool a port (a second one says the port is busy
/// instead of resetting the first one's module), Ctrl-C while the module stays silent ends at once,
/// and a passphrase that need not be on the command line.
/// </summary>
public class SessionTests : IDisposable
{
    private readonly EmulatedPort _port = new("eswifi-session-");

    public void Dispose()
    {
        _port.Dispose();
    }

    [Fact]
    public void A_second_tool_on_a_busy_port_says_so_and_leaves_the_first_ones_module_alone()
    {
        using var typed = new BlockingReader();
        var firstOutput = new StringWriter();
        int firstExit = -1;
        var first = new Thread(() => firstExit = EsWifiCli.Run(new[] { "at", "--port", _port.Path }, typed, TextWriter.Synchronized(firstOutput), new StringWriter()));
        first.Start();
        Eventually.True(() => typed.Waiting, "the first tool at its prompt");
        int reboots = _port.Emulator.Reboots;

        var second = Run("info", "--reset");

        CliAssert.Exit(2, second);
        Assert.Contains("the port " + _port.Path + " is busy: another eswifi is using it", second.Error);
        Assert.Equal(reboots, _port.Emulator.Reboots);
        typed.Send("exit");
        Assert.True(first.Join(TimeSpan.FromSeconds(10)), "the first tool ended");
        Assert.Equal(0, firstExit);
        CliAssert.Exit(0, Run("info"));
    }

    [Fact]
    public void Ctrl_c_while_a_silent_module_is_waited_for_ends_the_tool_at_once()
    {
        // A terminal with no module behind it: the bring-up waits up to 10 s for a prompt.
        using var silent = new PseudoTerminal();
        var cancellation = new CliCancellation();
        var error = new StringWriter();
        int exit = -1;
        var tool = new Thread(() => exit = EsWifiCli.Run(new[] { "info", "--port", silent.SlavePath }, new StringReader(string.Empty), new StringWriter(), TextWriter.Synchronized(error), cancellation));
        tool.Start();
        Thread.Sleep(300);

        cancellation.Cancel();

        Assert.True(tool.Join(TimeSpan.FromSeconds(5)), "the tool ended soon after the cancel, not after the 10 s wait");
        Assert.Equal(3, exit);
        Assert.Contains("cancelled", error.ToString());
    }

    [Fact]
    public void The_passphrase_can_come_from_a_file_or_the_environment_and_is_asked_for_when_missing()
    {
        string file = Path.Combine(_port.Folder, "passphrase");
        File.WriteAllText(file, EmulatedBench.Passphrase + "\n");

        var fromFile = Run("join", "--ssid", EmulatedBench.Ssid, "--passphrase-file", file);
        CliAssert.Exit(0, fromFile);
        Assert.DoesNotContain(EmulatedBench.Passphrase, fromFile.Output + fromFile.Error);

        Environment.SetEnvironmentVariable(PassphraseSource.Variable, EmulatedBench.Passphrase);
        try
        {
            CliAssert.Exit(0, Run("join", "--ssid", EmulatedBench.Ssid));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PassphraseSource.Variable, null);
        }

        // Off a terminal nobody can be asked: the error names every way to give it.
        var missing = Run("join", "--ssid", EmulatedBench.Ssid);
        CliAssert.Exit(2, missing);
        Assert.Contains("a passphrase is needed: --passphrase, --passphrase-file FILE or ESWIFI_PASSPHRASE", missing.Error);
    }

    [Fact]
    public void Help_shows_link_options_only_where_a_module_is_named_with_an_example_and_a_typo_gets_a_suggestion()
    {
        var bare = Plain();
        var demo = Plain("demo", "--help");
        var info = Plain("info", "--help");
        var typo = Plain("infos");

        CliAssert.Exit(0, bare);
        Assert.Contains("Usage:", bare.Output);
        Assert.DoesNotContain("--port", demo.Output);
        Assert.Contains("--port", info.Output);
        Assert.Contains("eswifi info --port /dev/ttyUSB0", info.Output);
        CliAssert.Exit(2, typo);
        Assert.Contains("did you mean 'eswifi info'?", typo.Error);
        Assert.DoesNotContain("Required command was not provided", typo.Error);
    }

    private static (int Exit, string Output, string Error) Plain(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = EsWifiCli.Run(args, new StringReader(string.Empty), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private (int Exit, string Output, string Error) Run(params string[] args) => _port.Run(string.Empty, args);

    /// <summary>Typed input that arrives only when a test sends it.</summary>
    private sealed class BlockingReader : TextReader
    {
        private readonly System.Collections.Concurrent.BlockingCollection<string> _lines = new();

        public bool Waiting { get; private set; }

        public void Send(string line) => _lines.Add(line);

        public override string ReadLine()
        {
            Waiting = true;
            string line = _lines.Take();
            Waiting = false;
            return line;
        }

        protected override void Dispose(bool disposing)
        {
            _lines.Dispose();
            base.Dispose(disposing);
        }
    }
}
