using System;

namespace EsWifi.Spi
{
    /// <summary>Moves one run of 16-bit words: <paramref name="write"/> and <paramref name="read"/> have the same length.</summary>
    /// <param name="write">Words to send.</param>
    /// <param name="read">Words received.</param>
    internal delegate void WordTransfer(ushort[] write, ushort[] read);

    /// <summary>Sends one run of 16-bit words and keeps nothing of what comes back.</summary>
    /// <param name="write">Words to send.</param>
    internal delegate void WordWrite(ushort[] write);

    /// <summary>
    /// Turns the driver's byte runs into the <c>ushort[]</c> runs nanoFramework's SpiDevice moves
    /// (first character in the low byte), without allocating after warm-up: a run is sent as chunks
    /// whose lengths are powers of two, each with a buffer made once, and, for runs with nothing to
    /// send, idle buffers filled once. A run whose answer is kept goes full duplex in chunks of up to
    /// <see cref="MaxChunkWords"/>; one whose answer is dropped (a command phase) goes as plain
    /// writes in chunks of up to <see cref="MaxWriteChunkWords"/>, with nothing read or unpacked.
    /// The chip select stays asserted across the chunks.
    /// </summary>
    /// <remarks>
    /// On the device's interpreter every managed instruction counts and mscorlib 1.17 has no
    /// Buffer.BlockCopy, so packing and unpacking are the one managed pass over the bytes, in its
    /// cheapest form measured: four words a turn (packed from one 64-bit read), no masks, idle words
    /// never written again. Each chunk costs a fixed amount besides, so a long write goes in few of them.
    /// </remarks>
    internal sealed class WordExchanger
    {
        /// <summary>The longest full-duplex chunk, in words (the transport reads a data phase in runs of this size).</summary>
        public const int MaxChunkWords = 128;

        /// <summary>The longest write-only chunk, in words: an S3 of 1,460 bytes goes in 8 chunks, not 15.</summary>
        public const int MaxWriteChunkWords = 256;

        /// <summary>What a command phase clocks when the driver has nothing to send: two line feeds, the module ignores them.</summary>
        public const ushort IdleWord = 0x0A0A;

        /// <summary>
        /// Two of the module's filler bytes (0x15), what it clocks out after its data: a data phase's
        /// last chunk ends in them.
        /// </summary>
        public const ushort FillerWord = 0x1515;

        private const int MaxExchangeIndex = 7;
        private const int MaxWriteIndex = 8;

        private readonly WordTransfer _transfer;
        private readonly WordWrite _writeOnly;

        // Every nanoFramework core is little-endian; looked at once rather than assumed.
        private static readonly bool LittleEndian = BitConverter.ToUInt16(new byte[] { 1, 0 }, 0) == 1;

        // FloorLog2[n] for 1 <= n < 2^MaxWriteIndex: the exponent of the largest power of two not above n
        // (a chunk's size: one table look instead of a loop of up to eight steps at every exchange).
        private static readonly byte[] FloorLog2 = BuildFloorLog2();

        // Filler as bytes, for the trailing filler words of a chunk: copied by a native, not unpacked.
        private static readonly byte[] FillerBytes = BuildFillerBytes();

        // Index k holds the buffers of 2^k words.
        private readonly ushort[][] _write = new ushort[MaxWriteIndex + 1][];
        private readonly ushort[][] _read = new ushort[MaxExchangeIndex + 1][];
        private readonly ushort[][] _idle = new ushort[MaxWriteIndex + 1][];

        /// <summary>Creates the exchanger over the device's two ways of moving words.</summary>
        /// <param name="transfer">Full duplex: sends a run and fills one of the same length (SpiDevice.TransferFullDuplex).</param>
        /// <param name="write">Write only (SpiDevice.Write).</param>
        public WordExchanger(WordTransfer transfer, WordWrite write)
        {
            if (transfer == null)
            {
                throw new ArgumentNullException(nameof(transfer));
            }

            if (write == null)
            {
                throw new ArgumentNullException(nameof(write));
            }

            _transfer = transfer;
            _writeOnly = write;
        }

        /// <summary>Chunks the last <see cref="Exchange"/> used (a field: written at every exchange, and on the device a property setter is a call).</summary>
        public int LastChunks;

        /// <summary>Exchanges <paramref name="count"/> words; null <paramref name="write"/> sends <see cref="IdleWord"/>, null <paramref name="read"/> drops what arrives.</summary>
        public void Exchange(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            int done = 0;
            int chunks = 0;
            int largest = read == null ? MaxWriteIndex : MaxExchangeIndex;
            int largestWords = 1 << largest;
            while (done < count)
            {
                // The largest power of two not above what remains, up to the largest chunk: one table
                // look. Buffers made once are taken without a call (each costs one on the device).
                int remaining = count - done;
                int index = remaining >= largestWords ? largest : FloorLog2[remaining];
                int words = 1 << index;
                ushort[] outgoing;
                if (write == null)
                {
                    outgoing = _idle[index] ?? Idle(index);
                }
                else
                {
                    outgoing = _write[index] ?? Buffer(_write, index);
                    Pack(write, writeOffset + (2 * done), outgoing, words);
                }

                if (read == null)
                {
                    _writeOnly(outgoing);
                }
                else
                {
                    ushort[] incoming = _read[index] ?? Buffer(_read, index);
                    _transfer(outgoing, incoming);

                    // The filler words a chunk ends in (the module's data ended inside it) become
                    // bytes by one native copy: unpacking costs a store a byte on the device. A chunk
                    // inside the data costs one comparison here.
                    int data = words;
                    while (data > 0 && incoming[data - 1] == FillerWord)
                    {
                        data--;
                    }

                    Unpack(incoming, read, readOffset + (2 * done), data);
                    if (data < words)
                    {
                        Array.Copy(FillerBytes, 0, read, readOffset + (2 * (done + data)), 2 * (words - data));
                    }
                }

                done += words;
                chunks++;
            }

            LastChunks = chunks;
        }

        private static byte[] BuildFillerBytes()
        {
            byte[] bytes = new byte[2 * MaxChunkWords];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = FillerWord & 0xFF;
            }

            return bytes;
        }

        private static byte[] BuildFloorLog2()
        {
            byte[] table = new byte[1 << MaxWriteIndex];
            for (int n = 2; n < table.Length; n++)
            {
                table[n] = (byte)(table[n / 2] + 1);
            }

            return table;
        }

        /// <summary>Two bytes a word, the first in the low byte.</summary>
        private static void Pack(byte[] bytes, int at, ushort[] words, int count)
        {
            int i = 0;

            // Eight bytes read at once by a native (BitConverter reads memory order) and split into
            // four words: cheaper on the device's interpreter than eight element loads
            // (docs/performance.md, "On the device's interpreter").
            if (LittleEndian)
            {
                for (; i + 4 <= count; i += 4)
                {
                    ulong eight = BitConverter.ToUInt64(bytes, at);
                    words[i] = (ushort)eight;
                    words[i + 1] = (ushort)(eight >> 16);
                    words[i + 2] = (ushort)(eight >> 32);
                    words[i + 3] = (ushort)(eight >> 48);
                    at += 8;
                }
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
