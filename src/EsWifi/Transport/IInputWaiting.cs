namespace EsWifi
{
    /// <summary>
    /// Lets the channel skip its look before a command when nothing can be there: on the device's
    /// interpreter that look (a receive and a discard, each through the transport) costs more than
    /// this one question. A transport without it is looked at every time.
    /// </summary>
    internal interface IInputWaiting
    {
        /// <summary>
        /// True when bytes have arrived that no receive has returned yet (kept from an earlier
        /// frame, or waiting on the link), or when the module signals an answer to be read.
        /// </summary>
        bool InputWaiting { get; }
    }
}
