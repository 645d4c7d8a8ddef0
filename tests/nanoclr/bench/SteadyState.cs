using System;

namespace EsWifi.NanoBench
{
    /// <summary>The loop every path is timed with: steady-state stream reads or writes of one size.</summary>
    internal static class SteadyState
    {
        /// <summary>Reads (each must return <paramref name="size"/> bytes) or writes <paramref name="size"/> bytes, <paramref name="operations"/> times.</summary>
        internal static void Run(EsWifiNetworkStream stream, bool write, byte[] buffer, int size, int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                if (write)
                {
                    stream.Write(buffer, 0, size);
                }
                else if (stream.Read(buffer, 0, size) != size)
                {
                    throw new Exception("a short read");
                }
            }
        }
    }
}
