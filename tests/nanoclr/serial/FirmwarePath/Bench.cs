using System;

namespace EsWifi.FirmwarePath
{
    /// <summary>
    /// What every scenario shares: the control line, the module as firmware builds it (SerialByteLink
    /// on COM2, UartTransport, EsWifiModule with a reset line, default options) and the exchanges the
    /// checks use.
    /// </summary>
    internal sealed class Bench
    {
        /// <summary>The size of each bulk exchange each way.</summary>
        internal const int BulkBytes = 64 * 1024;

        // Written and read back in pieces, so the peer's echo never waits on a full module buffer.
        private const int Piece = 4096;

        internal Bench(Control control)
        {
            Control = control;
            ResetLine = new ControlResetPin(control);
            EsWifiOptions options = new EsWifiOptions();
            options.ResetPin = ResetLine;
            Transport = new UartTransport(new Serial.SerialByteLink("COM2"), SystemClock.Instance, 2048);
            Module = new EsWifiModule(Transport, options);
            Ssid = control.Ask("GET ssid");
            Passphrase = control.Ask("GET passphrase");
        }

        internal Control Control { get; }

        internal ControlResetPin ResetLine { get; }

        internal UartTransport Transport { get; }

        internal EsWifiModule Module { get; }

        internal string Ssid { get; }

        internal string Passphrase { get; }

        /// <summary>Interpreter speed in this run: empty-loop iterations per millisecond (the unit that carries over to a board).</summary>
        internal static double EmptyLoopsPerMillisecond()
        {
            const int iterations = 2000000;
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < iterations; i++)
            {
            }

            long ticks = DateTime.UtcNow.Ticks - start;
            return iterations / (ticks / 10000.0);
        }

        /// <summary>
        /// Writes <see cref="BulkBytes"/> of a pattern to an echo peer and reads them back, piece by
        /// piece; checks every byte. Returns the time the exchange took, in 100 ns ticks.
        /// </summary>
        internal long Echo(EsWifiNetworkStream stream, uint seed)
        {
            byte[] sent = Pattern.Make(BulkBytes, seed);
            byte[] received = new byte[BulkBytes];
            stream.ReadTimeout = 20000;
            long start = DateTime.UtcNow.Ticks;
            for (int offset = 0; offset < BulkBytes; offset += Piece)
            {
                stream.Write(sent, offset, Piece);
                ReadExactly(stream, received, offset, Piece);
            }

            long ticks = DateTime.UtcNow.Ticks - start;
            Expect.Same(sent, received, BulkBytes, "the echo");
            return ticks;
        }

        /// <summary>Sends a short message through an echo peer and checks it comes back.</summary>
        internal void EchoSmall(EsWifiNetworkStream stream, string text)
        {
            byte[] sent = Ascii.Bytes(text);
            byte[] received = new byte[sent.Length];
            stream.ReadTimeout = 10000;
            stream.Write(sent, 0, sent.Length);
            ReadExactly(stream, received, 0, sent.Length);
            Expect.Same(sent, received, sent.Length, "the echo of '" + text + "'");
        }

        internal static void ReadExactly(EsWifiNetworkStream stream, byte[] buffer, int offset, int count)
        {
            int got = 0;
            while (got < count)
            {
                int n = stream.Read(buffer, offset + got, count - got);
                if (n == 0)
                {
                    throw new Exception("the peer closed after " + got.ToString() + " of " + count.ToString() + " bytes");
                }

                got += n;
            }
        }

        /// <summary>Prints a figure line for docs/performance.md: the exchange, its time, and what crossed the wire (from the emulator's counters).</summary>
        internal void Figure(string name, long ticks, double loopsPerMillisecond)
        {
            string counters = Control.Ask("COUNTERS");
            double milliseconds = ticks / 10000.0;
            Console.WriteLine("FIGURE " + name + " ms=" + ((int)milliseconds).ToString()
                + " empty-loops-per-byte=" + ((int)(milliseconds * loopsPerMillisecond / (2 * BulkBytes))).ToString()
                + " " + counters);
        }
    }
}
