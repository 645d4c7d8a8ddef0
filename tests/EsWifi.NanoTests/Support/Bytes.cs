namespace EsWifi.NanoTests
{
    /// <summary>Byte helpers for tests (nanoFramework has no Encoding).</summary>
    public static class Bytes
    {
        /// <summary>Each char of <paramref name="text"/> as one byte (text must be Latin-1).</summary>
        public static byte[] Of(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>
        /// Bytes from parts: a string gives one byte per char (Latin-1), an int or a byte gives one byte. On
        /// nanoCLR a string ends at its first NUL, so binary input with 0x00 must be built this way.
        /// </summary>
        public static byte[] Join(params object[] parts)
        {
            int length = 0;
            foreach (object part in parts)
            {
                length += part is string ? ((string)part).Length : 1;
            }

            byte[] bytes = new byte[length];
            int position = 0;
            foreach (object part in parts)
            {
                if (part is string)
                {
                    string text = (string)part;
                    for (int i = 0; i < text.Length; i++)
                    {
                        bytes[position++] = (byte)text[i];
                    }
                }
                else
                {
                    bytes[position++] = part is byte ? (byte)part : (byte)(int)part;
                }
            }

            return bytes;
        }

        /// <summary>True when the range holds exactly <paramref name="expected"/>.</summary>
        public static bool Equal(byte[] expected, byte[] buffer, int offset, int count)
        {
            if (count != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (buffer[offset + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Each byte of the range as one char.</summary>
        public static string Text(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[offset + i];
            }

            return new string(chars);
        }

        /// <summary>The concatenation of two arrays.</summary>
        public static byte[] Concat(byte[] first, byte[] second)
        {
            byte[] all = new byte[first.Length + second.Length];
            System.Array.Copy(first, 0, all, 0, first.Length);
            System.Array.Copy(second, 0, all, first.Length, second.Length);
            return all;
        }
    }
}
