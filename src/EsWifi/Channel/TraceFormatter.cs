namespace EsWifi
{
    /// <summary>
    /// Renders bytes for an <see cref="AtTraceHandler"/>. Only runs when a handler is installed, so
    /// its allocations never touch the data path of an untraced driver.
    /// </summary>
    internal static class TraceFormatter
    {
        /// <summary>Longest stretch of payload bytes shown; the rest is summarised.</summary>
        internal const int MaxShownPayload = 64;

        /// <summary>Longest answer shown: whole error answers with their usage line, the start of data.</summary>
        internal const int MaxShownAnswer = 160;

        internal static string Command(AtCommandWriter command, byte[] payload, int payloadOffset, int payloadCount)
        {
            string text;
            if (command.SecretStart >= 0)
            {
                int afterSecret = command.SecretStart + command.SecretLength;
                text = Escape(command.Buffer, 0, command.SecretStart, int.MaxValue)
                    + "***"
                    + Escape(command.Buffer, afterSecret, command.Length - afterSecret, int.MaxValue);
            }
            else
            {
                text = Escape(command.Buffer, 0, command.Length, int.MaxValue);
            }

            if (payloadCount <= 0)
            {
                return text;
            }

            if (command.PayloadIsSecret)
            {
                return text + "<" + payloadCount.ToString() + " bytes, not shown>";
            }

            return text + Escape(payload, payloadOffset, payloadCount, MaxShownPayload);
        }

        /// <summary>
        /// Escapes control and non-ASCII bytes (so one frame is always one line); of more than
        /// <paramref name="limit"/> bytes it shows the first three quarters and the last quarter of
        /// the limit, with the count left out between them: the frame's end (OK, the prompt) stays visible.
        /// </summary>
        internal static string Escape(byte[] buffer, int offset, int count, int limit)
        {
            if (count <= limit)
            {
                return EscapeRange(buffer, offset, count);
            }

            int tail = limit / 4;
            int head = limit - tail;
            return EscapeRange(buffer, offset, head)
                + "...(" + (count - head - tail).ToString() + " more bytes)..."
                + EscapeRange(buffer, offset + count - tail, tail);
        }

        private static string EscapeRange(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[(count * 4) + 1];
            int length = 0;
            for (int i = offset; i < offset + count; i++)
            {
                byte b = buffer[i];
                if (b == 0x0D)
                {
                    chars[length++] = '\\';
                    chars[length++] = 'r';
                }
                else if (b == 0x0A)
                {
                    chars[length++] = '\\';
                    chars[length++] = 'n';
                }
                else if (b == (byte)'\\')
                {
                    chars[length++] = '\\';
                    chars[length++] = '\\';
                }
                else if (b < 0x20 || b > 0x7E)
                {
                    chars[length++] = '\\';
                    chars[length++] = 'x';
                    chars[length++] = HexDigit(b >> 4);
                    chars[length++] = HexDigit(b & 0xF);
                }
                else
                {
                    chars[length++] = (char)b;
                }
            }

            return new string(chars, 0, length);
        }

        private static char HexDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'A' + value - 10);
        }
    }
}
