namespace EsWifi.Cli.Infrastructure;

/// <summary>An action run when disposed: something a cancel closes that is not itself disposable.</summary>
internal sealed class Closing : IDisposable
{
    private readonly Action _close;

    public Closing(Action close) => _close = close;

    public void Dispose() => _close();
}
