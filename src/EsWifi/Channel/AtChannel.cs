using System;

namespace EsWifi
{
    /// <summary>
    /// The command/answer discipline over a transport: one command in flight (a lock), a timeout per
    /// command, noise skipped, unsolicited messages queued, a module reset detected, and a trace hook
    /// that never shows secrets. Allocation-free on the data path: the command buffer
    /// (<see cref="Writer"/>) and the answer buffer (<see cref="Response"/>) are reused.
    /// </summary>
    /// <remarks>
    /// Format a command with <see cref="Writer"/> and read <see cref="Response"/> while holding
    /// <see cref="SyncRoot"/>, so no other thread reuses the buffers in between:
    /// <code>
    /// lock (channel.SyncRoot)
    /// {
    ///     channel.Writer.Command("CR").End();
    ///     AtResponse answer = channel.ExecuteOk(1000);
    ///     answer.TryGetPayloadInt(out int rssi);
    /// }
    /// </code>
    /// </remarks>
    internal sealed class AtChannel
    {
        /// <summary>Largest data payload of one <c>R0</c> or <c>S3</c> (protocol.md §5.8).</summary>
        public const int MaxDataPayload = 1460;

        /// <summary>Default answer buffer: a full <c>R0</c> payload plus envelope and slack for message lines.</summary>
        public const int DefaultResponseCapacity = 2048;

        private static readonly byte[] CarriageReturn = new byte[] { AsciiBytes.Cr };
        private static readonly byte[] SyncCommand = new byte[] { (byte)'I', (byte)'?', AsciiBytes.Cr };

        // Marks a command whose answer may be an envelope-less record (see ExecuteRecord).
        private const int RecordAnswer = -1;

        // Resync windows in a row without a single byte before unanswered probes count as lost.
        private const int SilentResyncsBeforeProbesLost = 3;

        private readonly IEsWifiTransport _transport;
        private readonly IClock _clock;
        private readonly byte[] _receiveBuffer;
        private readonly object _sync = new object();

        // A command timed out: its answer may still come, ahead of the next one's. Before the next
        // command a lone CR is sent and everything up to its bare prompt is dropped.
        private bool _resyncNeeded;

        // A payload went out (or started to) and the module has not answered since: it may still be
        // waiting for payload bytes, and would take the next command's bytes as payload.
        private bool _payloadPending;
        private string _pendingCommand;
        private long _receivedBeforePayload;

        // A query whose answer holds a secret (C?, A?) failed: its late answer is not traced either.
        private bool _secretMayArrive;

        // Set while the first command after a probe runs (see ExecuteOkAfterProbe).
        private bool _barePromptsExpected;

        // A bare prompt was skipped while waiting for that command's answer.
        private bool _barePromptSkipped;

        // Resync probes sent whose answers have not arrived; resyncs in a row that heard nothing.
        private int _probesUnanswered;
        private int _silentResyncs;

        /// <summary>Creates a channel with the default buffer sizes.</summary>
        /// <param name="transport">The framed link to the module.</param>
        /// <param name="clock">Time source for timeouts.</param>
        public AtChannel(IEsWifiTransport transport, IClock clock)
            : this(transport, clock, DefaultResponseCapacity)
        {
        }

