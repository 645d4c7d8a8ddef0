using System.Text;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Channel;

public class AtChannelTests
{
    private readonly InMemoryDuplexLink _link = new();
    private readonly VirtualClock _clock = new();
    private readonly ScriptedModule _module;
    private readonly AtChannel _channel;

    public AtChannelTests()
    {
        _module = new ScriptedModule(_link, (command, payload) => ScriptedModule.Ok(string.Empty));
        _channel = new AtChannel(new UartTransport(_link.Host, _clock, 2048), _clock);
    }

    private AtResponse Run(string command, int argument)
    {
        lock (_channel.SyncRoot)
        {
            _channel.Writer.Command(command).Int(argument).End();
            return _channel.Execute(1000);
        }
    }

    [Fact]
    public void An_ok_answer_is_returned_with_its_payload()
    {
        _module.Answer = (c, p) => ScriptedModule.Ok("-67");
        lock (_channel.SyncRoot)
        {
            _channel.Writer.Command("CR").End();
            AtResponse answer = _channel.ExecuteOk(1000);
            Assert.True(answer.TryGetPayloadInt(out int rssi));
            Assert.Equal(-67, rssi);
        }

        Assert.Equal(new[] { "CR" }, _module.Commands);
        Assert.Equal(1, _channel.CommandCount);
    }

    [Theory]
    [InlineData("> \r\n> ")]
    [InlineData("\n> \r\n> ")]
    [InlineData(" \r\n> ")]
    public void The_boot_prompt_is_found_behind_the_tail_of_an_earlier_prompt(string output)
    {
        // The start of the power-on prompt was dropped with a partial frame before ZR; its tail
        // then arrives stuck to the prompt of the reboot.
        _module.Answer = (c, p) => ScriptedModule.Latin1(output);
        lock (_channel.SyncRoot)
        {
            _channel.Writer.Command("ZR").End();
            _channel.ExecuteReboot(1000);
        }

        _module.Answer = (c, p) => ScriptedModule.Ok("1");
        Assert.Equal("1", Run("CS", 0).PayloadText());
    }

    [Theory]
    [InlineData("OK\r\n> ")]
    [InlineData("x> \r\n> ")]
    public void Other_output_ending_in_a_prompt_is_not_the_boot_prompt(string output)
    {
        _module.Answer = (c, p) => ScriptedModule.Latin1(output);
        lock (_channel.SyncRoot)
        {
            _channel.Writer.Command("ZR").End();
            Assert.Equal(EsWifiErrorKind.Timeout, Assert.Throws<EsWifiException>(() => _channel.ExecuteReboot(1000)).Kind);
        }
    }

    [Fact]
    public void Garbage_before_the_answer_is_skipped()
    {
        _module.Answer = (c, p) => ScriptedModule.Latin1("\x00\xFF#noise\r\n> \r\n1\r\nOK\r\n> ");
        AtResponse answer = Run("CS", 0);
        Assert.Equal(AtResponseKind.Ok, answer.Kind);
        Assert.Equal("1", answer.PayloadText());
        Assert.Equal(1, _channel.SkippedFrames);
    }

    [Fact]
    public void Garbage_stuck_to_the_start_of_an_answer_is_refused_not_guessed()
    {
        // "junk\r\n1…" may be "\r\n-1…" with its first bytes damaged: the payload's start is unknown.
        _module.Answer = (c, p) => ScriptedModule.Latin1("junk\r\n1\r\nOK\r\n> ");
        Assert.Equal(EsWifiErrorKind.ProtocolError, Assert.Throws<EsWifiException>(() => Run("CS", 0)).Kind);
        _module.Answer = (c, p) => ScriptedModule.Ok("1");
        Assert.Equal("1", Run("CS", 0).PayloadText());
    }

    [Fact]
    public void After_a_timeout_the_late_answer_is_never_taken_for_the_next_command()
    {
        // The late answer arrives after the next command went out, ahead of its answer.
        _module.Answer = (c, p) => null;
        Assert.Equal(EsWifiErrorKind.Timeout, Assert.Throws<EsWifiException>(() => Run("CR", 0)).Kind);
        _module.Answer = (c, p) => c.StartsWith("CS") ? ScriptedModule.Ok("1") : null;
        _module.BeforeNextReply = ScriptedModule.Ok("-55");
        Assert.Equal("1", Run("CS", 0).PayloadText());
        Assert.Contains(string.Empty, _module.Commands);
    }

    [Fact]
    public void Late_bytes_of_an_earlier_answer_are_dropped_before_the_next_command()
    {
        _module.Answer = (c, p) => null;
        byte[] stale = ScriptedModule.Latin1("\r\nstale\r\nOK\r\n> half-a-fr");
        _link.Module.Write(stale, 0, stale.Length);
        _module.Answer = (c, p) => ScriptedModule.Ok("fresh");
        Assert.Equal("fresh", Run("CS", 1).PayloadText());
    }

