using System;

namespace EsWifi.NanoBench
{
    /// <summary>What the interpreter does in this run with nothing of the driver in it: the units of every figure.</summary>
    internal static class Baselines
    {
        private const int Repeats = 5;

        /// <summary>100 ns ticks per empty <c>for</c> iteration (the fastest of five runs).</summary>
        internal static double TicksPerEmptyLoop()
        {
            const int iterations = 1000000;
            double best = double.MaxValue;
            for (int r = 0; r < Repeats; r++)
            {
                long start = DateTime.UtcNow.Ticks;
                for (int i = 0; i < iterations; i++)
                {
                }

                double t = (DateTime.UtcNow.Ticks - start) / (double)iterations;
                best = t < best ? t : best;
            }

            return best;
        }

        /// <summary>Ticks per byte of a managed byte-by-byte copy (what a per-byte loop over data costs).</summary>
        internal static double IlCopyTicksPerByte()
        {
            byte[] from = new byte[1460];
            byte[] to = new byte[1460];
            double best = double.MaxValue;
            for (int r = 0; r < Repeats; r++)
            {
                long start = DateTime.UtcNow.Ticks;
                for (int k = 0; k < 200; k++)
                {
                    for (int i = 0; i < from.Length; i++)
                    {
                        to[i] = from[i];
                    }
                }

                double t = (DateTime.UtcNow.Ticks - start) / (200.0 * from.Length);
                best = t < best ? t : best;
            }

            return best;
        }

        /// <summary>Ticks per byte of Array.Copy of 1,460 bytes (a native).</summary>
        internal static double ArrayCopyTicksPerByte()
        {
            byte[] from = new byte[1460];
            byte[] to = new byte[1460];
            double best = double.MaxValue;
            for (int r = 0; r < Repeats; r++)
            {
                long start = DateTime.UtcNow.Ticks;
                for (int k = 0; k < 2000; k++)
                {
                    Array.Copy(from, 0, to, 0, from.Length);
                }

                double t = (DateTime.UtcNow.Ticks - start) / (2000.0 * from.Length);
                best = t < best ? t : best;
            }

            return best;
        }

        /// <summary>
        /// 100 ns ticks per empty <c>for</c> iteration, measured now and briefly (the faster of two runs
        /// of 200,000): the unit for a measurement taken right after it. This host's speed changes
        /// from one second to the next (a virtual machine's neighbours), so a ratio is taken against
        /// a unit measured beside it, not at the start of the run.
        /// </summary>
        internal static double TicksPerEmptyLoopNow()
        {
            const int iterations = 200000;
            double best = double.MaxValue;
            for (int r = 0; r < 2; r++)
            {
                long start = DateTime.UtcNow.Ticks;
                for (int i = 0; i < iterations; i++)
                {
                }

                double t = (DateTime.UtcNow.Ticks - start) / (double)iterations;
                best = t < best ? t : best;
            }

            return best;
        }

        /// <summary>The middle value (sorts <paramref name="values"/> in place).</summary>
        internal static double Median(double[] values)
        {
            for (int i = 1; i < values.Length; i++)
            {
                double v = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > v)
                {
                    values[j + 1] = values[j];
                    j--;
                }

                values[j + 1] = v;
            }

            return values[values.Length / 2];
        }

        internal static string Format(double value)
        {
            if (value < 0)
            {
                return "-" + Format(-value);
            }

            int hundredths = (int)((value * 100) + 0.5);
            string fraction = (hundredths % 100).ToString();
            return (hundredths / 100).ToString() + "." + (fraction.Length == 1 ? "0" + fraction : fraction);
        }
    }
}
