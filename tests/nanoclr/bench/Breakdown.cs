using System;

namespace EsWifi.NanoBench
{
    /// <summary>
    /// Where the fixed cost of one command goes: the pieces of a steady-state 64-byte UART read timed
    /// alone on the interpreter, in empty-loop iterations (printed as <c>BENCH piece ...</c>).
    /// </summary>
    internal static class Breakdown
    {
        private const int Operations = 500;

        internal static void Print(double ticksPerLoop)
        {
            CannedAnswers answers = new CannedAnswers(64);
            BenchClock clock = new BenchClock();
            CannedUart link = new CannedUart(answers);
            UartTransport transport = new UartTransport(link, clock, 2048);
            EsWifiOptions options = new EsWifiOptions();
            options.Clock = clock;
            EsWifiModule module = new EsWifiModule(transport, options);
            module.Initialize(false);
            EsWifiNetworkStream stream = module.ConnectTcp("10.0.0.2", 7);
            byte[] buffer = new byte[2048];
            AtChannel channel = module.Channel;
            byte[] r0 = CannedAnswers.Ascii("R0\r");

            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                long t = clock.NowMicroseconds;
            }

            Piece("a clock read", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                transport.Receive(buffer, 0, buffer.Length, 0, 0);
            }

            Piece("an idle Receive", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                transport.DiscardInput();
            }

            Piece("an idle DiscardInput", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                channel.Writer.Command("R0").End();
            }

            Piece("formatting R0", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                channel.Writer.Prebuilt(r0);
            }

            Piece("prebuilt R0", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                transport.Send(r0, 0, 3, null, 0, 0);
                transport.Receive(buffer, 0, buffer.Length, 1000, 1460);
            }

            Piece("send R0 and frame its answer (transport)", start, ticksPerLoop);
            transport.Send(r0, 0, 3, null, 0, 0);
            int length = transport.Receive(buffer, 0, buffer.Length, 1000, 1460);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                channel.Response.Parse(buffer, 0, length, false);
            }

            Piece("parse the answer", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                lock (channel.SyncRoot)
                {
                    channel.Writer.Prebuilt(r0);
                    channel.ExecuteReadHeld(1000);
                }
            }

            Piece("the channel's held-lock read, its lock included (all of the above)", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                stream.Read(buffer, 0, 64);
            }

            Piece("the stream's Read (all of it)", start, ticksPerLoop);
            object gate = new object();
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                lock (gate)
                {
                }
            }

            Piece("a lock", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            int sum = 0;
            for (int i = 0; i < Operations; i++)
            {
                sum += channel.Writer.Length;
            }

            Piece("a property read", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                sum += Twice(i);
            }

            Piece("a static method call", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                sum += Five(i, i, i, i, i);
            }

            Piece("a static call with five arguments", start, ticksPerLoop);
            ICounter counter = new Counter();
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                sum += counter.Next(i);
            }

            Piece("an interface call", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                try
                {
                    sum++;
                }
                finally
                {
                    sum--;
                }
            }

            Piece("a try/finally", start, ticksPerLoop);
            start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Operations; i++)
            {
                try
                {
                    sum++;
                }
                catch (InvalidOperationException)
                {
                    sum--;
                }
            }

            Piece("a try/catch that catches nothing", start, ticksPerLoop);
        }

        private static int Twice(int value)
        {
            return value + value;
        }

        private static int Five(int a, int b, int c, int d, int e)
        {
            return a + e;
        }

        private interface ICounter
        {
            int Next(int value);
        }

        private sealed class Counter : ICounter
        {
            public int Next(int value)
            {
                return value + 1;
            }
        }

        private static void Piece(string name, long start, double ticksPerLoop)
        {
            double loops = (DateTime.UtcNow.Ticks - start) / (double)Operations / ticksPerLoop;
            Console.WriteLine("BENCH piece " + name + ": " + ((int)loops).ToString());
        }
    }
}
