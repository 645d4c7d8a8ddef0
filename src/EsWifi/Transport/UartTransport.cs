using System;

namespace EsWifi
{
    /// <summary>
    /// Frames the module's UART byte stream. A UART has no data-ready line, so the end of an answer
    /// is found from its text: a text answer ends at its first prompt <c>\r\n&gt; </c>; a binary
    /// answer (<c>R0</c>) ends at the last complete envelope before the line goes quiet, or at once
    /// when it already carries the largest payload the module may send. The rule and its limits are
    /// in docs/architecture.md, "UART framing".
    /// </summary>
    public sealed class UartTransport : IEsWifiTransport
    {
        /// <summary>Default quiet gap: long enough for USB-serial adapters that deliver in bursts.</summary>
        public const int DefaultQuietGapMilliseconds = 20;

        private const int PollIntervalMilliseconds = 1;

        private readonly IByteLink _link;
        private readonly IClock _clock;
        private readonly byte[] _pending;
        private int _pendingCount;

        /// <summary>Creates the framing over a byte link.</summary>
        /// <param name="link">The UART.</param>
        /// <param name="clock">Time source for timeouts and the quiet gap.</param>
        /// <param name="maxFrameLength">Largest frame expected; bytes that follow a frame are kept in a buffer of this size.</param>
        public UartTransport(IByteLink link, IClock clock, int maxFrameLength)
        {
            if (link == null)
            {
                throw new ArgumentNullException(nameof(link));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            if (maxFrameLength < 64)
            {
                throw new ArgumentOutOfRangeException(nameof(maxFrameLength));
            }

            _link = link;
            _clock = clock;
            _pending = new byte[maxFrameLength];
            QuietGapMilliseconds = DefaultQuietGapMilliseconds;
        }

        /// <summary>
        /// How long the line must stay silent after a complete-looking binary answer before it is
        /// taken as the end (binary answers only; text answers end at their prompt).
        /// </summary>
        public int QuietGapMilliseconds { get; set; }

        /// <inheritdoc />
        public bool PushesMessages => true;

        /// <inheritdoc />
        public long BytesReceived { get; private set; }

        /// <summary>Bytes sent in total (for counters).</summary>
        public long BytesSent { get; private set; }

        /// <inheritdoc />
        public void Send(byte[] command, int commandOffset, int commandCount, byte[] payload, int payloadOffset, int payloadCount)
        {
            _link.Write(command, commandOffset, commandCount);
            BytesSent += commandCount;
            if (payloadCount > 0)
            {
                _link.Write(payload, payloadOffset, payloadCount);
                BytesSent += payloadCount;
            }
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit)
        {
            int length = TakePending(buffer, offset, count);
            int scanned = 0;
            int candidate = 0;
            int promptEnd = 0;
            long lastByteAt = _clock.NowMilliseconds;
            long deadline = lastByteAt + timeoutMilliseconds;

            while (true)
            {
                for (; scanned < length; scanned++)
                {
                    int end = scanned + 1;
                    if (!Envelope.EndsWithPrompt(buffer, offset, end))
                    {
                        continue;
                    }

                    if (binaryPayloadLimit <= 0)
                    {
                        return Finish(buffer, offset, length, end);
                    }

                    promptEnd = end;
                    int kind = UartFrameRules.Classify(buffer, offset, end);

                    if (kind == UartFrameRules.CompleteAnswer)
                    {
                        candidate = end;

                        // A full-size payload cannot be followed by more data of the same answer.
                        if (end - Envelope.EmptyOkLength >= binaryPayloadLimit)
                        {
                            return Finish(buffer, offset, length, end);
                        }
                    }
                    else if (candidate == 0 && kind == UartFrameRules.SeparateFrame)
                    {
                        return Finish(buffer, offset, length, end);
                    }
                    else if (candidate == 0 && kind == UartFrameRules.BarePrompt)
                    {
                        candidate = end;
                    }
                }

                if (length == count)
                {
                    if (candidate > 0)
                    {
                        return Finish(buffer, offset, length, candidate);
                    }

                    _pendingCount = 0;
                    throw new EsWifiException(EsWifiErrorKind.ProtocolError, "the module sent a frame longer than the " + count.ToString() + "-byte receive buffer");
                }

                int read = _link.BytesAvailable > 0 ? _link.Read(buffer, offset + length, count - length) : 0;
                long now = _clock.NowMilliseconds;
                if (read > 0)
                {
                    length += read;
                    BytesReceived += read;
                    lastByteAt = now;
                    continue;
                }

                if (candidate > 0 && (now - lastByteAt >= QuietGapMilliseconds || now >= deadline))
                {
                    return Finish(buffer, offset, length, candidate);
                }

                // Quiet after a prompt that ends no known answer: a cut answer followed by a boot
                // prompt, or noise. The channel decides; waiting longer would only time out.
                if (candidate == 0 && promptEnd == length && length > 0 && now - lastByteAt >= QuietGapMilliseconds)
                {
                    return Finish(buffer, offset, length, length);
                }

                if (now >= deadline)
                {
                    Keep(buffer, offset, length);
                    return 0;
                }

                _clock.Sleep(PollIntervalMilliseconds);
            }
        }

        /// <inheritdoc />
        public int DiscardInput()
        {
            int dropped = _pendingCount;
            _pendingCount = 0;
            while (_link.BytesAvailable > 0)
            {
                int read = _link.Read(_pending, 0, _pending.Length);
                if (read <= 0)
                {
                    break;
                }

                dropped += read;
                BytesReceived += read;
            }

            return dropped;
        }

        /// <inheritdoc />
        public void OnModuleReset()
        {
            DiscardInput();
        }

        private int TakePending(byte[] buffer, int offset, int count)
        {
            int take = _pendingCount < count ? _pendingCount : count;
            Array.Copy(_pending, 0, buffer, offset, take);
            Array.Copy(_pending, take, _pending, 0, _pendingCount - take);
            _pendingCount -= take;
            return take;
        }

        private int Finish(byte[] buffer, int offset, int length, int frameLength)
        {
            // Bytes after the frame belong to what comes next: keep them, ahead of anything still pending.
            int rest = length - frameLength;
            if (rest > 0)
            {
                if (rest + _pendingCount > _pending.Length)
                {
                    _pendingCount = 0;
                    throw new EsWifiException(EsWifiErrorKind.ProtocolError, "more unread module output than the receive buffer holds");
                }

                Array.Copy(_pending, 0, _pending, rest, _pendingCount);
                Array.Copy(buffer, offset + frameLength, _pending, 0, rest);
                _pendingCount += rest;
            }

            return frameLength;
        }

        private void Keep(byte[] buffer, int offset, int length)
        {
            // A timed-out partial frame stays available: it may complete later (an async message), or
            // DiscardInput drops it before the next command.
            Finish(buffer, offset, length, 0);
        }
    }
}
