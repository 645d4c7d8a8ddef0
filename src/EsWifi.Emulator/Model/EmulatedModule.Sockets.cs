using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using EsWifi.Emulator.Network;

namespace EsWifi.Emulator.Model;

/// <summary>Socket configuration, connect, servers, DNS and the data commands (protocol.md §5.6–§7, §8).</summary>
public sealed partial class EmulatedModule
{
    /// <summary>Bytes the module holds for <paramref name="socket"/> that R0 has not taken yet (for tests that wait on it).</summary>
    public int BufferedBytes(int socket)
    {
        // No module lock: a test waits on this while an R0 may hold it for its R2 wait.
        return Volatile.Read(ref _sockets)[socket].Connection?.BufferedBytes ?? 0;
    }

    private string _lastResolvedName;

    private byte[] Resolve(string args)
    {
        if (string.IsNullOrEmpty(args) || args.Length > 64)
        {
            return Reply.Error("Invalid parameter", "D0=<host name or IP>");
        }

        if (RequireJoinForSockets && !IsJoined)
        {
            return Reply.Error("Not connected to a network", "D0=<host name or IP>");
        }

        if (!IPAddress.TryParse(args, out IPAddress address) && !HostNames.TryGetValue(args, out address))
        {
            return Reply.Error("Host not found ", "D0=<host name or IP>");
        }

        // D0 also stores the address as the current socket's remote IP (protocol.md §5.6).
        Current.RemoteAddress = address;
        _lastResolvedName = args;
        return Reply.Ok(address.ToString());
    }

    private byte[] SocketCommand(string name, string args)
    {
        ModuleSocket socket = Current;
        string[] fields = args?.Split(',');
        int value = 0;
        bool isInt = args != null && TryInt(args, int.MinValue, int.MaxValue, out value);
        switch (name)
        {
            case "P0":
                if (args == null)
                {
                    return Reply.Ok(_current.ToString());
                }

                if (!isInt || value < 0 || value > 3)
                {
                    return Reply.Error("Invalid socket", "P0=<0-3>");
                }

                _current = value;
                return Reply.Ok();
            case "P1":
                if (!isInt || value < 0 || value > 4)
                {
                    return Reply.Error("Invalid parameter", "P1=<0=TCP/1=UDP/2=UDP-Lite/3=TCP-SSL/4=MQTT>");
                }

                socket.Protocol = value;
                return Reply.Ok();
            case "P2":
            case "P4":
                if (!isInt || value < 0 || value > 65535)
                {
                    return Reply.Error("Invalid parameter", name + "=<0-65535>");
                }

                if (name == "P2")
                {
                    socket.LocalPort = value;
                }
                else
                {
                    socket.RemotePort = value;
                }

                return Reply.Ok();
            case "P3":
                if (args == null || !IPAddress.TryParse(args, out IPAddress address) || address.AddressFamily != AddressFamily.InterNetwork)
                {
                    return Reply.Error("Invalid IP address", "P3=<a.b.c.d>");
                }

                socket.RemoteAddress = address;
                _lastResolvedName = null;
                return Reply.Ok();
            case "P5":
                return Server(socket, isInt ? value : -1);
            case "P6":
                if (!isInt || (value != 0 && value != 1))
                {
                    return Reply.Error("Invalid parameter", "P6=<0=Stop/1=Start>");
                }

                return value == 1 ? Connect(socket) : Close(socket);
            case "P7":
                // The older accept loop (ST-L4): 0 stop, 1 start, 2 close the current client, 3 take the next.
                if (!isInt || value < 0 || value > 3)
                {
                    return Reply.Error("Invalid parameter", "P7=<0=Stop/1=Start/2=Close/3=Next>");
                }

                return Server(socket, value == 0 ? 0 : value == 1 ? 1 : 10);
            case "P8":
                if (!isInt || value < 0 || value > 17)
                {
                    return Reply.Error("Invalid parameter", "P8=<0-17>");
                }

                socket.Backlog = value;
                return Reply.Ok();
            case "P9":
                if (!isInt || value < 0 || value > 2)
                {
                    return Reply.Error("Invalid parameter", "P9=<0=None/1=Optional/2=Required>");
                }

                socket.TlsLevel = value;
                return Reply.Ok();
            case "PK":
                if (fields == null || fields.Length != 2 || !TryInt(fields[0], 0, 1, out int on) || !TryInt(fields[1], 0, 7200000, out int idle))
                {
                    return Reply.Error("Invalid parameter", "PK=<0/1>,<250-7200000>");
                }

                socket.KeepAlive = on == 1;
                socket.KeepAliveMilliseconds = idle;
                return Reply.Ok();
            default:
                return Reply.Ok(SocketStatus(socket));
        }
    }

