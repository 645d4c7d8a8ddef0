using EsWifi.Spi;

namespace EsWifi.Tests.Adapters;

/// <summary>
/// The device SPI path (EsWifi.Spi's nanoFramework build moves ushort[] runs): chunking, byte order
/// and allocation, tried here through WordExchanger, the same class the device build uses.
/// </summary>
public class WordExchangerTests
{
    [Fact]
    public void Chunks_are_powers_of_two_up_to_64_and_cover_the_run()
    {
        for (int count = 1; count <= 2000; count++)
        {
            var exchanger = new WordExchanger();
            int words = 0;
            exchanger.Exchange(new byte[count * 2], 0, new byte[count * 2], 0, count, (w, r) =>
            {
                Assert.True(w.Length is 1 or 2 or 4 or 8 or 16 or 32 or 64, "chunk of " + w.Length);
                Assert.Equal(w.Length, r.Length);
                words += w.Length;
            });
            Assert.Equal(count, words);
            Assert.True(exchanger.LastChunks <= (count / 64) + 6, count + " words took " + exchanger.LastChunks + " chunks");
        }
    }

    [Fact]
    public void The_first_character_travels_in_the_low_byte_and_comes_back_in_place()
    {
        var exchanger = new WordExchanger();
        byte[] data = Enumerable.Range(0, 1460).Select(i => (byte)(i * 7 + 13)).ToArray();
        byte[] back = new byte[data.Length + 4];
        var sent = new List<ushort>();
        exchanger.Exchange(data, 0, back, 2, data.Length / 2, (w, r) =>
        {
            sent.AddRange(w);
            Array.Copy(w, r, w.Length);
        });
        Assert.Equal((ushort)(data[0] | (data[1] << 8)), sent[0]);
        Assert.Equal(data, back.AsSpan(2, data.Length).ToArray());
    }

    [Fact]
    public void Nothing_to_send_clocks_line_feeds_and_nothing_to_keep_drops_the_answer()
    {
        var exchanger = new WordExchanger();
        var sent = new List<ushort>();
        exchanger.Exchange(null, 0, null, 0, 5, (w, r) => sent.AddRange(w));
        Assert.Equal(Enumerable.Repeat(WordExchanger.IdleWord, 5), sent);
    }

    [Fact]
    public void Steady_state_runs_allocate_nothing()
    {
        var exchanger = new WordExchanger();
        byte[] data = new byte[2920];
        WordTransfer echo = (w, r) => Array.Copy(w, r, w.Length);
        int[] lengths = { 730, 7, 64, 1, 100, 513 };
        foreach (int words in lengths)
        {
            exchanger.Exchange(data, 0, data, 0, words, echo);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            foreach (int words in lengths)
            {
                exchanger.Exchange(data, 0, data, 0, words, echo);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
