using System;

namespace EsWifi
{
    /// <summary>
    /// Executes commands over a transport: one command in flight (a lock), a timeout per command,
    /// noise skipped, a module reset detected. Allocation-free on the data path: the command buffer
    /// (<see cref="Writer"/>) and the answer buffer (<see cref="Response"/>) are reused. The other
    /// concerns are parts with one job each: the cut-payload guard (<see cref="CutPayloadGuard"/>),
    /// the resync after a timeout (<see cref="Resynchronizer"/>), message collection and the idle drain
    /// (<see cref="MessageCollector"/>) and the redacting trace (<see cref="ChannelTrace"/>). What the
    /// channel learns about the module's life goes to <see cref="ModuleLife"/>.
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

        // Marks a command whose answer may be an envelope-less record (see ExecuteRecord).
        private const int RecordAnswer = -1;

        private readonly IEsWifiTransport _transport;
        private readonly IClock _clock;
        private readonly byte[] _receiveBuffer;
        private readonly object _sync = new object();
        private readonly ModuleLife _life;
        private readonly ChannelTrace _trace;
        private readonly CutPayloadGuard _guard;
        private readonly Resynchronizer _resync;
        private readonly MessageCollector _collector;

        // The command buffer and the answer, read through fields inside: on the device a property is a call.
        private readonly AtCommandWriter _writer;
        private readonly AtResponse _response;

        // The transport's own answer to "has anything arrived?", where it has one (both of ours).
        private readonly IInputWaiting _inputWaiting;

        // Counters as fields: on the device a property access is a call, and they change every command.
        private int _commandCount;
        private int _skippedFrames;

        // Set while the first command after a probe runs (see ExecuteOkAfterProbe).
        private bool _barePromptsExpected;

        // A bare prompt was skipped while waiting for that command's answer.
        private bool _barePromptSkipped;

        /// <summary>Creates a channel with the default buffer sizes and a life of its own.</summary>
        /// <param name="transport">The framed link to the module.</param>
        /// <param name="clock">Time source for timeouts.</param>
        public AtChannel(IEsWifiTransport transport, IClock clock)
            : this(transport, clock, DefaultResponseCapacity, new ModuleLife())
        {
        }

        /// <summary>Creates a channel with a life of its own.</summary>
        /// <param name="transport">The framed link to the module.</param>
        /// <param name="clock">Time source for timeouts.</param>
        /// <param name="responseCapacity">Size of the answer buffer in bytes (at least 64).</param>
        public AtChannel(IEsWifiTransport transport, IClock clock, int responseCapacity)
            : this(transport, clock, responseCapacity, new ModuleLife())
        {
        }

        /// <summary>Creates a channel.</summary>
        /// <param name="transport">The framed link to the module.</param>
        /// <param name="clock">Time source for timeouts.</param>
        /// <param name="responseCapacity">Size of the answer buffer in bytes (at least 64).</param>
        /// <param name="life">What the driver knows of the module's life; the channel reports resets, faults and payloads to it.</param>
        public AtChannel(IEsWifiTransport transport, IClock clock, int responseCapacity, ModuleLife life)
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

            if (life == null)
            {
                throw new ArgumentNullException(nameof(life));
            }

