using EsWifi.Emulator.Faults;
using EsWifi.Emulator.Model;

namespace EsWifi.Emulator.FrontEnds;

/// <summary>
/// The module behind a UART: reads commands from the port, answers them in one burst, and pushes
/// unsolicited messages (<c>\r\n[TCP SVR] Accepted …\r\n&gt; </c>) only while no command is in progress.
/// At start it prints the boot prompt <c>\r\n&gt; </c> (protocol.md §2.3, U8).
/// </summary>
public sealed class UartFrontEnd : IDisposable
{
    private readonly EmulatedModule _module;
    private readonly IModulePort _port;
    private readonly List<byte> _pending = new();
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stopping = new();
    private volatile bool _resetRequested;

    public UartFrontEnd(EmulatedModule module, IModulePort port, FaultPlan faults = null, bool bootPrompt = true)
    {
        _module = module;
        _port = port;
        Faults = faults ?? new FaultPlan();
        _thread = new Thread(Run) { IsBackground = true, Name = "eswifi-emulator-uart" };
        if (bootPrompt)
        {
            Emit(Reply.Prompt());
        }

        _thread.Start();
    }

    public FaultPlan Faults { get; }

    /// <summary>True until the front end's thread has ended (after <see cref="Dispose"/>).</summary>
    public bool Running => _thread.IsAlive;

    /// <summary>Bytes dropped because the host's port rate differed from the module's.</summary>
    public long GarbledBytes { get; private set; }

    private bool RatesMatch()
    {
        int host = _port is IBaudRateAware aware ? aware.HostBaudRate : 0;
        return host == 0 || host == _module.UartBaudRate;
    }

    /// <summary>
    /// The reset line was pulsed: the module drops whatever it was collecting (a partial command
    /// line or payload), reboots and prints the boot prompt. Safe from any thread.
    /// </summary>
    public void RequestReset() => _resetRequested = true;

    /// <summary>Reboots the module now and prints the boot prompt (a reset between commands).</summary>
    public void ResetNow()
    {
        _module.Reboot();
        Emit(Reply.Prompt());
    }

    public void Dispose()
    {
        _stopping.Set();
        _thread.Join(2000);
    }

    private void Run()
    {
        byte[] buffer = new byte[4096];
        while (!_stopping.IsSet)
        {
            if (_resetRequested)
            {
                _resetRequested = false;
                _pending.Clear();
                ResetNow();
            }

            // With a message to push, only look whether a command is on its way: the module pushes
            // between commands, so one already arriving is answered first (pushed in front of its
            // answer, the message would be read as R0 data).
            int read;
            try
            {
                read = _port.Read(buffer, 0, buffer.Length, _pending.Count == 0 && _module.HasMessages ? 0 : 20);
            }
            catch (IOException)
            {
                // A pseudo-terminal reports EIO while no program holds the slave open.
                _stopping.Wait(20);
                continue;
            }
            catch (ObjectDisposedException)
            {
                // The port was closed under a front end that had not stopped yet: its module is gone.
                return;
            }

            if (read > 0 && !RatesMatch())
            {
                // Bytes at another rate than the module's arrive as garbage; the module ignores them.
                GarbledBytes += read;
                continue;
            }

            if (read > 0)
            {
                _pending.AddRange(buffer.AsSpan(0, read).ToArray());
                while (CommandSplitter.TryTake(_pending, out byte[] line, out byte[] payload))
                {
                    Answer(line, payload);
                }
            }

            if (read == 0 && _pending.Count == 0)
            {
                while (_module.TryTakeMessage(out string message))
                {
                    Emit(Reply.Pushed(message));
                }
            }
        }
    }

    private void Answer(byte[] line, byte[] payload)
    {
        string name = line.Length >= 2 ? System.Text.Encoding.Latin1.GetString(line, 0, 2) : string.Empty;
        Fault fault = Faults.Take(name);
        if (fault?.Kind == FaultKind.ResetInsteadOfAnswer)
        {
            ResetNow();
            return;
        }

        byte[] answer = _module.Execute(line, payload);
        if (_module.RebootRequested)
        {
            _module.RebootRequested = false;
            Emit(Reply.Prompt());
            return;
        }

        if (fault == null)
        {
            Emit(answer);
            return;
        }

        switch (fault.Kind)
        {
            case FaultKind.Silence:
                return;
            case FaultKind.Delay:
                // A front end being disposed does not sit out the delay (nor answer after it).
                if (!_stopping.Wait(fault.Milliseconds))
                {
                    Emit(answer);
                }

                return;
            case FaultKind.ResetDuringAnswer:
                Emit(answer.AsSpan(0, Math.Clamp(fault.OffsetIn(answer.Length), 0, answer.Length)).ToArray());
                ResetNow();
                return;
            default:
                Emit(FaultPlan.Mangle(fault, answer));
                return;
        }
    }

    private void Emit(byte[] bytes)
    {
        if (bytes == null || bytes.Length == 0)
        {
            return;
        }

        try
        {
            _port.Write(bytes, 0, bytes.Length);
        }
        catch (Exception e) when (e is IOException || e is ObjectDisposedException)
        {
            // Nobody holds the other end (the host program exited, or the link is closed): like a
            // module's TX with no host listening, the bytes are lost and the module goes on.
        }
    }
}
