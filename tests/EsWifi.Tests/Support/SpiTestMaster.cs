using System.Text;

namespace EsWifi.Tests.Support;

/// <summary>
/// A small SPI master for the emulator's own tests (the driver's SPI transport is separate work):
/// follows the data-ready handshake word by word and keeps the words it saw.
/// </summary>
public sealed class SpiTestMaster
{
    private readonly SpiFrontEnd _spi;

    public SpiTestMaster(SpiFrontEnd spi)
    {
        _spi = spi;
    }

    /// <summary>Words of the last data phase, as clocked.</summary>
    public List<ushort> LastWords { get; } = new();

    public void WaitDataReady(bool level, int timeoutMilliseconds = 5000)
    {
        DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (_spi.DataReady != level)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("data-ready did not go " + (level ? "high" : "low"));
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Reads one data phase (all words while data-ready is high), returns its bytes.</summary>
    public byte[] ReadPhase(int maxWords = 4096)
    {
        WaitDataReady(true);
        LastWords.Clear();
        var bytes = new List<byte>();
        _spi.Select();
        while (_spi.DataReady && LastWords.Count < maxWords)
        {
            ushort word = _spi.Exchange(0x0A0A);
            LastWords.Add(word);
            bytes.Add((byte)(word & 0xFF));
            bytes.Add((byte)(word >> 8));
        }

        _spi.Deselect();
        return bytes.ToArray();
    }

    /// <summary>Sends one command phase: the bytes as little-endian words, padded with <paramref name="pad"/> when odd.</summary>
    public void SendPhase(byte[] bytes, byte pad = 0x0A)
    {
        WaitDataReady(true);
        _spi.Select();
        for (int i = 0; i < bytes.Length; i += 2)
        {
            byte high = i + 1 < bytes.Length ? bytes[i + 1] : pad;
            _spi.Exchange((ushort)(bytes[i] | (high << 8)));
        }

        _spi.Deselect();
    }

    /// <summary>A whole exchange; the answer with trailing 0x15 pads removed.</summary>
    public string Command(string command, byte[] payload = null, byte pad = 0x0A)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(command + "\r");
        if (payload != null)
        {
            bytes = bytes.Concat(payload).ToArray();
        }

        SendPhase(bytes, pad);
        byte[] answer = ReadPhase();
        int length = answer.Length;
        while (length > 0 && answer[length - 1] == 0x15)
        {
            length--;
        }

        return Encoding.Latin1.GetString(answer, 0, length);
    }
}
