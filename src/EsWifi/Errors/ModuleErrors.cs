namespace EsWifi
{
    /// <summary>
    /// Which error kind a module's ERROR answer is, from the command and the module's reason text (the
    /// reasons protocol.md collects from the drivers and the user manual): a caller acts on the kind and
    /// never has to match the text. What is not recognised stays <see cref="EsWifiErrorKind.ModuleError"/>.
    /// </summary>
    internal static class ModuleErrors
    {
        /// <summary>The kind of an ERROR answer of <paramref name="command"/> with <paramref name="reason"/>.</summary>
        internal static EsWifiErrorKind KindOf(string command, string reason)
        {
            if (Contains(reason, "Not connected to a network"))
            {
                return EsWifiErrorKind.NotJoined;
            }

            if (command == "D0" && Contains(reason, "Host not found"))
            {
                return EsWifiErrorKind.HostNotFound;
            }

            return EsWifiErrorKind.ModuleError;
        }

        /// <summary>
        /// The kind of a refused connect (<c>P6=1</c>): refused or unreachable (the module's "Failed to
        /// connect"), or, on a TLS socket, the handshake.
        /// </summary>
        internal static EsWifiErrorKind OfConnect(EsWifiException e, bool tls)
        {
            if (e.Kind != EsWifiErrorKind.ModuleError)
            {
                return e.Kind;
            }

            return Contains(e.ModuleReason, "Failed to connect") || !tls ? EsWifiErrorKind.ConnectionRefused : EsWifiErrorKind.TlsHandshakeFailed;
        }

        private static bool Contains(string text, string part)
        {
            return text != null && text.IndexOf(part) >= 0;
        }
    }
}
