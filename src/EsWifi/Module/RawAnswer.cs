using System;

namespace EsWifi
{
    /// <summary>
    /// The module's answer to one raw text command (<see cref="EsWifiModule.SendRawCommand"/>): OK
    /// with its text, or ERROR with the module's reason.
    /// </summary>
    public sealed class RawAnswer
    {
        private RawAnswer(bool ok, bool readFailure, string text, string reason, string withoutSecrets)
        {
            IsOk = ok;
            IsReadFailure = readFailure;
            Text = text;
            Reason = reason;
            TextWithoutSecrets = withoutSecrets;
        }

        /// <summary>True when the module answered OK.</summary>
        public bool IsOk { get; }

        /// <summary>True for the <c>-1</c> answer of a read on a closed connection.</summary>
        public bool IsReadFailure { get; }

        /// <summary>The payload of an OK answer (the lines before ERROR otherwise); may be empty.</summary>
        public string Text { get; }

        /// <summary>The module's reason after <c>ERROR: </c>; empty when it gave none.</summary>
        public string Reason { get; }

        /// <summary>
        /// <see cref="Text"/> with the secrets it can hold replaced by <c>***</c>: the passphrase in a
        /// <c>C?</c> answer, the key in an <c>A?</c> answer. What a console shows unless asked otherwise.
        /// </summary>
        public string TextWithoutSecrets { get; }

        /// <summary>
        /// The two-letter command name of <paramref name="line"/> as it will be sent: trimmed and in
        /// upper case, whatever the user typed.
        /// </summary>
        /// <param name="line">A command line such as <c>pg=2,0,4</c>.</param>
        /// <returns>The name, e.g. <c>PG</c>.</returns>
        public static string CommandNameOf(string line)
        {
            if (line == null)
            {
                throw new ArgumentNullException(nameof(line));
            }

            string trimmed = line.Trim();
            if (trimmed.Length < 2)
            {
                throw new ArgumentException("a command has two letters", nameof(line));
            }

            char[] name = new char[] { Upper(trimmed[0]), Upper(trimmed[1]) };
            return new string(name);
        }

        /// <summary>True for commands a raw console must not send (see <see cref="RefusalReason"/>).</summary>
        /// <param name="name">A name from <see cref="CommandNameOf"/>.</param>
        /// <returns>True when refused.</returns>
        public static bool IsRefused(string name)
        {
            return RefusalReason(name) != null;
        }

        /// <summary>Why <paramref name="name"/> is not sent raw, or null when it may be.</summary>
        /// <param name="name">A name from <see cref="CommandNameOf"/>.</param>
        /// <returns>The reason or null.</returns>
        public static string RefusalReason(string name)
        {
            if (name == "S0" || name == "S3" || name == "PG" || name == "PC" || name == "PD" || name == "ZO")
            {
                return "it carries a binary payload; the module would take the following commands as payload (for PG: burning a certificate slot)";
            }

            if (name == "ZR" || name == "U0")
            {
                return "the module answers it without an envelope; use Initialize() or ModuleBaudRate.Change";
            }

            if (name == "Z0" || name == "Z2" || name == "ZU" || name == "ZV")
            {
                return "it erases the module's settings or starts a firmware update";
            }

            return null;
        }

        internal static RawAnswer From(AtResponse answer, string name)
        {
            if (answer.Kind == AtResponseKind.ReadFailure)
            {
                return new RawAnswer(false, true, "-1", string.Empty, "-1");
            }

            string reason = answer.Kind == AtResponseKind.Error ? answer.ReasonText() : string.Empty;
            string text = answer.PayloadText();
            return new RawAnswer(answer.Kind == AtResponseKind.Ok, false, text, reason, WithoutSecrets(name, text));
        }

        /// <summary>
        /// <c>C?</c>: SSID, passphrase, then 13 fields (the SSID and passphrase may hold commas, so
        /// everything between the first field and the last 13 goes); <c>A?</c>: the key is the
        /// fourth field from the end. Anything else is shown as it is.
        /// </summary>
        internal static string WithoutSecrets(string name, string text)
        {
            if (name != "C?" && name != "A?")
            {
                return text;
            }

            string[] fields = text.Split(',');
            int n = fields.Length;
            if (name == "C?")
            {
                if (n < 15)
                {
                    return "***";
                }

                string shown = fields[0] + ",***";
                for (int i = n - 13; i < n; i++)
                {
                    shown += "," + fields[i];
                }

                return shown;
            }

            if (n < 8)
            {
                return "***";
            }

            fields[n - 4] = "***";
            string result = fields[0];
            for (int i = 1; i < n; i++)
            {
                result += "," + fields[i];
            }

            return result;
        }

        private static char Upper(char c)
        {
            return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
        }
    }
}
