using System;

namespace EsWifi
{
    /// <summary>
    /// One frame from the module, parsed in place: the object keeps a reference to the receive
    /// buffer and ranges into it, so parsing allocates nothing. Ranges are absolute indexes into
    /// <see cref="Buffer"/>. The object is reused for every command; read it before the next one.
    /// </summary>
    /// <remarks>
    /// Envelopes (protocol.md §3.3): <c>\r\n&lt;data&gt;\r\nOK\r\n&gt; </c>; empty OK as 10 bytes, or 12
    /// bytes on C6.2.1.8 which also adds a CR LF after data; <c>\r\nERROR[: reason]\r\nUsage: …\r\n&gt; </c>
    /// (MT=0) or without the usage line (MT=1); <c>\r\n-1\r\n&gt; </c> and <c>\r\n-1\r\nERROR…\r\n&gt; </c>
    /// for a lost connection on R0. Bytes before the first CR LF are skipped as noise.
    /// </remarks>
    internal sealed class AtResponse
    {
        // Fields made once, not constants: on nanoCLR every evaluation of a string literal allocates.
        private static readonly string UsageMarker = "Usage:";
        private static readonly string MessagesStart = "[SOMA]";
        private static readonly string MessagesEnd = "[EOMA]";
        private static readonly string MinusOne = "-1";

        // Fields, not auto-properties: on the device every property access is a call, and Parse sets
        // them all for every frame. The five the data path reads at every round trip (the socket layer
        // and the channel) are internal and read directly; only Parse writes them.
        internal byte[] _buffer;
        internal AtResponseKind _kind;
        private int _frameOffset;
        private int _frameLength;
        internal int _skippedBytes;
        internal int _payloadOffset;
        internal int _payloadLength;
        private int _reasonOffset;
        private int _reasonLength;
        private int _usageOffset;
        private int _usageLength;

        /// <summary>The buffer the ranges refer to.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>The classification of the last parsed frame.</summary>
        public AtResponseKind Kind => _kind;

        /// <summary>Start of the whole frame in <see cref="Buffer"/>.</summary>
        public int FrameOffset => _frameOffset;

        /// <summary>Length of the whole frame.</summary>
        public int FrameLength => _frameLength;

        /// <summary>Bytes of noise skipped before the frame's leading CR LF.</summary>
        public int SkippedBytes => _skippedBytes;

        /// <summary>Start of the payload: OK data, the async message text, or the lines before an ERROR.</summary>
        public int PayloadOffset => _payloadOffset;

        /// <summary>Length of the payload (0 for an empty OK).</summary>
        public int PayloadLength => _payloadLength;

        /// <summary>Start of the reason text after <c>ERROR: </c> (Error only).</summary>
        public int ReasonOffset => _reasonOffset;

        /// <summary>Length of the reason text; 0 when the module gave none (MT=1, or a bare ERROR).</summary>
        public int ReasonLength => _reasonLength;

        /// <summary>Start of the text after <c>Usage: </c> (Error with MT=0 only).</summary>
        public int UsageOffset => _usageOffset;

        /// <summary>Length of the usage text, or -1 when the answer had no <c>Usage:</c> line.</summary>
        public int UsageLength => _usageLength;

        /// <summary>
        /// True for an unrecognized frame that starts like an answer (CR LF, no noise before it) and
        /// ends in a prompt: the start of an answer followed by the boot prompt of a module reset.
        /// </summary>
        public bool IsCutByPrompt =>
            _kind == AtResponseKind.Unrecognized && Envelope.EndsWithPrompt(_buffer, _frameOffset, _frameLength)
            && ((_skippedBytes == 0 && _frameLength > Envelope.PromptLength && Envelope.StartsLikeAnswer(_buffer, _frameOffset, _frameLength))

                // Only the answer's first CR came out before the boot prompt.
                || (_skippedBytes == 1 && _frameLength == Envelope.PromptLength + 1 && _buffer[_frameOffset] == AsciiBytes.Cr));

