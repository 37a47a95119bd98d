using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

public sealed partial class CaseworkerPageTests
{
    [Fact]
    public async Task The_adjustments_download_fetches_the_chosen_region_and_month_with_the_key_and_saves_its_csv()
    {
        const string region = "350104";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var (page, problems) = await SignedIn(browser, region);
        var asked = new List<(string Url, string? Key)>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/reports/", StringComparison.Ordinal))
            {
                lock (asked) { asked.Add((request.Url, request.Headers.GetValueOrDefault("x-api-key"))); }
            }
        };

        var (psnNo, householdId) = ($"P-{Guid.NewGuid():N}"[..14], $"H-{Guid.NewGuid():N}"[..14]);
        var (april, march) = ($"S-{psnNo}-04", $"S-{psnNo}-03");
        using var feed = Feed();
        await Register(feed, psnNo, householdId, region);
        await Send(feed.PostAsync("/api/settlements", Json(Settlement(april, psnNo, "2022-04-01T10:00:00", 82_000, 80_000))));
        // The late March stay re-adjudicates April (critical +5 820.00, self-pay −5 820.00), logged now:
        // the adjustments report goes by when the ledger learned it, in China time. A feed sent in the
        // last minute of a China month waits for the next one, so that the whole of it lands in one month.
        await Poll.Until(() => Task.FromResult(!NearMonthEnd(DateTimeOffset.UtcNow)), "a China month with more than a minute left", 90_000, 500);
        var before = DateTimeOffset.UtcNow;
        await Send(feed.PostAsync("/api/settlements", Json(Settlement(march, psnNo, "2022-03-01T10:00:00", 30_000, 30_000))));
        var after = DateTimeOffset.UtcNow;
        var month = before.ToOffset(ChinaOffset).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await page.FillAsync("#report-month", month);

        var (fileName, lines) = await UntilAdjustmentListed(page, april);

        Assert.Equal($"adjustments-{region}-{month}.csv", fileName);
        Assert.Equal(
            "\"city_code\",\"region_code\",\"setl_id\",\"psn_no\",\"household_id\",\"setl_time\",\"logged_at\",\"cause\",\"cause_id\",\"medfee_sumamt\","
            + "\"hifp_pay\",\"hifmi_pay\",\"maf_pay\",\"floor_pay\",\"supplementary_pay\",\"warm_fund_pay\",\"fund_pay_sumamt\",\"psn_part_amt\"",
            lines[0]);
        var row = Assert.Single(lines[1..]).Split(',').Select(cell => cell.Trim('"')).ToArray();
        Assert.Equal(["3501", region, april, psnNo, householdId, "2022-04-01T10:00:00+08:00"], row[..6]);
        var loggedAt = DateTimeOffset.ParseExact(row[6], "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        Assert.True(loggedAt.Offset == ChinaOffset && loggedAt >= before.AddSeconds(-1) && loggedAt <= after, $"logged_at {row[6]} is not when March was fed ({before:O} – {after:O})");
        Assert.Equal(["late_settlement", march, "0.00", "0.00", "5820.00", "0.00", "0.00", "0.00", "0.00", "5820.00", "-5820.00"], row[7..]);

        Assert.All(asked, request =>
        {
            Assert.Equal($"/api/regions/{region}/reports/adjustments?month={month}", new Uri(request.Url).PathAndQuery);
            Assert.Equal("dev-caseworker-35", request.Key);
        });
        await Assertions.Expect(page.Locator("#reports-status")).ToContainTextAsync($"已下载 Downloaded adjustments-{region}-{month}.csv");
        Assert.Empty(problems);
    }

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static bool NearMonthEnd(DateTimeOffset now) =>
        now.ToOffset(ChinaOffset).Month != now.AddMinutes(1).ToOffset(ChinaOffset).Month;

    /// <summary>The report reads the journal's projection, which follows asynchronously: download again until the row is there.</summary>
    private static async Task<(string FileName, string[] Lines)> UntilAdjustmentListed(IPage page, string setlId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-adjustments"));
            var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
            Assert.Equal("", lines[^1]);
            if (lines.Any(line => line.Contains(setlId, StringComparison.Ordinal)))
            {
                return (download.SuggestedFilename, lines[..^1]);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the adjustment of {setlId} was not in the downloaded report within {Patience.TotalSeconds} s");
            }
        }
    }
}
