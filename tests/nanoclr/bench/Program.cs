using System;

namespace EsWifi.NanoBench
{
    /// <summary>
    /// Times steady-state stream Read and Write of 64, 730 and 1,460 bytes through each path on the
    /// interpreter, beside baselines of the same run, and prints one line each:
    /// <c>BENCH path size loops-per-op=N loops-per-byte=N</c>, then the per-byte slope and the
    /// per-command intercept of the size sweep. The unit is an empty <c>for</c> loop iteration of this
    /// run, measured again beside every measurement (the host's speed changes within a run): the only
    /// one that carries over to a board. Each figure is the median of seven runs. The canned module's
    /// own work (one Array.Copy per answer or chunk) is timed alone and subtracted.
    /// </summary>
    public static class Program
    {
        private static readonly int[] Sizes = new int[] { 64, 730, 1460 };

        public static void Main()
        {
            double tick = Baselines.TicksPerEmptyLoop();
            Console.WriteLine("BENCH baseline empty-loop ns=" + ((int)(tick * 100)).ToString() + " (per iteration)");
            Console.WriteLine("BENCH baseline il-byte-copy loops-per-byte=" + Baselines.Format(Baselines.IlCopyTicksPerByte() / tick));
            Console.WriteLine("BENCH baseline array-copy loops-per-byte=" + Baselines.Format(Baselines.ArrayCopyTicksPerByte() / tick));
            Breakdown.Print(tick);
            for (int path = 0; path < Paths.Count; path++)
            {
                for (int write = 0; write < 2; write++)
                {
                    // The unit of this sweep, printed beside it (each figure is taken against a unit
                    // measured just before it: Baselines.TicksPerEmptyLoopNow).
                    tick = Baselines.TicksPerEmptyLoop();
                    double[] cost = new double[Sizes.Length];
                    for (int s = 0; s < Sizes.Length; s++)
                    {
                        cost[s] = Paths.LoopsPerOperation(path, write == 1, Sizes[s]);
                        Console.WriteLine("BENCH " + Paths.Name(path) + (write == 1 ? "-write " : "-read ") + Sizes[s].ToString()
                            + " loops-per-op=" + ((int)cost[s]).ToString() + " loops-per-byte=" + Baselines.Format(cost[s] / Sizes[s]));
                    }

                    double slope = (cost[2] - cost[0]) / (Sizes[2] - Sizes[0]);
                    double intercept = cost[0] - (slope * Sizes[0]);
                    Console.WriteLine("BENCH " + Paths.Name(path) + (write == 1 ? "-write" : "-read") + " slope=" + Baselines.Format(slope) + " intercept=" + ((int)intercept).ToString()
                        + " (empty loop " + ((int)(tick * 100)).ToString() + " ns)");
                }
            }

            // Allocation (nothing is timed here): first that the check sees the least allocation there is,
            // then steady-state reads and writes of every size, reads that wait, polling an idle module,
            // before their data comes, and reads and writes taking turns between two sockets.
            Allocation.Control();
            for (int path = 0; path < Paths.Count; path++)
            {
                for (int write = 0; write < 2; write++)
                {
                    for (int s = 0; s < Sizes.Length; s++)
                    {
                        ModelAllocation.Check(path, write == 1, Sizes[s], 0, false);
                    }
                }

                ModelAllocation.Check(path, false, Sizes[0], 4, false);
                ModelAllocation.Check(path, false, Sizes[0], 0, true);
                ModelAllocation.Check(path, true, Sizes[0], 0, true);
            }

            Console.WriteLine("BENCH done");
        }
    }
}
