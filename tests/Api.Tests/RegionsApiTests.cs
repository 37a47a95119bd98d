using System.Net;
using System.Text.Json;

namespace Ledger.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RegionsApiTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Kpis_monitoring_and_monthly_report_follow_a_crossing()
    {
        var region = "35" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var psnNo = Wire.Id("P");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        var caseworker = factory.Client(LedgerApiFactory.CaseworkerKey);
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), Wire.PovertyAlleviated, region)));
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 82_000m, 80_000m)));

        // The silo feeds region grains in batches every 500 ms: poll with a deadline.
        var kpis = await Until(async () => await Wire.Body(await caseworker.GetAsync($"/api/regions/{region}/kpis?year=2022")),
            body => body.GetProperty("settlement_count").GetInt32() == 1, $"KPIs of {region} to count the settlement");
        var monitoring = await Wire.Body(await caseworker.GetAsync($"/api/regions/{region}/monitoring?year=2022&rule=return_to_poverty_risk"));
        // By settlement time: the settlement is of March 2022, whenever it was sent.
        var report = await caseworker.GetStringAsync($"/api/regions/{region}/reports/monthly?month=2022-03");

        Assert.Equal((82_000m, 57_922.30m, 0.7064m, 0.2936m), (kpis.GetProperty("medfee_sumamt").GetDecimal(), kpis.GetProperty("fund_pay_sumamt").GetDecimal(),
            kpis.GetProperty("coverage_rate").GetDecimal(), kpis.GetProperty("burden_rate").GetDecimal()));
        var entry = Assert.Single(monitoring.GetProperty("items").EnumerateArray());
        Assert.Equal((psnNo, "crossed", 24_077.70m), (entry.GetProperty("subject_id").GetString(), entry.GetProperty("level").GetString(), entry.GetProperty("value").GetDecimal()));
        var rows = report.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"psn_no\",\"household_id\",\"region_code\",\"year\",\"identities\",\"medfee_sumamt\",\"fund_pay_sumamt\",\"psn_part_amt\",\"rules\"", rows[0]);
        var row = Assert.Single(rows, row => row.StartsWith($"\"{psnNo}\"", StringComparison.Ordinal));
        Assert.EndsWith($",\"{region}\",\"2022\",\"poverty_alleviated\",\"82000.00\",\"57922.30\",\"24077.70\",\"return_to_poverty_risk:crossed high_cost_settlement:crossed critical_deductible_met:crossed\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_reads_check_the_code_and_the_scope()
    {
        var caseworker = factory.Client(LedgerApiFactory.CaseworkerKey);

        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.GetAsync("/api/regions/3x/kpis")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync("/api/regions/33/kpis")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.GetAsync("/api/regions/35/monitoring?page_size=100000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.GetAsync("/api/regions/35/reports/monthly?month=2022-13")).StatusCode);
    }

    private static async Task<JsonElement> Until(Func<Task<JsonElement>> read, Func<JsonElement, bool> done, string awaited)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after 10 s waiting for {awaited}; last answer {value}");
            }
            await Task.Delay(50);
        }
    }
}
