namespace EsWifi
{
    /// <summary>
    /// The grammar of the module's answer envelope (protocol.md §3.3, §4, §6.3, §11), in one place:
    /// the prompt, the OK trailer, where <c>ERROR</c> may stand, the <c>-1</c> read failure, the extra
    /// CR LF of C6.2.1.8, and which bracketed lines are unsolicited messages. The parser and both
    /// transports ask this class; none of them spells an envelope byte itself.
    /// </summary>
    internal static class Envelope
    {
        // Strings as fields made once, not constants: on nanoCLR every evaluation of a string literal
        // allocates a new string, and these are looked for in answers all the time.
        internal static readonly string Prompt = "\r\n> ";
        internal static readonly string OkTrailer = "\r\nOK\r\n> ";
        internal static readonly string LineBreak = "\r\n";
        internal const int PromptLength = 4;

        /// <summary>The prompt's '>': a transport finds prompt candidates by searching for it natively.</summary>
        internal const byte PromptMark = (byte)'>';

        /// <summary>The byte after the prompt's '>': most '>' in binary data are told apart by it alone.</summary>
        internal const byte PromptLast = (byte)' ';

        internal const int OkTrailerLength = 8;

        /// <summary>The shortest OK answer with its own leading CR LF: <c>\r\n\r\nOK\r\n&gt; </c>.</summary>
        internal const int EmptyOkLength = 10;

        internal static readonly string ErrorMarker = "\r\nERROR";

        /// <summary>How a client's arrival at a server socket begins (protocol.md §4.2).</summary>
        internal static readonly string AcceptedPrefix = "[TCP SVR] Accepted ";

        // Tags the module pushes on its own, between commands (protocol.md §4.2). The other tags
        // ([JOIN   ], [TCP  RC], [DHCP   ], [EEPROM ]) only appear inside the answer of a command, so
        // such a line followed by a prompt is an answer cut short by a reboot, never a message.
        private static readonly string[] UnsolicitedTags = new string[] { "[TCP SVR]", "[AP DHCP]", "[AP     ]", "[WEB SVR]", "[WPS    ]" };

        private const int TagLength = 9;

        /// <summary>True when [offset, offset+count) ends with the prompt <c>\r\n&gt; </c>.</summary>
        internal static bool EndsWithPrompt(byte[] buffer, int offset, int count)
        {
            if (count < PromptLength)
            {
                return false;
            }

            int p = offset + count - PromptLength;
            return buffer[p] == AsciiBytes.Cr && buffer[p + 1] == AsciiBytes.Lf && buffer[p + 2] == PromptMark && buffer[p + 3] == PromptLast;
        }

        /// <summary>True when the range ends with <c>\r\nOK\r\n&gt; </c>.</summary>
        internal static bool EndsWithOk(byte[] buffer, int offset, int count)
        {
            // Byte by byte, not through the string: on the device a string's characters are calls.
            if (count < OkTrailerLength)
            {
                return false;
            }

            int p = offset + count - OkTrailerLength;
            return buffer[p + 7] == (byte)' ' && buffer[p + 6] == (byte)'>' && buffer[p + 5] == AsciiBytes.Lf && buffer[p + 4] == AsciiBytes.Cr
                && buffer[p + 3] == (byte)'K' && buffer[p + 2] == (byte)'O' && buffer[p + 1] == AsciiBytes.Lf && buffer[p] == AsciiBytes.Cr;
        }

