using System;

namespace EsWifi
{
    /// <summary>
    /// Checks PEM bytes before anything goes to a one-time-programmable slot: one armored block
    /// with matching BEGIN/END labels of the right kind, a base64 body, ASCII only, a sane size. A
    /// single trailing NUL (ST's drivers send one) and trailing line breaks are allowed. Messages
    /// never quote the bytes.
    /// </summary>
    public static class PemValidator
    {
        /// <summary>Largest object accepted (the module's limit is undocumented; examples are under 2 KB).</summary>
        public const int MaxLength = 8192;

        private const string Begin = "-----BEGIN ";
        private const string End = "-----END ";
        private const string Dashes = "-----";

        /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="argumentName"/> when the PEM is not fit for the slot.</summary>
        /// <param name="kind">The slot it is meant for.</param>
        /// <param name="pem">Buffer holding the PEM.</param>
        /// <param name="offset">Start of the PEM.</param>
        /// <param name="count">Length of the PEM.</param>
        /// <param name="argumentName">Parameter name for the exception.</param>
        public static void Validate(CertificateKind kind, byte[] pem, int offset, int count, string argumentName)
        {
            if (pem == null)
            {
                throw new ArgumentNullException(argumentName);
            }

            if (offset < 0 || count < 0 || offset > pem.Length || count > pem.Length - offset)
            {
                throw new ArgumentOutOfRangeException(argumentName);
            }

            if (count == 0 || count > MaxLength)
            {
                throw new ArgumentException("PEM must be 1 to " + MaxLength.ToString() + " bytes", argumentName);
            }

            int end = offset + count;
            if (pem[end - 1] == 0)
            {
                end--;
            }

            while (end > offset && (pem[end - 1] == '\n' || pem[end - 1] == '\r'))
            {
                end--;
            }

            for (int i = offset; i < end; i++)
            {
                if (pem[i] == 0 || pem[i] > 0x7E)
                {
                    throw new ArgumentException("PEM must be ASCII text (a NUL is allowed only at the very end)", argumentName);
                }
            }

            if (!AsciiBytes.StartsWithAscii(pem, offset, end - offset, Begin))
            {
                throw new ArgumentException("PEM must start with a -----BEGIN line", argumentName);
            }

            int labelStart = offset + Begin.Length;
            int labelEnd = AsciiBytes.IndexOfAscii(pem, labelStart, end - labelStart, Dashes);
            if (labelEnd < 0)
            {
                throw new ArgumentException("the BEGIN line is not closed with -----", argumentName);
            }

            string label = AsciiBytes.ToText(pem, labelStart, labelEnd - labelStart);
            CheckLabel(kind, label, argumentName);

            int bodyStart = labelEnd + Dashes.Length;
            int endLine = AsciiBytes.IndexOfAscii(pem, bodyStart, end - bodyStart, End);
            if (endLine < 0)
            {
                throw new ArgumentException("PEM has no -----END line", argumentName);
            }

            string closing = End + label + Dashes;
            if (!AsciiBytes.EqualsAscii(pem, endLine, end - endLine, closing))
            {
                throw new ArgumentException("the END line must be " + closing + " and end the text (one object per slot)", argumentName);
            }

            CheckBase64Body(pem, bodyStart, endLine, argumentName);
        }

        private static void CheckLabel(CertificateKind kind, string label, string argumentName)
        {
            if (kind == CertificateKind.PrivateKey)
            {
                if (label != "PRIVATE KEY" && label != "RSA PRIVATE KEY" && label != "EC PRIVATE KEY")
                {
                    throw new ArgumentException(
                        label == "ENCRYPTED PRIVATE KEY" ? "the module cannot use an encrypted key: decrypt it first" : "a key slot takes a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block",
                        argumentName);
                }

                return;
            }

            if (label != "CERTIFICATE")
            {
                throw new ArgumentException("a certificate slot takes a CERTIFICATE block", argumentName);
            }
        }

        private static void CheckBase64Body(byte[] pem, int start, int end, string argumentName)
        {
            int symbols = 0;
            int padding = 0;
            for (int i = start; i < end; i++)
            {
                byte b = pem[i];
                if (b == '\r' || b == '\n' || b == ' ' || b == '\t')
                {
                    continue;
                }

                bool base64 = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/';
                if (b == '=')
                {
                    padding++;
                }
                else if (!base64 || padding > 0)
                {
                    throw new ArgumentException(
                        b == ':' ? "PEM headers (legacy encrypted keys) are not supported" : "the PEM body is not base64",
                        argumentName);
                }

                symbols++;
            }

            if (symbols == 0 || symbols % 4 != 0 || padding > 2)
            {
                throw new ArgumentException("the PEM body is not complete base64 (length " + symbols.ToString() + ")", argumentName);
            }
        }
    }
}
