using System.Text;
using EsWifi.Emulator.FrontEnds;

namespace EsWifi.NanoClrBench;

/// <summary>
/// The harness's end of the bench's control line (a pseudo-terminal the device program opens as
/// COM3): one request line in, one answer line out (<c>OK ...</c> or <c>ERR ...</c>), served on a thread
/// of its own until disposed.
/// </summary>
public sealed class ControlLine : IDisposable
{
    private readonly PseudoTerminal _pty = new();
    private readonly Func<string, string> _answer;
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <param name="answer">Turns a request into its answer; an exception becomes <c>ERR</c> and its message.</param>
    public ControlLine(Func<string, string> answer)
    {
        _answer = answer;
        _thread = new Thread(Serve) { IsBackground = true, Name = "bench-control" };
        _thread.Start();
    }

    /// <summary>The device path the program opens (mapped to COM3 with NANOCLR_COM3).</summary>
    public string SlavePath => _pty.SlavePath;

    /// <summary>Requests served, in order (for the log).</summary>
    public List<string> Requests { get; } = new();

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(2000);
        _pty.Dispose();
    }

    private void Serve()
    {
        var line = new List<byte>();
        byte[] buffer = new byte[4096];
        while (!_stopping)
        {
            int read;
            try
            {
                read = _pty.Read(buffer, 0, buffer.Length, 50);
            }
            catch (IOException)
            {
                // No program holds the other end yet (or any more).
                Thread.Sleep(20);
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    line.Add(buffer[i]);
                    continue;
                }

                string request = Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
                line.Clear();
                lock (Requests)
                {
                    Requests.Add(request);
                }

                string answer;
                try
                {
                    answer = "OK " + _answer(request);
                }
                catch (Exception e)
                {
                    answer = "ERR " + e.Message.Replace('\n', ' ');
                }

                byte[] bytes = Encoding.ASCII.GetBytes(answer.TrimEnd() + "\n");
                _pty.Write(bytes, 0, bytes.Length);
            }
        }
    }
}
