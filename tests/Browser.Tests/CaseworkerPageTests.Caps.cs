using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

public sealed partial class CaseworkerPageTests
{
    [Fact]
    public async Task A_capped_person_is_an_alarm_in_the_monitoring_list_as_in_the_live_warnings()
    {
        // Jinhua (its caps: 30 000 a person, 50 000 a household), read with the operator's key (the caseworker's is Fujian's).
        const string region = "330702";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var (page, problems) = await SignedIn(browser, region, "dev-operator");
        var (psnNo, householdId) = ($"P-{Guid.NewGuid():N}"[..14], $"H-{Guid.NewGuid():N}"[..14]);
        using var feed = Feed();
        await Send(feed.PutAsync($"/api/persons/{psnNo}", Json($$"""{"region_code":"{{region}}","household_id":"{{householdId}}","residence":"rural","insutype":"resident","identities":[{"type":"dibao","begin":"2020-01-01"}]}""")));
        // 35 000 all outside the catalogues: no fund pays; the warm fund pays the 5 000 over the individual cap, which the burden reaches.
        await Send(feed.PostAsync("/api/settlements", Json(Settlement($"S-{psnNo}", psnNo, "2022-05-05T10:00:00", 35_000, 0))));

        await Assertions.Expect(page.Locator("#warnings tr.alarm", new() { HasTextString = psnNo }).Filter(new() { HasTextString = "individual_cap" }).First)
            .ToBeVisibleAsync(new() { Timeout = Ms(Patience) });
        var capped = page.Locator("#monitoring tbody tr", new() { HasTextString = psnNo }).Filter(new() { HasTextString = "个人负担封顶" });
        await UntilVisible(capped, () => page.ClickAsync("#monitoring-filters button"), "the capped person in the monitoring list");
        await Assertions.Expect(capped).ToHaveClassAsync("level-crossed");
        await Assertions.Expect(capped).ToContainTextAsync("超线 crossed");
        // Its value is the reading when the level opened, and the column says so.
        await Assertions.Expect(page.Locator("#monitoring thead")).ToContainTextAsync("开启时数值 Value at crossing");
        Assert.Empty(problems);
    }
}