        /// <summary>Creates a channel.</summary>
        /// <param name="transport">The framed link to the module.</param>
        /// <param name="clock">Time source for timeouts.</param>
        /// <param name="responseCapacity">Size of the answer buffer in bytes (at least 64).</param>
        public AtChannel(IEsWifiTransport transport, IClock clock, int responseCapacity)
        {
            if (transport == null)
            {
                throw new ArgumentNullException(nameof(transport));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            if (responseCapacity < 64)
            {
                throw new ArgumentOutOfRangeException(nameof(responseCapacity));
            }

            _transport = transport;
            _clock = clock;
            _receiveBuffer = new byte[responseCapacity];
            Writer = new AtCommandWriter();
            Response = new AtResponse();
            Messages = new AsyncMessageQueue(16);
        }

        /// <summary>Lock to hold while formatting a command and reading its answer.</summary>
        public object SyncRoot => _sync;

        /// <summary>The reusable command formatter.</summary>
        public AtCommandWriter Writer { get; }

        /// <summary>The answer to the last command, parsed in place.</summary>
        public AtResponse Response { get; }

        /// <summary>Unsolicited messages received while waiting for answers.</summary>
        public AsyncMessageQueue Messages { get; }

        /// <summary>
        /// True while a module socket listens (set by the socket layer, channel lock held): the
        /// module may then push <c>[TCP SVR] Accepted</c> just before it takes an <c>R0</c>, so such a
        /// block at the start of a read answer, followed by the answer's own CR LF, is taken as the
        /// message. With no socket listening every byte up to a read answer's end is data.
        /// </summary>
        internal bool ServerListening { get; set; }

        /// <summary>The transport below the channel.</summary>
        public IEsWifiTransport Transport => _transport;

        /// <summary>The channel's time source.</summary>
        public IClock Clock => _clock;

        /// <summary>
        /// True on firmware (C6.2.1.8) whose OK envelope carries an extra CR LF before <c>OK</c>
        /// (the 12-byte empty answer); the parser then removes it from every payload.
        /// </summary>
        public bool OkHasExtraCrLf { get; set; }

        /// <summary>Receives a redacted rendering of every exchange; null for none.</summary>
        public AtTraceHandler Trace { get; set; }

        /// <summary>Commands sent (each is one module round trip).</summary>
        public int CommandCount { get; private set; }

        /// <summary>Module resets noticed so far (boot prompts that arrived unasked).</summary>
        public int ResetCount { get; private set; }

        /// <summary>
        /// The module's life: changes with every reset, noticed or caused by the host. Everything the
        /// driver knows about module state (sockets, settings) belongs to one generation.
        /// </summary>
        public int Generation { get; private set; }

        /// <summary>
        /// Commands that failed without a clear answer (timeout, damaged or cut answer, reset, link
        /// failure): after one, what the module holds is no longer certain.
        /// </summary>
        public int FaultCount { get; private set; }

        /// <summary>Something the module said makes its state doubtful (a connect refused while joined, say): check before the next use.</summary>
        public void NoteUncertain()
        {
            lock (_sync)
            {
                FaultCount++;
            }
        }

        /// <summary>
        /// A new generation begins: the host reset the module (pin or <c>ZR</c>), or the module lost
        /// its network (it says it is not joined while the driver joined it: a reboot no prompt
        /// showed, or the access point went away). Either way its sockets are gone.
        /// </summary>
        public void ModuleRestarted()
        {
            lock (_sync)
            {
                Generation++;
            }
        }

        /// <summary>
        /// True after a payload command (<c>PG</c>, <c>S3</c>) whose payload may not have reached the
        /// module whole: its send failed part-way, or no answer came. Until the module answers or is
        /// reset, no byte is sent (<see cref="EsWifiErrorKind.ResetRequired"/>), or the reset line is
        /// pulsed first when there is one.
        /// </summary>
        public bool PayloadPending
        {
            get
            {
                lock (_sync)
                {
                    return PayloadStillPending();
                }
            }
        }

        /// <summary>The module's reset line, if wired: a cut payload is cleared with it.</summary>
        public IResetPin ResetLine { get; set; }

        /// <summary>How long the reset line is held (ms).</summary>
        public int ResetPulseMilliseconds { get; set; } = 50;

        /// <summary>How long the module may take to boot after a reset (ms).</summary>
        public int BootTimeoutMilliseconds { get; set; } = 10000;

        /// <summary>The caller reset the module by other means (power, a reset line of its own): a cut payload is gone.</summary>
        public void ForgetCutPayload()
        {
            lock (_sync)
            {
                _payloadPending = false;
                _resyncNeeded = true;
                _probesUnanswered = 0;
            }
        }

        /// <summary>
        /// Collects unsolicited messages into <see cref="Messages"/>, the one place they go: those the
        /// module already pushed (UART), or by one <c>MR</c> (SPI).
        /// </summary>
        /// <param name="timeoutMilliseconds">Timeout of the <c>MR</c> command.</param>
        public void CollectMessages(int timeoutMilliseconds)
        {
            lock (_sync)
            {
                if (_transport.PushesMessages)
                {
                    DrainIdleInput(true);
                    return;
                }

                Writer.Command("MR").End();
                AtResponse answer = ExecuteOk(timeoutMilliseconds);
                int area;
                int areaLength;
                if (!answer.TryGetMessageArea(out area, out areaLength))
                {
                    return;
                }

                int end = area + areaLength;
                int position = area;
                int message;
                int length;
                while ((position = answer.NextMessage(position, end, out message, out length)) >= 0)
                {
                    Messages.Enqueue(AsciiBytes.ToText(answer.Buffer, message, length));
                }
            }
        }

        /// <summary>Frames skipped as noise.</summary>
        public int SkippedFrames { get; private set; }

        /// <summary>
        /// Sends the command in <see cref="Writer"/> and waits for its answer. An ERROR answer is
        /// returned, not thrown; see <see cref="ExecuteOk"/>.
        /// </summary>
        /// <param name="timeoutMilliseconds">How long the module may take (1 to 300000).</param>
        /// <returns>The answer (<see cref="AtResponseKind.Ok"/>, <see cref="AtResponseKind.Error"/> or <see cref="AtResponseKind.ReadFailure"/>).</returns>
        public AtResponse Execute(int timeoutMilliseconds)
        {
            return Execute(null, 0, 0, timeoutMilliseconds, 0);
        }

        /// <summary>Sends the command in <see cref="Writer"/> and throws unless the module answers OK.</summary>
        /// <param name="timeoutMilliseconds">How long the module may take (1 to 300000).</param>
        /// <returns>The OK answer.</returns>
        public AtResponse ExecuteOk(int timeoutMilliseconds)
        {
            lock (_sync)
            {
                return ThrowUnlessOk(Execute(null, 0, 0, timeoutMilliseconds, 0));
            }
        }

        /// <summary>
        /// Like <see cref="ExecuteOk"/> for the first command after <see cref="Probe"/> or a reboot:
        /// bare prompts before it is sent and ahead of its answer are skipped, not taken for a reset. A module that had just
        /// booted sends its boot prompt and its answer to the probe (or a second boot prompt), and
        /// the wait takes only the first of them; the other is still on its way (seen on a
        /// pseudo-terminal under load, where the boot prompt arrived after the probe was sent).
        /// A reset during the command looks the same on the wire, but then no answer follows: a
        /// timeout after a skipped prompt is reported as <see cref="EsWifiErrorKind.ModuleReset"/>.
        /// </summary>
        /// <param name="timeoutMilliseconds">How long the module may take (1 to 300000).</param>
        /// <returns>The OK answer.</returns>
        public AtResponse ExecuteOkAfterProbe(int timeoutMilliseconds)
        {
            lock (_sync)
            {
                _barePromptsExpected = true;
                _barePromptSkipped = false;
                try
                {
                    return ThrowUnlessOk(Execute(null, 0, 0, timeoutMilliseconds, 0));
                }
                catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.Timeout && _barePromptSkipped)
                {
                    NoticeReset();
                    throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module reset while executing " + CommandName() + " (a boot prompt and no answer)");
                }
                finally
                {
                    _barePromptsExpected = false;
                }
            }
        }

