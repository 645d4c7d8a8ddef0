using EsWifi.Emulator.FrontEnds;
using EsWifi.NanoBench.Port;

// Prints the pseudo-terminal's path, then answers until stdin closes or ten minutes pass.
using var terminal = new PseudoTerminal();
Console.WriteLine(terminal.SlavePath);
Console.Out.Flush();
var module = new CannedModule();
var buffer = new byte[4096];
var end = DateTime.UtcNow.AddMinutes(10);
var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
while (!stdinClosed.IsCompleted && DateTime.UtcNow < end)
{
    int n = terminal.Read(buffer, 0, buffer.Length, 100);
    if (n > 0)
    {
        byte[] answer = module.Feed(buffer, n);
        if (answer.Length > 0)
        {
            terminal.Write(answer, 0, answer.Length);
        }
    }
}
