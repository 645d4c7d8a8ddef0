namespace EsWifi.FirmwarePath
{
    /// <summary>Text to bytes and back for ASCII lines (mscorlib 1.17.11 has no Encoding).</summary>
    internal static class Ascii
    {
        internal static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        internal static string Text(byte[] bytes, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)bytes[offset + i];
            }

            return new string(chars);
        }

        internal static bool StartsWith(string text, string prefix)
        {
            return text.Length >= prefix.Length && text.Substring(0, prefix.Length) == prefix;
        }
    }
}
