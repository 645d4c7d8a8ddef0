using System.Text;
using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;

namespace EsWifi.Tests.Support;

/// <summary>
/// Drives the emulator's UART front end with raw bytes, without the driver's parser: an answer is
/// everything that arrives until the line has been quiet for a while after a prompt.
/// </summary>
public sealed class RawUart : IDisposable
{
    private readonly InMemoryDuplexLink _link = new();

    public RawUart(FirmwareProfile profile)
    {
        Module = new EmulatedModule(profile);
        Module.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "lab", Security = 3, Passphrase = "correct horse", Rssi = -55, AssignedIp = "192.168.1.50" });
        Module.AccessPoints.Add(new SimulatedAccessPoint { Ssid = "cafe", Security = 0, Rssi = -71, Channel = 11, Bssid = "00:24:B2:B1:E9:FD" });
        Uart = new UartFrontEnd(Module, _link.Module);
        Boot = Collect(2000);
    }

    public EmulatedModule Module { get; }

    public UartFrontEnd Uart { get; }

    public FaultPlan Faults => Uart.Faults;

    /// <summary>What the module printed at start.</summary>
    public string Boot { get; }

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public string Send(string command, byte[] payload = null, int timeoutMilliseconds = 5000)
    {
        byte[] line = Bytes(command + "\r");
        _link.Host.Write(line, 0, line.Length);
        if (payload != null)
        {
            _link.Host.Write(payload, 0, payload.Length);
        }

        return Collect(timeoutMilliseconds);
    }

    public void WriteRaw(byte[] bytes) => _link.Host.Write(bytes, 0, bytes.Length);

    /// <summary>Reads until a prompt has arrived and nothing more came for 60 ms (or the timeout).</summary>
    public string Collect(int timeoutMilliseconds, int quietMilliseconds = 60)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        DateTime lastByte = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            int n = _link.Host.Read(buffer, 0, buffer.Length);
            if (n > 0)
            {
                received.AddRange(buffer.AsSpan(0, n).ToArray());
                lastByte = DateTime.UtcNow;
                continue;
            }

            string text = Encoding.Latin1.GetString(received.ToArray());
            if (text.EndsWith("\r\n> ", StringComparison.Ordinal) && (DateTime.UtcNow - lastByte).TotalMilliseconds >= quietMilliseconds)
            {
                return text;
            }

            Thread.Sleep(2);
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }

    public string Join()
    {
        Send("C1=lab");
        Send("C2=correct horse");
        Send("C3=3");
        return Send("C0");
    }

    public void Dispose()
    {
        Uart.Dispose();
        Module.Dispose();
    }
}
