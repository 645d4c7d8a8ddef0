namespace EsWifi.NanoBench
{
    /// <summary>The allocation check (<see cref="Allocation"/>) over the bench's canned module models.</summary>
    internal static class ModelAllocation
    {
        /// <summary>
        /// Runs the check for one path, direction and size over a canned model and prints its line.
        /// Returns false when a collection ran during the operations.
        /// </summary>
        /// <param name="idlePolls">Empty answers to R0 before each one with data: the polls of a read that waits.</param>
        internal static bool Check(int path, bool write, int size, int idlePolls)
        {
            CannedAnswers answers = new CannedAnswers(size);
            answers.EmptyReadsBeforeData = idlePolls;
            EsWifiNetworkStream stream = Paths.Open(
                path == 0 ? new CannedUart(answers) : null,
                path == 1 ? new CannedSpi(answers) : null,
                path == 2 ? new CannedWords(answers) : null);
            byte[] buffer = Paths.Buffer(write, size);
            SteadyState.Run(stream, write, buffer, size, 10);
            int readsBefore = answers.ReadsAnswered;
            int operations;
            bool none = Allocation.Run(stream, write, buffer, size, out operations);
            int reads = answers.ReadsAnswered - readsBefore;
            string name = Paths.Name(path) + (write ? "-write " : "-read ") + size.ToString()
                + (idlePolls > 0 ? " waiting (R0 commands per read: " + (reads / operations).ToString() + ")" : string.Empty);
            Allocation.Print(name, operations, none);
            return none;
        }
    }
}