            _transport = transport;
            _clock = clock;
            _life = life;
            _receiveBuffer = new byte[responseCapacity];
            _writer = new AtCommandWriter();
            _response = new AtResponse();
            Messages = new AsyncMessageQueue(16);
            _trace = new ChannelTrace();
            _guard = new CutPayloadGuard(this, life);
            _resync = new Resynchronizer(this);
            _collector = new MessageCollector(this, life);
            _inputWaiting = transport as IInputWaiting;
        }

        /// <summary>Lock to hold while formatting a command and reading its answer.</summary>
        public object SyncRoot => _sync;

        /// <summary>The reusable command formatter.</summary>
        public AtCommandWriter Writer => _writer;

        /// <summary>The answer to the last command, parsed in place.</summary>
        public AtResponse Response => _response;

        /// <summary>Unsolicited messages received while waiting for answers.</summary>
        public AsyncMessageQueue Messages { get; }

        /// <summary>What the driver knows of the module's life.</summary>
        public ModuleLife Life => _life;

        /// <summary>True while a module socket listens (set by the socket layer, channel lock held); see <see cref="MessageCollector.ServerListening"/>.</summary>
        internal bool ServerListening
        {
            get => _collector.ServerListening;
            set => _collector.ServerListening = value;
        }

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
        public AtTraceHandler Trace
        {
            get => _trace.Handler;
            set => _trace.Handler = value;
        }

        /// <summary>Commands sent (each is one module round trip).</summary>
        public int CommandCount => _commandCount;

        /// <summary>Module resets noticed so far (boot prompts that arrived unasked).</summary>
        public int ResetCount => _life.ResetCount;

        /// <summary>The module's life: changes with every reset, noticed or made by the host (<see cref="ModuleLife.Generation"/>).</summary>
        public int Generation => _life.Generation;

        /// <summary>Commands that failed without a clear answer (timeout, damaged or cut answer, reset, link failure).</summary>
        public int FaultCount => _life.FaultCount;

        /// <summary>Frames skipped as noise.</summary>
        public int SkippedFrames => _skippedFrames;

        /// <summary>
        /// True after a payload command (<c>PG</c>, <c>S3</c>) whose payload may not have reached the
        /// module whole, until the module answers it completely or is reset (<see cref="CutPayloadGuard"/>).
        /// </summary>
        public bool PayloadPending
        {
            get
            {
                lock (_sync)
                {
                    return _life.PayloadPending;
                }
            }
        }

        /// <summary>The module's reset line, if wired: a cut payload is cleared with it.</summary>
        public IResetPin ResetLine { get; set; }

        /// <summary>How long the reset line is held (ms).</summary>
        public int ResetPulseMilliseconds { get; set; } = 50;

        /// <summary>How long the module may take to boot after a reset (ms).</summary>
        public int BootTimeoutMilliseconds { get; set; } = 10000;

        /// <summary>
        /// The payload of the module's <c>I?</c> answer, once known: the marker the channel
        /// resynchronises on after a timeout.
        /// </summary>
        public string SyncAnswer
        {
            get => _resync.Marker;
            set => _resync.Marker = value;
        }

        /// <summary>The caller reset the module by other means (power, a reset line of its own): a cut payload is gone.</summary>
        public void ForgetCutPayload()
        {
            lock (_sync)
            {
                _life.ExternalResetAcknowledged();
                _resync.AfterExternalReset();
            }
        }

        /// <summary>The host reset the module and saw its boot prompt: a new, clean life; nothing of earlier commands is on its way.</summary>
        public void HostResetDone()
        {
            lock (_sync)
            {
                _life.HostReset();
                _resync.Settled();
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
                _collector.Collect(timeoutMilliseconds);
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
                return _collector.Drain(true, false);
            }
        }

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
        /// <paramref name="payload"/> (<c>S3</c>, <c>PG</c>), then waits for the answer. The payload is
        /// guarded from the first byte until the module answers it (<see cref="CutPayloadGuard"/>).
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
        /// The data path's <see cref="ExecuteRead"/> of a full <see cref="MaxDataPayload"/>, for a caller
        /// that already holds <see cref="SyncRoot"/> (the socket layer always does): the lock is not
        /// taken a second time, which on the device's interpreter costs as much as a dozen calls.
        /// </summary>
        /// <param name="timeoutMilliseconds">How long the module may take (1 to 300000).</param>
        /// <returns>The answer; data is the payload of an OK answer.</returns>
        internal AtResponse ExecuteReadHeld(int timeoutMilliseconds)
        {
#if !NANOFRAMEWORK_1_0
            RequireHeld();
#endif
            return ExecuteHeld(null, 0, 0, timeoutMilliseconds, MaxDataPayload);
        }

        /// <summary>The data path's <see cref="ExecuteWithPayload"/> (S3), for a caller that already holds <see cref="SyncRoot"/>.</summary>
        /// <param name="payload">The bytes to send after the header.</param>
        /// <param name="offset">Start of the payload.</param>
        /// <param name="count">Length of the payload (at least 1).</param>
        /// <param name="timeoutMilliseconds">How long the module may take (1 to 300000).</param>
        /// <returns>The answer.</returns>
        internal AtResponse ExecuteWithPayloadHeld(byte[] payload, int offset, int count, int timeoutMilliseconds)
        {
#if !NANOFRAMEWORK_1_0
            RequireHeld();
#endif
            return ExecuteHeld(payload, offset, count, timeoutMilliseconds, 0);
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
                    if (kind == AtResponseKind.Prompt || _response.IsPromptAfterPromptTail)
                    {
                        return;
                    }

                    if (kind != AtResponseKind.AsyncMessage)
                    {
                        _skippedFrames++;
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
                RequireComplete();
                _guard.ClearBeforeSending();
                _collector.Drain(false, _barePromptsExpected);
                _resync.RunIfNeeded(5000);
                _trace.Command(_writer, null, 0, 0);
                _transport.Send(_writer.Buffer, 0, _writer.Length, null, 0, 0);
                _commandCount++;
            }
        }

        /// <summary>
        /// Sends the command in <see cref="Writer"/> that answers nothing but a reboot (<c>ZR</c>) and
        /// waits for the boot prompt. The reset is the host's, so it is not counted in <see cref="ResetCount"/>.
        /// </summary>
        /// <param name="timeoutMilliseconds">How long the reboot may take.</param>
        public void ExecuteReboot(int timeoutMilliseconds)
        {
            lock (_sync)
            {
                RequireComplete();
                _guard.ClearBeforeSending();
                _collector.DrainExpectingPrompt();
                _trace.Command(_writer, null, 0, 0);
                _transport.Send(_writer.Buffer, 0, _writer.Length, null, 0, 0);
                _commandCount++;
                AwaitPrompt(timeoutMilliseconds);
                _resync.Settled();
            }
        }

        /// <summary>Sends a lone <c>\r</c> and waits for the prompt: checks that the module listens.</summary>
        /// <param name="timeoutMilliseconds">How long to wait.</param>
        public void Probe(int timeoutMilliseconds)
        {
            lock (_sync)
            {
                _guard.ClearBeforeSending();
                _collector.DrainExpectingPrompt();
                _resync.SendBareProbe();
                AwaitPrompt(timeoutMilliseconds);
                _resync.Settled();
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
            string message = "the module answered ERROR to " + command + (reason.Length > 0 ? ": " + reason : string.Empty);
            EsWifiErrorKind kind = ModuleErrors.KindOf(command, reason);
            throw kind == EsWifiErrorKind.ModuleError ? new EsWifiException(message, reason) : new EsWifiException(kind, message, reason);
        }

        /// <summary>Receives and classifies one frame; queues messages; throws on timeout (channel lock held; for the parts).</summary>
        internal AtResponseKind ReceiveOne(long deadline, int binaryPayloadLimit, bool awaitingPrompt)
        {
            long remaining = deadline - _clock.NowMilliseconds;
            return ReceiveWithin(remaining > 0 ? (int)remaining : 0, binaryPayloadLimit, awaitingPrompt);
        }

        /// <summary>Like <see cref="ReceiveOne"/>, waiting at most <paramref name="timeoutMilliseconds"/>.</summary>
        private AtResponseKind ReceiveWithin(int timeoutMilliseconds, int binaryPayloadLimit, bool awaitingPrompt)
        {
            int length;
            try
            {
                length = _transport.Receive(_receiveBuffer, 0, _receiveBuffer.Length, timeoutMilliseconds, binaryPayloadLimit > 0 ? binaryPayloadLimit : 0);
            }
            catch (EsWifiException e) when (e.Kind == EsWifiErrorKind.ModuleReset)
            {
                // The transport reset the module itself with the reset line (SPI: data-ready stuck high).
                _life.ResetLinePulsedByTransport();
                throw;
            }

            if (length == 0)
            {
                _resync.Require();
                throw new EsWifiException(EsWifiErrorKind.Timeout, "no complete answer to " + (awaitingPrompt ? "the prompt" : CommandName()) + " in time");
            }

            if (_trace.Handler != null)
            {
                _trace.Answer(_writer, _receiveBuffer, length);
            }

            if (binaryPayloadLimit > 0 && _collector.ServerListening)
            {
                length = _collector.SplitAheadOfReadAnswer(_receiveBuffer, length);
            }

            return Classify(length);
        }

        /// <summary>
        /// Receives one frame that has already arrived, without waiting and without dropping a partial
        /// one; queues it if it is a message. Returns <see cref="AtResponseKind.None"/> when no whole
        /// frame is there (channel lock held; for the parts).
        /// </summary>
        internal AtResponseKind ReceiveWaiting()
        {
            int length = _transport.Receive(_receiveBuffer, 0, _receiveBuffer.Length, 0, 0);
            if (length == 0)
            {
                return AtResponseKind.None;
            }

            _trace.Answer(_writer, _receiveBuffer, length);
            return Classify(length);
        }

        /// <summary>Sends bytes of the channel's own (a probe): counted and traced as a command.</summary>
        internal void SendOwnBytes(byte[] bytes)
        {
            _transport.Send(bytes, 0, bytes.Length, null, 0, 0);
            _commandCount++;
            _trace.Sent(bytes, 0, bytes.Length);
        }

        /// <summary>A frame was skipped as noise or a stale answer.</summary>
        internal void FrameSkipped()
        {
            _skippedFrames++;
        }

        /// <summary>A resync ended: every answer still on its way has arrived.</summary>
        internal void Resynchronized()
        {
            _trace.Resynchronized();
        }

        /// <summary>The channel saw the module reboot unasked.</summary>
        internal void NoticeReset()
        {
            _life.ResetNoticed();
        }

        /// <summary>The two-letter name of the command in <see cref="Writer"/>, for messages.</summary>
        internal string CommandName()
        {
            int length = _writer.Length < 2 ? _writer.Length : 2;
            return length == 0 ? "the command" : AsciiBytes.ToText(_writer.Buffer, 0, length);
        }

        private AtResponseKind Classify(int length)
        {
            AtResponseKind kind = _response.Parse(_receiveBuffer, 0, length, OkHasExtraCrLf);
            if (kind == AtResponseKind.AsyncMessage)
            {
                Messages.Enqueue(_response.PayloadText());
            }

            return kind;
        }

        private AtResponse Execute(byte[] payload, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit)
        {
            lock (_sync)
            {
                return ExecuteHeld(payload, offset, count, timeoutMilliseconds, binaryPayloadLimit);
            }
        }

        /// <summary>As <see cref="Execute(byte[], int, int, int, int)"/>, the caller holding <see cref="SyncRoot"/>.</summary>
        private AtResponse ExecuteHeld(byte[] payload, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit)
        {
            if (timeoutMilliseconds < 1 || timeoutMilliseconds > 300000)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds));
            }

            try
            {
                return ExchangeLocked(payload, offset, count, timeoutMilliseconds, binaryPayloadLimit);
            }
            catch (Exception e)
            {
                _life.CommandFailed();

                // An I? that timed out owes the resync a marker of its own: counted, so the probe's
                // answer behind it is waited for too and never taken for the next command's.
                if (e is EsWifiException failure && failure.Kind == EsWifiErrorKind.Timeout && CommandIsSync())
                {
                    _resync.MarkerOwed();
                }

                // Its answer may still come, to the idle drain or a resync: keep it out of traces too.
                _trace.Failed(_writer);
                throw;
            }
        }

