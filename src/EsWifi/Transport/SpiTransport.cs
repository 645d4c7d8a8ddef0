using System;

namespace EsWifi
{
    /// <summary>
    /// SPI framing (protocol.md §2.2): a command phase when data-ready rises (the whole command,
    /// header and binary payload, clocked as one run of 16-bit words while CS is low, an odd length
    /// padded with 0x0A), then a data phase when data-ready rises again, read while it stays high.
    /// Falling data-ready ends the frame, so binary data needs no guessing. Leading 0x15 filler is
    /// dropped; trailing 0x15 only after the final prompt or line break. After a reset the first
    /// data phase is the boot cursor. A data-ready line stuck high is recovered with the reset pin
    /// and reported as a module reset.
    /// </summary>
    public sealed class SpiTransport : IEsWifiTransport, IInputWaiting
    {
        private const byte Pad = 0x15;
        private const ulong EightPads = 0x1515151515151515;
        private const byte CommandPad = 0x0A;
        // A data phase is read in chunks of 16, 32, 64, then 128 words (256 bytes), the largest one
        // transfer of the adapter's full-duplex runs: an answer of 1,470 bytes costs 8 transfers, not
        // 46. Most answers end in the first chunk or two, so little filler follows a short answer: on
        // the device every byte read is unpacked from its word, and each transfer costs a fixed amount.
        private const int ChunkWords = 128;
        private const int FirstChunkWords = 16;
        private const int PollMilliseconds = 1;

        // More than two chunks of pure 0x15 in a row (at least 224 bytes) with data-ready still high: the line is stuck.
        private const int StuckFillerChunks = 2;

        private readonly ISpiLink _spi;
        private readonly IDataReadyPin _dataReady;
        private readonly IResetPin _resetPin;
        private readonly IClock _clock;
        private readonly byte[] _command;
        private readonly byte[] _chunk = new byte[ChunkWords * 2];
        private bool _expectData;

        // Counters as fields: on the device a property setter is a call, and they change every command.
        private int _commandPhases;
        private long _bytesReceived;
        private int _dataPhases;

