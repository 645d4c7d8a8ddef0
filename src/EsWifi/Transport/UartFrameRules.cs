namespace EsWifi
{
    /// <summary>
    /// What a prompt-terminated run of bytes can be while a UART waits for an <c>R0</c> answer, where
    /// no data-ready line marks the end. Pure functions over a byte range, shared by
    /// <see cref="UartTransport"/> and the fuzz tests; the envelope itself is <see cref="Envelope"/>'s.
    /// See docs/architecture.md, "UART framing".
    /// </summary>
    internal static class UartFrameRules
    {
        /// <summary>The bytes of [offset, offset+count) cannot form an answer yet.</summary>
        internal const int NotAFrame = 0;

        /// <summary>A complete answer: OK trailer, an ERROR, or the <c>-1</c> read failure.</summary>
        internal const int CompleteAnswer = 1;

        /// <summary>A bare prompt <c>\r\n&gt; </c>: boot cursor (or data starting with "&gt; ").</summary>
        internal const int BarePrompt = 2;

        /// <summary>Noise without the leading CR LF of an answer: a frame of its own, split off at once.</summary>
        internal const int SeparateFrame = 3;

        /// <summary>
        /// Classifies a prompt-terminated range that starts where the current frame starts. A line
        /// that looks like an unsolicited message is not split off here: while the driver waits for
        /// <c>R0</c> data, every byte up to the answer's end is the answer (no received byte is lost).
        /// </summary>
        internal static int Classify(byte[] buffer, int offset, int count)
        {
            return Envelope.EndsWithPrompt(buffer, offset, count) ? ClassifyEndingInPrompt(buffer, offset, count) : NotAFrame;
        }

        /// <summary>As <see cref="Classify"/>, for a range the caller has already seen end in the prompt.</summary>
        internal static int ClassifyEndingInPrompt(byte[] buffer, int offset, int count)
        {
            if (!Envelope.StartsLikeAnswer(buffer, offset, count))
            {
                return SeparateFrame;
            }

            if (count == Envelope.PromptLength)
            {
                return BarePrompt;
            }

            // The OK trailer first, without checking the envelope's ends again: the data path's answer.
            if (count >= Envelope.EmptyOkLength && Envelope.EndsWithOk(buffer, offset, count))
            {
                return CompleteAnswer;
            }

            return Envelope.IsCompleteAnswer(buffer, offset, count) ? CompleteAnswer : NotAFrame;
        }
    }
}
