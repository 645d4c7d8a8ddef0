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
