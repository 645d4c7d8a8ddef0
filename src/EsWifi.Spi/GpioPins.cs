using System;
using System.Device.Gpio;

namespace EsWifi.Spi
{
    /// <summary>The module's CMD/DATA-READY output read through a GPIO input (wire a pull-down: it floats high before boot).</summary>
    public sealed class GpioDataReadyPin : IDataReadyPin
    {
        private readonly GpioController _gpio;
        private readonly int _pin;

        /// <summary>Opens <paramref name="pin"/> as an input.</summary>
        /// <param name="gpio">The GPIO controller.</param>
        /// <param name="pin">The data-ready pin (PE1 on B-L475E-IOT01A).</param>
        public GpioDataReadyPin(GpioController gpio, int pin)
        {
            _gpio = gpio ?? throw new ArgumentNullException(nameof(gpio));
            _pin = pin;
            _gpio.OpenPin(pin, PinMode.Input);
        }

        /// <inheritdoc />
        public bool IsHigh => _gpio.Read(_pin) == PinValue.High;
    }

    /// <summary>The module's RESET input (active low) driven by a GPIO output.</summary>
    public sealed class GpioResetPin : IResetPin
    {
        private readonly GpioController _gpio;
        private readonly int _pin;

        /// <summary>Opens <paramref name="pin"/> as an output, released (high).</summary>
        /// <param name="gpio">The GPIO controller.</param>
        /// <param name="pin">The reset pin (PE8 on B-L475E-IOT01A).</param>
        public GpioResetPin(GpioController gpio, int pin)
        {
            _gpio = gpio ?? throw new ArgumentNullException(nameof(gpio));
            _pin = pin;
            _gpio.OpenPin(pin, PinMode.Output);
            _gpio.Write(pin, PinValue.High);
        }

        /// <inheritdoc />
        public void Write(bool asserted)
        {
            _gpio.Write(_pin, asserted ? PinValue.Low : PinValue.High);
        }
    }
}
