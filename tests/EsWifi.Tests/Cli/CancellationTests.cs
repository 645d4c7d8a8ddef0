using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using EsWifi.Cli;
using EsWifi.Cli.Infrastructure;
using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Cli;

/// <summary>
/// Ctrl-C and SIGTERM sent to a real <c>eswifi</c> process whose module is the emulator on a
/// pseudo-terminal: the command stops, the module socket is closed (P6=0), the module stays
/// joined, and the next command works.
/// </summary>
public class CancellationTests : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private readonly EmulatedModule _emulator = new(FirmwareProfile.C3525Uart);
    private readonly PseudoTerminal _pty = new();
    private readonly UartFrontEnd _uart;
    private readonly GeneratedCertificates _pki = GeneratedCertificates.Create("cancel test");
    private readonly ManualResetEventSlim _release = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("eswifi-cancel-").FullName;

    public CancellationTests()
    {
        _emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = EmulatedBench.Ssid, Security = 3, Passphrase = EmulatedBench.Passphrase, Rssi = -48 });
        _uart = new UartFrontEnd(_emulator, _pty);
    }

    public void Dispose()
    {
        _release.Set();
        _uart.Dispose();
        _pty.Dispose();
        _emulator.Dispose();
        Directory.Delete(_folder, true);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr SetSignal(int signal, IntPtr handler);

    /// <summary>
    /// A test run started in the background of a non-interactive shell has SIGINT ignored, and a
    /// child inherits that (the tool then rightly leaves Ctrl-C alone, as a background job should):
    /// give the children the default a terminal user has.
    /// </summary>
    private static void LetChildrenReceiveSigInt()
    {
        string ignored = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)).Substring(7).Trim();
        if ((Convert.ToUInt64(ignored, 16) & (1UL << (SigInt - 1))) != 0)
        {
            SetSignal(SigInt, IntPtr.Zero);
        }
    }

    private int InProcess(params string[] args)
    {
        var error = new StringWriter();
        int code = EsWifiCli.Run(args.Concat(new[] { "--port", _pty.SlavePath }).ToArray(), new StringReader("y\n"), new StringWriter(), error);
        _lastError = error.ToString();
        return code;
    }

    private string _lastError = string.Empty;

    /// <summary>A TLS server that reads the request and then never answers (until the test ends).</summary>
    private LoopbackServer SilentServer() => LoopbackServer.Tls(_pki, false, stream =>
    {
        stream.ReadByte();
        _release.Wait(TimeSpan.FromSeconds(60));
    });

    /// <summary>Starts <c>eswifi get</c> in its own process; returns once its read waits on the server.</summary>
    private Process StartGet(int port)
    {
        LetChildrenReceiveSigInt();
        int readsBefore = _emulator.Counters.Commands("R0");
        string tool = Path.Combine(AppContext.BaseDirectory, "EsWifi.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { tool, "get", "https://localhost:" + port + "/", "--port", _pty.SlavePath })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start);
        Eventually.True(() => _emulator.Counters.Commands("R0") > readsBefore || process.HasExited, "the tool's read of the silent server", 30000);
        if (process.HasExited)
        {
            Assert.Fail("eswifi get ended before it was cancelled: " + process.StandardError.ReadToEnd());
        }

        return process;
    }

    private void Prepare()
    {
        Assert.True(InProcess("join", "--ssid", EmulatedBench.Ssid, "--passphrase", EmulatedBench.Passphrase) == 0, "join: " + _lastError);
        string ca = Path.Combine(_folder, "ca.pem");
        File.WriteAllBytes(ca, _pki.CaPem);
        Assert.True(InProcess("cert", "program", "--set", "0", "--ca", ca) == 0, "cert program: " + _lastError);
    }

    [Theory]
    [InlineData(SigInt)]
    [InlineData(SigTerm)]
    public void A_signal_stops_get_closes_its_socket_and_the_next_get_works(int signal)
    {
        Prepare();
        using LoopbackServer silent = SilentServer();
        using Process process = StartGet(silent.Port);

        int sent = kill(process.Id, signal);
        Assert.True(process.WaitForExit(20000), "eswifi get did not end after the signal");
        Assert.True(sent == 0, "kill: errno " + Marshal.GetLastWin32Error());
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.ExitCode == ExitCodes.Cancelled, "exit " + process.ExitCode + ": " + error);
        Assert.Contains("eswifi: cancelled", error);
        Assert.DoesNotContain("   at ", error);

        // The silent server still holds its end: only the tool's P6=0 can have closed the module's.
        Assert.Null(_emulator.Socket(0).Connection);

        // The module is still joined and the next get works (no "Socket already connected").
        using var answering = LoopbackServer.Tls(_pki, false, stream =>
        {
            string request = HttpRequestHead.Read(stream);
            if (request == null)
            {
                return;
            }

            stream.Write(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nagain"));
        });
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = EsWifiCli.Run(new[] { "get", "https://localhost:" + answering.Port + "/", "--port", _pty.SlavePath }, new StringReader(string.Empty), output, errors);
        Assert.True(exit == 0, errors.ToString());
        Assert.Equal("again", output.ToString());
    }

    [Fact]
    public void A_second_ctrl_c_ends_the_process_at_once()
    {
        Prepare();
        using LoopbackServer silent = SilentServer();
        using Process process = StartGet(silent.Port);

        // The close the first Ctrl-C starts is held up (the module answers P6=0 late): a second
        // Ctrl-C must not wait for it.
        _uart.Faults.Add(new Fault { Command = "P6", Kind = FaultKind.Delay, Milliseconds = 15000 });
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, kill(process.Id, SigInt));
        Eventually.True(() => _uart.Faults.Fired == 1 || process.HasExited, "the close after the first Ctrl-C", 20000);
        Assert.False(process.HasExited, "the first Ctrl-C was expected to wait for the late P6=0");
        Assert.Equal(0, kill(process.Id, SigInt));
        Assert.True(process.WaitForExit(10000), "a second Ctrl-C did not end the process");
        Assert.True(watch.ElapsedMilliseconds < 15000, "the process waited for the late close");
        Assert.NotEqual(0, process.ExitCode);
    }
}
