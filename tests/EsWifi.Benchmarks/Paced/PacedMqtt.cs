using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using EsWifi.Emulator.Peers;
using EsWifi.Mqtt;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EsWifi.Benchmarks.Paced;

/// <summary>One MQTT case on the paced link: the round trip, and the module commands and wire bytes of one publish.</summary>
public sealed record MqttResult(string Case, double Milliseconds, double WireMilliseconds, double Commands, string CommandNames, double BytesToModule, double BytesFromModule);

/// <summary>
/// EsWifiMqttClient at its defaults over the paced UART, through the emulator's mutual TLS (set 1
/// programmed by Init) to a real mosquitto on 127.0.0.1. Two round trips a device waits on: a QoS 1
/// publish until its PUBACK, and a publish until the broker delivers it back to the device's own
/// subscription. Per publish, the module commands and the wire bytes both ways, every command of the
/// interval counted (the receiver's idle polls included).
/// </summary>
public static class PacedMqtt
{
    public static List<MqttResult> Run(int rounds)
    {
        var credentials = GeneratedCertificates.Create("paced broker");
        using var broker = new MosquittoBroker(credentials);
        var results = new List<MqttResult>();
        using (var bench = new PacedBench())
        {
            EsWifiMqttClient client = Connected(bench, broker, credentials);
            results.AddRange(RoundTrips(bench, client, rounds));
            results.Add(Idle(bench, "idle connection, per second (driver defaults: idle polls 5 → 40 ms)"));
            client.Disconnect();
        }

        // A row that changes a setting: a device that mostly waits can poll less (the first byte after a
        // quiet spell then waits up to the limit).
        using (var bench = new PacedBench(options: new EsWifiOptions { IdlePollLimitMilliseconds = 200 }))
        {
            EsWifiMqttClient client = Connected(bench, broker, credentials);
            results.Add(Idle(bench, "idle connection, per second, IdlePollLimitMilliseconds = 200"));
            client.Disconnect();
        }

        return results;
    }

    private static EsWifiMqttClient Connected(PacedBench bench, MosquittoBroker broker, GeneratedCertificates credentials)
    {
        var client = new EsWifiMqttClient(bench.Module, new TlsOptions(1, TlsVerification.Mutual)) { ProgramCertificatesFromInit = true };
        client.Init("localhost", broker.TlsPort, true, credentials.CaPem, credentials.ClientCertificatePem.Concat(credentials.ClientKeyPem).ToArray(), MqttSslProtocols.TLSv1_2);
        if (client.Connect("paced", null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, 60) != MqttReasonCode.Success)
        {
            throw new InvalidOperationException("the broker refused the paced client");
        }

        return client;
    }

    private static List<MqttResult> RoundTrips(PacedBench bench, EsWifiMqttClient client, int rounds)
    {
        var acknowledged = new BlockingCollection<ushort>();
        var received = new BlockingCollection<MqttMsgPublishEventArgs>();
        client.MqttMsgPublished += (_, e) => acknowledged.Add(e.MessageId);
        client.MqttMsgPublishReceived += (_, e) => received.Add(e);
        var subscribed = new ManualResetEventSlim();
        client.MqttMsgSubscribed += (_, _) => subscribed.Set();
        client.Subscribe(new[] { "paced/back/#" }, new[] { MqttQoSLevel.AtLeastOnce });
        if (!subscribed.Wait(20000))
        {
            throw new InvalidOperationException("no SUBACK");
        }

        var results = new List<MqttResult>();
        foreach (int size in new[] { 64, 1024 })
        {
            byte[] payload = RandomNumberGenerator.GetBytes(size);
            results.Add(Measure(bench, $"QoS 1 publish of {size} B until its PUBACK", rounds, () =>
            {
                ushort id = client.Publish("paced/out", payload, null, null, MqttQoSLevel.AtLeastOnce, false);
                Expect(acknowledged.TryTake(out ushort got, 20000) && got == id, "the PUBACK");
            }));
            results.Add(Measure(bench, $"QoS 0 publish of {size} B until the broker delivers it back", rounds, () =>
            {
                client.Publish("paced/back/0", payload);
                Expect(received.TryTake(out MqttMsgPublishEventArgs e, 20000) && e.Message.AsSpan().SequenceEqual(payload), "the message back");
            }));
            results.Add(Measure(bench, $"QoS 1 publish of {size} B until its PUBACK and the message back", rounds, () =>
            {
                ushort id = client.Publish("paced/back/1", payload, null, null, MqttQoSLevel.AtLeastOnce, false);
                Expect(received.TryTake(out MqttMsgPublishEventArgs e, 20000) && e.Message.AsSpan().SequenceEqual(payload), "the message back");
                Expect(acknowledged.TryTake(out ushort got, 20000) && got == id, "the PUBACK");
            }));
        }

        return results;
    }

    // What an idle connection costs the link: the receiver's polls for one second, nothing published.
    private static MqttResult Idle(PacedBench bench, string name)
    {
        Thread.Sleep(1500);
        bench.Emulator.Counters.Reset();
        Thread.Sleep(1000);
        return new MqttResult(name, 1000, bench.WireMilliseconds, bench.Emulator.Counters.RoundTrips, Names(bench, 1), bench.Emulator.Counters.BytesToModule, bench.Emulator.Counters.BytesFromModule);
    }

    private static MqttResult Measure(PacedBench bench, string name, int rounds, Action round)
    {
        for (int i = 0; i < Math.Max(1, rounds / 2); i++)
        {
            round();
        }

        bench.Emulator.Counters.Reset();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < rounds; i++)
        {
            round();
        }

        double mean = clock.Elapsed.TotalMilliseconds / rounds;
        EmulatorCountersView counters = new(bench, rounds);
        return new MqttResult(name, mean, bench.WireMilliseconds / rounds, counters.Commands, Names(bench, rounds), counters.BytesTo, counters.BytesFrom);
    }

    private static string Names(PacedBench bench, int rounds) =>
        string.Join(" ", bench.Emulator.Counters.CommandsByName.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value / (double)rounds:0.##}"));

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("no " + what + " within 20 s");
        }
    }

    private readonly record struct EmulatorCountersView(double Commands, double BytesTo, double BytesFrom)
    {
        public EmulatorCountersView(PacedBench bench, int rounds)
            : this(bench.Emulator.Counters.RoundTrips / (double)rounds, bench.Emulator.Counters.BytesToModule / (double)rounds, bench.Emulator.Counters.BytesFromModule / (double)rounds)
        {
        }
    }
}
