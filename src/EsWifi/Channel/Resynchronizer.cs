namespace EsWifi
{
    /// <summary>
    /// Puts the channel back in step after a command timed out, whose answer may still come ahead of
    /// the next one's. Before the next command it sends <c>I?</c> and drops every frame up to the answer
    /// that matches <see cref="Marker"/> (the module answers in order, so a late answer comes first).
    /// Probes of earlier resyncs still unanswered are waited for too, so no probe's answer is left over
    /// for the next command. A boot prompt on the way is a reset. If the module is still busy the marker
    /// does not come in time and the new command is not sent (Timeout). Before the module is known
    /// (no marker yet) a lone CR and its prompt do the same.
    /// </summary>
    internal sealed class Resynchronizer
    {
        private static readonly byte[] CarriageReturn = new byte[] { AsciiBytes.Cr };
        private static readonly byte[] SyncCommand = new byte[] { (byte)'I', (byte)'?', AsciiBytes.Cr };

        // Resync windows in a row without a single byte before unanswered probes count as lost.
        private const int SilentResyncsBeforeProbesLost = 3;

        private readonly AtChannel _channel;

        /// <summary>
        /// A command timed out: its answer may still come, ahead of the next one's. Read by the
        /// channel before it calls <see cref="RunIfNeeded"/> (a call saved per command on the device);
        /// written only here.
        /// </summary>
        internal bool Needed;

        // Probes sent whose answers have not arrived; resyncs in a row that heard nothing.
        private int _probesUnanswered;
        private int _silentResyncs;

        // The marker and its length (-1 while there is none), set together. The length is read by the
        // channel before it calls IsMarker; written only by Marker.
        private string _marker;
        internal int MarkerLength = -1;

        internal Resynchronizer(AtChannel channel)
        {
            _channel = channel;
        }

        /// <summary>
        /// The payload of the module's <c>I?</c> answer, once known: the marker the channel
        /// resynchronises on (no late answer and no boot prompt looks like it).
        /// </summary>
        internal string Marker
        {
            get => _marker;
            set
            {
                _marker = value;
                MarkerLength = value == null ? -1 : value.Length;
            }
        }

        /// <summary>A command got no complete answer in time: resynchronise before the next one.</summary>
        internal void Require()
        {
            Needed = true;
        }

        /// <summary>An <c>I?</c> of the caller's timed out: its answer, a marker, may still come ahead of the probe's.</summary>
        internal void MarkerOwed()
        {
            if (Marker != null)
            {
                _probesUnanswered++;
            }
        }

        /// <summary>The module answered a probe or booted: nothing of earlier commands is on its way.</summary>
        internal void Settled()
        {
            Needed = false;
            _probesUnanswered = 0;
        }

        /// <summary>The user reset the module by other means: no earlier probe will be answered, and what comes first is unknown.</summary>
        internal void AfterExternalReset()
        {
            Needed = true;
            _probesUnanswered = 0;
        }

        /// <summary>Sends a lone CR, as a probe whose answer is a bare prompt.</summary>
        internal void SendBareProbe()
        {
            SendProbe(CarriageReturn);
        }

        /// <summary>True when <paramref name="response"/> is the module's answer to <c>I?</c>.</summary>
        internal bool IsMarker(AtResponse response)
        {
            // The length first: on the data path it differs, and that is one comparison.
            return response.PayloadLength == MarkerLength && AsciiBytes.EqualsAscii(response.Buffer, response.PayloadOffset, response.PayloadLength, _marker);
        }

        /// <summary>Resynchronises when a command timed out since the last time (channel lock held).</summary>
        internal void RunIfNeeded(int timeoutMilliseconds)
        {
            if (!Needed)
            {
                return;
            }

            string marker = Marker;
            byte[] probe = marker == null ? CarriageReturn : SyncCommand;
            SendProbe(probe);
            bool resetSeen = false;
            int framesHeard = 0;
            int markersHeard = 0;
            long deadline = _channel.Clock.NowMilliseconds + timeoutMilliseconds;
            try
            {
                while (_probesUnanswered > 0)
                {
                    AtResponseKind kind;
                    try
                    {
                        kind = _channel.ReceiveOne(deadline, 0, true);
                    }
                    catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.Timeout)
                    {
                        if (EndAfterSilence(framesHeard, markersHeard, resetSeen))
                        {
                            break;
                        }

                        throw new EsWifiException(
                            resetSeen ? EsWifiErrorKind.ModuleReset : EsWifiErrorKind.Timeout,
                            resetSeen
                                ? "the module reset after an earlier command timed out; " + _channel.CommandName() + " was not sent"
                                : "the module is still busy with an earlier command that timed out; " + _channel.CommandName() + " was not sent",
                            e);
                    }

                    framesHeard++;
                    AtResponse response = _channel.Response;
                    if (kind == AtResponseKind.Prompt)
                    {
                        if (marker == null)
                        {
                            _probesUnanswered = 0;
                            break;
                        }

                        ResetSeen(probe);
                        resetSeen = true;
                    }
                    else if (kind == AtResponseKind.Ok && marker != null && IsMarker(response))
                    {
                        _probesUnanswered--;
                        markersHeard++;
                    }
                    else if (kind == AtResponseKind.Unrecognized && response.IsCutByPrompt)
                    {
                        // An answer (a late one, or a probe's) broken off by a prompt: the module
                        // rebooted in the middle of it and lost every socket and setting.
                        ResetSeen(probe);
                        resetSeen = true;
                        _channel.FrameSkipped();
                    }
                    else if (kind != AtResponseKind.AsyncMessage)
                    {
                        _channel.FrameSkipped();
                    }
                }
            }
            finally
            {
                if (resetSeen)
                {
                    _channel.NoticeReset();
                }
            }

            Needed = false;
            _silentResyncs = 0;
            _channel.Resynchronized();
            if (resetSeen)
            {
                throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module reset after an earlier command timed out; " + _channel.CommandName() + " was not sent");
            }
        }

        /// <summary>
        /// The resync window ended before every probe was answered. When a marker came and then
        /// the line stayed quiet to the end, the rest were lost (their answers damaged on the way):
        /// the module has answered everything, and the resync is done. When nothing at all came for
        /// several windows in a row, what was sent is not coming back either.
        /// </summary>
        private bool EndAfterSilence(int framesHeard, int markersHeard, bool resetSeen)
        {
            if (markersHeard > 0 && !resetSeen)
            {
                _probesUnanswered = 0;
                return true;
            }

            if (framesHeard == 0 && ++_silentResyncs >= SilentResyncsBeforeProbesLost)
            {
                _probesUnanswered = 0;
                _silentResyncs = 0;
            }

            return false;
        }

        private void SendProbe(byte[] probe)
        {
            _channel.SendOwnBytes(probe);
            _probesUnanswered++;
        }

        /// <summary>
        /// A reboot loses the probes the module had not answered; one sent after its prompt is the
        /// one to wait for.
        /// </summary>
        private void ResetSeen(byte[] probe)
        {
            _probesUnanswered = 0;
            SendProbe(probe);
        }
    }
}
