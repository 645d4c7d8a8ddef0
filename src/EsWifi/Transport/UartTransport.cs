using System;

namespace EsWifi
{
    /// <summary>
    /// Frames the module's UART byte stream. A UART has no data-ready line, so the end of an answer
    /// is found from its text: a text answer ends at its first prompt <c>\r\n&gt; </c>; a binary
    /// answer (<c>R0</c>) ends at the last complete envelope once the line has been silent for the
    /// end gap (a few character times), or at once when it already carries the largest payload the
    /// module may send. The rule and its limits are in docs/architecture.md, "UART framing".
    /// </summary>
    public sealed class UartTransport : IEsWifiTransport, IInputWaiting
    {
        /// <summary>Default quiet gap: long enough for USB-serial adapters that deliver in bursts.</summary>
        public const int DefaultQuietGapMilliseconds = 20;

        /// <summary>Character times of silence that end a complete binary answer (see <see cref="EndGapFor"/>).</summary>
        public const int EndGapCharacters = 6;

        /// <summary>The default end gap: <see cref="EndGapCharacters"/> character times at 115200 baud (521 µs).</summary>
        public const int DefaultEndGapMicroseconds = EndGapCharacters * 10 * 1000000 / 115200;

        private const int PollIntervalMilliseconds = 1;

        private readonly IByteLink _link;
        private readonly IClock _clock;
        private readonly byte[] _pending;
        private int _pendingCount;
        private long _bytesReceived;
        private long _bytesSent;

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
            EndGapMicroseconds = DefaultEndGapMicroseconds;
        }

        /// <summary>
        /// How long the line must stay silent after a complete binary answer (OK trailer, ERROR,
        /// <c>-1</c>) before it is taken as the end; text answers end at their prompt. The default
        /// suits a UART the host reads directly at 115200 baud (<see cref="EndGapFor"/> gives it for
        /// other rates). It must exceed the longest pause the link may insert inside one answer:
        /// behind a USB-serial bridge, which delivers in bursts, use
        /// <see cref="DefaultQuietGapMilliseconds"/> × 1000.
        /// </summary>
        public int EndGapMicroseconds { get; set; }

        /// <summary>
        /// How long the line must stay silent after bytes that end in a prompt but form no complete
        /// answer (a bare prompt: a reboot, or data that starts with one) before they are handed on.
        /// </summary>
        public int QuietGapMilliseconds { get; set; }

