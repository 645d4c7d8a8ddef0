using System;

namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    public readonly struct PinValue
    {
        private readonly byte _value;

        private PinValue(byte value)
        {
            _value = value;
        }

        public static PinValue High => new PinValue(1);

        public static PinValue Low => new PinValue(0);

        public static bool operator ==(PinValue a, PinValue b) => a._value == b._value;

        public static bool operator !=(PinValue a, PinValue b) => a._value != b._value;

        public override bool Equals(object obj) => obj is PinValue && ((PinValue)obj)._value == _value;

        public override int GetHashCode() => _value;
    }

    public sealed class GpioPin : IDisposable
    {
        private GpioPin()
        {
        }

        public void Dispose() => throw new NotImplementedException();
    }

    public class GpioController : IDisposable
    {
        public GpioController() => throw new NotImplementedException();

        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw new NotImplementedException();

        public void ClosePin(int pinNumber) => throw new NotImplementedException();

        public void Write(int pinNumber, PinValue value) => throw new NotImplementedException();

        public PinValue Read(int pinNumber) => throw new NotImplementedException();

        public void Dispose() => throw new NotImplementedException();
    }
}
