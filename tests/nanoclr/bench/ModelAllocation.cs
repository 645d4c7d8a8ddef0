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
        /// <param name="alternating">Operations take turns between two connections, each selecting its socket (<c>P0</c>).</param>
        internal static bool Check(int path, bool write, int size, int idlePolls, bool alternating)
        {
            CannedAnswers answers = new CannedAnswers(size);
            answers.EmptyReadsBeforeData = idlePolls;
            EsWifiModule module = Paths.OpenModule(
                path == 0 ? new CannedUart(answers) : null,
                path == 1 ? new CannedSpi(answers) : null,
                path == 2 ? new CannedWords(answers) : null);
            EsWifiNetworkStream stream = module.ConnectTcp("10.0.0.2", 7);
            EsWifiNetworkStream other = alternating ? module.ConnectTcp("10.0.0.3", 7) : null;
            byte[] buffer = Paths.Buffer(write, size);
            SteadyState.Run(stream, write, buffer, size, 10);
            if (other != null)
            {
                SteadyState.RunAlternating(stream, other, write, buffer, size, 10);
            }

            int readsBefore = answers.ReadsAnswered;
            int selectionsBefore = answers.SelectionsAnswered;
            int operations;
            bool none = Allocation.Run(stream, other, write, buffer, size, out operations);
            int reads = answers.ReadsAnswered - readsBefore;
            int selections = answers.SelectionsAnswered - selectionsBefore;
            string name = Paths.Name(path) + (write ? "-write " : "-read ") + size.ToString()
                + (idlePolls > 0 ? " waiting (R0 commands per read: " + (reads / operations).ToString() + ")" : string.Empty)
                + (alternating ? " on two sockets in turn (P0 commands per operation: " + (selections / operations).ToString() + ")" : string.Empty);
            Allocation.Print(name, operations, none);
            return none;
        }
    }
}