#if !NANOFRAMEWORK_1_0
        /// <summary>Throws unless the calling thread holds <see cref="SyncRoot"/> (checked where the runtime can tell: on desktop .NET, where the tests run).</summary>
        private void RequireHeld()
        {
            if (!System.Threading.Monitor.IsEntered(_sync))
            {
                throw new InvalidOperationException("the data path's commands need the channel lock held (SyncRoot)");
            }
        }
#endif

        /// <summary>Sends the command in <see cref="Writer"/> and returns its answer (channel lock held).</summary>
        private AtResponse ExchangeLocked(byte[] payload, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit)
        {
            AtCommandWriter writer = _writer;
            if (!writer.IsComplete)
            {
                throw new InvalidOperationException("the command is not terminated: call Writer.End() first");
            }

            if (_life.PendingPayload != null)
            {
                _guard.ClearBeforeSending();
            }

            // The look before a command, for what arrived unasked since the last answer; skipped
            // when the transport says nothing did.
            if (_inputWaiting == null || _inputWaiting.InputWaiting)
            {
                _collector.Drain(false, _barePromptsExpected);
            }

            if (_resync.Needed)
            {
                _resync.RunIfNeeded(timeoutMilliseconds);
            }

            // The trace looks at its handler too; looking here first saves the data path a call.
            if (_trace.Handler != null)
            {
                _trace.Command(writer, payload, offset, count);
            }

            if (count > 0)
            {
                // Until the module answers, its payload may be short of bytes (the send may fail
                // part-way, or bytes may be lost on the wire).
                _guard.PayloadStarting(PayloadCommandName());
            }

            _transport.Send(writer.Buffer, 0, writer.Length, payload, offset, count);
            _commandCount++;

            // The first frame gets the whole timeout. Only when it was not the answer (a message,
            // noise) is the clock read, and the frames after it share one more timeout from then:
            // a reading costs as much as the rest of a command on the device, and almost every
            // answer is the first frame.
            long deadline = 0;
            for (int frame = 0; ; frame++)
            {
                if (frame == 1)
                {
                    deadline = _clock.NowMilliseconds + timeoutMilliseconds;
                }

                AtResponseKind kind = frame == 0
                    ? ReceiveWithin(timeoutMilliseconds, binaryPayloadLimit, false)
                    : ReceiveOne(deadline, binaryPayloadLimit, false);
                if (count > 0)
                {
                    _guard.FrameArrived(kind);
                }

                if (kind == AtResponseKind.Ok || kind == AtResponseKind.Error || kind == AtResponseKind.ReadFailure)
                {
                    // Bytes before the leading CR LF inside the same frame: the start of the answer
                    // was damaged (its first CR LF lost or changed), so where its payload begins
                    // is a guess. Never deliver it. Noise with a prompt of its own is a frame of
                    // its own and is skipped below.
                    if (_response._skippedBytes > 0)
                    {
                        throw new EsWifiException(EsWifiErrorKind.ProtocolError, "the answer to " + CommandName() + " was damaged at its start; it cannot be trusted");
                    }

                    // The identity answering anything but I?: a resync probe's answer came
                    // late, and every answer since is one step behind its command.
                    // The marker's length is compared first, here: on the data path it differs, and
                    // that saves the data path a call.
                    if (kind == AtResponseKind.Ok && _response._payloadLength == _resync.MarkerLength && _resync.IsMarker(_response) && !CommandIsSync())
                    {
                        _resync.Require();
                        throw new EsWifiException(EsWifiErrorKind.ProtocolError, "the answer to " + CommandName() + " was the answer to an earlier I?: answers were out of step");
                    }

                    return _response;
                }

                if (kind == AtResponseKind.Prompt && _barePromptsExpected)
                {
                    _barePromptSkipped = true;
                    _skippedFrames++;
                    continue;
                }

                if (kind == AtResponseKind.Prompt)
                {
                    NoticeReset();
                    throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module reset while executing " + CommandName());
                }

                if (kind == AtResponseKind.Unrecognized)
                {
                    if (binaryPayloadLimit == RecordAnswer && _response.SkippedBytes == 0)
                    {
                        return _response;
                    }

                    if (_response.IsCutByPrompt)
                    {
                        NoticeReset();
                        throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the answer to " + CommandName() + " broke off before a prompt: the module reset, or its output was damaged; sockets are gone");
                    }

                    _skippedFrames++;
                }
            }
        }

        private void RequireComplete()
        {
            if (!_writer.IsComplete)
            {
                throw new InvalidOperationException("the command is not terminated: call Writer.End() first");
            }
        }

        // The payload commands' names, made once: on nanoCLR every evaluation of a string literal
        // allocates a new string, so a literal returned per command would allocate on the data path.
        private static readonly string SendName = "S3";
        private static readonly string CertificateName = "PG";
        private static readonly string DatagramName = "S0";
        private static readonly string OtherPayloadName = "payload";

        /// <summary>The payload command in <see cref="Writer"/>, as a name made once (nothing allocated on the data path).</summary>
        private string PayloadCommandName()
        {
            byte[] c = _writer.Buffer;
            if (_writer.Length < 2)
            {
                return OtherPayloadName;
            }

            return c[0] == (byte)'S' && c[1] == (byte)'3' ? SendName : c[0] == (byte)'P' && c[1] == (byte)'G' ? CertificateName : c[0] == (byte)'S' && c[1] == (byte)'0' ? DatagramName : OtherPayloadName;
        }

        private bool CommandIsSync() =>
            _writer.Length >= 2 && _writer.Buffer[0] == (byte)'I' && _writer.Buffer[1] == (byte)'?';
    }
}
