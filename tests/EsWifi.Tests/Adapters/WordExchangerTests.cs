using EsWifi.Spi;

namespace EsWifi.Tests.Adapters;

/// <summary>
/// The device SPI path (EsWifi.Spi's nanoFramework build moves ushort[] runs): chunking, byte order
/// and allocation, tried here through WordExchanger, the same class the device build uses.
/// </summary>
public class WordExchangerTests
{
    private static readonly WordWrite NoWrite = w => throw new InvalidOperationException("a run whose answer is kept went write-only");
    private static readonly WordTransfer NoTransfer = (w, r) => throw new InvalidOperationException("a run whose answer is dropped went full duplex");

    [Fact]
    public void A_kept_answer_goes_full_duplex_in_powers_of_two_up_to_128_covering_the_run()
    {
        for (int count = 1; count <= 2000; count++)
        {
            int words = 0;
            var exchanger = new WordExchanger(
                (w, r) =>
                {
                    Assert.True(w.Length is 1 or 2 or 4 or 8 or 16 or 32 or 64 or 128, "chunk of " + w.Length);
                    Assert.Equal(w.Length, r.Length);
                    words += w.Length;
                },
                NoWrite);
            exchanger.Exchange(new byte[count * 2], 0, new byte[count * 2], 0, count);
            Assert.Equal(count, words);
            Assert.True(exchanger.LastChunks <= (count / 128) + 7, count + " words took " + exchanger.LastChunks + " chunks");
        }
    }

    [Fact]
    public void A_dropped_answer_goes_write_only_in_powers_of_two_up_to_256_covering_the_run()
    {
        for (int count = 1; count <= 2000; count++)
        {
            int words = 0;
            var exchanger = new WordExchanger(
                NoTransfer,
                w =>
                {
                    Assert.True(w.Length is 1 or 2 or 4 or 8 or 16 or 32 or 64 or 128 or 256, "chunk of " + w.Length);
                    words += w.Length;
                });
            exchanger.Exchange(new byte[count * 2], 0, null, 0, count);
            Assert.Equal(count, words);
            Assert.True(exchanger.LastChunks <= (count / 256) + 8, count + " words took " + exchanger.LastChunks + " chunks");
        }

        // The largest S3 (8-byte header and 1,460 bytes: 734 words) in 8 chunks, not 15.
        var s3 = new WordExchanger(NoTransfer, w => { });
        s3.Exchange(new byte[1468], 0, null, 0, 734);
        Assert.Equal(8, s3.LastChunks);
    }

    [Fact]
    public void Filler_words_at_a_chunks_end_come_back_as_the_same_bytes_and_filler_inside_data_stays_data()
    {
        // Answers of every length up to 600 words: data (holding 0x15 bytes and 0x1515 words of its
        // own), then the module's filler to the end of the exchange. The bytes must be exactly the
        // words' bytes, whether a chunk ends in data, in filler or in data that looks like filler.
        var random = new Random(26);
        for (int dataWords = 0; dataWords <= 600; dataWords++)
        {
            int count = dataWords + random.Next(0, 200);
            ushort[] module = new ushort[count];
            for (int i = 0; i < count; i++)
            {
                int pick = random.Next(8);
                module[i] = i >= dataWords ? WordExchanger.FillerWord : pick == 0 ? WordExchanger.FillerWord : pick == 1 ? (ushort)0x1520 : (ushort)random.Next(65536);
            }

            int position = 0;
            var exchanger = new WordExchanger(
                (w, r) =>
                {
                    Array.Copy(module, position, r, 0, r.Length);
                    position += r.Length;
                },
                NoWrite);
            byte[] back = new byte[(count * 2) + 3];
            back[0] = 0xEE;
            back[^1] = 0xEE;
            exchanger.Exchange(null, 0, back, 1, count);

            byte[] expected = new byte[count * 2];
            for (int i = 0; i < count; i++)
            {
                expected[2 * i] = (byte)module[i];
                expected[(2 * i) + 1] = (byte)(module[i] >> 8);
            }

            Assert.Equal(expected, back.AsSpan(1, count * 2).ToArray());
            Assert.Equal(0xEE, back[0]);
            Assert.Equal(0xEE, back[^1]);
        }
    }

    [Fact]
    public void The_first_character_travels_in_the_low_byte_and_comes_back_in_place()
    {
        byte[] data = Enumerable.Range(0, 1460).Select(i => (byte)(i * 7 + 13)).ToArray();
        byte[] back = new byte[data.Length + 4];
        var sent = new List<ushort>();
        var exchanger = new WordExchanger(
            (w, r) =>
            {
                sent.AddRange(w);
                Array.Copy(w, r, w.Length);
            },
            NoWrite);
        exchanger.Exchange(data, 0, back, 2, data.Length / 2);
        Assert.Equal((ushort)(data[0] | (data[1] << 8)), sent[0]);
        Assert.Equal(data, back.AsSpan(2, data.Length).ToArray());

        // Write-only: the same words, in the same order.
        var written = new List<ushort>();
        new WordExchanger(NoTransfer, w => written.AddRange(w)).Exchange(data, 0, null, 0, data.Length / 2);
        Assert.Equal(sent, written);
    }

    [Fact]
    public void Nothing_to_send_clocks_line_feeds_and_nothing_to_keep_drops_the_answer()
    {
        var sent = new List<ushort>();
        var exchanger = new WordExchanger(NoTransfer, w => sent.AddRange(w));
        exchanger.Exchange(null, 0, null, 0, 5);
        exchanger.Exchange(null, 0, null, 0, 300);
        Assert.Equal(Enumerable.Repeat(WordExchanger.IdleWord, 305), sent);

        var clocked = new List<ushort>();
        var reading = new WordExchanger((w, r) => clocked.AddRange(w), NoWrite);
        reading.Exchange(null, 0, new byte[200], 0, 100);
        Assert.Equal(Enumerable.Repeat(WordExchanger.IdleWord, 100), clocked);
    }

    [Fact]
    public void Steady_state_runs_allocate_nothing()
    {
        byte[] data = new byte[2920];
        var exchanger = new WordExchanger((w, r) => Array.Copy(w, r, w.Length), w => { });
        int[] lengths = { 730, 7, 64, 1, 100, 513 };
        foreach (int words in lengths)
        {
            exchanger.Exchange(data, 0, data, 0, words);
            exchanger.Exchange(data, 0, null, 0, words);
            exchanger.Exchange(null, 0, null, 0, words);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            foreach (int words in lengths)
            {
                exchanger.Exchange(data, 0, data, 0, words);
                exchanger.Exchange(data, 0, null, 0, words);
                exchanger.Exchange(null, 0, null, 0, words);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
