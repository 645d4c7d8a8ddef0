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
    /// once (seven pairs, 254 words in all), and, for runs with nothing to send, idle buffers filled
    /// once. The chip select stays asserted across the chunks.
    /// </summary>
    /// <remarks>
    /// On the device's interpreter every managed instruction counts and mscorlib 1.17 has no
    /// Buffer.BlockCopy, so packing and unpacking are the one managed pass over the bytes, in its
    /// cheapest form: four words a turn, no masks, idle words never written again.
    /// </remarks>
    internal sealed class WordExchanger
    {
        /// <summary>The longest chunk, in words.</summary>
        public const int MaxChunkWords = 64;

        /// <summary>What a command phase clocks when the driver has nothing to send: two line feeds, the module ignores them.</summary>
        public const ushort IdleWord = 0x0A0A;

        // Index k holds the buffers of 2^k words.
        private readonly ushort[][] _write = new ushort[7][];
        private readonly ushort[][] _read = new ushort[7][];
        private readonly ushort[][] _idle = new ushort[7][];

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
                ushort[] incoming = Buffer(_read, index);
                ushort[] outgoing;
                if (write == null)
                {
                    outgoing = Idle(index);
                }
                else
                {
                    outgoing = Buffer(_write, index);
                    Pack(write, writeOffset + (2 * done), outgoing, words);
                }

                transfer(outgoing, incoming);
                if (read != null)
                {
                    Unpack(incoming, read, readOffset + (2 * done), words);
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

        /// <summary>Two bytes a word, the first in the low byte.</summary>
        private static void Pack(byte[] bytes, int at, ushort[] words, int count)
        {
            int i = 0;
            for (; i + 4 <= count; i += 4)
            {
                words[i] = (ushort)(bytes[at] | (bytes[at + 1] << 8));
                words[i + 1] = (ushort)(bytes[at + 2] | (bytes[at + 3] << 8));
                words[i + 2] = (ushort)(bytes[at + 4] | (bytes[at + 5] << 8));
                words[i + 3] = (ushort)(bytes[at + 6] | (bytes[at + 7] << 8));
                at += 8;
            }

            for (; i < count; i++)
            {
                words[i] = (ushort)(bytes[at] | (bytes[at + 1] << 8));
                at += 2;
            }
        }

        /// <summary>Each word's low byte, then its high byte.</summary>
        private static void Unpack(ushort[] words, byte[] bytes, int at, int count)
        {
            int i = 0;
            for (; i + 4 <= count; i += 4)
            {
                int a = words[i];
                int b = words[i + 1];
                int c = words[i + 2];
                int d = words[i + 3];
                bytes[at] = (byte)a;
                bytes[at + 1] = (byte)(a >> 8);
                bytes[at + 2] = (byte)b;
                bytes[at + 3] = (byte)(b >> 8);
                bytes[at + 4] = (byte)c;
                bytes[at + 5] = (byte)(c >> 8);
                bytes[at + 6] = (byte)d;
                bytes[at + 7] = (byte)(d >> 8);
                at += 8;
            }

            for (; i < count; i++)
            {
                int w = words[i];
                bytes[at] = (byte)w;
                bytes[at + 1] = (byte)(w >> 8);
                at += 2;
            }
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

        /// <summary>A run of <see cref="IdleWord"/>s of 2^index words, filled once.</summary>
        private ushort[] Idle(int index)
        {
            ushort[] buffer = _idle[index];
            if (buffer == null)
            {
                buffer = new ushort[1 << index];
                for (int i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = IdleWord;
                }

                _idle[index] = buffer;
            }

            return buffer;
        }
    }
}
