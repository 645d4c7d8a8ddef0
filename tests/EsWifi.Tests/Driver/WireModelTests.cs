using EsWifi.Benchmarks.WireModel;

namespace EsWifi.Tests.Driver;

/// <summary>
/// The benchmark's wire model at a small size, so CI keeps it working and checks its conclusion:
/// this driver needs no more commands than the anchors' patterns, and close to the physical limit.
/// </summary>
public class WireModelTests
{
    [Fact]
    public void This_driver_sends_no_more_commands_than_the_anchor_patterns()
    {
        List<WireResult> results = WireModelRun.Run(16 * 1024);
        WireResult Of(string strategy, string phase) => results.Single(r => r.Strategy.StartsWith(strategy, StringComparison.Ordinal) && r.Phase == phase);

        Assert.Equal(6, Of("nf-EsWifi", "TLS connect").RoundTrips);
        foreach (string anchor in new[] { "ST", "Zephyr", "Mbed" })
        {
            Assert.True(Of("nf-EsWifi", "TLS connect").RoundTrips <= Of(anchor, "TLS connect").RoundTrips, anchor + " connect");

            // The driver sets R1/R2 (down) and S2 (up) once per socket, where Mbed relies on the
            // module's defaults for S2: allow that one command; every chunk after it costs one.
            foreach (string phase in new[] { "down", "up" })
            {
                Assert.True(Of("nf-EsWifi", phase).RoundTrips <= Of(anchor, phase).RoundTrips + 1, anchor + " " + phase);
            }
        }

        // 16 KiB carries the one-time settings over few reads; steady-state reads reach 0.991 (WireEfficiencyTests).
        Assert.True(Of("nf-EsWifi", "down").Efficiency >= 0.98);
        Assert.Equal(16 * 1024, Of("nf-EsWifi", "down").Payload);
        Assert.Equal(16 * 1024, Of("nf-EsWifi", "up").Payload);
    }
}
