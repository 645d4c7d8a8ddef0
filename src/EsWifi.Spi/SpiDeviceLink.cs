using System;
using System.Device.Gpio;
using System.Device.Spi;

namespace EsWifi.Spi
{
    /// <summary>
    /// <see cref="ISpiLink"/> over an <see cref="SpiDevice"/> in 16-bit mode, with chip select on a
    /// GPIO the driver controls (one data phase spans several transfers while CS stays low).
    /// Configure the device with <c>DataBitLength = 16</c>, mode 0, and no hardware chip select.
    /// </summary>
    public sealed class SpiDeviceLink : ISpiLink, IDisposable
    {
        private readonly SpiDevice _device;
        private readonly GpioController _gpio;
        private readonly int _chipSelect;
#if NANOFRAMEWORK_1_0
        private readonly WordExchanger _words;
#else
        private byte[] _filler = new byte[0];
        private byte[] _sink = new byte[0];
#endif

        /// <summary>Creates the link; the chip-select pin is opened as an output and driven high (idle).</summary>
        /// <param name="device">The SPI device (16-bit words, mode 0).</param>
        /// <param name="gpio">The GPIO controller that owns <paramref name="chipSelectPin"/>.</param>
        /// <param name="chipSelectPin">The module's NSS pin (PE0 on B-L475E-IOT01A).</param>
        public SpiDeviceLink(SpiDevice device, GpioController gpio, int chipSelectPin)
        {
            if (device == null)
            {
                throw new ArgumentNullException(nameof(device));
            }

            if (gpio == null)
            {
                throw new ArgumentNullException(nameof(gpio));
            }

            _device = device;
            _gpio = gpio;
            _chipSelect = chipSelectPin;
#if NANOFRAMEWORK_1_0
            _words = new WordExchanger(device.TransferFullDuplex, device.Write);
#endif
            _gpio.OpenPin(chipSelectPin, PinMode.Output);
            _gpio.Write(chipSelectPin, PinValue.High);
        }

        /// <inheritdoc />
        public void Select()
        {
            _gpio.Write(_chipSelect, PinValue.Low);
        }

        /// <inheritdoc />
        public void Deselect()
        {
            _gpio.Write(_chipSelect, PinValue.High);
        }

        /// <inheritdoc />
        public void Exchange(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
#if NANOFRAMEWORK_1_0
            // nanoFramework's SpiDevice takes 16-bit words as ushort[] arrays of the run's length:
            // fixed chunks, so no command allocates (WordExchanger).
            _words.Exchange(write, writeOffset, read, readOffset, count);
#else
            // spidev at 16 bits per word moves native (little-endian) words: the byte buffer already
            // holds each word with its first character in the low byte.
            int bytes = count * 2;
            if (write == null)
            {
                if (_filler.Length < bytes)
                {
                    _filler = new byte[bytes];
                    for (int i = 0; i < bytes; i++)
                    {
                        _filler[i] = 0x0A;
                    }
                }

                write = _filler;
                writeOffset = 0;
            }

            if (read == null)
            {
                if (_sink.Length < bytes)
                {
                    _sink = new byte[bytes];
                }

                read = _sink;
                readOffset = 0;
            }

            _device.TransferFullDuplex(new ReadOnlySpan<byte>(write, writeOffset, bytes), new Span<byte>(read, readOffset, bytes));
#endif
        }

        /// <summary>Releases the chip-select pin (the device and controller belong to the caller).</summary>
        public void Dispose()
        {
            _gpio.ClosePin(_chipSelect);
        }
    }
}
