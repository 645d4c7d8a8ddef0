namespace EsWifi.Emulator.FrontEnds;

/// <summary>
/// Wires the driver's SPI transport to the emulator's SPI front end: the bus, the data-ready line
/// and the reset pin, word for word, as a board would.
/// </summary>
public sealed class SpiFrontEndLink : ISpiLink, IDataReadyPin, IResetPin
{
    private readonly SpiFrontEnd _spi;

    public SpiFrontEndLink(SpiFrontEnd spi)
    {
        _spi = spi;
    }

    public bool IsHigh => _spi.DataReady;

    /// <summary>Reset pulses seen.</summary>
    public int Resets { get; private set; }

    public void Select() => _spi.Select();

    public void Deselect() => _spi.Deselect();

    public void Exchange(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            ushort word = write == null ? (ushort)0x0A0A : (ushort)(write[writeOffset + (2 * i)] | (write[writeOffset + (2 * i) + 1] << 8));
            ushort answer = _spi.Exchange(word);
            if (read != null)
            {
                read[readOffset + (2 * i)] = (byte)(answer & 0xFF);
                read[readOffset + (2 * i) + 1] = (byte)(answer >> 8);
            }
        }
    }

    public void Write(bool asserted)
    {
        // The module reboots on the release of the pin.
        if (!asserted)
        {
            Resets++;
            _spi.HardwareReset();
        }
    }
}
