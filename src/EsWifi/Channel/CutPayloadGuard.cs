namespace EsWifi
{
    /// <summary>
    /// The rule for a payload cut on its way (<c>PG</c>, <c>S3</c>, <c>S0</c>). From the moment a payload
    /// starts out the module may still be collecting it, and would take the next bytes it receives as
    /// payload: a command, a resync probe, anything (for <c>PG</c> that burns a one-time certificate
    /// slot). So the payload is pending until either a complete, well-formed answer to that command
    /// arrives (an OK trailer, an ERROR line or the <c>-1</c> form: the module answers only after it
    /// has taken every byte), or the reset line has been pulsed and the boot prompt seen. Nothing else
    /// ends it: no count of received bytes, no noise, no pushed message, no lone prompt, no probe.
    /// While it holds, nothing at all is sent: the next call pulses the reset line when there is one
    /// (<see cref="EsWifiErrorKind.ModuleReset"/>), else fails with
    /// <see cref="EsWifiErrorKind.ResetRequired"/> until the user reset the module and said so.
    /// </summary>
    internal sealed class CutPayloadGuard
    {
        private readonly AtChannel _channel;
        private readonly ModuleLife _life;

        internal CutPayloadGuard(AtChannel channel, ModuleLife life)
        {
            _channel = channel;
            _life = life;
        }

        /// <summary>A payload command is about to send its payload (channel lock held).</summary>
        internal void PayloadStarting(string command)
        {
            _life.PayloadStarted(command);
        }

        /// <summary>A frame arrived while the payload command waited for its answer.</summary>
        internal void FrameArrived(AtResponseKind kind)
        {
            if (IsCompleteAnswer(kind))
            {
                _life.PayloadAnswered();
            }
        }

        /// <summary>
        /// Before anything is sent (channel lock held): a late complete answer already received ends
        /// the pending payload; else the reset line is pulsed and the boot prompt awaited
        /// (<see cref="EsWifiErrorKind.ModuleReset"/>), or, with none, nothing is sent at all
        /// (<see cref="EsWifiErrorKind.ResetRequired"/>).
        /// </summary>
        internal void ClearBeforeSending()
        {
            if (!_life.PayloadPending)
            {
                return;
            }

            TakeLateAnswer();
            if (!_life.PayloadPending)
            {
                return;
            }

            IResetPin line = _channel.ResetLine;
            if (line == null)
            {
                throw CutPayloadError();
            }

            string command = _life.PendingPayload;
            ResetPulse.Apply(line, _channel.Clock, _channel.ResetPulseMilliseconds, _channel.Transport);
            _channel.AwaitPrompt(_channel.BootTimeoutMilliseconds);
            _channel.HostResetDone();
            throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module was reset through its reset line: the " + command + " payload before was cut, and the next bytes would have completed it; sockets are gone");
        }

        /// <summary>
        /// Takes the complete frames that have arrived, without waiting and without dropping a partial
        /// one (a late answer may still be completing): an answer ends the pending payload, messages
        /// are queued, noise and prompts are skipped and prove nothing.
        /// </summary>
        private void TakeLateAnswer()
        {
            while (_life.PayloadPending)
            {
                AtResponseKind kind = _channel.ReceiveWaiting();
                if (kind == AtResponseKind.None)
                {
                    return;
                }

                FrameArrived(kind);
            }
        }

        private static bool IsCompleteAnswer(AtResponseKind kind)
        {
            return kind == AtResponseKind.Ok || kind == AtResponseKind.Error || kind == AtResponseKind.ReadFailure;
        }

        private EsWifiException CutPayloadError()
        {
            return new EsWifiException(
                EsWifiErrorKind.ResetRequired,
                "the " + _life.PendingPayload + " payload was cut on its way: the module may still wait for its bytes and would take the next command as payload (for PG: a burned certificate slot). Nothing was sent. Reset the module (reset line or power), then call AcknowledgeExternalReset()");
        }
    }
}
