using System;
using System.Threading;
using EsWifi.Serial;

namespace EsWifi.FirmwarePath
{
    /// <summary>
    /// The bench's side line (COM3, a second pseudo-terminal to the harness). Through it the program
    /// gets what a board gets from its wiring and its lab (the reset line, the peers' ports, the
    /// certificates to program) and asks for checks only the far side can make (the emulator's
    /// certificate slots, what a peer received). One request line, one answer line (<c>OK ...</c> or
    /// <c>ERR ...</c>); none of it crosses the module's UART.
    /// </summary>
    internal sealed class Control
    {
        private readonly SerialByteLink _link;
        private readonly byte[] _line = new byte[8192];
        private readonly object _sync = new object();

        internal Control(string portName)
        {
            _link = new SerialByteLink(portName);
        }

        /// <summary>Sends <paramref name="request"/>, returns what follows <c>OK</c>; throws with the harness's words on <c>ERR</c>.</summary>
        internal string Ask(string request)
        {
            lock (_sync)
            {
                byte[] bytes = Ascii.Bytes(request + "\n");
                _link.Write(bytes, 0, bytes.Length);
                string answer = ReadLine(60000);
                if (Ascii.StartsWith(answer, "OK"))
                {
                    return answer.Length > 3 ? answer.Substring(3) : string.Empty;
                }

                throw new Exception(request + ": " + answer);
            }
        }

        /// <summary>A number the harness holds (a peer's port).</summary>
        internal int Number(string name)
        {
            return int.Parse(Ask("GET " + name));
        }

        /// <summary>A PEM the harness made (its line breaks travel as '|').</summary>
        internal byte[] Pem(string name)
        {
            byte[] bytes = Ascii.Bytes(Ask("GET pem." + name));
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'|')
                {
                    bytes[i] = (byte)'\n';
                }
            }

            return bytes;
        }

        private string ReadLine(int timeoutMilliseconds)
        {
            int length = 0;
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
            while (true)
            {
                if (_link.BytesAvailable == 0)
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new Exception("the harness did not answer on the control line");
                    }

                    Thread.Sleep(1);
                    continue;
                }

                int read = _link.Read(_line, length, 1);
                if (read == 0)
                {
                    continue;
                }

                if (_line[length] == (byte)'\n')
                {
                    return Ascii.Text(_line, 0, length);
                }

                length++;
                if (length == _line.Length)
                {
                    throw new Exception("a control line longer than " + _line.Length.ToString() + " bytes");
                }
            }
        }
    }
}
