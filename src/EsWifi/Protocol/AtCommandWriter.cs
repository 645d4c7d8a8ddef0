using System;

namespace EsWifi
{
    /// <summary>
    /// Formats one AT command into a reusable byte buffer: the two-letter command, then
    /// <c>=</c> before the first argument and <c>,</c> between arguments, then <c>\r</c>.
    /// Nothing is allocated after construction. Binary payloads (<c>S3</c>, <c>PG</c>) are not
    /// copied here: the channel sends them straight from the caller's buffer after the header.
    /// </summary>
    /// <example><c>writer.Command("P4").Int(8883).End()</c> produces <c>P4=8883\r</c>.</example>
    internal sealed class AtCommandWriter
    {
        /// <summary>Default capacity: room for the longest text command (a 63-byte host name, a 64-byte key).</summary>
        public const int DefaultCapacity = 160;

        /// <summary>The formatted bytes; valid from index 0 to <see cref="Length"/>.</summary>
        /// <remarks>
        /// This and the next two are fields, written only here: the channel reads all three for every
        /// command, and on the device a property read is a call.
        /// </remarks>
        public readonly byte[] Buffer;

        /// <summary>Number of formatted bytes.</summary>
        public int Length;

        /// <summary>True once <see cref="End"/> has terminated the command.</summary>
        public bool IsComplete;

        private int _arguments;

        // Fields behind the read-only properties: every command sets them, and on the device a
        // property setter is a call.
        private int _secretStart;
        private int _secretLength;
        private bool _payloadIsSecret;

        // The prebuilt command the buffer holds untouched since it was set, and the number written
        // into it (-1: none): the same command again, read after read, is not copied again.
        private byte[] _prebuilt;
        private int _prebuiltValue = -1;

        // Powers of ten, for the widths a prebuilt number may have.
        private static readonly int[] Limits = new int[] { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };

        /// <summary>Creates a writer with its own buffer.</summary>
        /// <param name="capacity">Buffer size in bytes (at least 16).</param>
        public AtCommandWriter(int capacity)
        {
            if (capacity < 16)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            Buffer = new byte[capacity];
        }

        /// <summary>Creates a writer with <see cref="DefaultCapacity"/> bytes.</summary>
        public AtCommandWriter()
            : this(DefaultCapacity)
        {
        }

        /// <summary>Start of a secret text argument in <see cref="Buffer"/> (redacted in traces), or -1.</summary>
        public int SecretStart => _secretStart;

        /// <summary>Length of the secret text argument, 0 when there is none.</summary>
        public int SecretLength => _secretLength;

        /// <summary>True when the binary payload that follows this header must not be traced (key material).</summary>
        public bool PayloadIsSecret => _payloadIsSecret;

        /// <summary>
        /// Starts a new command, discarding anything formatted before. <paramref name="command"/> is
        /// two upper-case letters, digits or <c>?</c> (e.g. <c>P4</c>, <c>I?</c>), or one of the mode
        /// switches <c>$$$</c> and <c>---</c>.
        /// </summary>
        /// <param name="command">The command name.</param>
        /// <returns>This writer.</returns>
        public AtCommandWriter Command(string command)
        {
            if (command == null)
            {
                throw new ArgumentNullException(nameof(command));
            }

            // The common case first: two characters (string comparisons cost calls on the device).
            bool named = command.Length == 2 && IsCommandChar(command[0]) && IsCommandChar(command[1]);
            if (!named && command != "$$$" && command != "---")
            {
                throw new ArgumentException("must be two upper-case letters, digits or '?'", nameof(command));
            }

            Length = 0;
            _arguments = 0;
            IsComplete = false;
            _secretStart = -1;
            _secretLength = 0;
            _payloadIsSecret = false;
            _prebuilt = null;
            for (int i = 0; i < command.Length; i++)
            {
                Buffer[Length++] = (byte)command[i];
            }

            return this;
        }

        /// <summary>
        /// Sets the writer to a whole command built once, its <c>\r</c> included (the data path's
        /// <c>R0</c>): one copy instead of formatting it again for every read.
        /// </summary>
        /// <param name="command">The command's bytes, ending in <c>\r</c>.</param>
        /// <returns>This writer.</returns>
        public AtCommandWriter Prebuilt(byte[] command)
        {
            // The same command as the last one set, untouched since (an R0 after an R0): nothing to copy.
            if (command != _prebuilt || _prebuiltValue != -1)
            {
                Take(command);
                _prebuiltValue = -1;
            }

            _payloadIsSecret = false;
            return this;
        }

        /// <summary>
        /// Sets the writer to a whole command built once whose last argument is a number of
        /// <paramref name="width"/> zero-padded digits standing just before its <c>\r</c> (the data
        /// path's <c>S3=0000\r</c>): one copy and the digits, instead of formatting the name again.
        /// </summary>
        /// <param name="command">The command's bytes, ending in the digits and <c>\r</c>.</param>
        /// <param name="value">The number (0 or more, at most <paramref name="width"/> digits).</param>
        /// <param name="width">How many digits the command holds for it.</param>
        /// <returns>This writer.</returns>
        public AtCommandWriter Prebuilt(byte[] command, int value, int width)
        {
            if (width < 1 || width > 9 || value < 0 || value >= Limits[width])
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            _payloadIsSecret = false;

            // The same command with the same number, untouched since (a bulk write's S3s): nothing to do.
            if (command == _prebuilt && value == _prebuiltValue)
            {
                return this;
            }

            if (command != _prebuilt)
            {
                Take(command);
            }

            _prebuiltValue = value;
            for (int i = command.Length - 2; i >= command.Length - 1 - width; i--)
            {
                Buffer[i] = (byte)('0' + (value % 10));
                value /= 10;
            }

            return this;
        }

