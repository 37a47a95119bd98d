using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

/// <summary>
/// A warning restated by a late settlement: a poverty-alleviated person's stays are all outside the catalogues
/// (self-pay = total). May 16 000 and June 3 000 reach the warning at June (19 000 ≥ 80 % of 23 229 = 18 583.20);
/// an April stay of 3 000 arriving late reaches it at May already (19 000) and leaves June under the line
/// (22 000): the re-adjudication restates the open warning at May, on the April settlement's journal entry.
/// </summary>
public sealed partial class CaseworkerPageTests
{
    private sealed record RestatedWarning(string PsnNo, string April, string May, string June);

    private static async Task<RestatedWarning> FeedUntilTheWarningOpens(HttpClient feed, string region)
    {
        var (psnNo, householdId) = ($"P-{Guid.NewGuid():N}"[..14], $"H-{Guid.NewGuid():N}"[..14]);
        var scenario = new RestatedWarning(psnNo, $"S-{psnNo}-04", $"S-{psnNo}-05", $"S-{psnNo}-06");
        await Register(feed, psnNo, householdId, region);
        await Send(feed.PostAsync("/api/settlements", Json(Settlement(scenario.May, psnNo, "2022-05-01T10:00:00", 16_000, 0))));
        await Send(feed.PostAsync("/api/settlements", Json(Settlement(scenario.June, psnNo, "2022-06-01T10:00:00", 3_000, 0))));
        return scenario;
    }

    private static Task FeedTheLateApril(HttpClient feed, RestatedWarning scenario) =>
        Send(feed.PostAsync("/api/settlements", Json(Settlement(scenario.April, scenario.PsnNo, "2022-04-01T10:00:00", 3_000, 0))));

    [Fact]
    public async Task A_warning_restated_by_a_late_settlement_is_not_a_second_alarm()
    {
        const string region = "350111";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var (page, problems) = await SignedIn(browser, region);
        using var feed = Feed();
        var scenario = await FeedUntilTheWarningOpens(feed, region);
        var warnings = page.Locator("#warnings");
        var opened = warnings.Locator("tr.threshold_warning", new() { HasTextString = scenario.PsnNo }).Filter(new() { HasTextString = "2022-06-01 10:00:00" });
        await Assertions.Expect(opened).ToHaveClassAsync("threshold_warning alarm", new() { Timeout = Ms(Patience) });

        await FeedTheLateApril(feed, scenario);

        var restated = warnings.Locator("tr.threshold_warning", new() { HasTextString = scenario.PsnNo }).Filter(new() { HasTextString = "2022-05-01 10:00:00" });
        await Assertions.Expect(restated).ToBeVisibleAsync(new() { Timeout = Ms(Patience) });
        // One open warning, one alarm: the restatement is listed quietly, naming where the level now opens.
        await Assertions.Expect(restated).ToHaveClassAsync("threshold_warning quiet restated");
        await Assertions.Expect(restated).ToContainTextAsync($"重新认定 restated at {scenario.May}");
        await Assertions.Expect(restated).ToContainTextAsync("19,000.00");
        await Assertions.Expect(warnings.Locator("tr", new() { HasTextString = scenario.PsnNo })).ToHaveCountAsync(2);
        await Assertions.Expect(warnings.Locator("tr.alarm", new() { HasTextString = scenario.PsnNo })).ToHaveCountAsync(1);
        await Assertions.Expect(opened).ToHaveClassAsync("threshold_warning alarm");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_history_shows_a_restated_warning_against_the_settlement_that_now_reaches_it()
    {
        const string region = "350112";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var (page, problems) = await SignedIn(browser, region);
        using var feed = Feed();
        var scenario = await FeedUntilTheWarningOpens(feed, region);
        await FeedTheLateApril(feed, scenario);

        await page.FillAsync("#history-id", scenario.PsnNo);
        await page.ClickAsync("#history-lookup button");
        var history = page.Locator("#history tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(3, new() { Timeout = Ms(Patience) });
        // Settled, logged, setl_id, kind, total, the seven payers, cause, events: each row's events are its own
        // settlement's. April's entry carried the restatement, which belongs to May: April points there, May names
        // the entry that restated it, and June keeps the warning it raised when it was journaled.
        var rows = new List<string[]>();
        for (var i = 0; i < 3; i++)
        {
            rows.Add([.. await history.Nth(i).Locator("td").AllInnerTextsAsync()]);
        }
        Assert.Equal(
            [
                (scenario.April, $"预警 因病返贫风险 → 重新认定于 re-adjudicated at {scenario.May} · 2022-05-01 10:00:00"),
                (scenario.May, $"预警 因病返贫风险 ← 重新认定 re-adjudicated by {scenario.April}"),
                (scenario.June, "预警 因病返贫风险"),
            ],
            rows.Select(cells => (cells[2], cells[13])));
        Assert.Equal(["3,000.00", "16,000.00", "3,000.00"], rows.Select(cells => cells[11]));
        // For a person to look at (the live panel above it shows the same restatement, quietly).
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "history-restated.png"), FullPage = true });
        Assert.Empty(problems);
    }
}
