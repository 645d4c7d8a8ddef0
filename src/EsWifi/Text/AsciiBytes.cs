using System;

namespace EsWifi
{
    /// <summary>
    /// Byte-range helpers that replace what nanoFramework's mscorlib lacks (Encoding, Char.IsDigit,
    /// span search). Every method works on (buffer, offset, count) views and allocates nothing,
    /// except the ones that produce a <see cref="string"/> for the caller.
    /// </summary>
    internal static class AsciiBytes
    {
        // Each byte value boxed once, when first searched for (IndexOfByte).
        private static readonly object[] Boxes = new object[256];

        internal const byte Cr = 0x0D;
        internal const byte Lf = 0x0A;

        /// <summary>Writes <paramref name="value"/> in decimal at <paramref name="position"/>; returns the position after it.</summary>
        internal static int WriteInt(byte[] buffer, int position, int value)
        {
            // Work on the negative range so int.MinValue needs no special case.
            int negative = value < 0 ? value : -value;
            if (value < 0)
            {
                buffer[position++] = (byte)'-';
            }

            int digits = 1;
            for (int probe = negative; probe <= -10; probe /= 10)
            {
                digits++;
            }

            int end = position + digits;
            for (int i = end - 1; i >= position; i--)
            {
                buffer[i] = (byte)('0' - (negative % 10));
                negative /= 10;
            }

            return end;
        }

        /// <summary>Writes <paramref name="value"/> in decimal, left-padded with zeros to at least <paramref name="width"/> digits.</summary>
        internal static int WriteIntPadded(byte[] buffer, int position, int value, int width)
        {
            int digits = 1;
            for (int probe = value; probe >= 10; probe /= 10)
            {
                digits++;
            }

            for (int i = digits; i < width; i++)
            {
                buffer[position++] = (byte)'0';
            }

            return WriteInt(buffer, position, value);
        }

        /// <summary>Parses an optionally signed decimal integer that fills the whole range.</summary>
        internal static bool TryParseInt(byte[] buffer, int offset, int count, out int value)
        {
            value = 0;
            if (count <= 0)
            {
                return false;
            }

            int i = offset;
            int end = offset + count;
            bool negative = buffer[i] == (byte)'-';
            if (negative || buffer[i] == (byte)'+')
            {
                i++;
            }

            if (i == end || end - i > 10)
            {
                return false;
            }

            long result = 0;
            for (; i < end; i++)
            {
                int digit = buffer[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }

                result = (result * 10) + digit;
            }

            if (negative)
            {
                result = -result;
            }

            if (result > int.MaxValue || result < int.MinValue)
            {
                return false;
            }

            value = (int)result;
            return true;
        }

        /// <summary>True when the range holds exactly the ASCII text <paramref name="text"/>.</summary>
        internal static bool EqualsAscii(byte[] buffer, int offset, int count, string text)
        {
            return count == text.Length && StartsWithAscii(buffer, offset, count, text);
        }

        /// <summary>True when the range begins with the ASCII text <paramref name="text"/>.</summary>
        internal static bool StartsWithAscii(byte[] buffer, int offset, int count, string text)
        {
            if (count < text.Length)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (buffer[offset + i] != (byte)text[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the range ends with the ASCII text <paramref name="text"/>.</summary>
        internal static bool EndsWithAscii(byte[] buffer, int offset, int count, string text)
        {
            return count >= text.Length && StartsWithAscii(buffer, offset + count - text.Length, text.Length, text);
        }

        /// <summary>
        /// Absolute index of the first occurrence of <paramref name="text"/> in the range, or -1. Its
        /// first character is found with Array.IndexOf (a native); only the candidates are compared.
        /// </summary>
        internal static int IndexOfAscii(byte[] buffer, int offset, int count, string text)
        {
            int end = offset + count;
            int last = end - text.Length;
            byte first = (byte)text[0];
            int i = offset;
            while (i <= last)
            {
                i = IndexOfByte(buffer, i, last + 1 - i, first);
                if (i < 0)
                {
                    return -1;
                }

                if (StartsWithAscii(buffer, i, text.Length, text))
                {
                    return i;
                }

                i++;
            }

            return -1;
        }

        /// <summary>Absolute index of the first CR LF in the range, or -1 (the CR found natively).</summary>
        internal static int IndexOfLineBreak(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end - 1)
            {
                i = IndexOfByte(buffer, i, end - 1 - i, Cr);
                if (i < 0)
                {
                    return -1;
                }

                if (buffer[i + 1] == Lf)
                {
                    return i;
                }

                i++;
            }

            return -1;
        }

        /// <summary>
        /// Absolute index of the first <paramref name="value"/> byte in the range, or -1: Array.IndexOf,
        /// a native on the device, where a loop over the bytes would cost several instructions each.
        /// The value goes in boxed once per byte value (mscorlib 1.17 has only the object overload), so
        /// no call allocates.
        /// </summary>
        internal static int IndexOfByte(byte[] buffer, int offset, int count, byte value)
        {
            if (count <= 0)
            {
                return -1;
            }

            object boxed = Boxes[value];
            if (boxed == null)
            {
                boxed = value;
                Boxes[value] = boxed;
            }

            return Array.IndexOf(buffer, boxed, offset, count);
        }

        /// <summary>Number of bytes <paramref name="text"/> takes in UTF-8.</summary>
        internal static int Utf8Length(string text)
        {
            int length = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    length += 1;
                }
                else if (c < 0x800)
                {
                    length += 2;
                }
                else if (IsHighSurrogate(c) && i + 1 < text.Length && IsLowSurrogate(text[i + 1]))
                {
                    length += 4;
                    i++;
                }
                else
                {
                    length += 3;
                }
            }

            return length;
        }