        private void Take(byte[] command)
        {
            Array.Copy(command, 0, Buffer, 0, command.Length);
            Length = command.Length;
            _arguments = 0;
            IsComplete = true;
            _secretStart = -1;
            _secretLength = 0;
            _prebuilt = command;
        }

        /// <summary>Appends a decimal integer argument (negative values allowed).</summary>
        /// <param name="value">The value.</param>
        /// <returns>This writer.</returns>
        public AtCommandWriter Int(int value)
        {
            Separator(12);
            Length = AsciiBytes.WriteInt(Buffer, Length, value);
            return this;
        }

        /// <summary>Appends a non-negative integer left-padded with zeros, as in <c>S3=0010</c>.</summary>
        /// <param name="value">The value (0 or more).</param>
        /// <param name="width">Minimum number of digits (1 to 10).</param>
        /// <returns>This writer.</returns>
        public AtCommandWriter IntPadded(int value, int width)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            if (width < 1 || width > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(width));
            }

            Separator(11);
            Length = AsciiBytes.WriteIntPadded(Buffer, Length, value, width);
            return this;
        }

        /// <summary>Appends a dotted IPv4 address from its four octets.</summary>
        /// <param name="address">Four bytes, most significant first.</param>
        /// <returns>This writer.</returns>
        public AtCommandWriter Ip(byte[] address)
        {
            if (address == null)
            {
                throw new ArgumentNullException(nameof(address));
            }

            if (address.Length != 4)
            {
                throw new ArgumentException("must hold 4 octets", nameof(address));
            }

            Separator(16);
            for (int i = 0; i < 4; i++)
            {
                if (i > 0)
                {
                    Buffer[Length++] = (byte)'.';
                }

                Length = AsciiBytes.WriteInt(Buffer, Length, address[i]);
            }

            return this;
        }

        /// <summary>
        /// Appends a text argument after checking it with <see cref="TextArgument.Validate"/>;
        /// nothing is written when the check fails.
        /// </summary>
        /// <param name="value">The text.</param>
        /// <param name="argumentName">Name reported when the text is refused.</param>
        /// <param name="maxBytes">Largest allowed UTF-8 length.</param>
        /// <param name="allowComma">False where the module splits the argument at commas.</param>
        /// <returns>This writer.</returns>
        public AtCommandWriter Text(string value, string argumentName, int maxBytes, bool allowComma)
        {
            TextArgument.Validate(value, argumentName, 0, maxBytes, allowComma);
            Separator(AsciiBytes.Utf8Length(value) + 1);
            Length = AsciiBytes.WriteUtf8(Buffer, Length, value);
            return this;
        }

        /// <summary>
        /// Appends a secret text argument (passphrase, key): like <see cref="Text"/>, but the bytes
        /// are marked so traces replace them.
        /// </summary>
        /// <param name="value">The secret.</param>
        /// <param name="argumentName">Name reported when the text is refused.</param>
        /// <param name="maxBytes">Largest allowed UTF-8 length.</param>
        /// <param name="allowComma">False where the module splits the argument at commas.</param>
        /// <returns>This writer.</returns>
        public AtCommandWriter Secret(string value, string argumentName, int maxBytes, bool allowComma)
        {
            TextArgument.Validate(value, argumentName, 0, maxBytes, allowComma);
            Separator(AsciiBytes.Utf8Length(value) + 1);
            _secretStart = Length;
            Length = AsciiBytes.WriteUtf8(Buffer, Length, value);
            _secretLength = Length - _secretStart;
            return this;
        }

        /// <summary>Marks the binary payload sent after this header as secret, so traces show only its length.</summary>
        /// <returns>This writer.</returns>
        public AtCommandWriter SecretPayload()
        {
            _payloadIsSecret = true;
            return this;
        }

        /// <summary>Terminates the command with <c>\r</c>.</summary>
        /// <returns>This writer.</returns>
        public AtCommandWriter End()
        {
            if (Length == 0 || IsComplete)
            {
                throw new InvalidOperationException("start a command with Command() first");
            }

            Buffer[Length++] = AsciiBytes.Cr;
            IsComplete = true;
            return this;
        }

        private void Separator(int room)
        {
            if (Length == 0 || IsComplete)
            {
                throw new InvalidOperationException("start a command with Command() first");
            }

            EnsureRoom(room + 1);
            Buffer[Length++] = _arguments == 0 ? (byte)'=' : (byte)',';
            _arguments++;
        }

        private void EnsureRoom(int bytes)
        {
            // One byte stays free for the terminating \r.
            if (Length + bytes + 1 > Buffer.Length)
            {
                throw new ArgumentException("the command does not fit the " + Buffer.Length.ToString() + "-byte command buffer");
            }
        }

        private static bool IsCommandChar(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '?';
        }
    }
}
