using System.IO.Ports;
using System.Text;
using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Emulator;

/// <summary>The kernel serial path: a real System.IO.Ports.SerialPort on the emulator's pseudo-terminal.</summary>
public class PseudoTerminalTests
{
    [Fact]
    public void A_serial_port_at_115200_talks_to_the_emulator_through_the_tty_layer()
    {
        using var module = new EmulatedModule(FirmwareProfile.C3525Uart);
        using var pty = new PseudoTerminal();
        using var uart = new UartFrontEnd(module, pty, bootPrompt: false);
        using var port = new SerialPort(pty.SlavePath, 115200, Parity.None, 8, StopBits.One) { ReadTimeout = 3000, WriteTimeout = 3000 };
        port.Open();

        port.Write("I?\r");
        string expected = "\r\nISM43362-M3G-L44-UART,C3.5.2.5.UART,v3.5.2,v1.4.0.rc1,v8.2.1,120000000,Inventek eS-WiFi\r\nOK\r\n> ";
        var received = new StringBuilder();
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (received.Length < expected.Length && DateTime.UtcNow < deadline)
        {
            if (port.BytesToRead > 0)
            {
                received.Append(port.ReadExisting());
            }
            else
            {
                Thread.Sleep(5);
            }
        }

        Assert.Equal(expected, received.ToString());
        Assert.Equal(1, module.Counters.Commands("I?"));
    }

    [Fact]
    public void Binary_bytes_cross_the_tty_unchanged()
    {
        using var module = new EmulatedModule(FirmwareProfile.C3525Uart);
        using var pty = new PseudoTerminal();
        using var uart = new UartFrontEnd(module, pty, bootPrompt: false);
        using var port = new SerialPort(pty.SlavePath, 115200) { ReadTimeout = 3000 };
        port.Open();

        // A certificate payload full of bytes a cooked tty would translate (CR, LF, ^C, ^S, DEL, 0xFF).
        byte[] payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        byte[] header = Encoding.ASCII.GetBytes("PG=0,0,256\r");
        port.Write(header, 0, header.Length);
        port.Write(payload, 0, payload.Length);
        byte[] answer = new byte[10];
        int got = 0;
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (got < answer.Length && DateTime.UtcNow < deadline)
        {
            got += port.Read(answer, got, answer.Length - got);
        }

        Assert.Equal("\r\n\r\nOK\r\n> ", Encoding.ASCII.GetString(answer));
        Assert.Equal(payload, module.Certificates.Get(0, 0));
    }

    [Fact]
    public void A_front_end_that_outlives_its_terminal_never_touches_the_next_one()
    {
        // The first module is still inside a delayed answer when its test ends and its terminal is
        // closed (as after CancellationTests' late P6=0). Its late answer once reached the next test's
        // terminal, which the kernel gives the same descriptor numbers, and its reads took that
        // test's commands.
        var first = new EmulatedModule(FirmwareProfile.C3525Uart);
        var firstTerminal = new PseudoTerminal();
        var firstUart = new UartFrontEnd(first, firstTerminal, bootPrompt: false);
        firstUart.Faults.Add(new Fault { Command = "I?", Kind = FaultKind.Delay, Milliseconds = 3000 });
        using (var firstPort = new SerialPort(firstTerminal.SlavePath, 115200))
        {
            firstPort.Open();
            firstPort.Write("I?\r");
            Eventually.True(() => firstUart.Faults.Fired == 1, "the first module's delayed answer");
        }

        firstUart.Dispose();
        firstTerminal.Dispose();
        first.Dispose();

        // The next terminal gets the lowest free descriptors: the ones the first just closed.
        using var module = new EmulatedModule(FirmwareProfile.C3525Uart);
        using var pty = new PseudoTerminal();
        using var uart = new UartFrontEnd(module, pty, bootPrompt: false);
        using var port = new SerialPort(pty.SlavePath, 115200) { ReadTimeout = 3000 };
        port.Open();
        Eventually.True(() => !firstUart.Running, "the first front end's thread to end", 20000);
        Assert.Equal(0, port.BytesToRead);

        port.Write("I?\r");
        string expected = "\r\nISM43362-M3G-L44-UART,C3.5.2.5.UART,v3.5.2,v1.4.0.rc1,v8.2.1,120000000,Inventek eS-WiFi\r\nOK\r\n> ";
        var received = new StringBuilder();
        while (received.Length < expected.Length)
        {
            received.Append((char)port.ReadByte());
        }

        Assert.Equal(expected, received.ToString());
        Assert.Equal(1, module.Counters.Commands("I?"));
        Assert.Equal(1, first.Counters.Commands("I?"));
    }
}
