namespace EsWifi.NanoTests
{
    /// <summary>The reset line of a <see cref="TinyModule"/>: releasing it reboots the module.</summary>
    public sealed class TinyResetLine : IResetPin
    {
        private readonly TinyModule _module;
        private bool _asserted;

        /// <summary>Wires the line to <paramref name="module"/>.</summary>
        public TinyResetLine(TinyModule module)
        {
            _module = module;
        }

        /// <summary>Pulses so far.</summary>
        public int Pulses { get; private set; }

        /// <inheritdoc />
        public void Write(bool asserted)
        {
            if (_asserted && !asserted)
            {
                Pulses++;
                _module.RebootNow();
            }

            _asserted = asserted;
        }
    }

    /// <summary>A driver on a <see cref="TinyModule"/> over the real UART transport, in virtual time.</summary>
    public sealed class Rig
    {
        /// <summary>Builds the rig and brings the module up (ZR, I?); joins when asked.</summary>
        public Rig(bool join)
            : this(join, false)
        {
        }

        /// <summary>Builds the rig, with the module's reset line wired when asked (bring-up pulses it then).</summary>
        public Rig(bool join, bool resetLine)
        {
            Tiny = new TinyModule();
            Clock = new ManualClock();
            Transport = new UartTransport(Tiny, Clock, 2048);
            EsWifiOptions options = new EsWifiOptions();
            options.Clock = Clock;
            options.CommandTimeoutMilliseconds = 1000;
            if (resetLine)
            {
                ResetLine = new TinyResetLine(Tiny);
                options.ResetPin = ResetLine;
            }

            Module = new EsWifiModule(Transport, options);
            Module.Initialize();
            if (join)
            {
                Module.Wifi.Join(TinyModule.Ssid, TinyModule.Passphrase, WifiSecurity.Wpa2);
            }
        }

        /// <summary>The reset line, when wired.</summary>
        public TinyResetLine ResetLine { get; }

        /// <summary>The module model.</summary>
        public TinyModule Tiny { get; }

        /// <summary>Virtual time.</summary>
        public ManualClock Clock { get; }

        /// <summary>The UART transport.</summary>
        public UartTransport Transport { get; }

        /// <summary>The driver.</summary>
        public EsWifiModule Module { get; }

        /// <summary>A joined rig.</summary>
        public static Rig Joined()
        {
            return new Rig(true);
        }

        /// <summary>Bytes 0..255 repeated to <paramref name="length"/>: every envelope byte (CR, LF, '>', 0x15, NUL) appears.</summary>
        public static byte[] AllByteValues(int length)
        {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = (byte)(i * 7 + 13);
            }

            return data;
        }

        /// <summary>Writes <paramref name="data"/> and reads back exactly as many bytes (the peer echoes).</summary>
        public static byte[] Echo(EsWifiNetworkStream stream, byte[] data)
        {
            stream.Write(data, 0, data.Length);
            byte[] back = new byte[data.Length];
            int got = 0;
            while (got < back.Length)
            {
                int n = stream.Read(back, got, back.Length - got);
                if (n == 0)
                {
                    break;
                }

                got += n;
            }

            return back;
        }

        /// <summary>True when the echo of <paramref name="data"/> comes back byte for byte.</summary>
        public static bool EchoesExactly(EsWifiNetworkStream stream, byte[] data)
        {
            return Bytes.Equal(data, Echo(stream, data), 0, data.Length);
        }

        /// <summary>Runs <paramref name="action"/> and returns the kind of the EsWifiException it throws (-1 when none).</summary>
        public static int KindOf(System.Threading.ThreadStart action)
        {
            try
            {
                action();
                return -1;
            }
            catch (EsWifiException e)
            {
                return (int)e.Kind;
            }
        }
    }
}
