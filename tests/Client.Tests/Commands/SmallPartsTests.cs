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
    public void A_problem_whose_detail_repeats_its_one_field_reason_says_it_once()
    {
        var problem = Http.Problem.Parse(System.Net.HttpStatusCode.NotFound,
            """{"title":"Not Found","status":404,"detail":"psn_no: no person is registered with this number","errors":{"psn_no":["no person is registered with this number"]}}""");

        Assert.Equal("404 Not Found: psn_no: no person is registered with this number", problem.Describe());
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
    [InlineData("张三丰", "张**")]
    [InlineData("𠮷野家", "𠮷**")]
    [InlineData("𠮷", "*")]
    [InlineData("张**", "张**")]
    public void The_client_masks_a_name_by_the_servers_rule_keeping_a_surrogate_pair_whole(string name, string expected)
    {
        var document = new JsonObject { ["psn_name"] = name };

        Assert.Equal(expected != name, PersonalDataGuard.GuardJson(document));
        Assert.Equal(expected, (string?)document["psn_name"]);
    }

    [Fact]
    public void The_client_masks_an_id_card_number_by_the_servers_rule_and_leaves_a_masked_one()
    {
        var document = new JsonArray(new JsonObject { ["certno"] = "35010219900101123X" }, new JsonObject { ["certno"] = "350102********1234" });

        Assert.True(PersonalDataGuard.GuardJson(document));
        Assert.Equal(["350102********123X", "350102********1234"], document.Select(item => (string?)item!["certno"]));
    }

    [Fact]
    public void Masking_finds_personal_fields_anywhere_in_a_document()
    {
        var document = JsonNode.Parse("""{"members":[{"psn_name":"李四","certno":"350102199001011234"}],"psn_no":"P-1"}""");

        Assert.True(PersonalDataGuard.GuardJson(document));
        Assert.Equal("""{"members":[{"psn_name":"李*","certno":"350102********1234"}],"psn_no":"P-1"}""", document!.ToJsonString(Ledger.Client.Wire.ClientJson.Options));
    }
}
