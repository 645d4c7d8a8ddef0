using System;

namespace EsWifi.NanoBench
{
    /// <summary>
    /// The three paths a payload byte takes on a board: the UART transport over a byte link, the SPI
    /// transport over a byte-level link, and the SPI transport behind the adapter's word exchange (the
    /// packing into the ushort[] runs nanoFramework's SpiDevice moves). Each is timed through the
    /// public stream API in steady state; the canned module's own work is timed alone and subtracted.
    /// </summary>
    internal static class Paths
    {
        internal const int Count = 3;
        private const int Operations = 100;
        private const int Repeats = 7;

        internal static string Name(int path)
        {
            return path == 0 ? "uart" : path == 1 ? "spi" : "spi-adapter";
        }

        /// <summary>
        /// Empty-loop iterations one Read (or Write) of <paramref name="size"/> bytes costs, the module
        /// model's work subtracted: the median of seven runs, each against the unit measured just before it.
        /// </summary>
        internal static double LoopsPerOperation(int path, bool write, int size)
        {
            CannedAnswers answers = new CannedAnswers(size);
            CannedUart uart = path == 0 ? new CannedUart(answers) : null;
            CannedSpi spi = path == 1 ? new CannedSpi(answers) : null;
            CannedWords words = path == 2 ? new CannedWords(answers) : null;
            EsWifiNetworkStream stream = Open(uart, spi, words);
            byte[] buffer = Buffer(write, size);
            SteadyState.Run(stream, write, buffer, size, 10);

            double[] runs = new double[Repeats];
            for (int r = 0; r < Repeats; r++)
            {
                double ticksPerLoop = Baselines.TicksPerEmptyLoopNow();
                long start = DateTime.UtcNow.Ticks;
                SteadyState.Run(stream, write, buffer, size, Operations);
                long driver = DateTime.UtcNow.Ticks - start;
                start = DateTime.UtcNow.Ticks;
                ModelAlone(uart, spi, words, write, size, Operations);
                long model = DateTime.UtcNow.Ticks - start;
                runs[r] = (driver - model) / (double)Operations / ticksPerLoop;
            }

            return Baselines.Median(runs);
        }

        /// <summary>A connected stream over the one model given, at the default options, the module initialized.</summary>
        internal static EsWifiNetworkStream Open(CannedUart uart, CannedSpi spi, CannedWords words)
        {
            return OpenModule(uart, spi, words).ConnectTcp("10.0.0.2", 7);
        }

        /// <summary>A module over the one model given, at the default options, initialized.</summary>
        internal static EsWifiModule OpenModule(CannedUart uart, CannedSpi spi, CannedWords words)
        {
            BenchClock clock = new BenchClock();
            IEsWifiTransport transport = uart != null
                ? new UartTransport(uart, clock, 2048)
                : (IEsWifiTransport)new SpiTransport(spi != null ? (ISpiLink)spi : words, spi != null ? (IDataReadyPin)spi : words, null, clock, 8192);
            EsWifiOptions options = new EsWifiOptions();
            options.Clock = clock;
            EsWifiModule module = new EsWifiModule(transport, options);
            module.Initialize(false);
            return module;
        }

        /// <summary>What a steady-state Write sends (the pattern) or a Read fills.</summary>
        internal static byte[] Buffer(bool write, int size)
        {
            return write ? CannedAnswers.Pattern(size) : new byte[size];
        }

        // What the models do per operation when driven directly, the way each transport drives them.
        private static readonly byte[] R0 = CannedAnswers.Ascii("R0\r ");
        private static readonly byte[] S3 = CannedAnswers.Ascii("S3=0000\r");
        private static readonly byte[] Sink = new byte[2048];
        // The transport reads a data phase in chunks of up to 128 words.
        private static readonly byte[] Chunk = new byte[256];
        private static readonly ushort[] CommandWord = new ushort[128];
        private static readonly ushort[] WordChunk = new ushort[128];

        private static void ModelAlone(CannedUart uart, CannedSpi spi, CannedWords words, bool write, int size, int operations)
        {
            byte[] command = write ? S3 : R0;
            CommandWord[0] = (ushort)(command[0] | (command[1] << 8));
            for (int i = 0; i < operations; i++)
            {
                if (uart != null)
                {
                    uart.Write(command, 0, write ? 8 : 3);
                    if (write)
                    {
                        uart.Write(Sink, 0, size);
                    }

                    uart.Read(Sink, 0, Sink.Length);
                }
                else if (spi != null)
                {
                    spi.Exchange(command, 0, null, 0, 2);
                    spi.Deselect();
                    while (spi.IsHigh)
                    {
                        spi.Exchange(null, 0, Chunk, 0, 128);
                    }
                }
                else
                {
                    words.ModelAlone(CommandWord, WordChunk);
                }
            }
        }
    }
}
