namespace EsWifi.FirmwarePath
{
    /// <summary>Deterministic pseudo-random bytes (xorshift32), so a transfer is checked byte for byte without a hash.</summary>
    internal static class Pattern
    {
        internal static byte[] Make(int count, uint seed)
        {
            byte[] bytes = new byte[count];
            uint state = seed == 0 ? 2463534242 : seed;
            for (int i = 0; i < count; i++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                bytes[i] = (byte)state;
            }

            return bytes;
        }

        /// <summary>The first index where the two differ in the first <paramref name="count"/> bytes, or -1.</summary>
        internal static int FirstDifference(byte[] a, byte[] b, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (a[i] != b[i])
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
