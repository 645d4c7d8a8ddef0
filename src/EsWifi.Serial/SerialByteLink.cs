using System;
using System.IO.Ports;

namespace EsWifi.Serial
{
    /// <summary>
    /// The driver's byte link over a serial port: 8 data bits, no parity, 1 stop bit, no flow
    /// control (the module's UART settings). Reads never block: they take only what has arrived,
    /// which also avoids nanoFramework's Read that waits for the full count.
    /// </summary>
    public sealed class SerialByteLink : IByteLink, IDisposable
    {
        /// <summary>The module's default rate.</summary>
        public const int DefaultBaudRate = 115200;

        private readonly SerialPort _port;

        /// <summary>Opens <paramref name="portName"/> at 115200 baud.</summary>
        /// <param name="portName">For example <c>COM2</c> (nanoFramework: COM1–COM9) or <c>/dev/ttyUSB0</c>.</param>
        public SerialByteLink(string portName)
            : this(portName, DefaultBaudRate)
        {
        }

        /// <summary>Opens <paramref name="portName"/> at <paramref name="baudRate"/>.</summary>
        /// <param name="portName">For example <c>COM2</c> (nanoFramework: COM1–COM9) or <c>/dev/ttyUSB0</c>.</param>
        /// <param name="baudRate">The module's current rate.</param>
        public SerialByteLink(string portName, int baudRate)
        {
            if (portName == null || portName.Length == 0)
            {
                throw new ArgumentException("a port name is required", nameof(portName));
            }

            if (baudRate <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baudRate));
            }

            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            _port.Handshake = Handshake.None;
            _port.ReadTimeout = 1000;
            _port.WriteTimeout = 5000;
#if NANOFRAMEWORK_1_0
            // nanoFramework's single work buffer defaults to 256 bytes; a full R0 answer is 1,470.
            _port.ReadBufferSize = 4096;
#endif
            _port.Open();
        }

        /// <summary>The underlying port.</summary>
        public SerialPort Port => _port;

        /// <summary>The host side's rate; changing it reconfigures the open port.</summary>
        public int BaudRate
        {
            get => _port.BaudRate;
            set => _port.BaudRate = value;
        }

        /// <inheritdoc />
        public int BytesAvailable => _port.BytesToRead;

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0 || count <= 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, available < count ? available : count);
        }

        /// <summary>Closes the port.</summary>
        public void Dispose()
        {
            _port.Dispose();
        }
    }
}
