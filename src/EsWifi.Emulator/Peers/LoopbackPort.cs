using System.Net;
using System.Net.Sockets;

namespace EsWifi.Emulator.Peers;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on at the moment of asking (the system picks it).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