        /// <summary>
        /// True when the range ends with the first one to seven bytes of <c>\r\nOK\r\n&gt; </c>: an
        /// answer's end may be a few character times away (or the bytes are data that look so).
        /// </summary>
        internal static bool EndsInsideOkTrailer(byte[] buffer, int offset, int count)
        {
            for (int part = OkTrailerLength - 1; part >= 1; part--)
            {
                if (count >= part && StartsLikeOkTrailer(buffer, offset + count - part, part))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Length of a <c>\r\n[TCP SVR] Accepted a.b.c.d:port\r\n&gt; </c> block at the start of the
        /// range when an answer (its CR LF) follows it, else 0: the module pushed the message just
        /// before it took the command whose answer follows (protocol.md §4.1).
        /// </summary>
        internal static int LeadingAcceptedMessage(byte[] buffer, int offset, int count)
        {
            if (!StartsLikeAnswer(buffer, offset, count) || !AsciiBytes.StartsWithAscii(buffer, offset + 2, count - 2, AcceptedPrefix))
            {
                return 0;
            }

            // The address as the module prints it: digits and dots, a colon, digits.
            int position = offset + 2 + AcceptedPrefix.Length;
            int end = offset + count;
            int dots = 0;
            int colons = 0;
            int digits = 0;
            while (position < end && buffer[position] != AsciiBytes.Cr)
            {
                byte b = buffer[position];
                if (b == (byte)'.' && colons == 0 && digits > 0)
                {
                    dots++;
                    digits = 0;
                }
                else if (b == (byte)':' && colons == 0 && dots == 3 && digits > 0)
                {
                    colons++;
                    digits = 0;
                }
                else if (b >= (byte)'0' && b <= (byte)'9' && digits < 5)
                {
                    digits++;
                }
                else
                {
                    return 0;
                }

                position++;
            }

            if (colons != 1 || digits == 0)
            {
                return 0;
            }

            int blockEnd = position + PromptLength;
            if (blockEnd + 2 > end || !EndsWithPrompt(buffer, offset, blockEnd - offset) || !StartsLikeAnswer(buffer, blockEnd, end - blockEnd))
            {
                return 0;
            }

            return blockEnd - offset;
        }

        /// <summary>True when the range ends with a line break (the end of an SPI scan record).</summary>
        internal static bool EndsWithLineBreak(byte[] buffer, int offset, int count)
        {
            return AsciiBytes.EndsWithAscii(buffer, offset, count, LineBreak);
        }

        /// <summary>True when the range starts with the CR LF every answer starts with.</summary>
        internal static bool StartsLikeAnswer(byte[] buffer, int offset, int count)
        {
            return count >= 2 && buffer[offset] == AsciiBytes.Cr && buffer[offset + 1] == AsciiBytes.Lf;
        }

        /// <summary>
        /// True for the <c>-1</c> answer of a read on a lost connection: <c>-1</c> right after the leading
        /// CR LF and no OK trailer (<c>\r\n-1\r\n&gt; </c> or <c>\r\n-1\r\nERROR…\r\n&gt; </c>).
        /// </summary>
        internal static bool IsReadFailure(byte[] buffer, int offset, int count)
        {
            return count >= 6 && buffer[offset + 2] == (byte)'-' && buffer[offset + 3] == (byte)'1' && StartsLikeAnswer(buffer, offset, count)
                && buffer[offset + 4] == AsciiBytes.Cr && buffer[offset + 5] == AsciiBytes.Lf && !EndsWithOk(buffer, offset, count);
        }

        /// <summary>
        /// Where <c>ERROR</c> stands in an answer that has no OK trailer: at the start of a line (the
        /// answer's first line, or after lines such as <c>[JOIN   ] Failed</c>), followed by <c>:</c>,
        /// a line break or the end. Returns the index of the CR LF before it, or -1.
        /// </summary>
        internal static int FindError(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int from = offset;
            while (from < end)
            {
                int at = AsciiBytes.IndexOfAscii(buffer, from, end - from, ErrorMarker);
                if (at < 0)
                {
                    return -1;
                }

                int after = at + ErrorMarker.Length;
                if (after >= end || buffer[after] == (byte)':' || buffer[after] == AsciiBytes.Cr)
                {
                    return at;
                }

                from = at + 2;
            }

            return -1;
        }

        /// <summary>True when a prompt-terminated range is a complete answer: OK trailer, ERROR or <c>-1</c>.</summary>
        internal static bool IsCompleteAnswer(byte[] buffer, int offset, int count)
        {
            if (!StartsLikeAnswer(buffer, offset, count) || !EndsWithPrompt(buffer, offset, count))
            {
                return false;
            }

            return (count >= EmptyOkLength && EndsWithOk(buffer, offset, count))
                || IsReadFailure(buffer, offset, count)
                || FindError(buffer, offset, count) >= 0;
        }

        /// <summary>
        /// End of an OK answer's payload: before the trailer, and on firmware with the extra CR LF
        /// (C6.2.1.8) before that too.
        /// </summary>
        internal static int OkPayloadEnd(byte[] buffer, int payloadStart, int frameEnd, bool okHasExtraCrLf)
        {
            int payloadEnd = frameEnd - OkTrailerLength;
            if (okHasExtraCrLf && payloadEnd - payloadStart >= 2
                && buffer[payloadEnd - 2] == AsciiBytes.Cr && buffer[payloadEnd - 1] == AsciiBytes.Lf)
            {
                payloadEnd -= 2;
            }

            return payloadEnd;
        }

        /// <summary>
        /// True when [from, to) is one or more lines, each an unsolicited message (<c>[TCP SVR] …</c>,
        /// <c>[AP DHCP] …</c>, …). A line with any other tag belongs to a command's answer.
        /// </summary>
        internal static bool IsUnsolicitedBlock(byte[] buffer, int from, int to)
        {
            if (from >= to)
            {
                return false;
            }

            int line = from;
            while (line < to)
            {
                int lineEnd = AsciiBytes.IndexOfAscii(buffer, line, to - line, LineBreak);
                int next = lineEnd < 0 ? to : lineEnd + 2;
                if (!HasUnsolicitedTag(buffer, line, (lineEnd < 0 ? to : lineEnd) - line))
                {
                    return false;
                }

                line = next;
            }

            return true;
        }

        /// <summary>
        /// True when the range could be the first bytes of an unsolicited message still arriving: a
        /// beginning of <c>\r\n</c> and a pushed tag, with no prompt yet to end it.
        /// </summary>
        internal static bool MayBeUnsolicitedStart(byte[] buffer, int offset, int count)
        {
            if (count <= 0 || buffer[offset] != AsciiBytes.Cr || (count > 1 && buffer[offset + 1] != AsciiBytes.Lf))
            {
                return false;
            }

            if (count > 2 && !StartsLikeUnsolicitedTag(buffer, offset + 2, count - 2))
            {
                return false;
            }

            return AsciiBytes.IndexOfAscii(buffer, offset, count, Prompt) < 0;
        }

        /// <summary>True when the line starts with one of the tags the module pushes on its own.</summary>
        internal static bool HasUnsolicitedTag(byte[] buffer, int offset, int count)
        {
            if (count < TagLength)
            {
                return false;
            }

            for (int i = 0; i < UnsolicitedTags.Length; i++)
            {
                if (AsciiBytes.StartsWithAscii(buffer, offset, count, UnsolicitedTags[i]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the bytes begin like a pushed tag (all of it, or as much as has come).</summary>
        private static bool StartsLikeUnsolicitedTag(byte[] buffer, int offset, int count)
        {
            int compared = count < TagLength ? count : TagLength;
            for (int t = 0; t < UnsolicitedTags.Length; t++)
            {
                string tag = UnsolicitedTags[t];
                int i = 0;
                while (i < compared && buffer[offset + i] == (byte)tag[i])
                {
                    i++;
                }

                if (i == compared)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool StartsLikeOkTrailer(byte[] buffer, int from, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (buffer[from + i] != (byte)OkTrailer[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
