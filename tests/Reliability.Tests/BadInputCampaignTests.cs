using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Reliability.Tests.Campaign;
using Ledger.Reliability.Tests.Checks;
using Xunit.Abstractions;

namespace Ledger.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class BadInputCampaignTests(ITestOutputHelper output)
{
    private const int Households = 10;
    private const int MembersPerHousehold = 3;

    [Fact]
    public async Task Ten_thousand_malformed_lines_and_requests_are_each_refused_naming_the_field_and_change_nothing()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.Url };
        var (targets, personal) = await SetUpAsync(http);
        var before = await SnapshotAsync(http, targets);
        var random = new Random(20261125);
        List<BadInput> inputs =
        [
            .. SettlementCorruptions.Generate(random, targets, 4_000, inBatch: false),
            .. SettlementCorruptions.Generate(random, targets, 4_000, inBatch: true),
            .. RequestCorruptions.Generate(random, targets, 2_100),
        ];

        var outcomes = await CampaignRunner.RunAsync(silo.Url, inputs);

        Assert.True(inputs.Count >= 10_000, $"the campaign has {inputs.Count} bad inputs");
        var wrong = outcomes.Where(outcome => !outcome.AsExpected).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {outcomes.Count} bad inputs were not answered as expected, e.g.:\n{string.Join('\n', wrong.DistinctBy(o => o.Input.Category).Take(12))}");
        Assert.False(silo.HasExited, "the silo died during the campaign");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health")).StatusCode);
        Assert.Equal(before, await SnapshotAsync(http, targets));
        personal.AddRange(inputs.SelectMany(input => PersonalValues(input.Body)));
        var checkedValues = PersonalData.AssertNotLogged(silo.Log, personal);
        Figures.Report(output, "bad_input_campaign", ("bad_inputs_tried", outcomes.Count), ("categories", inputs.Select(i => i.Category).Distinct().Count()),
            ("answered_4xx_naming_the_field", outcomes.Count(o => o.AsExpected)), ("accepted_by_mistake", outcomes.Count(o => o.AcceptedByMistake)),
            ("state_changed", 0), ("silo_alive", true), ("personal_values_checked", checkedValues));
    }

    /// <summary>A small ledger to attack: households with settlements, one person where no policy is in force, one settlement to reverse.</summary>
    private static async Task<(CampaignTargets Targets, List<(string? Name, string? Certno)> Personal)> SetUpAsync(HttpClient http)
    {
        var persons = new List<string>();
        var personal = new List<(string?, string?)>();
        for (var i = 0; i < Households * MembersPerHousehold; i++)
        {
            var (psnNo, name, certno) = ($"P-target-{i}", $"赵{"伟芳娜敏静丽强磊"[i % 8]}{"军洋勇艳"[i % 4]}", $"35010219{60 + i}0{i % 9 + 1}0{i % 3 + 1}{100 + i}X");
            await Put(http, psnNo, "350102", $"H-target-{i / MembersPerHousehold}", name, certno);
            persons.Add(psnNo);
            personal.Add((name, certno));
            var settlement = $$"""{"setl_id":"S-target-{{i}}","psn_no":"{{psnNo}}","setl_time":"2024-03-0{{i % 9 + 1}}T10:00:00","med_type":"21","hosp_lv":3,"medfee_sumamt":{{12_000 + (i * 100)}},"inscp_scp_amt":10000,"fulamt_ownpay_amt":{{2_000 + (i * 100)}},"overlmt_selfpay":0,"preselfpay_amt":0}""";
            await Send(http, HttpMethod.Post, "api/settlements", settlement);
        }
        await Put(http, "P-target-beijing", "110101", "H-target-beijing", "钱多多", "110101198001011234");
        personal.Add(("钱多多", "110101198001011234"));
        return (new CampaignTargets(persons, "P-target-beijing", "S-target-0", persons[0]), personal);
    }

    private static Task Put(HttpClient http, string psnNo, string region, string householdId, string name, string certno) =>
        Send(http, HttpMethod.Put, $"api/persons/{psnNo}", $$"""
            {"region_code":"{{region}}","household_id":"{{householdId}}","residence":"rural","insutype":"resident",
             "identities":[{"type":"poverty_alleviated","begin":"2021-01-01","end":null}],"psn_name":"{{name}}","certno":"{{certno}}"}
            """);

    private static async Task Send(HttpClient http, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", SiloProcess.FeedKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"setting up the campaign: {method} {path} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every person's and household's whole read answer: totals per payer, thresholds, caps, members.</summary>
    private static async Task<List<string>> SnapshotAsync(HttpClient http, CampaignTargets targets)
    {
        var answers = new List<string>();
        var paths = targets.Persons.Select(psnNo => $"api/persons/{psnNo}?year=2024")
            .Concat(Enumerable.Range(0, Households).Select(i => $"api/households/H-target-{i}?year=2024"));
        foreach (var path in paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Api-Key", SiloProcess.OperatorKey);
            using var response = await http.SendAsync(request);
            answers.Add($"{path} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return answers;
    }

    /// <summary>Names and ID-card numbers a bad input carried at the top of its JSON (none when it is not readable JSON).</summary>
    private static List<(string? Name, string? Certno)> PersonalValues(byte[] body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject json)
            {
                return [];
            }
            var psnNo = json["psn_no"]?.ToString();
            return [(json["psn_name"]?.ToString(), json["certno"]?.ToString()), (null, psnNo is { Length: 18 } ? psnNo : null)];
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return [];
        }
    }
}
