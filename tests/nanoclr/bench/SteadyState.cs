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

        /// <summary>As <see cref="Run"/>, taking turns between two connections (so each operation selects its socket first).</summary>
        internal static void RunAlternating(EsWifiNetworkStream first, EsWifiNetworkStream second, bool write, byte[] buffer, int size, int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                Run((i & 1) == 0 ? first : second, write, buffer, size, 1);
            }
        }
    }
}
