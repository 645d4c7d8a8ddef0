using System.Net;
using System.Net.Sockets;
using EsWifi.Emulator.Network;

namespace EsWifi.Emulator.Model;

/// <summary>One of the module's four sockets: its P/R/S settings (kept per socket, protocol.md §5.7) and its connection.</summary>
public sealed class ModuleSocket
{
    public ModuleSocket(int index)
    {
        Index = index;
    }

    public int Index { get; }

    /// <summary>P1: 0 TCP, 1 UDP, 2 UDP-Lite, 3 TCP-SSL, 4 MQTT.</summary>
    public int Protocol { get; set; }

    /// <summary>P2.</summary>
    public int LocalPort { get; set; } = 5024;

    /// <summary>P3 (also set by D0).</summary>
    public IPAddress RemoteAddress { get; set; } = IPAddress.Any;

    /// <summary>P4.</summary>
    public int RemotePort { get; set; } = 5025;

    /// <summary>P8.</summary>
    public int Backlog { get; set; } = 1;

    /// <summary>P9.</summary>
    public int TlsLevel { get; set; }

    /// <summary>R1.</summary>
    public int ReadSize { get; set; } = 1460;

    /// <summary>R2 in ms.</summary>
    public int ReadTimeout { get; set; } = 5000;

    /// <summary>S2 in ms.</summary>
    public int WriteTimeout { get; set; } = 5000;

    public bool KeepAlive { get; set; }

    public int KeepAliveMilliseconds { get; set; } = 7200000;

    /// <summary>The live connection (client or accepted), or null.</summary>
    public EmulatedConnection Connection { get; set; }

    /// <summary>True once a connection existed on this socket and has not been stopped with P6=0/P5=0.</summary>
    public bool WasConnected { get; set; }

    /// <summary>Server state (P5): the listener and accepted clients waiting their turn.</summary>
    public Socket Listener { get; set; }

    public Queue<EmulatedConnection> PendingClients { get; } = new();

    public bool MultiAccept { get; set; }

    /// <summary>Closes everything on this socket (P6=0, P5=0, reset).</summary>
    public void CloseAll()
    {
        Connection?.Dispose();
        Connection = null;
        WasConnected = false;
        Listener?.Dispose();
        Listener = null;
        lock (PendingClients)
        {
            while (PendingClients.Count > 0)
            {
                PendingClients.Dequeue().Dispose();
            }
        }
    }
}