    /// <summary>P? fields (QR20): Protocol,ClientIP,LocalPort,HostIP,RemotePort,TCPServer,UDPServer,Backlogs,AcceptLoop,ReadMode,TCP KA,TCP KA TTI.</summary>
    private static string SocketStatus(ModuleSocket socket)
    {
        var client = socket.Listener != null ? socket.Connection?.RemoteEndPoint as IPEndPoint : null;
        int localPort = socket.Listener?.LocalEndPoint is IPEndPoint bound ? bound.Port : socket.LocalPort;
        bool tcpServer = socket.Listener != null && socket.Listener.SocketType == SocketType.Stream;
        bool udpServer = socket.Listener == null && socket.Connection is DatagramConnection { IsServer: true };
        return string.Join(",", socket.Protocol, client?.Address.ToString() ?? "0.0.0.0", localPort, socket.RemoteAddress, socket.RemotePort,
            tcpServer ? 1 : 0, udpServer ? 1 : 0, socket.Backlog, socket.MultiAccept ? 1 : 0, 0, socket.KeepAlive ? 1 : 0, socket.KeepAliveMilliseconds);
    }

    private byte[] Close(ModuleSocket socket)
    {
        socket.Connection?.Dispose();
        socket.Connection = null;
        socket.WasConnected = false;
        return Reply.Ok();
    }

    private byte[] Connect(ModuleSocket socket)
    {
        const string usage = "P6=<0=Stop/1=Start>";
        if (RequireJoinForSockets && !IsJoined)
        {
            return Reply.Error("Not connected to a network", usage);
        }

        if (socket.Connection != null)
        {
            return Reply.Error("Socket already connected", usage);
        }

        var endPoint = PortRedirects.TryGetValue(socket.RemotePort, out int redirected)
            ? new IPEndPoint(IPAddress.Loopback, redirected)
            : new IPEndPoint(socket.RemoteAddress, socket.RemotePort);
        string connecting = "[TCP  RC] Connecting to " + socket.RemoteAddress;
        if (socket.Protocol == 1 || socket.Protocol == 2)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Connection = new DatagramConnection(udp, endPoint, false);
            socket.WasConnected = true;
            return Reply.Ok();
        }

        if (socket.Protocol == 4)
        {
            return Reply.Error("MQTT is not emulated", usage);
        }

        var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (!ConnectWithin(tcp, endPoint, ConnectTimeoutMilliseconds))
        {
            tcp.Dispose();
            return Reply.Error(connecting, "Failed to connect", usage);
        }

        Stream stream = new NetworkStream(tcp, ownsSocket: false);
        if (socket.Protocol == 3)
        {
            // The handshake's reads and writes are bounded by the socket's own timeouts.
            tcp.ReceiveTimeout = ConnectTimeoutMilliseconds;
            tcp.SendTimeout = ConnectTimeoutMilliseconds;
            string failure = Handshake(socket, ref stream);
            tcp.ReceiveTimeout = 0;
            tcp.SendTimeout = 0;
            if (failure != null)
            {
                stream.Dispose();
                tcp.Dispose();
                return Reply.Error(connecting, failure, usage);
            }
        }

