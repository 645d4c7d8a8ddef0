using CsCheck;

namespace EsWifi.Tests.Fuzz;

/// <summary>
/// The response parser on arbitrary bytes: it never throws, its ranges stay inside the frame, and
/// every iteration over lines and messages ends.
/// </summary>
public class ParserFuzzTests
{
    [Fact]
    public void Any_bytes_parse_without_exceptions_and_with_ranges_inside_the_frame()
    {
        Gen.Select(Gen.OneOf<byte[]>(FuzzScale.Stream, Gen.Byte.Array[0, 300]), Gen.Bool, Gen.Int[0, 8])
            .Sample((bytes, extraCrLf, lead) =>
            {
                // One parser per sample: CsCheck runs samples on several threads, and the parser
                // (like the channel that owns it) is single-threaded by design.
                var response = new AtResponse();

                // Parse a frame that starts somewhere inside a larger buffer, as the channel does.
                byte[] buffer = new byte[lead + bytes.Length + 3];
                bytes.CopyTo(buffer, lead);
                AtResponseKind kind = response.Parse(buffer, lead, bytes.Length, extraCrLf);
                int end = lead + bytes.Length;
                Assert.InRange(response.PayloadOffset, lead, end);
                Assert.InRange(response.PayloadOffset + response.PayloadLength, lead, end);
                Assert.InRange(response.ReasonOffset + response.ReasonLength, lead, end);
                Assert.True(response.UsageLength < 0 || response.UsageOffset + response.UsageLength <= end);
                _ = response.PayloadText();
                _ = response.ReasonText();
                _ = response.UsageText();
                _ = response.TryGetPayloadInt(out _);
                _ = response.IsMinusOne;
                _ = response.IsCutByPrompt;
                _ = response.TryFindLine("[JOIN   ] ", out _, out _);

                int steps = 0;
                int position = response.PayloadOffset;
                while ((position = response.NextLine(position, out int lineOffset, out int lineLength)) >= 0)
                {
                    Assert.InRange(lineOffset + lineLength, lead, end);
                    Assert.True(++steps <= bytes.Length + 1, "NextLine does not advance");
                }

                if (response.TryGetMessageArea(out int area, out int areaLength))
                {
                    Assert.Equal(AtResponseKind.Ok, kind);
                    steps = 0;
                    position = area;
                    while ((position = response.NextMessage(position, area + areaLength, out int message, out int messageLength)) >= 0)
                    {
                        Assert.InRange(message + messageLength, area, area + areaLength);
                        Assert.True(++steps <= areaLength + 1, "NextMessage does not advance");
                    }
                }
            }, iter: FuzzScale.Iterations(80_000));
    }

    [Fact]
    public void Any_bytes_go_through_the_ascii_helpers_safely()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            string text = AsciiBytes.ToText(bytes, 0, bytes.Length);
            Assert.True(text.Length <= bytes.Length);
            _ = AsciiBytes.TryParseInt(bytes, 0, bytes.Length, out _);
            byte[] encoded = new byte[AsciiBytes.Utf8Length(text)];
            Assert.Equal(encoded.Length, AsciiBytes.WriteUtf8(encoded, 0, text));
        }, iter: FuzzScale.Iterations(20_000));
    }
}
