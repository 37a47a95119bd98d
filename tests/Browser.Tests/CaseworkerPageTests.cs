using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

/// <summary>The caseworker page in Debian's headless Chromium, driven by Playwright (no browser download).</summary>
public sealed class CaseworkerPageTests(SiloUnderTest silo) : IClassFixture<SiloUnderTest>
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    [Fact]
    public async Task A_settlement_posted_through_the_api_makes_the_warning_appear_on_the_open_page()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(silo.Url.ToString());
        await page.FillAsync("#key", "dev-caseworker-35");
        await page.FillAsync("#region", "350102");
        await page.ClickAsync("#access button");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("350102", new() { Timeout = 15_000 });

        var (psnNo, householdId) = ($"P-{Guid.NewGuid():N}"[..14], $"H-{Guid.NewGuid():N}"[..14]);
        using var feed = new HttpClient { BaseAddress = silo.Url };
        feed.DefaultRequestHeaders.Add("X-Api-Key", "dev-feed");
        (await feed.PutAsync($"/api/persons/{psnNo}", Json($$"""{"region_code":"350102","household_id":"{{householdId}}","residence":"rural","insutype":"resident","identities":[{"type":"poverty_alleviated","begin":"2021-01-01"}]}"""))).EnsureSuccessStatusCode();
        (await feed.PostAsync("/api/settlements", Json($$"""{"setl_id":"S-{{psnNo}}","psn_no":"{{psnNo}}","setl_time":"2022-03-01T10:00:00","med_type":"21","hosp_lv":3,"medfee_sumamt":82000,"inscp_scp_amt":80000,"fulamt_ownpay_amt":2000}"""))).EnsureSuccessStatusCode();

        var warning = page.Locator("#warnings tr.threshold_crossed", new() { HasTextString = "return_to_poverty_risk" });
        await Assertions.Expect(warning).ToContainTextAsync(psnNo, new() { Timeout = 15_000 });
        await Assertions.Expect(warning).ToContainTextAsync("24,077.70");

        await page.FillAsync("#household", householdId);
        await page.FillAsync("#year", "2022");
        await page.ClickAsync("#lookup button");
        await Assertions.Expect(page.Locator("#household-view table")).ToContainTextAsync("24,077.70", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "caseworker.png"), FullPage = true });
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
