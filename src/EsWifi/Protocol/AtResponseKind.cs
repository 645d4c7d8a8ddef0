namespace EsWifi
{
    /// <summary>How one frame from the module was classified by <see cref="AtResponse"/>.</summary>
    internal enum AtResponseKind
    {
        /// <summary>Nothing parsed yet.</summary>
        None = 0,

        /// <summary><c>\r\n&lt;payload&gt;\r\nOK\r\n&gt; </c>, including the empty 10- and 12-byte forms.</summary>
        Ok = 1,

        /// <summary>An <c>ERROR</c> answer, with or without reason and <c>Usage:</c> line.</summary>
        Error = 2,

        /// <summary>The <c>-1</c> answer of <c>R0</c> without an OK trailer: the connection is gone.</summary>
        ReadFailure = 3,

        /// <summary>A bare prompt <c>\r\n&gt; </c>: the boot cursor or the answer to an empty line.</summary>
        Prompt = 4,

        /// <summary>An unsolicited message line such as <c>[TCP SVR] Accepted 1.2.3.4:5</c> (UART).</summary>
        AsyncMessage = 5,

        /// <summary>Bytes that form no known answer (noise, a cut-off frame).</summary>
        Unrecognized = 6,
    }
}
