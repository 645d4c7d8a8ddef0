using System;

namespace EsWifi
{
    /// <summary>
    /// The one exception family of the driver: every failure that is not an invalid argument
    /// (those throw <see cref="ArgumentException"/> before anything is sent) surfaces as this type.
    /// </summary>
    /// <remarks>Messages never contain passphrases or key material.</remarks>
    public class EsWifiException : Exception
    {
        /// <summary>Creates an exception of the given kind.</summary>
        /// <param name="kind">What went wrong.</param>
        /// <param name="message">A readable description.</param>
        public EsWifiException(EsWifiErrorKind kind, string message)
            : base(message)
        {
            Kind = kind;
        }

        /// <summary>Creates a <see cref="EsWifiErrorKind.ModuleError"/> carrying the module's reason text.</summary>
        /// <param name="message">A readable description, usually naming the command.</param>
        /// <param name="moduleReason">The text after <c>ERROR:</c> in the module's answer (may be empty).</param>
        public EsWifiException(string message, string moduleReason)
            : base(message)
        {
            Kind = EsWifiErrorKind.ModuleError;
            ModuleReason = moduleReason;
        }

        /// <summary>
        /// Creates an error the module answered, of a kind more precise than <see cref="EsWifiErrorKind.ModuleError"/>
        /// (<see cref="EsWifiErrorKind.TlsHandshakeFailed"/>, <see cref="EsWifiErrorKind.ConnectionRefused"/>,
        /// <see cref="EsWifiErrorKind.HostNotFound"/>, <see cref="EsWifiErrorKind.NotJoined"/>), with its reason text.
        /// </summary>
        /// <param name="kind">What failed.</param>
        /// <param name="message">A readable message (it includes the reason).</param>
        /// <param name="moduleReason">The module's reason text.</param>
        public EsWifiException(EsWifiErrorKind kind, string message, string moduleReason)
            : base(message)
        {
            Kind = kind;
            ModuleReason = moduleReason;
        }

        /// <summary>Creates an exception of the given kind wrapping a lower-level failure.</summary>
        /// <param name="kind">What went wrong.</param>
        /// <param name="message">A readable description.</param>
        /// <param name="innerException">The failure that caused it.</param>
        public EsWifiException(EsWifiErrorKind kind, string message, Exception innerException)
            : base(message, innerException)
        {
            Kind = kind;
        }

        /// <summary>What went wrong.</summary>
        public EsWifiErrorKind Kind { get; }

        /// <summary>
        /// True when the module answered the command with an error (<see cref="EsWifiErrorKind.ModuleError"/> or one of
        /// its precise kinds): the module is there and answering, the request was refused.
        /// </summary>
        public bool IsModuleAnswer => ModuleReason != null;

        /// <summary>The module's own reason text when it answered with an error (<see cref="IsModuleAnswer"/>), otherwise null.</summary>
        public string ModuleReason { get; }
    }
}
