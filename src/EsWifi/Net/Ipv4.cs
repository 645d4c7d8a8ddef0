namespace EsWifi
{
    /// <summary>Dotted IPv4 text helpers (nanoFramework's mscorlib has no IPAddress).</summary>
    public static class Ipv4
    {
        /// <summary>Parses <c>a.b.c.d</c> into four octets.</summary>
        /// <param name="text">The dotted address.</param>
        /// <param name="octets">A 4-byte array that receives the address.</param>
        /// <returns>False when the text is not a dotted IPv4 address.</returns>
        public static bool TryParse(string text, byte[] octets)
        {
            if (text == null || octets == null || octets.Length != 4)
            {
                return false;
            }

            int part = 0;
            int value = 0;
            int digits = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c >= '0' && c <= '9')
                {
                    value = (value * 10) + (c - '0');
                    digits++;
                    if (digits > 3 || value > 255)
                    {
                        return false;
                    }

                    continue;
                }

                if (c != '.' || digits == 0 || part > 3)
                {
                    return false;
                }

                octets[part++] = (byte)value;
                value = 0;
                digits = 0;
            }

            return part == 4;
        }

        /// <summary>Formats four octets as <c>a.b.c.d</c>.</summary>
        /// <param name="octets">The address.</param>
        /// <returns>The dotted text.</returns>
        public static string Format(byte[] octets)
        {
            return octets[0].ToString() + "." + octets[1].ToString() + "." + octets[2].ToString() + "." + octets[3].ToString();
        }
    }
}
