namespace EsWifi
{
    /// <summary>What <c>I?</c> reports: <c>ProductID,FW,API,Stack,RTOS,CPU clock,Product name</c>.</summary>
    public sealed class ModuleInfo
    {
        /// <summary>Creates the record.</summary>
        /// <param name="productId">Product identifier (ends in <c>-SPI</c> on SPI builds).</param>
        /// <param name="firmware">Firmware version.</param>
        /// <param name="apiVersion">API version text.</param>
        /// <param name="stackVersion">Network stack version text.</param>
        /// <param name="rtosVersion">RTOS version text.</param>
        /// <param name="cpuClockHz">Module CPU clock in Hz.</param>
        /// <param name="productName">Product name (may contain spaces).</param>
        public ModuleInfo(string productId, FirmwareVersion firmware, string apiVersion, string stackVersion, string rtosVersion, int cpuClockHz, string productName)
        {
            ProductId = productId;
            Firmware = firmware;
            ApiVersion = apiVersion;
            StackVersion = stackVersion;
            RtosVersion = rtosVersion;
            CpuClockHz = cpuClockHz;
            ProductName = productName;
        }

        /// <summary>Product identifier, e.g. <c>ISM43362-M3G-L44-SPI</c>.</summary>
        public string ProductId { get; }

        /// <summary>Firmware version, e.g. <c>C3.5.2.5.STM</c>.</summary>
        public FirmwareVersion Firmware { get; }

        /// <summary>API version text.</summary>
        public string ApiVersion { get; }

        /// <summary>Network stack version text.</summary>
        public string StackVersion { get; }

        /// <summary>RTOS version text.</summary>
        public string RtosVersion { get; }

        /// <summary>Module CPU clock in Hz.</summary>
        public int CpuClockHz { get; }

        /// <summary>Product name, e.g. <c>Inventek eS-WiFi</c>.</summary>
        public string ProductName { get; }

        /// <summary>Parses the payload of <c>I?</c>.</summary>
        /// <param name="line">The comma-separated line.</param>
        /// <returns>The record.</returns>
        public static ModuleInfo Parse(string line)
        {
            // Trailing line breaks: C6.2.1.8 adds one before OK, and I? is what tells the firmware.
            string[] fields = line.TrimEnd('\r', '\n').Split(new char[] { ',' }, 7);
            if (fields.Length < 7)
            {
                throw new EsWifiException(EsWifiErrorKind.ProtocolError, "I? answered " + fields.Length.ToString() + " fields, expected 7");
            }

            int clock;
            if (!int.TryParse(fields[5], out clock))
            {
                clock = 0;
            }

            return new ModuleInfo(fields[0], FirmwareVersion.Parse(fields[1]), fields[2], fields[3], fields[4], clock, fields[6]);
        }
    }
}
