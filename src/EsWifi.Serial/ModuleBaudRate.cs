using System;

namespace EsWifi.Serial
{
    /// <summary>
    /// Changes the module's UART rate and the host port's with it: <c>U2=&lt;baud&gt;</c> stores the
    /// rate, <c>U0</c> applies it (any answer comes at the new rate), the host port switches, and a
    /// bare <c>\r</c> must bring the prompt back at the new rate (protocol.md §2.1).
    /// </summary>
    public static class ModuleBaudRate
    {
        /// <summary>Rates the module accepts (QR20 U2 row).</summary>
        public static readonly int[] Supported = new int[]
        {
            1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600,
            1152000, 1382400, 1612800, 1843200, 2073600,
        };

        /// <summary>Switches the module and <paramref name="link"/> to <paramref name="baudRate"/>.</summary>
        /// <param name="module">The module on <paramref name="link"/>.</param>
        /// <param name="link">The serial link the module's transport uses.</param>
        /// <param name="baudRate">One of <see cref="Supported"/>.</param>
        public static void Change(EsWifiModule module, SerialByteLink link, int baudRate)
        {
            if (module == null)
            {
                throw new ArgumentNullException(nameof(module));
            }

            if (link == null)
            {
                throw new ArgumentNullException(nameof(link));
            }

            if (Array.IndexOf(Supported, baudRate) < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baudRate), "not a rate the module supports");
            }

            AtChannel channel = module.Channel;
            lock (channel.SyncRoot)
            {
                int previous = link.BaudRate;
                channel.Writer.Command("U2").Int(baudRate).End();
                channel.ExecuteOk(module.CommandTimeoutMilliseconds);
                channel.Writer.Command("U0").End();
                channel.SendWithoutAnswer();

                // The module switches once U0 is out; give the last byte time to leave at the old rate.
                channel.Clock.Sleep(100);
                link.BaudRate = baudRate;
                channel.Transport.DiscardInput();
                try
                {
                    channel.Probe(module.CommandTimeoutMilliseconds);
                }
                catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.Timeout)
                {
                    link.BaudRate = previous;
                    throw new EsWifiException(EsWifiErrorKind.Timeout, "no prompt at " + baudRate.ToString() + " baud after U0; reset the module to return to its stored rate", e);
                }

                // Slower characters need a longer end gap; a faster rate keeps the one it has.
                UartTransport uart = channel.Transport as UartTransport;
                if (uart != null && uart.EndGapMicroseconds < UartTransport.EndGapFor(baudRate))
                {
                    uart.EndGapMicroseconds = UartTransport.EndGapFor(baudRate);
                }
            }
        }
    }
}