        /// <summary>
        /// Sends the header in <see cref="Writer"/> followed by a binary payload taken straight from
        /// <paramref name="payload"/> (<c>S3</c>, <c>PG</c>), then waits for the answer.
        /// </summary>
        /// <param name="payload">The bytes to send after the header.</param>
        /// <param name="offset">Start of the payload.</param>
        /// <param name="count">Length of the payload.</param>
        /// <param name="timeoutMilliseconds">How long the module may take (1 to 300000).</param>
        /// <returns>The answer.</returns>
        public AtResponse ExecuteWithPayload(byte[] payload, int offset, int count, int timeoutMilliseconds)
        {
            if (payload == null)
            {
                throw new ArgumentNullException(nameof(payload));
            }

            if (offset < 0 || count < 0 || offset + count > payload.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            return Execute(payload, offset, count, timeoutMilliseconds, 0);
        }

        /// <summary>
        /// Sends the command in <see cref="Writer"/> (an <c>R0</c>) whose answer carries binary data of
        /// at most <paramref name="maxPayload"/> bytes, and waits for it.
        /// </summary>
        /// <param name="maxPayload">The module's current R1 (1 to <see cref="MaxDataPayload"/>).</param>
        /// <param name="timeoutMilliseconds">How long the module may take (1 to 300000).</param>
        /// <returns>The answer; data is the payload of an OK answer.</returns>
        public AtResponse ExecuteRead(int maxPayload, int timeoutMilliseconds)
        {
            if (maxPayload < 1 || maxPayload > MaxDataPayload)
            {
                throw new ArgumentOutOfRangeException(nameof(maxPayload));
            }

            return Execute(null, 0, 0, timeoutMilliseconds, maxPayload);
        }

        /// <summary>
        /// Sends the command in <see cref="Writer"/> whose answer may be a bare record without an
        /// envelope (an <c>F0=2</c>/<c>MR</c> scan record on SPI, where data-ready ends the frame).
        /// Such a record comes back as <see cref="AtResponseKind.Unrecognized"/>; read it from
        /// <see cref="AtResponse.FrameOffset"/>. Other kinds are as for <see cref="Execute(int)"/>.
        /// </summary>
        /// <param name="timeoutMilliseconds">How long the module may take (1 to 300000).</param>
        /// <returns>The answer.</returns>
        public AtResponse ExecuteRecord(int timeoutMilliseconds)
        {
            return Execute(null, 0, 0, timeoutMilliseconds, RecordAnswer);
        }

        /// <summary>
        /// Waits for a bare prompt without sending anything: the boot cursor after a reset, or the
        /// answer to <see cref="Probe"/>. Messages that arrive first are queued, noise is skipped.
        /// </summary>
        /// <param name="timeoutMilliseconds">How long to wait.</param>
        public void AwaitPrompt(int timeoutMilliseconds)
        {
            lock (_sync)
            {
                long deadline = _clock.NowMilliseconds + timeoutMilliseconds;
                while (true)
                {
                    AtResponseKind kind = ReceiveOne(deadline, 0, true);
                    if (kind == AtResponseKind.Prompt || Response.IsPromptAfterPromptTail)
                    {
                        return;
                    }

                    if (kind != AtResponseKind.AsyncMessage)
                    {
                        SkippedFrames++;
                    }
                }
            }
        }

        /// <summary>
        /// Sends the command in <see cref="Writer"/> without waiting for an answer: for <c>U0</c>,
        /// whose answer (if any) comes at the new baud rate and cannot be read at the old one.
        /// </summary>
        public void SendWithoutAnswer()
        {
            lock (_sync)
            {
                if (!Writer.IsComplete)
                {
                    throw new InvalidOperationException("the command is not terminated: call Writer.End() first");
                }

                RefuseWhilePayloadPending();
                PrepareToSend(5000);
                if (Trace != null)
                {
                    Trace(AtTraceDirection.ToModule, TraceFormatter.Command(Writer, null, 0, 0));
                }

                _transport.Send(Writer.Buffer, 0, Writer.Length, null, 0, 0);
                CommandCount++;
            }
        }

        /// <summary>
        /// Sends the command in <see cref="Writer"/> that answers nothing but a reboot (<c>ZR</c>) and
        /// waits for the boot prompt. The reset is expected, so it is not counted in <see cref="ResetCount"/>.
        /// </summary>
        /// <param name="timeoutMilliseconds">How long the reboot may take.</param>
        public void ExecuteReboot(int timeoutMilliseconds)
        {
            lock (_sync)
            {
                if (!Writer.IsComplete)
                {
                    throw new InvalidOperationException("the command is not terminated: call Writer.End() first");
                }

                RefuseWhilePayloadPending();
                DrainIgnoringReset();
                if (Trace != null)
                {
                    Trace(AtTraceDirection.ToModule, TraceFormatter.Command(Writer, null, 0, 0));
                }

                _transport.Send(Writer.Buffer, 0, Writer.Length, null, 0, 0);
                CommandCount++;
                AwaitPrompt(timeoutMilliseconds);
                _resyncNeeded = false;
                _probesUnanswered = 0;
            }
        }

        /// <summary>Sends a lone <c>\r</c> and waits for the prompt: checks that the module listens.</summary>
        /// <param name="timeoutMilliseconds">How long to wait.</param>
        public void Probe(int timeoutMilliseconds)
        {
            lock (_sync)
            {
                RefuseWhilePayloadPending();
                DrainIgnoringReset();
                SendProbe(CarriageReturn);
                AwaitPrompt(timeoutMilliseconds);
                _resyncNeeded = false;
                _probesUnanswered = 0;
            }
        }

        /// <summary>
        /// Collects unsolicited messages that have already arrived, without sending anything.
        /// </summary>
        /// <returns>Number of messages queued by this call.</returns>
        public int PollMessages()
        {
            lock (_sync)
            {
                return DrainIdleInput(true);
            }
        }

        /// <summary>Throws the matching <see cref="EsWifiException"/> unless <paramref name="response"/> is OK.</summary>
        /// <param name="response">An answer from this channel.</param>
        /// <returns>The same answer.</returns>
        public AtResponse ThrowUnlessOk(AtResponse response)
        {
            if (response.Kind == AtResponseKind.Ok)
            {
                return response;
            }

            string command = CommandName();
            if (response.Kind == AtResponseKind.ReadFailure)
            {
                throw new EsWifiException(EsWifiErrorKind.ConnectionClosed, "the connection is closed (" + command + " answered -1)");
            }

            string reason = response.ReasonText();
            throw new EsWifiException(
                "the module answered ERROR to " + command + (reason.Length > 0 ? ": " + reason : string.Empty),
                reason);
        }

        private AtResponse Execute(byte[] payload, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit)
        {
            try
            {
                return ExecuteOnce(payload, offset, count, timeoutMilliseconds, binaryPayloadLimit);
            }
            catch (Exception)
            {
                FaultCount++;

                // Its answer may still come, to the idle drain or a resync: keep it out of traces too.
                if (AnswerMayHoldSecret())
                {
                    _secretMayArrive = true;
                }

                throw;
            }
        }

        private AtResponse ExecuteOnce(byte[] payload, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit)
        {
            if (timeoutMilliseconds < 1 || timeoutMilliseconds > 300000)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds));
            }

