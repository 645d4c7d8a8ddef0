namespace EsWifi
{
    /// <summary>
    /// What a prompt-terminated run of bytes can be on a UART, where no data-ready line marks the
    /// end of an answer. Pure functions over a byte range, shared by <see cref="UartTransport"/> and
    /// the fuzz tests. See docs/architecture.md, "UART framing".
    /// </summary>
    internal static class UartFrameRules
    {
        internal const int PromptLength = 4;
        internal const int OkTrailerLength = 8;

        /// <summary>The bytes of [offset, offset+count) cannot form an answer yet.</summary>
        internal const int NotAFrame = 0;

        /// <summary>A complete answer: OK trailer, an ERROR, or the <c>-1</c> read failure.</summary>
        internal const int CompleteAnswer = 1;

        /// <summary>A bare prompt <c>\r\n&gt; </c>: boot cursor (or data starting with "&gt; ").</summary>
        internal const int BarePrompt = 2;

        /// <summary>A frame of its own that precedes an answer: noise, or an unsolicited message line.</summary>
        internal const int SeparateFrame = 3;

        /// <summary>True when the range ends with the prompt <c>\r\n&gt; </c>.</summary>
        internal static bool EndsWithPrompt(byte[] buffer, int offset, int count)
        {
            if (count < PromptLength)
            {
                return false;
            }

            int p = offset + count - PromptLength;
            return buffer[p] == 0x0D && buffer[p + 1] == 0x0A && buffer[p + 2] == (byte)'>' && buffer[p + 3] == (byte)' ';
        }

        /// <summary>Classifies a prompt-terminated range that starts where the current frame starts.</summary>
        internal static int Classify(byte[] buffer, int offset, int count)
        {
            if (!EndsWithPrompt(buffer, offset, count))
            {
                return NotAFrame;
            }

            if (count < 2 || buffer[offset] != 0x0D || buffer[offset + 1] != 0x0A)
            {
                return SeparateFrame;
            }

            if (count == PromptLength)
            {
                return BarePrompt;
            }

            if (AsciiBytes.EndsWithAscii(buffer, offset, count, "\r\nOK\r\n> ") && count >= 10)
            {
                return CompleteAnswer;
            }

            if (AsciiBytes.StartsWithAscii(buffer, offset, count, "\r\n-1\r\n") || AsciiBytes.StartsWithAscii(buffer, offset, count, "\r\nERROR"))
            {
                return CompleteAnswer;
            }

            if (IsMessageLine(buffer, offset, count))
            {
                return SeparateFrame;
            }

            return NotAFrame;
        }

        /// <summary>
        /// True for <c>\r\n[TAGXXXX] text\r\n&gt; </c>: one unsolicited message line with a 7-character
        /// bracketed tag and no line break inside (protocol.md §4.2).
        /// </summary>
        internal static bool IsMessageLine(byte[] buffer, int offset, int count)
        {
            const int TagEnd = 2 + 8;
            if (count < TagEnd + 1 + PromptLength || buffer[offset + 2] != (byte)'[' || buffer[offset + TagEnd] != (byte)']')
            {
                return false;
            }

            return AsciiBytes.IndexOfByte(buffer, offset + 2, count - 2 - PromptLength, 0x0D) < 0
                && AsciiBytes.IndexOfByte(buffer, offset + 2, count - 2 - PromptLength, 0x0A) < 0;
        }
    }
}
