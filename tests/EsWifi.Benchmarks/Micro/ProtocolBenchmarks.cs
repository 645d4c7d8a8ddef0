using System.Text;
using BenchmarkDotNet.Attributes;

namespace EsWifi.Benchmarks.Micro;

/// <summary>The command writer and the response parser: time per byte and bytes allocated.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ProtocolBenchmarks
{
    private readonly AtCommandWriter _writer = new();
    private readonly AtResponse _response = new();
    private readonly byte[] _address = { 192, 168, 1, 110 };
    private byte[] _ok;
    private byte[] _data;
    private byte[] _error;

    [GlobalSetup]
    public void Setup()
    {
        _ok = Encoding.ASCII.GetBytes("\r\n\r\nOK\r\n> ");
        _error = Encoding.ASCII.GetBytes("\r\n[JOIN   ] lab\r\n[JOIN   ] Failed\r\nERROR: Unknown Error\r\nUsage: C0 \r\n> ");
        _data = new byte[2 + 1460 + 8];
        new Random(1).NextBytes(_data);
        Encoding.ASCII.GetBytes("\r\n").CopyTo(_data, 0);
        Encoding.ASCII.GetBytes("\r\nOK\r\n> ").CopyTo(_data, 1462);
    }

    /// <summary>Formats <c>S3=1460\r</c>, <c>P3=192.168.1.110\r</c> and <c>D0=broker.example.com\r</c> (46 bytes).</summary>
    [Benchmark]
    public int FormatThreeCommands()
    {
        int length = _writer.Command("S3").IntPadded(1460, 4).End().Length;
        length += _writer.Command("P3").Ip(_address).End().Length;
        return length + _writer.Command("D0").Text("broker.example.com", "host", 63, false).End().Length;
    }

    /// <summary>Parses the 10-byte empty OK.</summary>
    [Benchmark]
    public int ParseEmptyOk() => (int)_response.Parse(_ok, 0, _ok.Length, false);

    /// <summary>Parses a 1,470-byte R0 answer (1,460 data bytes).</summary>
    [Benchmark]
    public int ParseFullRead()
    {
        _response.Parse(_data, 0, _data.Length, false);
        return _response.PayloadLength;
    }

    /// <summary>Parses a failed join (81 bytes) with reason and usage.</summary>
    [Benchmark]
    public int ParseJoinFailure()
    {
        _response.Parse(_error, 0, _error.Length, false);
        return _response.ReasonLength + _response.UsageLength;
    }
}
