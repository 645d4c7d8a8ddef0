using System;

namespace EsWifi.FirmwarePath
{
    /// <summary>
    /// Runs every scenario in order against the emulated module and prints one line each:
    /// <c>PASS name</c> or <c>FAIL name: why</c>, the figures, then <c>DONE passed=N failed=N</c>.
    /// </summary>
    public static class Program
    {
        private static int _passed;
        private static int _failed;

        public static void Main()
        {
            Control control = new Control("COM3");
            Bench bench = new Bench(control);
            TlsSteps.LoopsPerMillisecond = Bench.EmptyLoopsPerMillisecond();
            Console.WriteLine("FIGURE empty-loops-per-ms=" + ((int)TlsSteps.LoopsPerMillisecond).ToString());

            Run("bring-up with the reset line, identity, MAC", () => BringUpSteps.BringUp(bench));
            Run("scan", () => BringUpSteps.Scan(bench));
            Run("a join with a wrong passphrase is a clear error", () => BringUpSteps.WrongPassphrase(bench));
            Run("join", () => BringUpSteps.Join(bench));
            Run("DNS", () => BringUpSteps.Dns(bench));
            Run("certificate status", () => ProvisioningSteps.Status(bench));
            Run("program a root CA, certificate and key (PF/PG), slots exact", () => ProvisioningSteps.Program(bench));
            Run("verify by rewrite: a match", () => ProvisioningSteps.VerifyMatch(bench));
            Run("a mismatch is refused, the slot unchanged", () => ProvisioningSteps.RefusedMismatch(bench));
            Run("TLS P9=0 to a server the set does not know, 64 KiB each way", () => TlsSteps.NoVerification(bench));
            Run("TLS P9=1 with the programmed root CA, 64 KiB each way", () => TlsSteps.VerifyServer(bench));
            Run("TLS P9=1 refused by a server another CA signed", () => TlsSteps.VerifyServerRefused(bench));
            Run("TLS P9=2 mutual, 64 KiB each way", () => TlsSteps.Mutual(bench));
            Run("TLS P9=2 refused when the set has no key", () => TlsSteps.MutualWithoutKey(bench));
            Run("nanoFramework's StreamReader reads an HTTPS response over the module's TLS", () => StreamSteps.StreamReaderReadsAResponse(bench));
            Run("nanoFramework.Json reads a document straight from the module's TLS stream", () => StreamSteps.JsonReadsTheDocument(bench));
            Run("MQTT: IMqttClient connects with mutual TLS to mosquitto (Init verifies the set)", () => MqttSteps.Connect(bench));
            Run("MQTT: QoS 0 (64 B) and QoS 1 (1 KiB binary) published and received back exact", () => MqttSteps.RoundTrips(bench));
            Run("MQTT: mosquitto_sub sees the device's message, mosquitto_pub's reaches it", () => MqttSteps.IndependentSide(bench));
            Run("MQTT: the broker restarted: ConnectionClosed, then Connect again and a QoS 1 round trip", () => MqttSteps.BrokerRestart(bench));
            Run("MQTT: Disconnect ends the session with ConnectionClosed", () => MqttSteps.Disconnect(bench));
            Run("TCP", () => SocketSteps.Tcp(bench));
            Run("UDP", () => SocketSteps.Udp(bench));
            Run("an accepted server connection", () => SocketSteps.Accepted(bench));
            Run("two threads on two sockets, closing and reopening, no foreign byte", () => SocketSteps.TwoThreads(bench));
            Run("a reset in the middle of a transfer, then the next echo", () => FaultSteps.ResetMidTransfer(bench));
            Run("a late answer: Timeout, then the next command works", () => FaultSteps.LateAnswer(bench));
            Run("a link cut in the middle of a PG payload leaves the slot clean", () => FaultSteps.CutCertificate(bench));

            Console.WriteLine("DONE passed=" + _passed.ToString() + " failed=" + _failed.ToString());
        }

        private static void Run(string name, Step step)
        {
            long start = DateTime.UtcNow.Ticks;
            try
            {
                step();
                _passed++;
                Console.WriteLine("PASS " + name + " (" + ((DateTime.UtcNow.Ticks - start) / 10000).ToString() + " ms)");
            }
            catch (Exception e)
            {
                _failed++;
                Console.WriteLine("FAIL " + name + ": " + e.Message);
            }
        }
    }
}
