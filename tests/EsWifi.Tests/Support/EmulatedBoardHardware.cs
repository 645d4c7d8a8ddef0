using System.Device.Gpio;
using System.Device.Spi;

namespace EsWifi.Tests.Support;

/// <summary>
/// A System.Device.Spi device and a System.Device.Gpio driver whose other ends are the emulator's
/// SPI front end: chip select, data-ready and reset are GPIO pins, the bus moves 16-bit words as
/// little-endian byte pairs, as spidev does. Lets the real EsWifi.Spi adapters run end to end.
/// </summary>
public sealed class EmulatedBoardHardware
{
    public const int ChipSelectPin = 64;   // PE0
    public const int DataReadyPin = 65;    // PE1
    public const int ResetPin = 72;        // PE8

    public EmulatedBoardHardware(SpiFrontEnd spi)
    {
        Spi = spi;
        Device = new EmulatedSpiDevice(spi);
        Gpio = new GpioController(new EmulatedGpioDriver(spi));
    }

    public SpiFrontEnd Spi { get; }

    public SpiDevice Device { get; }

    public GpioController Gpio { get; }

    private sealed class EmulatedSpiDevice : SpiDevice
    {
        private readonly SpiFrontEnd _spi;

        public EmulatedSpiDevice(SpiFrontEnd spi) => _spi = spi;

        public override SpiConnectionSettings ConnectionSettings { get; } = new(3, -1) { DataBitLength = 16, Mode = SpiMode.Mode0, ClockFrequency = 16_000_000 };

        public override void Read(Span<byte> buffer) => TransferFullDuplex(new byte[buffer.Length], buffer);

        public override void Write(ReadOnlySpan<byte> buffer) => TransferFullDuplex(buffer, new byte[buffer.Length]);

        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            for (int i = 0; i + 1 < writeBuffer.Length; i += 2)
            {
                ushort answer = _spi.Exchange((ushort)(writeBuffer[i] | (writeBuffer[i + 1] << 8)));
                readBuffer[i] = (byte)(answer & 0xFF);
                readBuffer[i + 1] = (byte)(answer >> 8);
            }
        }
    }

    private sealed class EmulatedGpioDriver : GpioDriver
    {
        private readonly SpiFrontEnd _spi;
        private readonly Dictionary<int, PinMode> _modes = new();

        public EmulatedGpioDriver(SpiFrontEnd spi) => _spi = spi;

        protected override int PinCount => 128;

        protected override void OpenPin(int pinNumber) => _modes[pinNumber] = PinMode.Input;

        protected override void ClosePin(int pinNumber) => _modes.Remove(pinNumber);

        protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

        protected override PinMode GetPinMode(int pinNumber) => _modes[pinNumber];

        protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

        protected override PinValue Read(int pinNumber) =>
            pinNumber == DataReadyPin ? (_spi.DataReady ? PinValue.High : PinValue.Low) : PinValue.High;

        protected override void Write(int pinNumber, PinValue value)
        {
            if (pinNumber == ChipSelectPin)
            {
                if (value == PinValue.Low)
                {
                    _spi.Select();
                }
                else
                {
                    _spi.Deselect();
                }
            }
            else if (pinNumber == ResetPin)
            {
                // The module reboots when its reset line is released after being held low.
                if (value == PinValue.High && _resetHeld)
                {
                    _spi.HardwareReset();
                }

                _resetHeld = value == PinValue.Low;
            }
        }

        private bool _resetHeld;

        protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) => throw new NotSupportedException();

        protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) => throw new NotSupportedException();

        protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) => throw new NotSupportedException();
    }
}
