using Ledger.Grains.Hosting;
using Ledger.Silo.Projections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

/// <summary>
/// A household level of a rule the policy in force no longer lists (as Jinhua's coverage_below_target once
/// its targets: section replaced it) is cleared at the household's next settlement, and its row leaves the
/// monitoring list. Here a test region's policy lists the rule until May and not from June.
/// </summary>
public sealed class RetiredRuleApiTests(RetiredRuleApiTests.RetiredRuleApiFactory factory) : IClassFixture<RetiredRuleApiTests.RetiredRuleApiFactory>
{
    [Fact]
    public async Task A_level_of_a_rule_the_policy_no_longer_lists_is_cleared_and_leaves_the_monitoring_list()
    {
        var region = Wire.Region("44");
        var (feed, reader) = (factory.Client(LedgerApiFactory.FeedKey), factory.Client(LedgerApiFactory.OperatorKey));
        var (psnNo, household) = (Wire.Id("P"), Wire.Id("H"));
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(household, """{"type":"dibao","begin":"2021-01-01","end":null}""", region)));
        // All of it outside the policy scope: coverage 0, below the 80 % the May policy watches.
        var may = await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 25_000m, 0m, setlTime: "2022-05-05T10:00:00")));
        Assert.True(may.IsSuccessStatusCode, await may.Content.ReadAsStringAsync());
        await factory.Services.GetRequiredService<Projector>().CatchUp();
        var opened = await Wire.Body(await reader.GetAsync($"/api/regions/{region}/monitoring?year=2022"));
        var row = Assert.Single(opened.GetProperty("items").EnumerateArray());
        Assert.Equal(("coverage_below_target", household, "crossed"),
            (row.GetProperty("rule").GetString(), row.GetProperty("subject_id").GetString(), row.GetProperty("level").GetString()));

        var june = await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 1_000m, 1_000m, setlTime: "2022-06-05T10:00:00")));
        Assert.True(june.IsSuccessStatusCode, await june.Content.ReadAsStringAsync());
        await factory.Services.GetRequiredService<Projector>().CatchUp();

        var cleared = (await Wire.Body(june)).GetProperty("events").EnumerateArray()
            .Where(fired => fired.GetProperty("kind").GetString() == "threshold_cleared")
            .Select(fired => (fired.GetProperty("rule").GetString(), fired.GetProperty("level").GetString(), fired.GetProperty("subject_id").GetString()));
        Assert.Equal([("coverage_below_target", "crossed", household)], cleared);
        var after = await Wire.Body(await reader.GetAsync($"/api/regions/{region}/monitoring?year=2022"));
        Assert.Equal(0, after.GetProperty("total_count").GetInt32());
    }

    /// <summary>The shipped policies and a test region's (44) whose June version drops coverage_below_target.</summary>
    public sealed class RetiredRuleApiFactory : LedgerApiFactory
    {
        private const string Version = """
            id: retired-ID
            title: retired rule ID
            seed: test
            regions: ["44"]
            in_force: IN_FORCE
            layers:
              - kind: basic
                ratio:
                  inpatient: { unit: ratio, value: 0.5, assumed: test }
            MONITORING
            """;

        private const string Rule = """
            monitoring:
              rules:
                - rule: coverage_below_target
                  who: { any_of: [dibao], assumed: test }
                  threshold: { unit: ratio, value: 0.80, assumed: test }
            """;

        private readonly string _folder = Directory.CreateTempSubdirectory("ledger-policies-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var file in Directory.GetFiles(LedgerGrainServices.DefaultPolicyFolder, "*.yaml"))
            {
                File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
            }
            File.WriteAllText(Path.Combine(_folder, "retired-before.yaml"), Of("before", "{ from: 2022-01-01, until: 2022-05-31 }", Rule));
            File.WriteAllText(Path.Combine(_folder, "retired-now.yaml"), Of("now", "{ from: 2022-06-01 }", ""));
            builder.UseSetting("Ledger:PolicyFolder", _folder);
        }

        private static string Of(string id, string inForce, string monitoring) => Version
            .Replace("ID", id, StringComparison.Ordinal).Replace("IN_FORCE", inForce, StringComparison.Ordinal)
            .Replace("MONITORING", monitoring, StringComparison.Ordinal);

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            // Disposing may come twice (DisposeAsync, then Dispose).
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
