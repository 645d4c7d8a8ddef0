using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace EsWifi.Emulator.Peers;

/// <summary>
/// A real mosquitto on 127.0.0.1: a plain listener (for mosquitto_sub and mosquitto_pub, the independent
/// side) and a TLS listener that requires a client certificate issued by the credentials' CA. Sessions
/// persist across a restart (saved on every change). Runs as the current user (<c>user root</c> keeps
/// root from dropping to the mosquitto account, which could not read the files). <see cref="Installed"/>
/// says whether mosquitto and its clients are on this machine.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly string _directory;
    private Process _process;

    public MosquittoBroker(GeneratedCertificates credentials)
    {
        if (!Installed)
        {
            throw new InvalidOperationException("mosquitto and mosquitto-clients are not installed (apt-get install mosquitto mosquitto-clients)");
        }

        _directory = Directory.CreateTempSubdirectory("eswifi-mosquitto-").FullName;
        File.WriteAllBytes(Path.Combine(_directory, "ca.pem"), credentials.CaPem);
        File.WriteAllText(Path.Combine(_directory, "server.pem"), credentials.Server.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(_directory, "server.key"), credentials.Server.GetRSAPrivateKey().ExportPkcs8PrivateKeyPem() + "\n");
        PlainPort = LoopbackPort.Free();
        TlsPort = LoopbackPort.Free();
        File.WriteAllText(Path.Combine(_directory, "mosquitto.conf"), string.Join('\n', new[]
        {
            "user root",
            "per_listener_settings false",
            "allow_anonymous true",
            "persistence true",
            "persistence_location " + _directory + "/",
            "autosave_interval 1",
            "autosave_on_changes true",
            "log_dest file " + Path.Combine(_directory, "broker.log"),
            "log_type all",
            "listener " + PlainPort + " 127.0.0.1",
            "listener " + TlsPort + " 127.0.0.1",
            "cafile " + Path.Combine(_directory, "ca.pem"),
            "certfile " + Path.Combine(_directory, "server.pem"),
            "keyfile " + Path.Combine(_directory, "server.key"),
            "require_certificate true",
            string.Empty,
        }));
        Start();
    }

    public static string Executable { get; } = Find("mosquitto", "/usr/sbin/mosquitto");

    public int PlainPort { get; }

    public int TlsPort { get; }

    /// <summary>What the broker logged so far (for failure messages).</summary>
    public string Log => File.Exists(Path.Combine(_directory, "broker.log")) ? File.ReadAllText(Path.Combine(_directory, "broker.log")) : string.Empty;

    /// <summary>mosquitto, mosquitto_sub and mosquitto_pub are installed.</summary>
    public static bool Installed => Executable != null && Find("mosquitto_sub", "/usr/bin/mosquitto_sub") != null && Find("mosquitto_pub", "/usr/bin/mosquitto_pub") != null;

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo(Executable, "-c " + Path.Combine(_directory, "mosquitto.conf"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Accepts(PlainPort) || !Accepts(TlsPort))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("mosquitto did not start: " + Log);
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Stops the broker: gracefully (it saves its sessions) or with SIGKILL.</summary>
    public void Stop(bool kill)
    {
        if (_process == null || _process.HasExited)
        {
            return;
        }

        Signal(kill ? "KILL" : "TERM");
        if (!_process.WaitForExit(10000))
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Freezes the broker (SIGSTOP): connections stay open and nothing is answered.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>
    /// Runs mosquitto_sub on the plain listener until it has <paramref name="count"/> messages or
    /// <paramref name="seconds"/> pass; returns its standard output as bytes, exact.
    /// </summary>
    public Task<byte[]> SubscribeAsync(string arguments, int count, int seconds)
    {
        return RunClientAsync("mosquitto_sub", "-h 127.0.0.1 -p " + PlainPort + " -C " + count + " -W " + seconds + " " + arguments);
    }

    /// <summary>Runs mosquitto_sub once to create a persistent QoS 1 subscription, then leaves.</summary>
    public void CreatePersistentSubscription(string clientId, string filter)
    {
        RunClientAsync("mosquitto_sub", "-h 127.0.0.1 -p " + PlainPort + " -c -i " + clientId + " -q 1 -E -t " + filter).GetAwaiter().GetResult();
    }

    /// <summary>Publishes with mosquitto_pub on the plain listener.</summary>
    public void Publish(string topic, string message, int qos, bool retain = false)
    {
        RunClientAsync("mosquitto_pub", "-h 127.0.0.1 -p " + PlainPort + " -q " + qos + (retain ? " -r" : string.Empty) + " -t " + topic + " -m " + message).GetAwaiter().GetResult();
    }

    /// <summary>Waits until the broker's log holds <paramref name="text"/> (a subscription made, a client connected).</summary>
    public void WaitForLog(string text, int timeoutMilliseconds = 10000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the broker never logged \"" + text + "\":\n" + Log);
            }

            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        Stop(true);
        try
        {
            Directory.Delete(_directory, true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<byte[]> RunClientAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(bound.Token);
        await copy;
        if (process.ExitCode != 0 && process.ExitCode != 27)
        {
            throw new InvalidOperationException(tool + " " + arguments + " exited " + process.ExitCode + ": " + await errors);
        }

        return output.ToArray();
    }

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", "-" + name + " " + _process.Id);
        kill.WaitForExit();
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Find(string name, string usual)
    {
        if (File.Exists(usual))
        {
            return usual;
        }

        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            string candidate = Path.Combine(directory, name);
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
