using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

public sealed partial class CaseworkerPageTests
{
    [Fact]
    public async Task A_live_crossing_brings_the_person_into_the_open_monitoring_list_without_a_reload()
    {
        const string region = "350105";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var (page, problems) = await SignedIn(browser, region);
        var monitoringAsks = 0;
        page.Request += (_, request) => { if (request.Url.Contains($"/api/regions/{region}/monitoring?", StringComparison.Ordinal)) { Interlocked.Increment(ref monitoringAsks); } };
        await page.SelectOptionAsync("#filter-rule", "return_to_poverty_risk");
        await page.ClickAsync("#monitoring-filters button");
        await Assertions.Expect(page.Locator("#monitoring-status")).ToContainTextAsync("无监测对象", new() { Timeout = Ms(Patience) });
        // Set on this document: still there at the end means the row came without the page being loaded again.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        var asksBefore = Volatile.Read(ref monitoringAsks);

        var (psnNo, householdId) = ($"P-{Guid.NewGuid():N}"[..14], $"H-{Guid.NewGuid():N}"[..14]);
        using var feed = Feed();
        await Register(feed, psnNo, householdId, region);
        // The April stay of the scenario above: self-pay 24 077.70 over the 23 229 line.
        await Send(feed.PostAsync("/api/settlements", Json(Settlement($"S-{psnNo}-04", psnNo, "2022-04-01T10:00:00", 82_000, 80_000))));

        await Assertions.Expect(page.Locator("#warnings tr.threshold_crossed", new() { HasTextString = psnNo })).ToBeVisibleAsync(new() { Timeout = Ms(Patience) });
        var listed = page.Locator("#monitoring tbody tr", new() { HasTextString = psnNo });
        await Assertions.Expect(listed).ToBeVisibleAsync(new() { Timeout = Ms(Patience) });
        Assert.Equal(
            ["3501", region, $"人 {psnNo}", householdId, "因病返贫风险 return_to_poverty_risk", "超线 crossed", "24,077.70", "23,229.00", "2022-04-01 10:00:00"],
            await listed.Locator("td").AllInnerTextsAsync());
        await Assertions.Expect(page.Locator("#monitoring tbody tr")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was loaded again");
        // Debounced: the settlement's events (warning and crossing) cost one request,
        // and at most a few more while the projection catches up.
        var asked = Volatile.Read(ref monitoringAsks) - asksBefore;
        Assert.True(asked is >= 1 and <= 4, $"the monitoring list was asked {asked} times after the crossing");
        Assert.Empty(problems);
    }
}
