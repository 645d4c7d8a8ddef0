using System;

namespace EsWifi
{
    /// <summary>
    /// Checks text that goes into an AT command. The module ends a command at <c>\r</c> and splits
    /// arguments at <c>,</c>, so a caller-supplied string must not be able to add a command or an
    /// argument: this is the guard against AT command injection. Messages name the argument but
    /// never echo its value (it may be a passphrase).
    /// </summary>
    internal static class TextArgument
    {
        /// <summary>
        /// Throws <see cref="ArgumentNullException"/> or <see cref="ArgumentException"/> naming
        /// <paramref name="argumentName"/> when <paramref name="value"/> cannot be sent safely.
        /// </summary>
        /// <param name="value">The text to check.</param>
        /// <param name="argumentName">The parameter name reported in the exception.</param>
        /// <param name="minBytes">Smallest allowed length in UTF-8 bytes.</param>
        /// <param name="maxBytes">Largest allowed length in UTF-8 bytes.</param>
        /// <param name="allowComma">False where the module splits the argument at commas.</param>
        public static void Validate(string value, string argumentName, int minBytes, int maxBytes, bool allowComma)
        {
            if (value == null)
            {
                throw new ArgumentNullException(argumentName);
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\r' || c == '\n' || c == '\0')
                {
                    throw new ArgumentException("must not contain CR, LF or NUL characters", argumentName);
                }

                if (c == ',' && !allowComma)
                {
                    throw new ArgumentException("must not contain a comma", argumentName);
                }
            }

            int length = AsciiBytes.Utf8Length(value);
            if (length < minBytes || length > maxBytes)
            {
                throw new ArgumentException(
                    "must be " + minBytes.ToString() + " to " + maxBytes.ToString() + " bytes long (UTF-8), got " + length.ToString(),
                    argumentName);
            }
        }
    }
}