            lock (_sync)
            {
                if (!Writer.IsComplete)
                {
                    throw new InvalidOperationException("the command is not terminated: call Writer.End() first");
                }

                ResolveCutPayload();
                PrepareToSend(timeoutMilliseconds);
                if (Trace != null)
                {
                    Trace(AtTraceDirection.ToModule, TraceFormatter.Command(Writer, payload, offset, count));
                }

                if (count > 0)
                {
                    // Until the module answers, its payload may be short of bytes (the send may fail
                    // part-way, or bytes may be lost on the wire).
                    _payloadPending = true;
                    _pendingCommand = PayloadCommandName();
                    _receivedBeforePayload = _transport.BytesReceived;
                }

                _transport.Send(Writer.Buffer, 0, Writer.Length, payload, offset, count);
                CommandCount++;

                long deadline = _clock.NowMilliseconds + timeoutMilliseconds;
                while (true)
                {
                    AtResponseKind kind = ReceiveOne(deadline, binaryPayloadLimit, false);
                    if (kind == AtResponseKind.Ok || kind == AtResponseKind.Error || kind == AtResponseKind.ReadFailure)
                    {
                        // Bytes before the leading CR LF inside the same frame: the start of the answer
                        // was damaged (its first CR LF lost or changed), so where its payload begins
                        // is a guess. Never deliver it. Noise with a prompt of its own is a frame of
                        // its own and is skipped below.
                        if (Response.SkippedBytes > 0)
                        {
                            throw new EsWifiException(EsWifiErrorKind.ProtocolError, "the answer to " + CommandName() + " was damaged at its start; it cannot be trusted");
                        }

                        // The identity answering anything but I?: a resync probe's answer came
                        // late, and every answer since is one step behind its command.
                        if (kind == AtResponseKind.Ok && IsSyncAnswer() && !CommandIsSync())
                        {
                            _resyncNeeded = true;
                            throw new EsWifiException(EsWifiErrorKind.ProtocolError, "the answer to " + CommandName() + " was the answer to an earlier I?: answers were out of step");
                        }

                        return Response;
                    }

                    if (kind == AtResponseKind.Prompt && _barePromptsExpected)
                    {
                        _barePromptSkipped = true;
                        SkippedFrames++;
                        continue;
                    }

                    if (kind == AtResponseKind.Prompt)
                    {
                        NoticeReset();
                        throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module reset while executing " + CommandName());
                    }

                    if (kind == AtResponseKind.Unrecognized)
                    {
                        if (binaryPayloadLimit == RecordAnswer && Response.SkippedBytes == 0)
                        {
                            return Response;
                        }

                        if (Response.IsCutByPrompt)
                        {
                            NoticeReset();
                            throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the answer to " + CommandName() + " broke off before a prompt: the module reset, or its output was damaged; sockets are gone");
                        }

                        SkippedFrames++;
                    }
                }
            }
        }

        /// <summary>
        /// The payload of the module's <c>I?</c> answer, once known: the marker the channel
        /// resynchronises on after a timeout (no late answer and no boot prompt looks like it).
        /// </summary>
        public string SyncAnswer { get; set; }

        /// <summary>
        /// Before anything is sent after a payload that may be short: a late answer clears it; else the
        /// reset line is pulsed (ModuleReset), or, with none, nothing is sent at all (ResetRequired).
        /// No probe is possible: any byte might complete the payload.
        /// </summary>
        private void ResolveCutPayload()
        {
            if (!_payloadPending)
            {
                return;
            }

            DrainIdleInput(false);
            if (!PayloadStillPending())
            {
                return;
            }

            IResetPin line = ResetLine;
            if (line == null)
            {
                throw CutPayloadError();
            }

            ResetPulse.Apply(line, _clock, ResetPulseMilliseconds, _transport);
            AwaitPrompt(BootTimeoutMilliseconds);
            _payloadPending = false;
            _resyncNeeded = false;
            _probesUnanswered = 0;
            NoticeReset();
            throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module was reset through its reset line: the " + _pendingCommand + " payload before was cut, and the next bytes would have completed it; sockets are gone");
        }

        /// <summary>
        /// False once any byte came after the payload went out (an answer, even one too damaged to
        /// frame, or a boot prompt): the module answers only after it has taken the whole payload.
        /// </summary>
        private bool PayloadStillPending()
        {
            if (_payloadPending && _transport.BytesReceived > _receivedBeforePayload)
            {
                _payloadPending = false;
            }

            return _payloadPending;
        }

        /// <summary>The payload command in <see cref="Writer"/>, as a constant (nothing allocated on the data path).</summary>
        private string PayloadCommandName()
        {
            byte[] c = Writer.Buffer;
            if (Writer.Length < 2)
            {
                return "payload";
            }

            return c[0] == (byte)'S' && c[1] == (byte)'3' ? "S3" : c[0] == (byte)'P' && c[1] == (byte)'G' ? "PG" : c[0] == (byte)'S' && c[1] == (byte)'0' ? "S0" : "payload";
        }

        private EsWifiException CutPayloadError()
        {
            return new EsWifiException(
                EsWifiErrorKind.ResetRequired,
                "the " + _pendingCommand + " payload was cut on its way: the module may still wait for its bytes and would take the next command as payload (for PG: a burned certificate slot). Nothing was sent. Reset the module (reset line or power), then call AcknowledgeExternalReset()");
        }

        /// <summary>Commands sent outside <see cref="ExecuteOnce"/> (reboot, probe, baud change) check here.</summary>
        private void RefuseWhilePayloadPending()
        {
            if (_payloadPending)
            {
                DrainIgnoringReset();
            }

            if (PayloadStillPending())
            {
                throw CutPayloadError();
            }
        }

        /// <summary>
        /// Takes what arrived while idle; after a timeout also resynchronises: it sends <c>I?</c>
        /// and drops every frame up to the answer that matches <see cref="SyncAnswer"/> (a late
        /// answer comes before it, as the module answers in order). Probes of earlier resyncs that
        /// are still unanswered are waited for too, so no probe's answer is left over for the next
        /// command. A boot prompt on the way is a reset. If the module is still busy the marker
        /// does not come in time and the new command is not sent (Timeout). Before the module is
        /// known a lone CR and its prompt do the same.
        /// </summary>
        private void PrepareToSend(int timeoutMilliseconds)
        {
            DrainIdleInput(false);
            if (!_resyncNeeded)
            {
                return;
            }

            string marker = SyncAnswer;
            byte[] probe = marker == null ? CarriageReturn : SyncCommand;
            SendProbe(probe);
            bool resetSeen = false;
            int framesHeard = 0;
            int markersHeard = 0;
            long deadline = _clock.NowMilliseconds + timeoutMilliseconds;
            try
            {
                while (_probesUnanswered > 0)
                {
                    AtResponseKind kind;
                    try
                    {
                        kind = ReceiveOne(deadline, 0, true);
                    }
                    catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.Timeout)
                    {
                        if (EndResyncAfterSilence(framesHeard, markersHeard, resetSeen))
                        {
                            break;
                        }

                        throw new EsWifiException(
                            resetSeen ? EsWifiErrorKind.ModuleReset : EsWifiErrorKind.Timeout,
                            resetSeen
                                ? "the module reset after an earlier command timed out; " + CommandName() + " was not sent"
                                : "the module is still busy with an earlier command that timed out; " + CommandName() + " was not sent",
                            e);
                    }

                    framesHeard++;
                    if (kind == AtResponseKind.Prompt)
                    {
                        if (marker == null)
                        {
                            _probesUnanswered = 0;
                            break;
                        }

                        ResetSeenDuringResync(probe);
                        resetSeen = true;
                    }
                    else if (kind == AtResponseKind.Ok && marker != null && IsSyncAnswer())
                    {
                        _probesUnanswered--;
                        markersHeard++;
                    }
                    else if (kind == AtResponseKind.Unrecognized && Response.IsCutByPrompt)
                    {
                        // An answer (a late one, or a probe's) broken off by a prompt: the module
                        // rebooted in the middle of it and lost every socket and setting.
                        ResetSeenDuringResync(probe);
                        resetSeen = true;
                        SkippedFrames++;
                    }
                    else if (kind != AtResponseKind.AsyncMessage)
                    {
                        SkippedFrames++;
                    }
                }
            }
            finally
            {
                if (resetSeen)
                {
                    NoticeReset();
                }
            }

            _resyncNeeded = false;
            _silentResyncs = 0;
            _secretMayArrive = false;
            if (resetSeen)
            {
                throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module reset after an earlier command timed out; " + CommandName() + " was not sent");
            }
        }

        /// <summary>
        /// The resync window ended before every probe was answered. When a marker came and then
        /// the line stayed quiet to the end, the rest were lost (their answers damaged on the way):
        /// the module has answered everything, and the resync is done. When nothing at all came for
        /// several windows in a row, what was sent is not coming back either.
        /// </summary>
        private bool EndResyncAfterSilence(int framesHeard, int markersHeard, bool resetSeen)
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
            _transport.Send(probe, 0, probe.Length, null, 0, 0);
            _probesUnanswered++;
            CommandCount++;
            TraceBytes(AtTraceDirection.ToModule, probe, 0, probe.Length);
        }

        /// <summary>
        /// A reboot loses the probes the module had not answered; one sent after its prompt is the
        /// one to wait for.
        /// </summary>
        private void ResetSeenDuringResync(byte[] probe)
        {
            _probesUnanswered = 0;
            SendProbe(probe);
        }

        /// <summary>The answer in <see cref="Response"/> is the module's answer to <c>I?</c>.</summary>
        private bool IsSyncAnswer() =>
            SyncAnswer != null && AsciiBytes.EqualsAscii(Response.Buffer, Response.PayloadOffset, Response.PayloadLength, SyncAnswer);

        /// <summary>Drains idle input; a boot prompt among it is what the caller expects, not an error.</summary>
        private void DrainIgnoringReset()
        {
            int resets = ResetCount;
            try
            {
                DrainIdleInput(false);
            }
            catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.ModuleReset)
            {
                // The caller resets or probes the module and starts a generation itself.
                ResetCount = resets;
            }
        }

        private void NoticeReset()
        {
            ResetCount++;
            Generation++;
        }

        /// <summary>Receives and classifies one frame; queues messages; throws on timeout.</summary>
        private AtResponseKind ReceiveOne(long deadline, int binaryPayloadLimit, bool awaitingPrompt)
        {
            long remaining = deadline - _clock.NowMilliseconds;
            int length;
            try
            {
                length = _transport.Receive(_receiveBuffer, 0, _receiveBuffer.Length, remaining > 0 ? (int)remaining : 0, binaryPayloadLimit > 0 ? binaryPayloadLimit : 0);
            }
            catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.ModuleReset)
            {
                // The transport reset the module itself (SPI: data-ready stuck high).
                NoticeReset();
                throw;
            }

            if (length == 0)
            {
                _resyncNeeded = true;
                throw new EsWifiException(EsWifiErrorKind.Timeout, "no complete answer to " + (awaitingPrompt ? "the prompt" : CommandName()) + " in time");
            }

            TraceAnswer(length);
            if (binaryPayloadLimit > 0 && ServerListening)
            {
                length = SplitLeadingAcceptedMessage(length);
            }

            AtResponseKind kind = Response.Parse(_receiveBuffer, 0, length, OkHasExtraCrLf);
            if (kind == AtResponseKind.AsyncMessage)
            {
                Messages.Enqueue(Response.PayloadText());
            }

            return kind;
        }

        /// <summary>
        /// The clients' Accepted messages the module pushed just before it took the <c>R0</c> whose
        /// answer follows (several when clients arrived together): queued in order, and the answer
        /// moved to the buffer's start. Returns the answer's length (the frame's whole length when
        /// no such message leads it).
        /// </summary>
        private int SplitLeadingAcceptedMessage(int length)
        {
            int start = 0;
            int block;
            while ((block = Envelope.LeadingAcceptedMessage(_receiveBuffer, start, length - start)) > 0)
            {
                Messages.Enqueue(AsciiBytes.ToText(_receiveBuffer, start + 2, block - 2 - Envelope.PromptLength));
                start += block;
            }

            if (start > 0)
            {
                Array.Copy(_receiveBuffer, start, _receiveBuffer, 0, length - start);
            }

            return length - start;
        }

        /// <summary>
        /// Takes whatever arrived while no command was in flight: queues messages, notes a reset,
        /// and drops the rest (late answers after a timeout, noise) so the next answer starts clean.
        /// </summary>
        private int DrainIdleInput(bool keepPartial)
        {
            int queued = 0;
            bool resetSeen = false;
            while (true)
            {
                int length = _transport.Receive(_receiveBuffer, 0, _receiveBuffer.Length, 0, 0);
                if (length == 0)
                {
                    break;
                }

                TraceAnswer(length);
                AtResponseKind kind = Response.Parse(_receiveBuffer, 0, length, OkHasExtraCrLf);
                if (kind == AtResponseKind.AsyncMessage)
                {
                    Messages.Enqueue(Response.PayloadText());
                    queued++;
                }
                else if (kind == AtResponseKind.Prompt && !_barePromptsExpected)
                {
                    resetSeen = true;
                }
                else
                {
                    SkippedFrames++;
                }
            }

            if (!keepPartial)
            {
                _transport.DiscardInput();
            }

            if (resetSeen)
            {
                NoticeReset();
                throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module reset while idle (boot prompt received)");
            }

            return queued;
        }

        /// <summary>Traces a received frame, or only its length when it may hold a secret.</summary>
        private void TraceAnswer(int length)
        {
            if (AnswerMayHoldSecret() || _secretMayArrive)
            {
                TraceText(AtTraceDirection.FromModule, "<" + length.ToString() + " bytes, may hold the passphrase: not shown>");
            }
            else
            {
                TraceBytes(AtTraceDirection.FromModule, _receiveBuffer, 0, length);
            }
        }

        private void TraceBytes(AtTraceDirection direction, byte[] buffer, int offset, int count)
        {
            AtTraceHandler trace = Trace;
            if (trace != null)
            {
                trace(direction, TraceFormatter.Escape(buffer, offset, count, TraceFormatter.MaxShownAnswer));
            }
        }

        private void TraceText(AtTraceDirection direction, string text)
        {
            AtTraceHandler trace = Trace;
            if (trace != null)
            {
                trace(direction, text);
            }
        }

        // C? (station settings) and A? (soft-AP settings) echo the stored passphrase.
        private bool AnswerMayHoldSecret()
        {
            byte[] command = Writer.Buffer;
            return Writer.Length >= 2 && command[1] == (byte)'?' && (command[0] == (byte)'C' || command[0] == (byte)'A');
        }

        private bool CommandIsSync() =>
            Writer.Length >= 2 && Writer.Buffer[0] == (byte)'I' && Writer.Buffer[1] == (byte)'?';

        private string CommandName()
        {
            int length = Writer.Length < 2 ? Writer.Length : 2;
            return length == 0 ? "the command" : AsciiBytes.ToText(Writer.Buffer, 0, length);
        }
    }
}
