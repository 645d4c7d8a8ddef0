using System;

namespace EsWifi.NanoBench
{
    /// <summary>
    /// Whether steady-state Read and Write allocate on the interpreter. mscorlib 1.17 has no free-memory
    /// query, so a collection tells instead: nanoCLR collects only when an allocation finds no room, and a
    /// weak reference to an object nothing else holds is cleared by it. The heap is filled with ballast
    /// until about <see cref="Room"/> bytes stay free; that room is measured in the smallest objects there
    /// are, by allocating them until a collection runs; then twice that many operations run. Had each
    /// operation allocated anything at all (one smallest object or more), the room would have run out
    /// (twice over) and the weak reference would be cleared; allocating in every second operation only
    /// would just fill it. <see cref="Control"/> shows that the check sees one object per operation.
    /// </summary>
    internal static class Allocation
    {
        /// <summary>
        /// About how many bytes the ballast leaves free: about 9,000 smallest objects on this host. With
        /// 32 KiB the POSIX host's collector itself crashed (a segmentation fault while the ballast grew).
        /// </summary>
        private const int Room = 256 * 1024;

        private const int BallastChunk = 4096;

        // Where the calibration's objects go, so that each is garbage as soon as the next is made.
        private static object s_last;

        // What fills the heap while the operations run, and the room it left (in smallest objects).
        private static object[] s_ballast;
        private static int s_room;

        /// <summary>
        /// Fills the heap, measures the room left and runs twice that many steady-state operations on
        /// a stream already warmed up (taking turns with <paramref name="other"/> unless it is null).
        /// Returns true when no collection ran during them.
        /// </summary>
        internal static bool Run(EsWifiNetworkStream stream, EsWifiNetworkStream other, bool write, byte[] buffer, int size, out int operations)
        {
            s_ballast = FillHeap();
            s_room = SmallestObjectsUntilCollection();
            operations = 2 * s_room;

            WeakReference witness = new WeakReference(new object());
            if (other == null)
            {
                SteadyState.Run(stream, write, buffer, size, operations);
            }
            else
            {
                SteadyState.RunAlternating(stream, other, write, buffer, size, operations);
            }

            bool none = witness.IsAlive;
            s_ballast = null;
            s_last = null;
            return none;
        }

        /// <summary>Prints the line of one check (the bench's run script fails on "COLLECTED").</summary>
        internal static void Print(string name, int operations, bool none)
        {
            Console.WriteLine("BENCH allocation " + name + ": " + operations.ToString() + " operations, "
                + (none ? "no collection" : "COLLECTED: the operations allocated")
                + " (the free heap held " + s_room.ToString() + " smallest objects)");
        }

        /// <summary>
        /// The check's own check: the same steps around a loop that allocates one smallest object each
        /// operation, the least an allocating operation could. Returns true when the collection was
        /// seen, as it must be.
        /// </summary>
        internal static bool Control()
        {
            s_ballast = FillHeap();
            int room = SmallestObjectsUntilCollection();
            int operations = 2 * room;
            WeakReference witness = new WeakReference(new object());
            for (int i = 0; i < operations; i++)
            {
                s_last = new object();
            }

            bool collected = !witness.IsAlive;
            s_ballast = null;
            s_last = null;
            Console.WriteLine("BENCH allocation control, one smallest object each operation: " + operations.ToString() + " operations, "
                + (collected ? "collected, as it must be" : "NO COLLECTION: the check cannot see an allocation")
                + " (the free heap held " + room.ToString() + " smallest objects)");
            return collected;
        }

        /// <summary>Allocates smallest objects, each garbage at once, until a collection runs; returns how many fitted.</summary>
        private static int SmallestObjectsUntilCollection()
        {
            WeakReference witness = new WeakReference(new object());
            int count = 0;
            while (witness.IsAlive)
            {
                s_last = new object();
                count++;
            }

            return count;
        }

        /// <summary>
        /// Holds all of the free heap but about <see cref="Room"/> bytes in chunks. The free heap is
        /// first measured in chunks that are garbage at once, until a collection runs; twice, since
        /// the first count starts on a heap still holding earlier garbage.
        /// </summary>
        private static object[] FillHeap()
        {
            int chunks = 0;
            for (int round = 0; round < 2; round++)
            {
                WeakReference witness = new WeakReference(new object());
                chunks = 0;
                while (witness.IsAlive)
                {
                    s_last = new byte[BallastChunk];
                    chunks++;
                }
            }

            s_last = null;
            int keep = chunks - (Room / BallastChunk);
            object[] ballast = new object[keep > 0 ? keep : 0];
            for (int i = 0; i < ballast.Length; i++)
            {
                ballast[i] = new byte[BallastChunk];
            }

            return ballast;
        }
    }
}
