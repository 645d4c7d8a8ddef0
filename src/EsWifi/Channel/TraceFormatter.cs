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

        /// <summary>
        /// A command as sent, with what it may carry of secrets replaced: the argument marked secret
        /// by the writer, and by name whatever the writer was told (a raw console's command): every
        /// argument of <c>C2</c> and <c>A2</c> (passphrase, soft-AP key) and the payload of <c>PG</c>
        /// (a key), as the answers of <c>C?</c> and <c>A?</c> are on the way in.
        /// </summary>
        internal static string Command(AtCommandWriter command, byte[] payload, int payloadOffset, int payloadCount)
        {
            byte[] bytes = command.Buffer;
            int secretStart = command.SecretStart;
            int secretLength = command.SecretLength;
            if (secretStart < 0 && SetsSecret(bytes, command.Length))
            {
                // Everything after the name (and its '=') but the terminating CR.
                secretStart = command.Length > 2 && bytes[2] == (byte)'=' ? 3 : 2;
                secretLength = command.Length - secretStart - (bytes[command.Length - 1] == 0x0D ? 1 : 0);
            }

            string text;
            if (secretStart >= 0)
            {
                int afterSecret = secretStart + secretLength;
                text = Escape(bytes, 0, secretStart, int.MaxValue)
                    + "***"
                    + Escape(bytes, afterSecret, command.Length - afterSecret, int.MaxValue);
            }
            else
            {
                text = Escape(bytes, 0, command.Length, int.MaxValue);
            }

            if (payloadCount <= 0)
            {
                return text;
            }

            if (command.PayloadIsSecret || IsNamed(bytes, command.Length, 'P', 'G'))
            {
                return text + "<" + payloadCount.ToString() + " bytes, not shown>";
            }

            return text + Escape(payload, payloadOffset, payloadCount, MaxShownPayload);
        }

        /// <summary>True for <c>C2</c> and <c>A2</c>, whose arguments are a passphrase or a key.</summary>
        private static bool SetsSecret(byte[] command, int length)
        {
            return IsNamed(command, length, 'C', '2') || IsNamed(command, length, 'A', '2');
        }

        private static bool IsNamed(byte[] command, int length, char first, char second)
        {
            return length >= 2 && command[0] == (byte)first && command[1] == (byte)second;
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