        /// <summary>Creates the framing over an SPI link and its data-ready line.</summary>
        /// <param name="spi">The bus, with driver-controlled chip select.</param>
        /// <param name="dataReady">The CMD/DATA-READY input.</param>
        /// <param name="resetPin">The RESET line, used to recover a stuck data-ready line; may be null.</param>
        /// <param name="clock">Time source.</param>
        /// <param name="maxCommandLength">Largest command phase: header plus binary payload (S3 up to 1460, PG up to 8 KiB).</param>
        public SpiTransport(ISpiLink spi, IDataReadyPin dataReady, IResetPin resetPin, IClock clock, int maxCommandLength)
        {
            if (spi == null)
            {
                throw new ArgumentNullException(nameof(spi));
            }

            if (dataReady == null)
            {
                throw new ArgumentNullException(nameof(dataReady));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            _spi = spi;
            _dataReady = dataReady;
            _resetPin = resetPin;
            _clock = clock;
            _command = new byte[maxCommandLength + 2];
            ReadyTimeoutMilliseconds = 5000;
            ResetPulseMilliseconds = 50;

            // Power-on: the first data phase is the boot cursor.
            _expectData = true;
        }

        /// <inheritdoc />
        public bool PushesMessages => false;

        /// <inheritdoc />
        bool IInputWaiting.InputWaiting => _expectData && _dataReady.IsHigh;

        /// <summary>How long to wait for data-ready before a command phase.</summary>
        public int ReadyTimeoutMilliseconds { get; set; }

        /// <summary>How long the reset pin is held when recovering a stuck data-ready line.</summary>
        public int ResetPulseMilliseconds { get; set; }

        /// <summary>Command phases clocked (one per command).</summary>
        public int CommandPhases => _commandPhases;

        /// <inheritdoc />
        public long BytesReceived => _bytesReceived;

        /// <summary>Data phases read (one per answer, the boot cursor included).</summary>
        public int DataPhases => _dataPhases;

        /// <summary>Stuck data-ready lines recovered by a reset.</summary>
        public int StuckRecoveries { get; private set; }

        /// <inheritdoc />
        public void Send(byte[] command, int commandOffset, int commandCount, byte[] payload, int payloadOffset, int payloadCount)
        {
            int length = commandCount + payloadCount;
            if (length + 1 > _command.Length)
            {
                throw new ArgumentException("the command and payload exceed the " + (_command.Length - 2).ToString() + "-byte SPI command buffer");
            }

            // One run of words: the header and the payload share the buffer, so no pad byte can land
            // between them (the alignment trap of protocol.md §6.1).
            Array.Copy(command, commandOffset, _command, 0, commandCount);
            if (payloadCount > 0)
            {
                Array.Copy(payload, payloadOffset, _command, commandCount, payloadCount);
            }

            if (length % 2 != 0)
            {
                _command[length++] = CommandPad;
            }

            // The link's faults are caught here, not in a wrapper: on the device a call per command counts.
            try
            {
                if (_expectData)
                {
                    // An answer nobody read (a timeout): drain it so the module is ready for a command.
                    DiscardInput();
                }

                // Ready at once, the usual case: no call and no clock reading.
                if (!_dataReady.IsHigh)
                {
                    WaitForDataReady(ReadyTimeoutMilliseconds, "the module is not ready for a command (data-ready low)");
                }

                _spi.Select();
                try
                {
                    _spi.Exchange(_command, 0, null, 0, length / 2);
                }
                finally
                {
                    _spi.Deselect();
                }
            }
            catch (Exception e) when (LinkFaults.Is(e))
            {
                throw LinkFaults.Wrap(e);
            }

            _commandPhases++;
            _expectData = true;
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count, int timeoutMilliseconds, int binaryPayloadLimit)
        {
            // No answer owed: nothing to wait for (the look before every command).
            if (!_expectData)
            {
                return 0;
            }

            // The link's faults are caught here, not in a wrapper: on the device a call per command counts.
            int length;
            bool endsFrame;
            try
            {
                // The clock is read only when data-ready is not up yet.
                if (!_dataReady.IsHigh)
                {
                    long deadline = _clock.NowMilliseconds + timeoutMilliseconds;
                    while (!_dataReady.IsHigh)
                    {
                        if (_clock.NowMilliseconds >= deadline)
                        {
                            return 0;
                        }

                        _clock.Sleep(PollMilliseconds);
                    }
                }

                length = ReadPhase(buffer, offset, count, out endsFrame);
            }
            catch (Exception e) when (LinkFaults.Is(e))
            {
                throw LinkFaults.Wrap(e);
            }

            _bytesReceived += length;
            _dataPhases++;

            // A phase that stops mid-answer (no final prompt or line break) was cut by a reboot:
            // the module's next data phase is its boot cursor.
            _expectData = !endsFrame;
            return length;
        }

        /// <inheritdoc />
        public int DiscardInput()
        {
            try
            {
                // Nothing owed or nothing up (before almost every command): no further call.
                if (!_expectData || !_dataReady.IsHigh)
                {
                    return 0;
                }

                return Discard();
            }
            catch (Exception e) when (LinkFaults.Is(e))
            {
                throw LinkFaults.Wrap(e);
            }
        }

        private int Discard()
        {
            int dropped = 0;
            _spi.Select();
            try
            {
                while (_dataReady.IsHigh && dropped < _command.Length)
                {
                    _spi.Exchange(null, 0, null, 0, ChunkWords);
                    dropped += ChunkWords * 2;
                }
            }
            finally
            {
                _spi.Deselect();
            }

            _expectData = false;
            return dropped;
        }

        /// <inheritdoc />
        public void OnModuleReset()
        {
            // The next data phase is the boot cursor, not a command phase.
            _expectData = true;
        }

        /// <summary>
        /// Reads one data phase into the buffer, chunk by chunk while data-ready is high. Bytes move
        /// with Array.Copy; only the edges are looked at byte by byte: the filler before the frame's
        /// leading CR LF (dropped), and the filler at a chunk's end (to tell a stuck line).
        /// </summary>
        private int ReadPhase(byte[] buffer, int offset, int count, out bool endsFrame)
        {
            int length = 0;
            bool started = false;
            int fillerChunks = 0;
            _spi.Select();
            try
            {
                int words = FirstChunkWords;
                while (_dataReady.IsHigh)
                {
                    _spi.Exchange(null, 0, _chunk, 0, words);
                    int chunk = words * 2;
                    words = words < ChunkWords ? words * 2 : ChunkWords;
                    int from = 0;
                    if (!started)
                    {
                        // Filler before the frame's leading CR LF is dropped (mbed#89, CMSIS).
                        while (from < chunk && _chunk[from] == Pad)
                        {
                            from++;
                        }

                        started = from < chunk;
                    }

                    // A chunk that starts with data holds data; only one that starts with filler is
                    // looked at further (filler gathers at a phase's end, and a stuck line is all filler).
                    int n = chunk - from;
                    bool data = n > 0 && (from > 0 || _chunk[0] != Pad || !OnlyPads(_chunk, 0, chunk));
                    int room = count - length;
                    if (n > room)
                    {
                        // Beyond the buffer only filler may come (the answer already ended).
                        if (!OnlyPads(_chunk, from + room, n - room))
                        {
                            throw new EsWifiException(EsWifiErrorKind.ProtocolError, "the module sent a data phase longer than the " + count.ToString() + "-byte receive buffer");
                        }

                        n = room;
                    }

                    Array.Copy(_chunk, from, buffer, offset + length, n);
                    length += n;

                    // Data-ready stuck high: only filler, chunk after chunk, after a complete frame (or
                    // before any); or more filler than any frame could hold, whatever came before.
                    fillerChunks = data ? 0 : fillerChunks + 1;
                    if ((fillerChunks > StuckFillerChunks && (!started || EndsFrame(buffer, offset, length)))
                        || fillerChunks * chunk > count + _chunk.Length)
                    {
                        RecoverStuckDataReady();
                    }
                }
            }
            finally
            {
                _spi.Deselect();
            }

            // Trailing filler goes when what is before it ends a frame (a final prompt or line break).
            int end = EndBeforePads(buffer, offset, length);
            endsFrame = EndsFrameAt(buffer, offset, end);
            return endsFrame ? end : length;
        }

        /// <summary>
        /// True when the range holds nothing but filler. Looked at from its end, where filler gathers:
        /// a chunk in the middle of data ends in data, so this is one comparison there.
        /// </summary>
        private static bool OnlyPads(byte[] bytes, int offset, int count)
        {
            return EndBeforePads(bytes, offset, count) == 0;
        }

        /// <summary>
        /// The length of the range without the filler at its end. Eight bytes are compared at once
        /// through one native read while they are all filler (the value is the same in either byte
        /// order): a short answer leaves up to a chunk of it, and a byte loop over it is the costliest
        /// part of a small read on the device's interpreter.
        /// </summary>
        private static int EndBeforePads(byte[] bytes, int offset, int count)
        {
            int end = count;
            while (end >= 8 && BitConverter.ToUInt64(bytes, offset + end - 8) == EightPads)
            {
                end -= 8;
            }

            while (end > 0 && bytes[offset + end - 1] == Pad)
            {
                end--;
            }

            return end;
        }

        private void RecoverStuckDataReady()
        {
            _spi.Deselect();
            StuckRecoveries++;
            if (_resetPin == null)
            {
                throw new EsWifiException(EsWifiErrorKind.LinkFailure, "data-ready is stuck high and no reset pin is wired");
            }

            ResetPulse.Apply(_resetPin, _clock, ResetPulseMilliseconds, this);
            throw new EsWifiException(EsWifiErrorKind.ModuleReset, "data-ready was stuck high; the module was reset with its reset pin");
        }

        /// <summary>0x15 after the frame's end is filler: after the final prompt, or after a record's last line break.</summary>
        private static bool EndsFrame(byte[] buffer, int offset, int length)
        {
            return EndsFrameAt(buffer, offset, EndBeforePads(buffer, offset, length));
        }

        private static bool EndsFrameAt(byte[] buffer, int offset, int end)
        {
            return Envelope.EndsWithPrompt(buffer, offset, end) || Envelope.EndsWithLineBreak(buffer, offset, end);
        }

        private void WaitForDataReady(int timeoutMilliseconds, string message)
        {
            long deadline = _clock.NowMilliseconds + timeoutMilliseconds;
            while (!_dataReady.IsHigh)
            {
                if (_clock.NowMilliseconds >= deadline)
                {
                    throw new EsWifiException(EsWifiErrorKind.Timeout, message);
                }

                _clock.Sleep(PollMilliseconds);
            }
        }
    }
}
