namespace EsWifi
{
    /// <summary>
    /// The channel's trace: one line per frame each way, handed to <see cref="Handler"/> with secrets
    /// removed. Commands lose their secret arguments and key payloads (<see cref="TraceFormatter.Command"/>);
    /// answers of <c>C?</c> and <c>A?</c>, which echo the passphrase, show only their length, and so
    /// does a late answer of such a query that failed. Nothing is rendered while no handler is set.
    /// </summary>
    internal sealed class ChannelTrace
    {
        // A query whose answer holds a secret failed: its late answer may still come, before the
        // next resync is done.
        private bool _secretMayArrive;

        /// <summary>Receives the rendering; null for none (a field: the channel looks at it before every frame).</summary>
        internal AtTraceHandler Handler;

        /// <summary>A command (and its payload) on its way to the module.</summary>
        internal void Command(AtCommandWriter command, byte[] payload, int offset, int count)
        {
            AtTraceHandler handler = Handler;
            if (handler != null)
            {
                handler(AtTraceDirection.ToModule, TraceFormatter.Command(command, payload, offset, count));
            }
        }

        /// <summary>Bytes the channel sends on its own (a probe).</summary>
        internal void Sent(byte[] bytes, int offset, int count)
        {
            AtTraceHandler handler = Handler;
            if (handler != null)
            {
                handler(AtTraceDirection.ToModule, TraceFormatter.Escape(bytes, offset, count, TraceFormatter.MaxShownAnswer));
            }
        }

        /// <summary>A frame received while <paramref name="command"/> was the last command sent.</summary>
        internal void Answer(AtCommandWriter command, byte[] buffer, int length)
        {
            AtTraceHandler handler = Handler;
            if (handler == null)
            {
                return;
            }

            if (_secretMayArrive || AnswerMayHoldSecret(command))
            {
                handler(AtTraceDirection.FromModule, "<" + length.ToString() + " bytes, may hold the passphrase: not shown>");
            }
            else
            {
                handler(AtTraceDirection.FromModule, TraceFormatter.Escape(buffer, 0, length, TraceFormatter.MaxShownAnswer));
            }
        }

        /// <summary>The command failed: if its answer holds a secret, that answer may still arrive later.</summary>
        internal void Failed(AtCommandWriter command)
        {
            if (AnswerMayHoldSecret(command))
            {
                _secretMayArrive = true;
            }
        }

        /// <summary>Every answer still on its way has arrived (a resync ended).</summary>
        internal void Resynchronized()
        {
            _secretMayArrive = false;
        }

        /// <summary>C? (station settings) and A? (soft-AP settings) echo the stored passphrase.</summary>
        private static bool AnswerMayHoldSecret(AtCommandWriter command)
        {
            byte[] bytes = command.Buffer;
            return command.Length >= 2 && bytes[1] == (byte)'?' && (bytes[0] == (byte)'C' || bytes[0] == (byte)'A');
        }
    }
}
