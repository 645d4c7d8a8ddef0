using System;

namespace EsWifi
{
    /// <summary>
    /// Where the module's unsolicited messages are taken, and what arrived between commands is
    /// judged: messages go to the queue, a bare boot prompt is a reset, late answers and noise are
    /// dropped so the next answer starts clean. On UART the module pushes its messages into the
    /// stream; on SPI one <c>MR</c> fetches them. One exception to "every byte of a read answer is
    /// data" lives here too, for firmware that cannot be told to keep its server messages to itself
    /// (<see cref="SplitAheadOfReadAnswer"/>).
    /// </summary>
    internal sealed class MessageCollector
    {
        // MR, built once: a listener on SPI asks for messages at every poll, and a command named by a
        // literal would allocate its name each time on nanoCLR.
        private static readonly byte[] MessageRead = new byte[] { (byte)'M', (byte)'R', AsciiBytes.Cr };

        private readonly AtChannel _channel;
        private readonly ModuleLife _life;

        internal MessageCollector(AtChannel channel, ModuleLife life)
        {
            _channel = channel;
            _life = life;
        }

        /// <summary>
        /// True while a module socket listens (set by the socket layer, channel lock held). Matters
        /// only where the module still pushes server messages (<see cref="ModuleLife.MessagesQuiet"/>
        /// false): it may then push <c>[TCP SVR] Accepted</c> just before it takes an <c>R0</c>.
        /// </summary>
        internal bool ServerListening;

        /// <summary>
        /// Takes whatever arrived while no command was in flight: queues messages, notes a reset,
        /// and unless <paramref name="keepPartial"/> drops the rest (late answers after a timeout,
        /// noise) so the next answer starts clean. Returns the messages queued.
        /// </summary>
        /// <param name="keepPartial">True to leave a frame still arriving for later (collecting only).</param>
        /// <param name="barePromptsExpected">True when a bare prompt is a probe's answer or a boot prompt the caller waits for, not a reset.</param>
        internal int Drain(bool keepPartial, bool barePromptsExpected)
        {
            int queued = 0;
            bool resetSeen = false;
            IEsWifiTransport transport = _channel.Transport;
            while (true)
            {
                AtResponseKind kind = _channel.ReceiveWaiting();
                if (kind == AtResponseKind.None)
                {
                    break;
                }

                if (kind == AtResponseKind.AsyncMessage)
                {
                    queued++;
                }
                else if (kind == AtResponseKind.Prompt && !barePromptsExpected)
                {
                    resetSeen = true;
                }
                else
                {
                    _channel.FrameSkipped();
                }
            }

            if (!keepPartial)
            {
                transport.DiscardInput();
            }

            if (resetSeen)
            {
                _channel.NoticeReset();
                throw new EsWifiException(EsWifiErrorKind.ModuleReset, "the module reset while idle (boot prompt received)");
            }

            return queued;
        }

        /// <summary>Drains idle input before a command that expects a prompt itself (a probe, a reboot): a boot prompt among it is no error.</summary>
        internal void DrainExpectingPrompt()
        {
            Drain(false, true);
        }

        /// <summary>
        /// Collects unsolicited messages into the queue, the one place they go: those the module
        /// already pushed (UART), or by one <c>MR</c> (SPI).
        /// </summary>
        /// <param name="timeoutMilliseconds">Timeout of the <c>MR</c> command.</param>
        internal void Collect(int timeoutMilliseconds)
        {
            if (_channel.Transport.PushesMessages)
            {
                Drain(true, false);
                return;
            }

            _channel.Writer.Prebuilt(MessageRead);
            AtResponse answer = _channel.ExecuteOk(timeoutMilliseconds);
            int area;
            int areaLength;
            if (!answer.TryGetMessageArea(out area, out areaLength))
            {
                return;
            }

            int end = area + areaLength;
            int position = area;
            int message;
            int length;
            while ((position = answer.NextMessage(position, end, out message, out length)) >= 0)
            {
                _channel.Messages.Enqueue(AsciiBytes.ToText(answer.Buffer, message, length));
            }
        }

        /// <summary>
        /// A read answer of <paramref name="length"/> bytes at the start of <paramref name="buffer"/>.
        /// Where the module was told to keep its messages to itself (MS=3), or no socket listens, every
        /// byte up to the answer's end is the answer: returned whole. Only on firmware that refused
        /// MS=3, while a socket listens, are the <c>\r\n[TCP SVR] Accepted a.b.c.d:port\r\n&gt; </c>
        /// blocks that lead it and are followed by the answer's own CR LF taken as the messages the
        /// module pushed just before it took the <c>R0</c> (several when clients arrived together):
        /// queued in order, and the answer moved to the buffer's start. Returns the answer's length.
        /// </summary>
        internal int SplitAheadOfReadAnswer(byte[] buffer, int length)
        {
            if (!ServerListening || _life.MessagesQuiet)
            {
                return length;
            }

            int start = 0;
            int block;
            while ((block = Envelope.LeadingAcceptedMessage(buffer, start, length - start)) > 0)
            {
                _channel.Messages.Enqueue(AsciiBytes.ToText(buffer, start + 2, block - 2 - Envelope.PromptLength));
                start += block;
            }

            if (start > 0)
            {
                Array.Copy(buffer, start, buffer, 0, length - start);
            }

            return length - start;
        }
    }
}
