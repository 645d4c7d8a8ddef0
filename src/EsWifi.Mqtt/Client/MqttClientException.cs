using System;

namespace EsWifi.Mqtt
{
    /// <summary>A failure of the MQTT session itself (the module's own failures stay <see cref="EsWifiException"/>).</summary>
    public class MqttClientException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="error">What went wrong.</param>
        /// <param name="message">The message, naming no secret.</param>
        public MqttClientException(MqttClientError error, string message)
            : base(message)
        {
            Error = error;
        }

        /// <summary>Creates the exception with its cause.</summary>
        /// <param name="error">What went wrong.</param>
        /// <param name="message">The message, naming no secret.</param>
        /// <param name="inner">The cause (a module or link failure).</param>
        public MqttClientException(MqttClientError error, string message, Exception inner)
            : base(message, inner)
        {
            Error = error;
        }

        /// <summary>What went wrong.</summary>
        public MqttClientError Error { get; }
    }
}
