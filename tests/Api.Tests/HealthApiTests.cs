using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Api.Tests.Reports;

namespace Ledger.Api.Tests;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> on a silo app whose date each test sets: check
/// <c>policy-year</c> reads the silo's clock (whether the policies in force have the current year's
/// 上年 figures depends on the day), so no answer here depends on the day the tests run.
/// </summary>
public sealed partial class HealthApiTests(CalendarApiFactory factory) : IClassFixture<CalendarApiFactory>
{
    private const string FujianRegions = "35, 3501, 350128, 3502, 3503, 3504, 3505, 3506, 3507, 3508, 3509";

    [Fact]
    public async Task Live_answers_200_without_a_key_and_runs_no_check()
    {
        var response = await factory.Client(null).GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Wire.Body(response);
        Assert.Equal(("Healthy", 0), (body.GetProperty("status").GetString(), body.GetProperty("checks").EnumerateObject().Count()));
    }

    [Fact]
    public async Task Ready_answers_200_once_joined_with_storage_policies_the_years_figures_and_not_draining_each_described()
    {
        // 2023: the last year every shipped policy in force (Fujian, Jinhua, Liangshan) has its figures for.
        factory.Today(2023, 6, 1);

        var body = await ReadyAsync();

        Assert.Equal(new Dictionary<string, string?>
        {
            ["api-keys"] = "Healthy", ["cluster"] = "Healthy", ["storage"] = "Healthy", ["policies"] = "Healthy", ["policy-year"] = "Healthy",
            ["accepting"] = "Healthy", ["projections"] = "Healthy",
        }, Statuses(body));
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Matches("^[1-9][0-9]* policies: ", Description(body, "policies"));
        Assert.Equal("every region of the policies in force computes settlements of 2023 (fujian-2022, jinhua-2022, liangshan-2021)", Description(body, "policy-year"));
        Assert.Equal("embedded: in memory", Description(body, "storage"));
    }

    /// <summary>
    /// The shipped Fujian file has 上年 figures to 2024: on 2026-12-01 every Fujian settlement of the year
    /// is refused (422). The silo stays ready (other regions work), degraded, naming policy, regions and
    /// values; the gauge the alert reads counts the regions.
    /// </summary>
    [Fact]
    public async Task A_year_a_policy_in_force_lacks_figures_for_degrades_readiness_to_200_naming_policy_regions_and_values()
    {
        factory.Today(2026, 12, 1);

        var body = await ReadyAsync();

        Assert.Equal(("Degraded", "Degraded"), (body.GetProperty("status").GetString(), Statuses(body)["policy-year"]));
        Assert.All(Statuses(body).Where(check => check.Key != "policy-year"), check => Assert.Equal("Healthy", check.Value));
        Assert.Equal(
            $"settlements of 2026 are refused (422) where a policy lacks the year's figures: fujian-2022 (fujian-2022.yaml) regions {FujianRegions}: "
            + "parameters.residents_income has no value for 2026; parameters.rural_income has no value for 2026. "
            + "Add them to the policy file, check it with 'ledger policy check', roll it out (docs/operations.md#policy-figures-missing)",
            Description(body, "policy-year"));

        var metrics = await factory.Client(LedgerApiFactory.OperatorKey).GetStringAsync("/metrics");
        Assert.Equal([("fujian-2022", "11")], LackingGauge().Matches(metrics).Select(line => (line.Groups["policy"].Value, line.Groups["value"].Value)));
    }

    private async Task<JsonElement> ReadyAsync()
    {
        var client = factory.Client(null);
        JsonElement body = default;
        await Poll.Until(async () =>
        {
            using var response = await client.GetAsync("/health/ready");
            body = await Wire.Body(response);
            return response.StatusCode == HttpStatusCode.OK;
        }, "/health/ready to answer 200", 60_000, 50);
        return body;
    }

    private static Dictionary<string, string?> Statuses(JsonElement body) =>
        body.GetProperty("checks").EnumerateObject().ToDictionary(check => check.Name, check => check.Value.GetProperty("status").GetString());

    private static string? Description(JsonElement body, string check) =>
        body.GetProperty("checks").GetProperty(check).GetProperty("description").GetString();

    [GeneratedRegex(@"^ledger_policy_regions_lacking_figures\{[^}]*policy=""(?<policy>[^""]+)""[^}]*\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex LackingGauge();
}
