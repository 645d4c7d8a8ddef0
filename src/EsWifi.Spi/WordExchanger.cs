using System;

namespace EsWifi.Spi
{
    /// <summary>Moves one run of 16-bit words: <paramref name="write"/> and <paramref name="read"/> have the same length.</summary>
    /// <param name="write">Words to send.</param>
    /// <param name="read">Words received.</param>
    internal delegate void WordTransfer(ushort[] write, ushort[] read);

    /// <summary>
    /// Turns the driver's byte runs into the <c>ushort[]</c> runs nanoFramework's SpiDevice moves
    /// (first character in the low byte), without allocating after warm-up: a run is sent as chunks
    /// whose lengths are powers of two up to <see cref="MaxChunkWords"/>, each with a buffer pair made
    /// once (seven pairs, 254 words in all). The chip select stays asserted across the chunks.
    /// </summary>
    internal sealed class WordExchanger
    {
        /// <summary>The longest chunk, in words.</summary>
        public const int MaxChunkWords = 64;

        /// <summary>What a command phase clocks when the driver has nothing to send: two line feeds, the module ignores them.</summary>
        public const ushort IdleWord = 0x0A0A;

        // Index k holds the buffers of 2^k words.
        private readonly ushort[][] _write = new ushort[7][];
        private readonly ushort[][] _read = new ushort[7][];

        /// <summary>Chunks the last <see cref="Exchange"/> used.</summary>
        public int LastChunks { get; private set; }

        /// <summary>Exchanges <paramref name="count"/> words; null <paramref name="write"/> sends <see cref="IdleWord"/>, null <paramref name="read"/> drops what arrives.</summary>
        public void Exchange(byte[] write, int writeOffset, byte[] read, int readOffset, int count, WordTransfer transfer)
        {
            int done = 0;
            int chunks = 0;
            while (done < count)
            {
                int index = ChunkIndex(count - done);
                int words = 1 << index;
                ushort[] outgoing = Buffer(_write, index);
                ushort[] incoming = Buffer(_read, index);
                for (int i = 0; i < words; i++)
                {
                    int at = writeOffset + (2 * (done + i));
                    outgoing[i] = write == null ? IdleWord : (ushort)(write[at] | (write[at + 1] << 8));
                }

                transfer(outgoing, incoming);
                if (read != null)
                {
                    for (int i = 0; i < words; i++)
                    {
                        int at = readOffset + (2 * (done + i));
                        read[at] = (byte)(incoming[i] & 0xFF);
                        read[at + 1] = (byte)(incoming[i] >> 8);
                    }
                }

                done += words;
                chunks++;
            }

            LastChunks = chunks;
        }

        /// <summary>The largest power of two, at most <see cref="MaxChunkWords"/>, not above <paramref name="remaining"/> (as an exponent).</summary>
        internal static int ChunkIndex(int remaining)
        {
            int index = 6;
            while ((1 << index) > remaining)
            {
                index--;
            }

            return index;
        }

        private static ushort[] Buffer(ushort[][] buffers, int index)
        {
            ushort[] buffer = buffers[index];
            if (buffer == null)
            {
                buffer = new ushort[1 << index];
                buffers[index] = buffer;
            }

            return buffer;
        }
    }
}
