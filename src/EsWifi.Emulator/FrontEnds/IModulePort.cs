namespace EsWifi.Emulator.FrontEnds;

/// <summary>The module's side of a UART: a pseudo-terminal master, or the module end of an in-memory link.</summary>
public interface IModulePort
{
    /// <summary>Reads what arrives within <paramref name="timeoutMilliseconds"/>; 0 when nothing did.</summary>
    int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds);

    void Write(byte[] buffer, int offset, int count);
}

/// <summary>A port that knows the rate the host side is configured for (a pseudo-terminal does).</summary>
public interface IBaudRateAware
{
    /// <summary>The host's rate, or 0 when unknown.</summary>
    int HostBaudRate { get; }
}
