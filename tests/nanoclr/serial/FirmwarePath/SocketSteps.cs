using System;
using System.Threading;

namespace EsWifi.FirmwarePath
{
    /// <summary>TCP, UDP, an accepted server connection, and two threads on two sockets that close and reopen.</summary>
    internal static class SocketSteps
    {
        internal static void Tcp(Bench bench)
        {
            using (EsWifiNetworkStream tcp = bench.Module.ConnectTcp("127.0.0.1", bench.Control.Number("tcpEcho")))
            {
                bench.EchoSmall(tcp, "plain TCP through the module");
                tcp.ReadTimeout = 20000;
                byte[] sent = Pattern.Make(8192, 11);
                byte[] received = new byte[sent.Length];
                tcp.Write(sent, 0, sent.Length);
                Bench.ReadExactly(tcp, received, 0, received.Length);
                Expect.Same(sent, received, sent.Length, "8 KiB over TCP");
            }
        }

        internal static void Udp(Bench bench)
        {
            using (EsWifiUdpSocket udp = bench.Module.OpenUdp("127.0.0.1", bench.Control.Number("udpEcho")))
            {
                udp.ReceiveTimeout = 10000;
                byte[] received = new byte[1460];
                for (int i = 1; i <= 3; i++)
                {
                    byte[] datagram = Pattern.Make(100 * i, (uint)i);
                    udp.Send(datagram, 0, datagram.Length);
                    int n = udp.Receive(received, 0, received.Length);
                    Expect.Equal(datagram.Length, n, "datagram " + i.ToString() + " length");
                    Expect.Same(datagram, received, n, "datagram " + i.ToString());
                }
            }
        }

        internal static void Accepted(Bench bench)
        {
            int port = bench.Control.Number("listenPort");
            using (EsWifiTcpListener listener = bench.Module.Listen(port))
            {
                // The harness connects a client that sends a line and expects it back.
                bench.Control.Ask("PEER " + port.ToString());
                using (EsWifiNetworkStream accepted = listener.AcceptStream(20000))
                {
                    accepted.ReadTimeout = 10000;
                    byte[] line = new byte[64];
                    int length = 0;
                    while (length == 0 || line[length - 1] != (byte)'\n')
                    {
                        int n = accepted.Read(line, length, line.Length - length);
                        Expect.True(n > 0, "the client's line before it closed");
                        length += n;
                    }

                    accepted.Write(line, 0, length);
                }
            }

            bench.Control.Ask("PEERRESULT");
        }

        /// <summary>
        /// Two threads, each on its own socket, open, write 2 KiB of their own tag byte, read it back
        /// and close, five times; every byte read must be the reader's own.
        /// </summary>
        internal static void TwoThreads(Bench bench)
        {
            int port = bench.Control.Number("tcpEcho");
            Tagger first = new Tagger(bench.Module, port, 0xA1);
            Tagger second = new Tagger(bench.Module, port, 0xB2);
            Thread a = new Thread(first.Run);
            Thread b = new Thread(second.Run);
            a.Start();
            b.Start();
            Expect.True(a.Join(120000) && b.Join(120000), "both threads ended");
            Expect.True(first.Error == null, "thread A: " + first.Error);
            Expect.True(second.Error == null, "thread B: " + second.Error);
            Expect.Equal(0, first.Foreign + second.Foreign, "foreign bytes");
            Expect.Equal(5, first.Rounds, "thread A's rounds");
            Expect.Equal(5, second.Rounds, "thread B's rounds");
        }

        private sealed class Tagger
        {
            private readonly EsWifiModule _module;
            private readonly int _port;
            private readonly byte _tag;

            internal Tagger(EsWifiModule module, int port, byte tag)
            {
                _module = module;
                _port = port;
                _tag = tag;
            }

            internal int Rounds;
            internal int Foreign;
            internal string Error;

            internal void Run()
            {
                try
                {
                    byte[] sent = new byte[2048];
                    for (int i = 0; i < sent.Length; i++)
                    {
                        sent[i] = _tag;
                    }

                    byte[] received = new byte[sent.Length];
                    for (int round = 0; round < 5; round++)
                    {
                        using (EsWifiNetworkStream tcp = _module.ConnectTcp("127.0.0.1", _port))
                        {
                            tcp.ReadTimeout = 20000;
                            tcp.Write(sent, 0, sent.Length);
                            Bench.ReadExactly(tcp, received, 0, received.Length);
                            for (int i = 0; i < received.Length; i++)
                            {
                                if (received[i] != _tag)
                                {
                                    Foreign++;
                                }
                            }
                        }

                        Rounds++;
                    }
                }
                catch (Exception e)
                {
                    Error = e.Message;
                }
            }
        }
    }
}
