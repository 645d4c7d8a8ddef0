using EsWifi.Emulator.FrontEnds;
using EsWifi.Emulator.Model;

namespace EsWifi.Emulator;

/// <summary>
/// Runs the emulator on its own: <c>dotnet run --project src/EsWifi.Emulator -- --pty [--firmware C3.5.2.5.UART]</c>
/// prints the pseudo-terminal path a serial program can open, and serves until Ctrl-C.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (Array.IndexOf(args, "--pty") < 0)
        {
            Console.Error.WriteLine("usage: EsWifi.Emulator --pty [--firmware <" + string.Join("|", FirmwareProfile.All.Select(p => p.Name)) + ">] [--ssid <name> --passphrase <text>]");
            return 2;
        }

        FirmwareProfile profile = FirmwareProfile.C3525Uart;
        string ssid = "emulated-ap";
        string passphrase = "emulator-passphrase";
        for (int i = 0; i + 1 < args.Length; i++)
        {
            switch (args[i])
            {
                case "--firmware": profile = FirmwareProfile.ByName(args[++i]); break;
                case "--ssid": ssid = args[++i]; break;
                case "--passphrase": passphrase = args[++i]; break;
            }
        }

        using var module = new EmulatedModule(profile);
        module.AccessPoints.Add(new SimulatedAccessPoint { Ssid = ssid, Security = 3, Passphrase = passphrase });
        using var pty = new PseudoTerminal();
        using var uart = new UartFrontEnd(module, pty);
        Console.WriteLine(pty.SlavePath);
        Console.Error.WriteLine($"eS-WiFi emulator ({profile.Name}) on {pty.SlavePath}; access point '{ssid}' (WPA2). Ctrl-C stops.");
        var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        stop.Wait();
        return 0;
    }
}
