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
        private ushort[] _writeWords = new ushort[0];
        private ushort[] _readWords = new ushort[0];
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
            // nanoFramework's SpiDevice takes 16-bit words as ushort[]: first character in the low byte.
            if (_writeWords.Length != count)
            {
                _writeWords = new ushort[count];
                _readWords = new ushort[count];
            }

            for (int i = 0; i < count; i++)
            {
                _writeWords[i] = write == null ? (ushort)0x0A0A : (ushort)(write[writeOffset + (2 * i)] | (write[writeOffset + (2 * i) + 1] << 8));
            }

            _device.TransferFullDuplex(_writeWords, _readWords);
            if (read != null)
            {
                for (int i = 0; i < count; i++)
                {
                    read[readOffset + (2 * i)] = (byte)(_readWords[i] & 0xFF);
                    read[readOffset + (2 * i) + 1] = (byte)(_readWords[i] >> 8);
                }
            }
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
