using System;
using System.IO;

namespace EsWifi
{
    /// <summary>
    /// A fault of the link itself (the port's I/O failed, the port was closed or disposed, a write
    /// that timed out) becomes <see cref="EsWifiErrorKind.LinkFailure"/>, the one kind a caller meets for
    /// it, with the link's own exception inside. The transports apply it to every call on their link.
    /// </summary>
    internal static class LinkFaults
    {
        /// <summary>True for the exceptions a link (SerialPort, SpiDevice, GPIO) throws when it fails.</summary>
        internal static bool Is(Exception e)
        {
            return e is IOException || e is ObjectDisposedException || e is TimeoutException;
        }

        /// <summary>The driver's error for a failed link.</summary>
        internal static EsWifiException Wrap(Exception e)
        {
            return new EsWifiException(EsWifiErrorKind.LinkFailure, "the link to the module failed: " + e.Message, e);
        }
    }
}
