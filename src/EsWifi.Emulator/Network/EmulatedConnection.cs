using System.Net;

namespace EsWifi.Emulator.Network;

/// <summary>
/// A real connection behind one module socket. A pump thread moves received bytes into a buffer,
/// as the module's stack does, so R0 can take them later in R1-sized pieces.
/// </summary>
public abstract class EmulatedConnection : IDisposable
{
    protected readonly object Sync = new();
    private bool _peerClosed;

    public abstract EndPoint RemoteEndPoint { get; }

    /// <summary>True once the peer closed or reset the connection (data already received stays readable).</summary>
    public bool PeerClosed
    {
        get
        {
            lock (Sync)
            {
                return _peerClosed;
            }
        }
    }

    /// <summary>Waits until data is buffered or the peer has closed; false on timeout.</summary>
    public bool WaitForData(int milliseconds)
    {
        DateTime deadline = DateTime.UtcNow.AddMilliseconds(milliseconds);
        lock (Sync)
        {
            while (!HasData() && !_peerClosed)
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(Sync, left);
            }

            return true;
        }
    }

    /// <summary>Buffered bytes (TCP) or datagrams (UDP).</summary>
    public int Available
    {
        get
        {
            lock (Sync)
            {
                return HasData() ? 1 : 0;
            }
        }
    }

    /// <summary>Bytes received from the peer and not yet taken by R0 (every datagram counted whole).</summary>
    public abstract int BufferedBytes { get; }

    /// <summary>Takes up to <paramref name="max"/> bytes (TCP), or one datagram cut to <paramref name="max"/> (UDP).</summary>
    public abstract byte[] Take(int max);

    /// <summary>Sends bytes; throws <see cref="IOException"/> when the connection is broken.</summary>
    public abstract void Send(byte[] data);

    /// <summary>Aborts the real connection with a reset (fault injection: peer reset).</summary>
    public abstract void Abort();

    public abstract void Dispose();

    protected abstract bool HasData();

    protected void MarkPeerClosed()
    {
        lock (Sync)
        {
            _peerClosed = true;
            Monitor.PulseAll(Sync);
        }
    }

    protected void Signal()
    {
        Monitor.PulseAll(Sync);
    }
}
