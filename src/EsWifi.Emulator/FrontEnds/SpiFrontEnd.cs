using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;

namespace EsWifi.Emulator.FrontEnds;

/// <summary>
/// The module behind SPI at 16-bit word level (protocol.md §2.2, §6.1): the host selects the chip,
/// clocks words, and watches the data-ready line. After a reset the first data phase is the boot
/// cursor <c>\x15\x15\r\n&gt; </c>. Each exchange is a command phase (data-ready high, the host clocks
/// the command, deselects), then a data phase (data-ready high again while the answer lasts).
/// Within a word the first byte of a string is the low byte; odd answers are padded with 0x15;
/// 0x0A or 0x15 after a command and any bytes after a binary payload are ignored.
/// </summary>
public sealed class SpiFrontEnd : IDisposable
{
    private const byte Pad = 0x15;

    private readonly EmulatedModule _module;
    private readonly object _sync = new();
    private readonly List<byte> _command = new();
    private Phase _phase;
    private byte[] _output = Array.Empty<byte>();
    private int _outputPosition;
    private bool _selected;
    private bool _dataReady;
    private bool _stuck;
    private bool _resetAfterPhase;
    private int _generation;

    public SpiFrontEnd(EmulatedModule module, FaultPlan faults = null)
    {
        _module = module;
        Faults = faults ?? new FaultPlan();
        HardwareReset();
    }

    private enum Phase
    {
        Booting,
        ReadyForCommand,
        Receiving,
        Executing,
        Sending,
    }

    public FaultPlan Faults { get; }

    /// <summary>The CMD/DATA-READY line (active high).</summary>
    public bool DataReady
    {
        get
        {
            lock (_sync)
            {
                return _dataReady;
            }
        }
    }

    /// <summary>Chip-select cycles that carried a command.</summary>
    public int CommandPhases { get; private set; }

    /// <summary>Chip-select cycles that read data (boot cursor included).</summary>
    public int DataPhases { get; private set; }

    /// <summary>Words clocked in total.</summary>
    public long Words { get; private set; }

    /// <summary>Pulses the reset pin: the module reboots and offers the boot cursor as its first data phase.</summary>
    public void HardwareReset()
    {
        lock (_sync)
        {
            _module.Reboot();
            OfferBootCursor();
        }
    }

    /// <summary>After a reboot (pin, ZR or fault): the next data phase is the boot cursor.</summary>
    private void OfferBootCursor()
    {
        _generation++;
        _stuck = false;
        _resetAfterPhase = false;
        _command.Clear();
        StartDataPhase(Phase.Booting, Reply.Concat(new[] { Pad, Pad }, Reply.Prompt()));
    }

    /// <summary>Chip select low.</summary>
    public void Select()
    {
        lock (_sync)
        {
            if (_selected)
            {
                throw new InvalidOperationException("chip already selected");
            }

            _selected = true;
            if (_phase == Phase.ReadyForCommand)
            {
                _phase = Phase.Receiving;
                _command.Clear();
                CommandPhases++;
            }
            else if (_phase == Phase.Sending || _phase == Phase.Booting)
            {
                DataPhases++;
            }
        }
    }

    /// <summary>Clocks one 16-bit word: the host's word in, the module's word out.</summary>
    public ushort Exchange(ushort mosi)
    {
        lock (_sync)
        {
            if (!_selected)
            {
                throw new InvalidOperationException("chip not selected");
            }

            Words++;
            if (_phase == Phase.Receiving)
            {
                _command.Add((byte)(mosi & 0xFF));
                _command.Add((byte)(mosi >> 8));
                return Pad | (Pad << 8);
            }

            if (_phase == Phase.Sending || _phase == Phase.Booting)
            {
                if (_outputPosition >= _output.Length)
                {
                    return Pad | (Pad << 8);
                }

                ushort word = (ushort)(_output[_outputPosition] | (_output[_outputPosition + 1] << 8));
                _outputPosition += 2;
                if (_outputPosition >= _output.Length && !_stuck)
                {
                    _dataReady = false;
                }

                return word;
            }

            return Pad | (Pad << 8);
        }
    }

    /// <summary>Chip select high: ends a command phase, or a data phase whose words were all read.</summary>
    public void Deselect()
    {
        lock (_sync)
        {
            _selected = false;
            if (_phase == Phase.Receiving)
            {
                _dataReady = false;
                _phase = Phase.Executing;
                byte[] phase = _command.ToArray();
                int generation = _generation;
                new Thread(() => Execute(phase, generation)) { IsBackground = true, Name = "eswifi-emulator-spi" }.Start();
            }
            else if ((_phase == Phase.Sending || _phase == Phase.Booting) && _outputPosition >= _output.Length && !_stuck)
            {
                if (_resetAfterPhase)
                {
                    // The cut answer is followed by a reboot: the next data phase is the boot cursor.
                    _resetAfterPhase = false;
                    HardwareReset();
                    return;
                }

                _phase = Phase.ReadyForCommand;
                _dataReady = true;
            }
        }
    }

    public void Dispose() => _module.Dispose();

    private void Execute(byte[] phase, int generation)
    {
        var pending = new List<byte>(phase);

        // One command per chip-select cycle; whatever follows it (pads, an extra byte) is ignored.
        if (!CommandSplitter.TryTake(pending, out byte[] line, out byte[] payload))
        {
            Finish(generation, Array.Empty<byte>(), null);
            return;
        }

        string name = line.Length >= 2 ? System.Text.Encoding.Latin1.GetString(line, 0, 2) : string.Empty;
        Fault fault = Faults.Take(name);
        if (fault?.Kind == FaultKind.ResetInsteadOfAnswer)
        {
            HardwareResetIfCurrent(generation);
            return;
        }

        byte[] answer = _module.Execute(line, payload);
        if (_module.RebootRequested)
        {
            // ZR: the module has rebooted itself; no answer, then the boot cursor.
            _module.RebootRequested = false;
            lock (_sync)
            {
                if (generation == _generation)
                {
                    OfferBootCursor();
                }
            }

            return;
        }

        Finish(generation, answer, fault);
    }

    private void Finish(int generation, byte[] answer, Fault fault)
    {
        switch (fault?.Kind)
        {
            case FaultKind.Delay:
                Thread.Sleep(fault.Milliseconds);
                break;
            case FaultKind.Silence:
                return;
            case FaultKind.ResetDuringAnswer:
                answer = answer.AsSpan(0, Math.Clamp(fault.OffsetIn(answer.Length), 0, answer.Length)).ToArray();
                break;
            default:
                answer = FaultPlan.Mangle(fault, answer);
                break;
        }

        lock (_sync)
        {
            if (generation != _generation)
            {
                return;
            }

            _stuck = fault?.Kind == FaultKind.StickDataReady;
            _resetAfterPhase = fault?.Kind == FaultKind.ResetDuringAnswer;
            StartDataPhase(Phase.Sending, answer);
        }
    }

    private void HardwareResetIfCurrent(int generation)
    {
        lock (_sync)
        {
            if (generation == _generation)
            {
                HardwareReset();
            }
        }
    }

    private void StartDataPhase(Phase phase, byte[] bytes)
    {
        _output = bytes.Length % 2 == 0 ? bytes : Reply.Concat(bytes, new[] { Pad });
        _outputPosition = 0;
        _phase = phase;
        _dataReady = _output.Length > 0 || _stuck;
        if (!_dataReady)
        {
            _phase = Phase.ReadyForCommand;
            _dataReady = true;
        }
    }
}
