using System;

namespace System.Device.Spi
{
    public enum SpiMode
    {
        Mode0,
        Mode1,
        Mode2,
        Mode3,
    }

    public class SpiConnectionSettings
    {
        public SpiConnectionSettings(int busId, int chipSelectLine) => throw new NotImplementedException();

        public int BusId { get; set; }

        public int ChipSelectLine { get; set; }

        public int DataBitLength { get; set; }

        public int ClockFrequency { get; set; }

        public SpiMode Mode { get; set; }
    }

    public class SpiDevice : IDisposable
    {
        public SpiDevice(SpiConnectionSettings settings) => throw new NotImplementedException();

        public static SpiDevice Create(SpiConnectionSettings settings) => throw new NotImplementedException();

        public void TransferFullDuplex(ushort[] writeBuffer, ushort[] readBuffer) => throw new NotImplementedException();

        public void Write(ushort[] buffer) => throw new NotImplementedException();

        public void Read(ushort[] buffer) => throw new NotImplementedException();

        public void Dispose() => throw new NotImplementedException();
    }
}