    [Fact]
    public void A_cut_off_answer_times_out_and_the_next_command_works()
    {
        _module.Answer = (c, p) => ScriptedModule.Latin1("\r\n-6");
        var error = Assert.Throws<EsWifiException>(() => Run("CR", 0));
        Assert.Equal(EsWifiErrorKind.Timeout, error.Kind);
        Assert.Equal(1000, _clock.NowMilliseconds);

        _module.Answer = (c, p) => ScriptedModule.Ok("-42");
        Assert.Equal("-42", Run("CR", 0).PayloadText());
    }

    [Fact]
    public void A_slow_answer_within_the_timeout_is_received()
    {
        _module.Answer = (c, p) =>
        {
            _clock.Schedule(400, () => _link.Module.Write(ScriptedModule.Ok("late"), 0, 14));
            return null;
        };

        Assert.Equal("late", Run("CS", 0).PayloadText());
        Assert.InRange(_clock.NowMilliseconds, 400, 410);
    }

    [Fact]
    public void Module_errors_carry_the_reason_text()
    {
        _module.Answer = (c, p) => ScriptedModule.Latin1("\r\nERROR: Host not found \r\nUsage: D0=<host>\r\n> ");
        lock (_channel.SyncRoot)
        {
            _channel.Writer.Command("D0").Text("no.such.host", "host", 63, false).End();
            var error = Assert.Throws<EsWifiException>(() => _channel.ExecuteOk(1000));
            Assert.Equal(EsWifiErrorKind.HostNotFound, error.Kind);
            Assert.True(error.IsModuleAnswer);
            Assert.Equal("Host not found ", error.ModuleReason);
            Assert.Contains("D0", error.Message);
        }
    }

    [Fact]
    public void A_boot_prompt_during_a_command_is_a_module_reset()
    {
        _module.Answer = (c, p) => ScriptedModule.Latin1("\r\n> ");
        var error = Assert.Throws<EsWifiException>(() => Run("P6", 1));
        Assert.Equal(EsWifiErrorKind.ModuleReset, error.Kind);
        Assert.Equal(1, _channel.ResetCount);

        _module.Answer = (c, p) => ScriptedModule.Ok(string.Empty);
        Assert.Equal(AtResponseKind.Ok, Run("P6", 0).Kind);
    }

    [Fact]
    public void An_answer_cut_off_by_a_boot_prompt_is_a_module_reset()
    {
        _module.Answer = (c, p) => ScriptedModule.Latin1("\r\nISM43362-M3G\r\n> ");
        var error = Assert.Throws<EsWifiException>(() =>
        {
            lock (_channel.SyncRoot)
            {
                _channel.Writer.Command("I?").End();
                _channel.Execute(1000);
            }
        });
        Assert.Equal(EsWifiErrorKind.ModuleReset, error.Kind);
        Assert.Equal(1, _channel.ResetCount);
    }

    [Fact]
    public void A_boot_prompt_while_idle_is_reported_on_the_next_command_and_probe_accepts_it()
    {
        _link.Module.Write(ScriptedModule.Latin1("\r\n> "), 0, 4);
        var error = Assert.Throws<EsWifiException>(() => Run("CS", 0));
        Assert.Equal(EsWifiErrorKind.ModuleReset, error.Kind);

        _link.Module.Write(ScriptedModule.Latin1("\r\n> "), 0, 4);
        _module.Answer = (c, p) => c.Length == 0 ? ScriptedModule.Latin1("\r\n> ") : ScriptedModule.Ok(string.Empty);
        _channel.Probe(500);
        Assert.Equal(1, _channel.ResetCount);
    }

    [Fact]
    public void Unsolicited_messages_are_queued_for_the_layers_above()
    {
        _module.Answer = (c, p) => ScriptedModule.Latin1("\r\n[TCP SVR] Accepted 127.0.0.1:50000\r\n> \r\n1\r\nOK\r\n> ");
        Assert.Equal("1", Run("CS", 0).PayloadText());
        _link.Module.Write(ScriptedModule.Latin1("\r\n[AP DHCP] Assigned x\r\n> "), 0, 26);
        Assert.Equal(1, _channel.PollMessages());
        Assert.Equal("[AP DHCP] Assigned x", _channel.Messages.TryDequeue("[AP DHCP]"));
        Assert.Equal("[TCP SVR] Accepted 127.0.0.1:50000", _channel.Messages.TryDequeue());
        Assert.Null(_channel.Messages.TryDequeue());
    }

