using System;
using EsWifi.Serial;

namespace EsWifi.NanoBench
{
    /// <summary>
    /// The UART path through nanoFramework's real System.IO.Ports: steady-state stream Read and Write of
    /// 64, 730 and 1,460 bytes through SerialByteLink on COM2 (a pseudo-terminal), whose other end
    /// answers every command at once with a canned answer. Each figure is beside the same exchanges made
    /// by the link alone (the command written, the whole answer awaited and read): what the driver adds
    /// to the port, in empty-loop iterations of this run, with the slope and intercept of the size sweep.
    /// The wait for the other process is in both and cancels out only on average: a pseudo-terminal's
    /// round trip varies by tens of microseconds, so these figures are rougher than the canned link's.
    /// </summary>
    public static class Program
    {
        private static readonly int[] Sizes = new int[] { 64, 730, 1460 };
        private const int Operations = 100;
        private const int Repeats = 7;

        public static void Main()
        {
            SerialByteLink link = new SerialByteLink("COM2");
            byte[] sink = new byte[2048];
            for (int write = 0; write < 2; write++)
            {
                double tick = Baselines.TicksPerEmptyLoop();
                double[] cost = new double[Sizes.Length];
                for (int s = 0; s < Sizes.Length; s++)
                {
                    int size = Sizes[s];
                    double alone;
                    cost[s] = LoopsPerOperation(link, write == 1, size, sink, out alone);
                    Console.WriteLine("BENCH port" + (write == 1 ? "-write " : "-read ") + size.ToString()
                        + " loops-per-op=" + ((int)cost[s]).ToString() + " link-alone=" + ((int)alone).ToString()
                        + " (" + ((int)(alone * tick / 10)).ToString() + " us at this sweep's unit)");
                }

                double slope = (cost[2] - cost[0]) / (Sizes[2] - Sizes[0]);
                double intercept = cost[0] - (slope * Sizes[0]);
                Console.WriteLine("BENCH port" + (write == 1 ? "-write" : "-read") + " slope=" + Baselines.Format(slope) + " intercept=" + ((int)intercept).ToString()
                    + " (empty loop " + ((int)(tick * 100)).ToString() + " ns)");
            }

            CheckAllocation(link);
            Console.WriteLine("BENCH done");
        }

        /// <summary>
        /// The driver's cost over the link's, per operation, in empty-loop iterations: the median of
        /// seven runs, each against the unit measured just before it (and the link alone's median).
        /// </summary>
        private static double LoopsPerOperation(SerialByteLink link, bool write, int size, byte[] sink, out double alone)
        {
            EsWifiNetworkStream stream = Open(link, size);
            byte[] buffer = write ? CannedAnswers.Pattern(size) : new byte[size];
            byte[] command = write ? CannedAnswers.Ascii("S3=" + (size < 1000 ? (size < 100 ? "00" : "0") : string.Empty) + size.ToString() + "\r") : CannedAnswers.Ascii("R0\r");
            int answer = write ? CannedAnswers.Ascii("\r\n" + size.ToString() + "\r\nOK\r\n> ").Length : size + 10;
            SteadyState.Run(stream, write, buffer, size, 10);
            LinkAlone(link, command, write ? buffer : null, answer, sink, 10);

            double[] net = new double[Repeats];
            double[] linkOnly = new double[Repeats];
            for (int r = 0; r < Repeats; r++)
            {
                double tick = Baselines.TicksPerEmptyLoopNow();
                long start = DateTime.UtcNow.Ticks;
                SteadyState.Run(stream, write, buffer, size, Operations);
                double driver = (DateTime.UtcNow.Ticks - start) / (double)Operations / tick;
                start = DateTime.UtcNow.Ticks;
                LinkAlone(link, command, write ? buffer : null, answer, sink, Operations);
                linkOnly[r] = (DateTime.UtcNow.Ticks - start) / (double)Operations / tick;
                net[r] = driver - linkOnly[r];
            }

            stream.Close();
            alone = Baselines.Median(linkOnly);
            return Baselines.Median(net);
        }

        /// <summary>A connection over the port, at the default options, whose reads the canned module answers with <paramref name="size"/> bytes.</summary>
        private static EsWifiNetworkStream Open(SerialByteLink link, int size)
        {
            BenchClock clock = new BenchClock();
            EsWifiOptions options = new EsWifiOptions();
            options.Clock = clock;
            EsWifiModule module = new EsWifiModule(new UartTransport(link, clock, 2048), options);
            module.Initialize(false);

            // The canned module answers R0 with as many bytes as the remote address's last two octets say.
            return module.ConnectTcp("10.0." + (size / 256).ToString() + "." + (size % 256).ToString(), 7);
        }

        /// <summary>The allocation check (Allocation.cs) over the real port: steady-state reads and writes of 64 and 1,460 bytes.</summary>
        private static void CheckAllocation(SerialByteLink link)
        {
            for (int write = 0; write < 2; write++)
            {
                for (int s = 0; s < Sizes.Length; s += 2)
                {
                    int size = Sizes[s];
                    EsWifiNetworkStream stream = Open(link, size);
                    byte[] buffer = write == 1 ? CannedAnswers.Pattern(size) : new byte[size];
                    SteadyState.Run(stream, write == 1, buffer, size, 10);
                    int operations;
                    bool none = Allocation.Run(stream, null, write == 1, buffer, size, out operations);
                    Allocation.Print("port" + (write == 1 ? "-write " : "-read ") + size.ToString() + " over System.IO.Ports", operations, none);
                    stream.Close();
                }
            }
        }

        // The port's part of one operation: the command (and payload) written, the whole answer read as it arrives.
        private static void LinkAlone(SerialByteLink link, byte[] command, byte[] payload, int answer, byte[] sink, int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                link.Write(command, 0, command.Length);
                if (payload != null)
                {
                    link.Write(payload, 0, payload.Length);
                }

                int received = 0;
                while (received < answer)
                {
                    if (link.BytesAvailable > 0)
                    {
                        received += link.Read(sink, received, answer - received);
                    }
                }
            }
        }
    }
}