        /// <summary>The end gap for a baud rate: <see cref="EndGapCharacters"/> character times of 10 bits.</summary>
        /// <param name="baudRate">The UART's rate in bits per second.</param>
        /// <returns>Microseconds for <see cref="EndGapMicroseconds"/>.</returns>
        public static int EndGapFor(int baudRate)
        {
            if (baudRate <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baudRate));
            }

            return (int)(EndGapCharacters * 10 * 1000000L / baudRate);
        }

        /// <inheritdoc />
        public bool PushesMessages => true;

        /// <inheritdoc />
        bool IInputWaiting.InputWaiting => _pendingCount > 0 || _link.BytesAvailable > 0;

        /// <inheritdoc />
        public long BytesReceived => _bytesReceived;

        /// <summary>Bytes sent in total (for counters).</summary>
        public long BytesSent => _bytesSent;

        /// <inheritdoc />
        public void Send(byte[] command, int commandOffset, int commandCount, byte[] payload, int payloadOffset, int payloadCount)
        {
            // The link's faults are caught here, not in a wrapper: on the device a call per command counts.
            try
            {
                _link.Write(command, commandOffset, commandCount);
                _bytesSent += commandCount;
                if (payloadCount > 0)
                {
                    _link.Write(payload, payloadOffset, payloadCount);
                    _bytesSent += payloadCount;
                }
            }
            catch (Exception e) when (LinkFaults.Is(e))
            {
                throw LinkFaults.Wrap(e);
            }
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit)
        {
            // The link's faults are caught here, not in a wrapper: on the device a call per command counts.
            try
            {
                // Nothing waiting and no time to wait (the look before every command): answered
                // without the clock, the costliest call here on the device.
                if (timeoutMilliseconds <= 0 && _pendingCount == 0 && _link.BytesAvailable == 0)
                {
                    return 0;
                }

                return Frame(buffer, offset, count, timeoutMilliseconds, binaryPayloadLimit);
            }
            catch (Exception e) when (LinkFaults.Is(e))
            {
                throw LinkFaults.Wrap(e);
            }
        }

        private int Frame(byte[] buffer, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit)
        {
            int length = _pendingCount > 0 ? TakePending(buffer, offset, count) : 0;
            int scanned = 0;
            int candidate = 0;
            int promptEnd = 0;
            bool complete = false;

            // All times in microseconds. The clock is read only when a look finds the line silent:
            // the first such reading starts the deadline, and one after bytes arrived starts the
            // silence (a moment after the last byte, never before it, so the silence can only be
            // measured longer than it was). A frame already whole needs no reading at all.
            long now;
            long lastByteAt = -1;
            bool bytesArrived = false;
            long deadline = 0;
            long quietGap = QuietGapMilliseconds * 1000L;
            int endGap = EndGapMicroseconds;

            while (true)
            {
                // Prompts are found by their '>' with a native search: no managed loop runs over the
                // data (on the device's interpreter a per-byte loop costs more than the wire).
                while (scanned < length)
                {
                    int mark = AsciiBytes.IndexOfByte(buffer, offset + scanned, length - scanned, Envelope.PromptMark);
                    if (mark < 0)
                    {
                        scanned = length;
                        break;
                    }

                    int end = mark - offset + 2;
                    if (end > length)
                    {
                        // The prompt's last byte has not arrived: look at this '>' again with more bytes.
                        scanned = end - 2;
                        break;
                    }

                    // Almost every '>' in binary data is told apart by the byte after it, without a call.
                    if (buffer[mark + 1] != Envelope.PromptLast || !Envelope.EndsWithPrompt(buffer, offset, end))
                    {
                        // The next '>' may be the byte after this one.
                        scanned = end - 1;
                        continue;
                    }

                    scanned = end;

                    if (binaryPayloadLimit <= 0)
                    {
                        return Finish(buffer, offset, length, end);
                    }

                    promptEnd = end;
                    int kind = UartFrameRules.ClassifyEndingInPrompt(buffer, offset, end);

                    if (kind == UartFrameRules.CompleteAnswer)
                    {
                        candidate = end;
                        complete = true;

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

                // A complete binary answer waits for the end gap first and reads after (below).
                bool awaitingEndGap = candidate > 0 && complete;
                int read;
                if (!awaitingEndGap)
                {
                    // A link's read never blocks (IByteLink): no look at what is available first.
                    read = _link.Read(buffer, offset + length, count - length);
                    if (read > 0)
                    {
                        length += read;
                        _bytesReceived += read;
                        bytesArrived = true;
                        continue;
                    }
                }

                now = _clock.NowMicroseconds;
                if (lastByteAt < 0)
                {
                    deadline = now + (timeoutMilliseconds * 1000L);
                    lastByteAt = now;
                }

                if (bytesArrived)
                {
                    lastByteAt = now;
                    bytesArrived = false;
                }

                // Silence is measured first and confirmed after: a reader that was itself held up
                // between the two checks must not take its own delay for a silent line.
                bool withinEndGap = now - lastByteAt < endGap;
                if (awaitingEndGap)
                {
                    if (withinEndGap && now < deadline)
                    {
                        // The end gap is shorter than a sleep: yield until it has passed.
                        _clock.Sleep(0);
                        continue;
                    }

                    // The gap has passed since the last bytes: a read that finds nothing confirms it
                    // (bytes that came meanwhile, even while this reader was held up, are read here).
                    read = _link.Read(buffer, offset + length, count - length);
                    if (read <= 0)
                    {
                        return Finish(buffer, offset, length, candidate);
                    }

                    length += read;
                    _bytesReceived += read;
                    bytesArrived = true;
                    continue;
                }

                bool quiet = now - lastByteAt >= quietGap && _link.BytesAvailable == 0;
                if (candidate > 0 && (quiet || now >= deadline))
                {
                    return Finish(buffer, offset, length, candidate);
                }

                // Quiet after a prompt that ends no known answer: a cut answer followed by a boot
                // prompt, or noise. The channel decides; waiting longer would only time out.
                if (candidate == 0 && promptEnd == length && length > 0 && quiet)
                {
                    return Finish(buffer, offset, length, length);
                }

                if (now >= deadline)
                {
                    Keep(buffer, offset, length);
                    return 0;
                }

                // Closer than a sleep, so yielded for while the line has been silent less than the
                // end gap: the first bytes of the answer just asked for (a fast link answers at once),
                // the rest of a text answer on its way (short), and the rest of a binary answer whose
                // OK trailer has begun (a few character times). A long binary answer is slept through.
                bool endIsClose = length == 0 || binaryPayloadLimit <= 0 || Envelope.EndsInsideOkTrailer(buffer, offset, length);
                if (endIsClose && withinEndGap)
                {
                    _clock.Sleep(0);
                    continue;
                }

                _clock.Sleep(PollIntervalMilliseconds);
            }
        }

        /// <summary>
        /// Drops every byte received so far that is not part of a returned frame, except unsolicited
        /// messages at the start of what is unread: the module may push one in the moment between
        /// the last look and this call, and dropping it (or its first bytes) would lose a client's
        /// <c>[TCP SVR] Accepted</c> for good, or leave its rest to be read as the next answer's data.
        /// A message still arriving is waited for (<see cref="QuietGapMilliseconds"/> of silence at
        /// most). Whole messages stay for the next <see cref="Receive"/>.
        /// </summary>
        /// <returns>Number of bytes dropped.</returns>
        public int DiscardInput()
        {
            try
            {
                // Nothing kept, nothing waiting (before almost every command): no further call.
                if (_pendingCount == 0 && _link.BytesAvailable == 0)
                {
                    return 0;
                }

                return Discard();
            }
            catch (Exception e) when (LinkFaults.Is(e))
            {
                throw LinkFaults.Wrap(e);
            }
        }

        private int Discard()
        {
            // What an earlier Receive kept (a partial frame) and what the link holds now are one
            // stream: a message may have begun in the one and go on in the other.
            int count = _pendingCount;
            count += ReadAvailable(count);
            bool arriving;
            int from = MessagesStart(_pending, count, out arriving);

            // A message may be arriving in this very moment: its rest comes within character
            // times, so it is waited for (a quiet gap of silence at most) before it is judged.
            long lastByteAt = _clock.NowMilliseconds;
            while (arriving && count < _pending.Length && _clock.NowMilliseconds - lastByteAt < QuietGapMilliseconds)
            {
                int read = ReadAvailable(count);
                if (read == 0)
                {
                    _clock.Sleep(PollIntervalMilliseconds);
                    continue;
                }

                count += read;
                lastByteAt = _clock.NowMilliseconds;
                from = MessagesStart(_pending, count, out arriving);
            }

            // More than a buffer's worth waiting is no burst of messages: drain it all, as a resync
            // must. A message that never ended is noise too.
            if (count == _pending.Length || arriving)
            {
                int dropped = count;
                int read;
                while ((read = ReadAvailable(0)) > 0)
                {
                    dropped += read;
                }

                _pendingCount = 0;
                return dropped;
            }

            int kept = count - from;
            Array.Copy(_pending, from, _pending, 0, kept);
            _pendingCount = kept;
            return from;
        }

        /// <summary>Reads what the link holds into the pending buffer from <paramref name="from"/> on.</summary>
        private int ReadAvailable(int from)
        {
            int total = 0;
            while (from + total < _pending.Length && _link.BytesAvailable > 0)
            {
                int read = _link.Read(_pending, from + total, _pending.Length - from - total);
                if (read <= 0)
                {
                    break;
                }

                total += read;
                _bytesReceived += read;
            }

            return total;
        }

        /// <summary>
        /// Where the unsolicited messages at the end of the buffer begin (<paramref name="count"/>
        /// when there are none): from there on it holds only whole messages and perhaps the first
        /// bytes of one more, which sets <paramref name="arriving"/>.
        /// </summary>
        private static int MessagesStart(byte[] buffer, int count, out bool arriving)
        {
            for (int from = 0; from < count; from++)
            {
                if (buffer[from] == AsciiBytes.Cr && OnlyMessagesFrom(buffer, from, count, out arriving))
                {
                    return from;
                }
            }

            arriving = false;
            return count;
        }

        private static bool OnlyMessagesFrom(byte[] buffer, int position, int count, out bool arriving)
        {
            arriving = false;
            while (position < count)
            {
                int lineEnd = count - position > 2 ? AsciiBytes.IndexOfAscii(buffer, position + 2, count - position - 2, Envelope.Prompt) : -1;
                if (lineEnd < 0)
                {
                    arriving = Envelope.MayBeUnsolicitedStart(buffer, position, count - position);
                    return arriving;
                }

                if (!Envelope.StartsLikeAnswer(buffer, position, count - position) || !Envelope.IsUnsolicitedBlock(buffer, position + 2, lineEnd))
                {
                    return false;
                }

                position = lineEnd + Envelope.PromptLength;
            }

            return true;
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
