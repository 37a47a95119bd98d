using System.Text.Json.Nodes;
using Ledger.Client.Cli;
using Ledger.Client.Views;

namespace Ledger.Client.Tests.Commands;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("00:05:00", 300_000)]
    public void Durations_read_units(string text, double milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Fact]
    public void Never_is_no_duration_and_nonsense_is_refused()
    {
        Assert.True(Durations.TryParse("never", out var never));
        Assert.Null(never);
        Assert.False(Durations.TryParse("soon", out _));
        Assert.False(Durations.TryParse("5x", out _));
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张*丰")]
    [InlineData("350102199001011234", "3****************4")]
    [InlineData("3501**********1234", "3501**********1234")]
    [InlineData("", "")]
    public void Masking_guards_values_the_server_left_in_the_clear(string value, string expected) =>
        Assert.Equal(expected, Masking.Guard(value));

    [Fact]
    public void Masking_finds_personal_fields_anywhere_in_a_document()
    {
        var document = JsonNode.Parse("""{"members":[{"psn_name":"李四","certno":"3****4"}],"psn_no":"P-1"}""");

        Assert.True(Masking.GuardJson(document));
        Assert.Equal("""{"members":[{"psn_name":"李*","certno":"3****4"}],"psn_no":"P-1"}""", document!.ToJsonString(Ledger.Client.Wire.ClientJson.Options));
    }
}