        /// <summary>
        /// True for a prompt behind the end of another one (<c>&gt; \r\n&gt; </c>, <c>\n&gt; \r\n&gt; </c>,
        /// <c> \r\n&gt; </c>): an earlier prompt whose first bytes were dropped with a partial frame,
        /// then a whole one. While a boot prompt is awaited, that is the boot prompt.
        /// </summary>
        public bool IsPromptAfterPromptTail
        {
            get
            {
                int tail = _frameLength - Envelope.PromptLength;
                if (_kind != AtResponseKind.Unrecognized || tail < 1 || tail >= Envelope.PromptLength || !Envelope.EndsWithPrompt(_buffer, _frameOffset, _frameLength))
                {
                    return false;
                }

                // The bytes before the whole prompt are the last 'tail' bytes of a prompt.
                for (int i = 0; i < tail; i++)
                {
                    if (_buffer[_frameOffset + i] != (byte)Envelope.Prompt[Envelope.PromptLength - tail + i])
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>True for an OK answer whose payload is exactly <c>-1</c> (S3 on a broken link).</summary>
        public bool IsMinusOne => _kind == AtResponseKind.Ok && AsciiBytes.EqualsAscii(_buffer, _payloadOffset, _payloadLength, MinusOne);

        /// <summary>
        /// Parses one complete frame. Never throws on any byte content; unknown shapes give
        /// <see cref="AtResponseKind.Unrecognized"/>.
        /// </summary>
        /// <param name="buffer">The receive buffer.</param>
        /// <param name="offset">Start of the frame.</param>
        /// <param name="count">Length of the frame.</param>
        /// <param name="okHasExtraCrLf">True on firmware (C6.2.1.8) whose OK envelope has an extra CR LF before <c>OK</c>.</param>
        /// <returns>The classification, also kept in <see cref="Kind"/>.</returns>
        public AtResponseKind Parse(byte[] buffer, int offset, int count, bool okHasExtraCrLf)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            _buffer = buffer;
            _frameOffset = offset;
            _frameLength = count;
            _kind = AtResponseKind.Unrecognized;
            _skippedBytes = 0;
            _payloadOffset = offset;
            _payloadLength = 0;
            _reasonOffset = offset;
            _reasonLength = 0;
            _usageOffset = offset;
            _usageLength = -1;

            // Almost every frame starts with its CR LF: looked at before any search.
            int start = count >= 2 && buffer[offset] == AsciiBytes.Cr && buffer[offset + 1] == AsciiBytes.Lf
                ? offset
                : AsciiBytes.IndexOfLineBreak(buffer, offset, count);
            // An OK answer, the data path's, is known by its trailer alone (which ends in the prompt).
            int end = offset + count;
            if (start >= 0 && Envelope.EndsWithOk(buffer, start, end - start))
            {
                _skippedBytes = start - offset;
                return ParseOk(buffer, start, end, okHasExtraCrLf);
            }

            if (start < 0 || !Envelope.EndsWithPrompt(buffer, offset, count))
            {
                return _kind;
            }

            _skippedBytes = start - offset;
            int length = end - start;

            if (length == Envelope.PromptLength)
            {
                // Noise that ends in a prompt is a resynchronisation point, not a boot cursor.
                _kind = _skippedBytes == 0 ? AtResponseKind.Prompt : AtResponseKind.Unrecognized;
                _payloadOffset = start;
                return _kind;
            }

            if (Envelope.EndsWithOk(buffer, start, length))
            {
                return ParseOk(buffer, start, end, okHasExtraCrLf);
            }

            if (Envelope.IsReadFailure(buffer, start, length))
            {
                _kind = AtResponseKind.ReadFailure;
                _payloadOffset = start + 2;
                _payloadLength = 2;
                return _kind;
            }

            int error = Envelope.FindError(buffer, start, length);
            if (error >= 0)
            {
                return ParseError(buffer, start, error, end);
            }

            if (Envelope.IsUnsolicitedBlock(buffer, start + 2, end - Envelope.PromptLength))
            {
                _kind = AtResponseKind.AsyncMessage;
                _payloadOffset = start + 2;
                _payloadLength = end - Envelope.PromptLength - _payloadOffset;
            }

            return _kind;
        }

        /// <summary>Parses the payload as a decimal integer (e.g. <c>CR</c>, <c>CS</c>, the byte count of <c>S3</c>).</summary>
        /// <param name="value">The number.</param>
        /// <returns>False when the payload is not a number.</returns>
        public bool TryGetPayloadInt(out int value)
        {
            return AsciiBytes.TryParseInt(_buffer, _payloadOffset, _payloadLength, out value);
        }

        /// <summary>The payload decoded as UTF-8 text (allocates: for text answers, not for data).</summary>
        /// <returns>The payload text.</returns>
        public string PayloadText()
        {
            return AsciiBytes.ToText(_buffer, _payloadOffset, _payloadLength);
        }

        /// <summary>The reason after <c>ERROR: </c>, or an empty string.</summary>
        /// <returns>The reason text.</returns>
        public string ReasonText()
        {
            return AsciiBytes.ToText(_buffer, _reasonOffset, _reasonLength);
        }

        /// <summary>The text after <c>Usage: </c>, or null when there was no usage line.</summary>
        /// <returns>The usage text or null.</returns>
        public string UsageText()
        {
            return _usageLength < 0 ? null : AsciiBytes.ToText(_buffer, _usageOffset, _usageLength);
        }

        /// <summary>
        /// Finds the next CR LF separated line of the payload at or after <paramref name="position"/>.
        /// Start with <see cref="PayloadOffset"/>; pass the returned value back to continue.
        /// </summary>
        /// <param name="position">Where to start (absolute index).</param>
        /// <param name="lineOffset">Start of the line.</param>
        /// <param name="lineLength">Length of the line, without its CR LF.</param>
        /// <returns>The position after the line, or -1 when the payload has no more lines.</returns>
        public int NextLine(int position, out int lineOffset, out int lineLength)
        {
            int end = _payloadOffset + _payloadLength;
            lineOffset = position;
            lineLength = 0;
            if (position < _payloadOffset || position >= end)
            {
                return -1;
            }

            int lineEnd = AsciiBytes.IndexOfLineBreak(_buffer, position, end - position);
            if (lineEnd < 0)
            {
                lineLength = end - position;
                return end;
            }

            lineLength = lineEnd - position;
            return lineEnd + 2;
        }

        /// <summary>
        /// Finds the first payload line that begins with <paramref name="prefix"/> (e.g. <c>[JOIN   ] </c>).
        /// </summary>
        /// <param name="prefix">ASCII text the line starts with.</param>
        /// <param name="restOffset">Start of the text after the prefix.</param>
        /// <param name="restLength">Length of the text after the prefix.</param>
        /// <returns>True when such a line exists.</returns>
        public bool TryFindLine(string prefix, out int restOffset, out int restLength)
        {
            int position = _payloadOffset;
            while (true)
            {
                position = NextLine(position, out int lineOffset, out int lineLength);
                if (position < 0)
                {
                    restOffset = 0;
                    restLength = 0;
                    return false;
                }

                if (AsciiBytes.StartsWithAscii(_buffer, lineOffset, lineLength, prefix))
                {
                    restOffset = lineOffset + prefix.Length;
                    restLength = lineLength - prefix.Length;
                    return true;
                }
            }
        }

        /// <summary>
        /// Locates the message area of an <c>MR</c> answer: the text between <c>[SOMA]</c> and
        /// <c>[EOMA]</c>. Iterate its messages with <see cref="NextMessage"/>.
        /// </summary>
        /// <param name="areaOffset">Start of the message area.</param>
        /// <param name="areaLength">Length of the message area (0 when no message is queued).</param>
        /// <returns>False when the payload has no <c>[SOMA]…[EOMA]</c> block.</returns>
        public bool TryGetMessageArea(out int areaOffset, out int areaLength)
        {
            areaOffset = 0;
            areaLength = 0;
            if (_kind != AtResponseKind.Ok || !AsciiBytes.StartsWithAscii(_buffer, _payloadOffset, _payloadLength, MessagesStart))
            {
                return false;
            }

            int from = _payloadOffset + MessagesStart.Length;
            int close = AsciiBytes.IndexOfAscii(_buffer, from, _payloadOffset + _payloadLength - from, MessagesEnd);
            if (close < 0)
            {
                return false;
            }

            areaOffset = from;
            areaLength = close - from;
            return true;
        }

        /// <summary>
        /// Finds the next message in a message area. Messages are separated by CR LF, or follow each
        /// other directly, each starting with a bracketed tag such as <c>[TCP SVR]</c>.
        /// </summary>
        /// <param name="position">Where to start (absolute index inside the area).</param>
        /// <param name="areaEnd">The end of the area (offset + length).</param>
        /// <param name="messageOffset">Start of the message.</param>
        /// <param name="messageLength">Length of the message.</param>
        /// <returns>The position after the message, or -1 when there is none.</returns>
        public int NextMessage(int position, int areaEnd, out int messageOffset, out int messageLength)
        {
            while (position < areaEnd && (_buffer[position] == AsciiBytes.Cr || _buffer[position] == AsciiBytes.Lf))
            {
                position++;
            }

            messageOffset = position;
            messageLength = 0;
            if (position >= areaEnd)
            {
                return -1;
            }

            int next = position + 1;
            while (next < areaEnd)
            {
                byte b = _buffer[next];
                if (b == AsciiBytes.Cr || b == AsciiBytes.Lf)
                {
                    break;
                }

                // A tag ("[XXXXXXX]", 9 bytes) after text starts the next message.
                if (b == (byte)'[' && next + 8 < areaEnd && _buffer[next + 8] == (byte)']' && _buffer[next - 1] != (byte)' ')
                {
                    break;
                }

                next++;
            }

            messageLength = next - position;
            return next;
        }

        private AtResponseKind ParseOk(byte[] buffer, int start, int end, bool okHasExtraCrLf)
        {
            _kind = AtResponseKind.Ok;
            int trailerStart = end - Envelope.OkTrailerLength;

            // "\r\nOK\r\n> " alone has no leading CR LF of its own: an empty payload.
            int payloadStart = trailerStart - start >= 2 ? start + 2 : trailerStart;
            int payloadEnd = Envelope.OkPayloadEnd(buffer, payloadStart, end, okHasExtraCrLf);

            _payloadOffset = payloadStart;
            _payloadLength = payloadEnd - payloadStart;
            return _kind;
        }

        private AtResponseKind ParseError(byte[] buffer, int start, int error, int end)
        {
            _kind = AtResponseKind.Error;

            // Lines before ERROR (e.g. "[JOIN   ] ssid" and "[JOIN   ] Failed") stay readable as the payload.
            _payloadOffset = start + 2;
            _payloadLength = error > _payloadOffset ? error - _payloadOffset : 0;

            int textEnd = end - Envelope.PromptLength;
            int afterError = error + Envelope.ErrorMarker.Length;
            int lineEnd = AsciiBytes.IndexOfLineBreak(buffer, afterError, end - afterError);
            if (lineEnd < 0)
            {
                lineEnd = textEnd;
            }

            int reason = afterError;
            if (reason < lineEnd && buffer[reason] == (byte)':')
            {
                reason++;
                while (reason < lineEnd && buffer[reason] == (byte)' ')
                {
                    reason++;
                }
            }

            _reasonOffset = reason;
            _reasonLength = lineEnd - reason;

            int usage = lineEnd + 2;
            if (usage < textEnd && AsciiBytes.StartsWithAscii(buffer, usage, textEnd - usage, UsageMarker))
            {
                int usageText = usage + UsageMarker.Length;
                if (usageText < textEnd && buffer[usageText] == (byte)' ')
                {
                    usageText++;
                }

                int usageEnd = AsciiBytes.IndexOfLineBreak(buffer, usageText, textEnd - usageText);
                _usageOffset = usageText;
                _usageLength = (usageEnd < 0 ? textEnd : usageEnd) - usageText;
            }

            return _kind;
        }
    }
}