        /// <summary>Writes <paramref name="text"/> as UTF-8 at <paramref name="position"/>; returns the position after it.</summary>
        internal static int WriteUtf8(byte[] buffer, int position, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    buffer[position++] = (byte)c;
                    continue;
                }

                if (c < 0x800)
                {
                    buffer[position++] = (byte)(0xC0 | (c >> 6));
                    buffer[position++] = (byte)(0x80 | (c & 0x3F));
                    continue;
                }

                if (IsHighSurrogate((char)c) && i + 1 < text.Length && IsLowSurrogate(text[i + 1]))
                {
                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                    buffer[position++] = (byte)(0xF0 | (codePoint >> 18));
                    buffer[position++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    buffer[position++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    buffer[position++] = (byte)(0x80 | (codePoint & 0x3F));
                    continue;
                }

                buffer[position++] = (byte)(0xE0 | (c >> 12));
                buffer[position++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                buffer[position++] = (byte)(0x80 | (c & 0x3F));
            }

            return position;
        }

        /// <summary>
        /// Decodes the range as UTF-8 into a new string. Malformed sequences become U+FFFD, so module
        /// text can never make this throw; so does a NUL, because on nanoCLR a string ends at its
        /// first NUL (a scanned SSID holding one would lose its tail on the device only).
        /// </summary>
        internal static string ToText(byte[] buffer, int offset, int count)
        {
            return ToText(buffer, offset, count, null);
        }

        /// <summary>
        /// As <see cref="ToText(byte[], int, int)"/>, decoding through <paramref name="scratch"/> when it
        /// holds <paramref name="count"/> characters, so the string is the only allocation.
        /// </summary>
        internal static string ToText(byte[] buffer, int offset, int count, char[] scratch)
        {
            if (count <= 0)
            {
                return string.Empty;
            }

            char[] chars = scratch != null && scratch.Length >= count ? scratch : new char[count];
            int length = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = buffer[i];
                if (b < 0x80)
                {
                    chars[length++] = b == 0 ? '\uFFFD' : (char)b;
                    i++;
                    continue;
                }

                int needed = b >= 0xF0 && b < 0xF8 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
                if (needed < 0 || i + needed >= end)
                {
                    chars[length++] = '\uFFFD';
                    i++;
                    continue;
                }

                int codePoint = b & (0x3F >> needed);
                bool valid = true;
                for (int k = 1; k <= needed; k++)
                {
                    int next = buffer[i + k];
                    if ((next & 0xC0) != 0x80)
                    {
                        valid = false;
                        break;
                    }

                    codePoint = (codePoint << 6) | (next & 0x3F);
                }

                if (!valid)
                {
                    chars[length++] = '\uFFFD';
                    i++;
                    continue;
                }

                i += needed + 1;
                if (codePoint >= 0x10000)
                {
                    codePoint -= 0x10000;
                    chars[length++] = (char)(0xD800 + (codePoint >> 10));
                    chars[length++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    chars[length++] = (char)codePoint;
                }
            }

            return new string(chars, 0, length);
        }

        private static bool IsHighSurrogate(char c)
        {
            return c >= 0xD800 && c <= 0xDBFF;
        }

        private static bool IsLowSurrogate(char c)
        {
            return c >= 0xDC00 && c <= 0xDFFF;
        }
    }
}
