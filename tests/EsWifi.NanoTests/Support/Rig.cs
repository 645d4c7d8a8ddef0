namespace EsWifi.NanoTests
{
    /// <summary>A driver on a <see cref="TinyModule"/> over the real UART transport, in virtual time.</summary>
    public sealed class Rig
    {
        /// <summary>Builds the rig and brings the module up (ZR, I?); joins when asked.</summary>
        public Rig(bool join)
        {
            Tiny = new TinyModule();
            Clock = new ManualClock();
            Transport = new UartTransport(Tiny, Clock, 2048);
            EsWifiOptions options = new EsWifiOptions();
            options.Clock = Clock;
            options.CommandTimeoutMilliseconds = 1000;
            Module = new EsWifiModule(Transport, options);
            Module.Initialize();
            if (join)
            {
                Module.Wifi.Join(TinyModule.Ssid, TinyModule.Passphrase, WifiSecurity.Wpa2);
            }
        }

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
