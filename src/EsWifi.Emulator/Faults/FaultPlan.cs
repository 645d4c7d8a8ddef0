namespace EsWifi.Emulator.Faults;

/// <summary>
/// Faults waiting to fire. Each fires once, on the next command it matches, in the order added.
/// Front ends ask for the fault of each command and apply it to the answer bytes.
/// </summary>
public sealed class FaultPlan
{
    private readonly List<Fault> _pending = new();

    /// <summary>Faults that have fired.</summary>
    public int Fired { get; private set; }

    public FaultPlan Add(Fault fault)
    {
        lock (_pending)
        {
            _pending.Add(fault);
        }

        return this;
    }

    /// <summary>Drops every fault that has not fired yet; returns how many.</summary>
    public int Clear()
    {
        lock (_pending)
        {
            int count = _pending.Count;
            _pending.Clear();
            return count;
        }
    }

    /// <summary>Removes and returns the first pending fault for <paramref name="command"/>, or null.</summary>
    public Fault Take(string command)
    {
        lock (_pending)
        {
            int index = _pending.FindIndex(f => f.Command == null || f.Command == command);
            if (index < 0)
            {
                return null;
            }

            Fault fault = _pending[index];
            _pending.RemoveAt(index);
            Fired++;
            return fault;
        }
    }

    /// <summary>Applies a byte-level fault to an answer; other kinds return it unchanged.</summary>
    public static byte[] Mangle(Fault fault, byte[] answer)
    {
        if (fault == null || answer == null)
        {
            return answer;
        }

        var bytes = new List<byte>(answer);
        int offset = fault.OffsetIn(bytes.Count);
        int at = Math.Clamp(offset, 0, bytes.Count);
        switch (fault.Kind)
        {
            case FaultKind.DropByte when at < bytes.Count:
                bytes.RemoveAt(at);
                break;
            case FaultKind.CorruptByte when at < bytes.Count:
                bytes[at] = fault.Bytes.Length > 0 ? fault.Bytes[0] : (byte)(bytes[at] ^ 0xFF);
                break;
            case FaultKind.InsertBytes:
                bytes.InsertRange(offset < 0 ? 0 : at, fault.Bytes);
                break;
        }

        return bytes.ToArray();
    }
}