    [Fact]
    public void Binary_payloads_go_out_from_the_callers_buffer_and_data_comes_back_exact()
    {
        byte[] data = ScriptedModule.Latin1("##\r\nOK\r\n> \0\x15##");
        byte[] echoed = null;
        _module.Answer = (c, p) =>
        {
            if (c.StartsWith("S3", StringComparison.Ordinal))
            {
                echoed = p;
                return ScriptedModule.Ok(p.Length.ToString());
            }

            var reply = new List<byte>(ScriptedModule.Latin1("\r\n"));
            reply.AddRange(echoed);
            reply.AddRange(ScriptedModule.Latin1("\r\nOK\r\n> "));
            return reply.ToArray();
        };

        lock (_channel.SyncRoot)
        {
            _channel.Writer.Command("S3").IntPadded(data.Length - 4, 4).End();
            AtResponse sent = _channel.ThrowUnlessOk(_channel.ExecuteWithPayload(data, 2, data.Length - 4, 1000));
            Assert.True(sent.TryGetPayloadInt(out int count));
            Assert.Equal(data.Length - 4, count);

            _channel.Writer.Command("R0").End();
            AtResponse read = _channel.ExecuteRead(1460, 1000);
            Assert.Equal(AtResponseKind.Ok, read.Kind);
            Assert.Equal(data.AsSpan(2, data.Length - 4).ToArray(), read.Buffer.AsSpan(read.PayloadOffset, read.PayloadLength).ToArray());
        }
    }

    [Fact]
    public void The_read_failure_answer_surfaces_as_connection_closed()
    {
        _module.Answer = (c, p) => ScriptedModule.Latin1("\r\n-1\r\nERROR\r\n> ");
        lock (_channel.SyncRoot)
        {
            _channel.Writer.Command("R0").End();
            AtResponse answer = _channel.ExecuteRead(1460, 1000);
            Assert.Equal(AtResponseKind.ReadFailure, answer.Kind);
            var error = Assert.Throws<EsWifiException>(() => _channel.ThrowUnlessOk(answer));
            Assert.Equal(EsWifiErrorKind.ConnectionClosed, error.Kind);
        }
    }

    [Fact]
    public void Text_arguments_with_line_breaks_are_refused_before_any_byte_is_written()
    {
        foreach (string bad in new[] { "net\rP6=1", "net\n", "n\0t", new string('x', 33) })
        {
            lock (_channel.SyncRoot)
            {
                var error = Assert.Throws<ArgumentException>(() =>
                {
                    _channel.Writer.Command("C1").Text(bad, "ssid", 32, true).End();
                    _channel.Execute(1000);
                });
                Assert.Equal("ssid", error.ParamName);
            }
        }

        Assert.Equal(0, _link.Host.BytesWritten);
        Assert.Empty(_module.Commands);
    }

    [Fact]
    public void An_unterminated_command_is_not_sent()
    {
        lock (_channel.SyncRoot)
        {
            _channel.Writer.Command("C1").Text("net", "ssid", 32, true);
            Assert.Throws<InvalidOperationException>(() => _channel.Execute(1000));
        }

        Assert.Equal(0, _link.Host.BytesWritten);
    }

    [Fact]
    public void Traces_hide_passphrases_key_payloads_and_settings_answers()
    {
        var trace = new List<string>();
        _channel.Trace = (direction, text) => trace.Add((direction == AtTraceDirection.ToModule ? "> " : "< ") + text);
        _module.Answer = (c, p) => c == "C?" ? ScriptedModule.Ok("home,TopSecret1,4,1") : ScriptedModule.Ok(string.Empty);
        byte[] key = ScriptedModule.Latin1("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\n-----END PRIVATE KEY-----\n");

        lock (_channel.SyncRoot)
        {
            _channel.Writer.Command("C2").Secret("TopSecret1", "passphrase", 63, true).End();
            _channel.ExecuteOk(1000);
            _channel.Writer.Command("PG").Int(0).Int(2).Int(key.Length).SecretPayload().End();
            _channel.ExecuteWithPayload(key, 0, key.Length, 1000);
            _channel.Writer.Command("C?").End();
            _channel.ExecuteOk(1000);
        }

        string all = string.Join("\n", trace);
        Assert.DoesNotContain("TopSecret1", all);
        Assert.DoesNotContain("MIIE", all);
        Assert.Contains("> C2=***\\r", all);
        Assert.Contains("> PG=0,2," + key.Length + "\\r<" + key.Length + " bytes, not shown>", all);
        Assert.Contains("< \\r\\n\\r\\nOK\\r\\n> ", all);
    }

    [Fact]
    public void One_command_is_in_flight_at_a_time_across_threads()
    {
        var link = new InMemoryDuplexLink();
        var module = new ScriptedModule(link, (c, p) => ScriptedModule.Ok("echo:" + c));
        var channel = new AtChannel(new UartTransport(link.Host, SystemClock.Instance, 2048), SystemClock.Instance);
        int mismatches = 0;
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 300; i++)
            {
                lock (channel.SyncRoot)
                {
                    channel.Writer.Command("P" + t).Int(i).End();
                    string payload = channel.ExecuteOk(5000).PayloadText();
                    if (payload != "echo:P" + t + "=" + i)
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(30))));
        Assert.Equal(0, mismatches);
        Assert.Equal(1200, module.Commands.Count);
    }
}