        socket.Connection = new StreamConnection(tcp, stream, endPoint);
        socket.WasConnected = true;
        return Reply.Ok(connecting);
    }

    /// <summary>
    /// A TCP connect bounded in time without the thread pool: a connect task waited on can miss its
    /// deadline while the pool is starved by a busy host, which a module never does.
    /// </summary>
    private static bool ConnectWithin(Socket tcp, IPEndPoint endPoint, int timeoutMilliseconds)
    {
        tcp.Blocking = false;
        try
        {
            tcp.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock || e.SocketErrorCode == SocketError.InProgress)
        {
            if (!tcp.Poll(TimeSpan.FromMilliseconds(timeoutMilliseconds), SelectMode.SelectWrite) || (int)tcp.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) != 0)
            {
                return false;
            }
        }
        catch (SocketException)
        {
            return false;
        }

        tcp.Blocking = true;
        return true;
    }

    /// <summary>
    /// Runs a real TLS client handshake with the socket's P9 level and the active certificate set.
    /// Returns null on success or the failure reason. Only the chain is checked against the set's
    /// root CA, not the host name (how the firmware treats names is not documented).
    /// </summary>
    private string Handshake(ModuleSocket socket, ref Stream stream)
    {
        int set = Certificates.ActiveSet;
        X509Certificate2 root = LoadCertificate(Certificates.Get(set, CertificateSets.RootCa));
        X509Certificate2 client = null;
        if (socket.TlsLevel == 2)
        {
            byte[] certificate = Certificates.Get(set, CertificateSets.Certificate);
            byte[] key = Certificates.Get(set, CertificateSets.Key);
            if (root == null || certificate == null || key == null)
            {
                return "TLS credentials missing in set " + set;
            }

            try
            {
                client = X509Certificate2.CreateFromPem(PemText(certificate), PemText(key));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return "Invalid client certificate or key";
            }
        }

        bool verify = socket.TlsLevel == 2 || (socket.TlsLevel == 1 && root != null);
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = _lastResolvedName ?? socket.RemoteAddress.ToString(),
            RemoteCertificateValidationCallback = (_, certificate, _, _) => !verify || ChainsTo(certificate, root),
            ClientCertificates = client != null ? new X509CertificateCollection { client } : null,
        };

        try
        {
            ssl.AuthenticateAsClient(options);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
        {
            ssl.Dispose();
            return "SSL handshake timed out";
        }
        catch (Exception e) when (e is IOException || e is System.Security.Authentication.AuthenticationException)
        {
            ssl.Dispose();
            return "SSL handshake failed";
        }

        stream = ssl;
        return null;
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 root)
    {
        if (certificate == null || root == null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    private static X509Certificate2 LoadCertificate(byte[] pem)
    {
        if (pem == null)
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(PemText(pem));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>PEM text of a slot; ST's driver sends a terminating NUL, which is ignored.</summary>
    private static string PemText(byte[] pem) => System.Text.Encoding.ASCII.GetString(pem).TrimEnd('\0');

    private byte[] Server(ModuleSocket socket, int mode)
    {
        const string usage = "P5=<0=Stop/1=Start/10=Next/11=Multi-accept>";
        switch (mode)
        {
            case 0:
                socket.CloseAll();
                socket.MultiAccept = false;
                return Reply.Ok();
            case 1:
            case 11:
                if (RequireJoinForSockets && !IsJoined)
                {
                    return Reply.Error("Not connected to a network", usage);
                }

                if (socket.Listener != null || socket.Connection != null)
                {
                    return Reply.Error("Socket in use", usage);
                }

                return StartServer(socket, mode == 11, usage);
            case 10:
                socket.Connection?.Dispose();
                socket.Connection = null;
                PromoteNextClient(socket);
                return Reply.Ok();
            default:
                return Reply.Error("Invalid parameter", usage);
        }
    }

    private byte[] StartServer(ModuleSocket socket, bool multiAccept, string usage)
    {
        // One server per port: the host's SO_REUSEADDR would let a second socket bind it too, and
        // then its clients would all reach the first.
        foreach (ModuleSocket other in _sockets)
        {
            if (other != socket && other.Listener != null && other.LocalPort == socket.LocalPort)
            {
                return Reply.Error("Failed to listen on server socket (AddressAlreadyInUse)", usage);
            }
        }

        var local = new IPEndPoint(IPAddress.Loopback, socket.LocalPort);
        try
        {
            if (socket.Protocol == 1 || socket.Protocol == 2)
            {
                var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(local);
                socket.Connection = new DatagramConnection(udp, null, true);
                socket.WasConnected = true;
                return Reply.Ok();
            }

            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

            // A port whose last clients are still in TIME_WAIT can listen again at once, as on the module.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(local);
            listener.Listen(Math.Max(1, socket.Backlog));
            socket.Listener = listener;
            socket.MultiAccept = multiAccept;
            var thread = new Thread(() => AcceptLoop(socket, listener)) { IsBackground = true, Name = "eswifi-emulator-accept" };
            thread.Start();
            return Reply.Ok();
        }
        catch (SocketException e)
        {
            return Reply.Error("Failed to listen on server socket (" + e.SocketErrorCode + ")", usage);
        }
    }

    private void AcceptLoop(ModuleSocket socket, Socket listener)
    {
        try
        {
            while (true)
            {
                Socket client = listener.Accept();
                StreamConnection connection;
                try
                {
                    client.NoDelay = true;
                    connection = new StreamConnection(client, new NetworkStream(client, ownsSocket: false), null);
                }
                catch (Exception e) when (e is SocketException || e is IOException)
                {
                    // A client gone again before it was taken (closed or reset at once): the server
                    // goes on listening.
                    client.Dispose();
                    continue;
                }

                lock (_sync)
                {
                    if (socket.Listener != listener)
                    {
                        connection.Dispose();
                        return;
                    }

                    lock (socket.PendingClients)
                    {
                        socket.PendingClients.Enqueue(connection);
                    }

                    if (socket.Connection == null)
                    {
                        PromoteNextClient(socket);
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
        {
        }
    }

    private void PromoteNextClient(ModuleSocket socket)
    {
        lock (socket.PendingClients)
        {
            if (socket.PendingClients.Count == 0)
            {
                return;
            }

            socket.Connection = socket.PendingClients.Dequeue();
        }

        socket.WasConnected = true;
        if (!ServerMessagesSuppressed && socket.Connection.RemoteEndPoint is IPEndPoint peer)
        {
            QueueMessage("[TCP SVR] Accepted " + peer.Address + ":" + peer.Port);
        }
    }

    private byte[] DataCommand(string name, string args, byte[] payload)
    {
        ModuleSocket socket = Current;
        int value = 0;
        bool isInt = args != null && TryInt(args, int.MinValue, int.MaxValue, out value);
        switch (name)
        {
            case "R1":
                if (!isInt || value < 1 || value > 1460)
                {
                    return Reply.Error("Invalid parameter", "R1=<1-1460>");
                }

                socket.ReadSize = value;
                return Reply.Ok();
            case "R2":
            case "S2":
                if (!isInt || value < 0 || value > 30000)
                {
                    return Reply.Error("Invalid parameter", name + "=<0-30000>");
                }

                if (name == "R2")
                {
                    socket.ReadTimeout = value;
                }
                else
                {
                    socket.WriteTimeout = value;
                }

                return Reply.Ok();
            case "R0":
                return Read(socket);
            default:
                return Send(socket, isInt ? value : -1, payload);
        }
    }

    private byte[] Read(ModuleSocket socket)
    {
        EmulatedConnection connection = socket.Connection;
        if (connection == null)
        {
            return Reply.ReadFailure();
        }

        // The module waits up to R2 for data, then answers what it has (protocol.md §6.2). The
        // module lock is not held while waiting: accepts and other sockets go on.
        Monitor.Exit(_sync);
        try
        {
            connection.WaitForData(socket.ReadTimeout);
        }
        finally
        {
            Monitor.Enter(_sync);
        }

        if (Profile.DropsSingleByteRead && socket.ReadSize == 1)
        {
            return Reply.Ok();
        }

        if (connection.Available > 0)
        {
            byte[] data = connection.Take(socket.ReadSize);
            Counters.CountReadPayload(data.Length);
            return Reply.Ok(data);
        }

        // Data received before the close is delivered first; only then does R0 answer -1.
        return connection.PeerClosed ? Reply.ReadFailure() : Reply.Ok();
    }

    private byte[] Send(ModuleSocket socket, int length, byte[] payload)
    {
        const string usage = "S3=<1-1460>\\r<data>";
        if (length < 1 || length > 1460 || payload.Length != length)
        {
            return Reply.Error("Invalid length", usage);
        }

        EmulatedConnection connection = socket.Connection;
        if (connection == null)
        {
            return Reply.Error("Socket not connected", usage);
        }

        try
        {
            connection.Send(payload);
        }
        catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
        {
            return Reply.Ok("-1");
        }

        return Reply.Ok(length.ToString());
    }
}
