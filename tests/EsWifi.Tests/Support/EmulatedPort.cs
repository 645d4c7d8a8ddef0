using EsWifi.Cli;
using EsWifi.Emulator.Model;

namespace EsWifi.Tests.Support;

/// <summary>
/// What a user of <c>eswifi</c> has on a desk, for tests of the tool: the emulated module (C3.5.2.5 UART
/// firmware, the bench's access point) behind a pseudo-terminal, a scratch folder, and the tool run
/// in-process with <c>--port</c> naming that terminal.
/// </summary>
internal sealed class EmulatedPort : IDisposable
{
    private readonly PseudoTerminal _pty = new();
    private readonly UartFrontEnd _uart;

    public EmulatedPort(string folderPrefix)
    {
        Emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = EmulatedBench.Ssid, Security = 3, Passphrase = EmulatedBench.Passphrase, Rssi = -48 });
        _uart = new UartFrontEnd(Emulator, _pty);
        Folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
    }

    public EmulatedModule Emulator { get; } = new(FirmwareProfile.C3525Uart);

    /// <summary>The terminal's path, what <c>--port</c> names.</summary>
    public string Path => _pty.SlavePath;

    /// <summary>A folder of the test's own, deleted at the end.</summary>
    public string Folder { get; }

    /// <summary>Runs the tool with <paramref name="args"/> and <c>--port</c>, <paramref name="input"/> as what is typed.</summary>
    public (int Exit, string Output, string Error) Run(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = EsWifiCli.Run(args.Concat(new[] { "--port", Path }).ToArray(), new StringReader(input), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        _uart.Dispose();
        _pty.Dispose();
        Emulator.Dispose();
        Directory.Delete(Folder, true);
    }
}
