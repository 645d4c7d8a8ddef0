namespace EsWifi.NanoBench
{
    /// <summary>
    /// The answers a canned module gives, built once: a read of the bench's size, the S3 count of
    /// each size, a prompt, the identity, and the empty OK for everything else. Choosing one costs a
    /// look at the command's first bytes; sending it, one Array.Copy.
    /// </summary>
    internal sealed class CannedAnswers
    {
        internal static readonly byte[] Prompt = Ascii("\r\n> ");
        internal static readonly byte[] Ok = Ascii("\r\n\r\nOK\r\n> ");
        internal static readonly byte[] Identity = Ascii("\r\nISM43362-M3G-L44-UART,C3.5.2.5.UART,v3.5.2,v1.4.0.rc1,v8.2.1,120000000,Inventek eS-WiFi\r\nOK\r\n> ");
        internal static readonly byte[] Joined = Ascii("\r\n1\r\nOK\r\n> ");

        private readonly byte[] _read;
        private readonly byte[] _sent;
        private readonly int _size;

        /// <param name="size">Payload bytes of every R0 answer and every S3.</param>
        internal CannedAnswers(int size)
        {
            _size = size;
            byte[] data = Pattern(size);
            _read = new byte[size + 10];
            _read[0] = 13;
            _read[1] = 10;
            System.Array.Copy(data, 0, _read, 2, size);
            byte[] trailer = Ascii("\r\nOK\r\n> ");
            System.Array.Copy(trailer, 0, _read, size + 2, trailer.Length);
            _sent = Ascii("\r\n" + size.ToString() + "\r\nOK\r\n> ");
        }

        internal int Size => _size;

        /// <summary>
        /// Empty R0 answers (nothing received yet) before each one that carries data: 0 in the timed
        /// runs; the allocation check sets it to also cover the idle polls of a read that waits.
        /// </summary>
        internal int EmptyReadsBeforeData { get; set; }

        private int _emptyReadsGiven;

        /// <summary>R0 commands answered so far, empty ones included.</summary>
        internal int ReadsAnswered;

        /// <summary>P0 commands (socket selections) answered so far.</summary>
        internal int SelectionsAnswered;

        /// <summary>The answer to the command whose first bytes are <paramref name="first"/>, <paramref name="second"/>.</summary>
        internal byte[] For(byte first, byte second)
        {
            if (first == (byte)'R' && second == (byte)'0')
            {
                ReadsAnswered++;
                if (_emptyReadsGiven < EmptyReadsBeforeData)
                {
                    _emptyReadsGiven++;
                    return Ok;
                }

                _emptyReadsGiven = 0;
                return _read;
            }

            if (first == (byte)'S' && second == (byte)'3')
            {
                return _sent;
            }

            if (first == (byte)'P' && second == (byte)'0')
            {
                SelectionsAnswered++;
            }

            if (first == 13)
            {
                return Prompt;
            }

            if (first == (byte)'I' && second == (byte)'?')
            {
                return Identity;
            }

            return first == (byte)'C' && second == (byte)'S' ? Joined : Ok;
        }

        /// <summary>Payload bytes with the envelope's own bytes among them (CR, LF, '>', 0x15), as data has.</summary>
        internal static byte[] Pattern(int count)
        {
            byte[] bytes = new byte[count];
            uint state = 2463534242;
            for (int i = 0; i < count; i++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                bytes[i] = (byte)state;
            }

            return bytes;
        }

        internal static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}
