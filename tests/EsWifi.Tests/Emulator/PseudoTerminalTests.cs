using System.IO.Ports;
using System.Text;
using EsWifi.Emulator.Model;

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
}
