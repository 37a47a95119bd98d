using System.Buffers.Binary;
using System.Text;
using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

/// <summary>
/// The caseworker page in Debian's headless Chromium, driven by Playwright (no browser download), on a
/// silo of this build fed a small Fujian scenario: one person over the return-to-poverty line, whose
/// April stay is re-adjudicated when a March stay arrives late.
/// </summary>
public sealed partial class CaseworkerPageTests(SiloUnderTest silo) : IClassFixture<SiloUnderTest>
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_page_triages_warnings_lists_the_monitored_shows_history_with_adjustments_and_downloads_the_report()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, AcceptDownloads = true, TimezoneId = "Europe/Paris" });
        var problems = new List<string>();
        var urls = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") { problems.Add($"{message.Type}: {message.Text}"); } };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Request += (_, request) => urls.Add(request.Url);
        page.Response += (_, response) => { if (response.Status >= 400) { problems.Add($"{response.Status} {response.Url}"); } };
        await page.GotoAsync(silo.Url.ToString());
        await page.FillAsync("#key", "dev-caseworker-35");
        await page.FillAsync("#region", "350102");
        await page.FillAsync("#year", "2022");
        await page.ClickAsync("#access button");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("350102", new() { Timeout = Ms(Patience) });
        // An earlier year's report is usually its December's.
        await Assertions.Expect(page.Locator("#report-month")).ToHaveValueAsync("2022-12");

        var (psnNo, householdId) = ($"P-{Guid.NewGuid():N}"[..14], $"H-{Guid.NewGuid():N}"[..14]);
        var (april, march) = ($"S-{psnNo}-04", $"S-{psnNo}-03");
        using var feed = new HttpClient { BaseAddress = silo.Url };
        feed.DefaultRequestHeaders.Add("X-Api-Key", "dev-feed");
        await Register(feed, psnNo, householdId, "350102");
        // April, level 3, total 82 000, scope 80 000: basic (80 000 − 1 000) × 70 % = 55 300; critical base 24 700
        // over the deductible 20 329.50: 4 370.50 × 60 % = 2 622.30; self-pay 24 077.70 > the 23 229 line.
        await Send(feed.PostAsync("/api/settlements", Json(Settlement(april, psnNo, "2022-04-01T10:00:00", 82_000, 80_000))));

        var warnings = page.Locator("#warnings");
        var crossing = warnings.Locator("tr.threshold_crossed.alarm", new() { HasTextString = "return_to_poverty_risk" });
        await Assertions.Expect(crossing).ToContainTextAsync(psnNo, new() { Timeout = Ms(Patience) });
        await Assertions.Expect(crossing).ToContainTextAsync("因病返贫风险");
        await Assertions.Expect(crossing).ToContainTextAsync("24,077.70");
        await Assertions.Expect(crossing).ToContainTextAsync("23,229.00");
        await Assertions.Expect(crossing).ToContainTextAsync("2022-04-01 10:00:00");
        var quiet = page.Locator("#all-events tr.threshold_crossed.quiet", new() { HasTextString = "critical_deductible_met" });
        await Assertions.Expect(quiet).ToContainTextAsync("20,329.50", new() { Timeout = Ms(Patience) });
        Assert.Equal(0, await page.Locator("#all-events tr.alarm").CountAsync());
        await Assertions.Expect(warnings).Not.ToContainTextAsync("critical_deductible_met");
        await Assertions.Expect(warnings).Not.ToContainTextAsync("high_cost_settlement");
        // The April stay took the person over 80 % of the line and over it at once: one alarm, the warning beside it quiet.
        await Assertions.Expect(warnings.Locator("tr.threshold_warning.quiet", new() { HasTextString = psnNo })).ToContainTextAsync("因病返贫风险");
        await Assertions.Expect(warnings.Locator("tr.alarm", new() { HasTextString = psnNo })).ToHaveCountAsync(1);

        // March arrives late: counted first, its base 9 700 leaves the April stay 34 400 − 20 329.50 = 14 070.50
        // over the deductible: critical 8 442.30, i.e. +5 820.00, and self-pay −5 820.00.
        await Send(feed.PostAsync("/api/settlements", Json(Settlement(march, psnNo, "2022-03-01T10:00:00", 30_000, 30_000))));

        await page.SelectOptionAsync("#filter-rule", "return_to_poverty_risk");
        await page.SelectOptionAsync("#filter-level", "crossed");
        await page.FillAsync("#filter-city", "3501");
        var listed = page.Locator("#monitoring tbody tr", new() { HasTextString = psnNo });
        await UntilVisible(listed, () => page.ClickAsync("#monitoring-filters button"), "the person in the monitoring list");
        await Assertions.Expect(listed).ToContainTextAsync("3501");
        await Assertions.Expect(listed).ToContainTextAsync(householdId);
        await Assertions.Expect(listed).ToContainTextAsync("因病返贫风险");
        await Assertions.Expect(listed).ToContainTextAsync("超线");
        await Assertions.Expect(listed).ToContainTextAsync("23,229.00");

        await page.Locator("#history-type").SelectOptionAsync("households");
        await page.FillAsync("#history-id", householdId);
        await page.ClickAsync("#history-lookup button");
        await Assertions.Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(3, new() { Timeout = Ms(Patience) });
        await Assertions.Expect(page.Locator("#history thead")).ToContainTextAsync("成员 Member");

        await listed.GetByRole(AriaRole.Button).ClickAsync();
        var history = page.Locator("#history tbody tr");
        await Assertions.Expect(page.Locator("#history thead")).Not.ToContainTextAsync("成员 Member", new() { Timeout = Ms(Patience) });
        await Assertions.Expect(history).ToHaveCountAsync(3);
        await Assertions.Expect(history.Nth(0)).ToContainTextAsync(march);
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync(april);
        var adjusted = page.Locator("#history tr.entry-adjusted");
        await Assertions.Expect(adjusted).ToHaveCountAsync(1);
        var cells = (await adjusted.Locator("td").AllInnerTextsAsync()).ToArray();
        // Settled, logged, setl_id, kind, total, the seven payers, cause, events.
        Assert.Equal((april, "2022-04-01 10:00:00"), (cells[2], cells[0]));
        Assert.Contains("adjusted", cells[3], StringComparison.Ordinal);
        Assert.Equal(["0.00", "0.00", "+5,820.00", "0.00", "0.00", "0.00", "0.00", "−5,820.00"], cells[4..12]);
        Assert.Equal($"迟到结算 late_settlement ← {march}", cells[12]);
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("2,622.30");

        // Every rule listed: the critical deductible met is there for reference, not coloured as an alarm.
        await page.SelectOptionAsync("#filter-rule", "");
        await page.SelectOptionAsync("#filter-level", "");
        var reference = page.Locator("#monitoring tbody tr.quiet", new() { HasTextString = psnNo }).Filter(new() { HasTextString = "大病起付线已达" });
        await UntilVisible(reference, () => page.ClickAsync("#monitoring-filters button"), "the critical deductible met in the monitoring list");
        await Assertions.Expect(page.Locator("#monitoring tbody tr.level-crossed", new() { HasTextString = psnNo })).ToContainTextAsync("因病返贫风险");

        await page.FillAsync("#report-month", "2022-04");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-monthly"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        Assert.Contains(psnNo, csv, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#reports-status")).ToContainTextAsync("已下载");

        await page.FillAsync("#household", householdId);
        await page.ClickAsync("#lookup button");
        await Assertions.Expect(page.Locator("#household-view table")).ToContainTextAsync("27,957.70", new() { Timeout = Ms(Patience) });
        // Crossed hides the warning of the same rule: two open levels, not three.
        await Assertions.Expect(page.Locator("#household-view li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#household-view ul")).Not.ToContainTextAsync("预警");

        await page.Locator("#all-events-panel summary").ClickAsync();
        await page.Locator("header").ScrollIntoViewIfNeededAsync();
        // The Chinese is drawn in a CJK font, not as empty boxes (which the screenshot's size below would not notice).
        await AssertDrawnInCjkFont(page, page.Locator("header h1"));
        await AssertDrawnInCjkFont(page, page.Locator("#monitoring tbody tr.level-crossed", new() { HasTextString = psnNo }).Locator("span", new() { HasTextString = "因病返贫风险" }));
        var screenshot = Path.Combine(AppContext.BaseDirectory, "caseworker.png");
        File.Delete(screenshot);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        var (width, height, bytes) = PngSize(screenshot);
        Assert.True(width == 1400 && height >= 1000 && bytes > 60_000, $"the screenshot is {width}×{height}, {bytes} bytes");

        // The key travels in a header: only the event stream (EventSource sends no headers) has it in its URL.
        Assert.All(urls.Where(url => url.Contains("key=", StringComparison.Ordinal)), url => Assert.Contains("/api/events/stream?", url, StringComparison.Ordinal));
        Assert.Empty(problems);
    }

    /// <summary>A page signed in with the caseworker key on <paramref name="region"/>, its console errors, failed requests and page errors collected.</summary>
    private async Task<(IPage Page, List<string> Problems)> SignedIn(IBrowser browser, string region, string key = "dev-caseworker-35")
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, AcceptDownloads = true, TimezoneId = "Europe/Paris" });
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") { lock (problems) { problems.Add($"{message.Type}: {message.Text}"); } } };
        page.PageError += (_, error) => { lock (problems) { problems.Add($"page error: {error}"); } };
        page.Response += (_, response) => { if (response.Status >= 400) { lock (problems) { problems.Add($"{response.Status} {response.Url}"); } } };
        await page.GotoAsync(silo.Url.ToString());
        await page.FillAsync("#key", key);
        await page.FillAsync("#region", region);
        await page.FillAsync("#year", "2022");
        await page.ClickAsync("#access button");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync(region, new() { Timeout = Ms(Patience) });
        return (page, problems);
    }

    private HttpClient Feed()
    {
        var feed = new HttpClient { BaseAddress = silo.Url };
        feed.DefaultRequestHeaders.Add("X-Api-Key", "dev-feed");
        return feed;
    }

    /// <summary>A rural resident lifted out of poverty since 2021 (监测对象 of the scenario), alone in the household.</summary>
    private static Task Register(HttpClient feed, string psnNo, string householdId, string region) =>
        Send(feed.PutAsync($"/api/persons/{psnNo}", Json($$"""{"region_code":"{{region}}","household_id":"{{householdId}}","residence":"rural","insutype":"resident","identities":[{"type":"poverty_alleviated","begin":"2021-01-01"}]}""")));

    /// <summary>The region's monitoring list follows the journal asynchronously: ask again until the row is there.</summary>
    private static async Task UntilVisible(ILocator row, Func<Task> ask, string awaited)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await ask();
            try
            {
                await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 1_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // Not projected yet.
            }
            catch (PlaywrightException error)
            {
                throw new TimeoutException($"{awaited} did not appear within {Patience.TotalSeconds} s", error);
            }
        }
    }

    /// <summary>
    /// Asserts that Chromium drew every Chinese character of <paramref name="element"/>'s text
    /// with a CJK font (fonts-noto-cjk, installed by .ci/browser.sh), as DevTools reports the fonts it
    /// rendered a node's text with (CSS.getPlatformFontsForNode). Without one it draws them as empty boxes
    /// of another font: a page that looks filled to a screenshot's size, and is unreadable.
    /// </summary>
    private static async Task AssertDrawnInCjkFont(IPage page, ILocator element)
    {
        // DevTools finds the element by a selector: the element is marked for it while it is asked. Its fonts
        // are those of all the text inside it, so the Chinese characters are counted in all of it too.
        var text = await element.EvaluateAsync<string>("e => { e.setAttribute('data-font-probe', ''); return e.textContent; }");
        var chinese = text.Count(c => c is >= '\u4E00' and <= '\u9FFF');
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("DOM.enable");
        await devTools.SendAsync("CSS.enable");
        var root = (await devTools.SendAsync("DOM.getDocument"))!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = (await devTools.SendAsync("DOM.querySelector", new() { ["nodeId"] = root, ["selector"] = "[data-font-probe]" }))!.Value.GetProperty("nodeId").GetInt32();
        var fonts = (await devTools.SendAsync("CSS.getPlatformFontsForNode", new() { ["nodeId"] = node }))!.Value.GetProperty("fonts").EnumerateArray()
            .Select(font => (Family: font.GetProperty("familyName").GetString()!, Glyphs: font.GetProperty("glyphCount").GetInt32())).ToList();
        await devTools.DetachAsync();
        await element.EvaluateAsync("e => e.removeAttribute('data-font-probe')");
        var inCjk = fonts.Where(font => font.Family.Contains("CJK", StringComparison.Ordinal)).Sum(font => font.Glyphs);
        Assert.True(chinese > 0 && inCjk >= chinese,
            $"'{text}' ({chinese} Chinese characters) was drawn with {string.Join(", ", fonts.Select(font => $"{font.Family} ({font.Glyphs} glyphs)"))}: "
            + "no CJK font drew the Chinese (install fonts-noto-cjk: bash .ci/browser.sh)");
    }

    private static (int Width, int Height, long Bytes) PngSize(string path)
    {
        var header = new byte[24];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(header);
        }
        Assert.Equal("IHDR", Encoding.ASCII.GetString(header, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)), new FileInfo(path).Length);
    }

    private static string Settlement(string setlId, string psnNo, string setlTime, decimal total, decimal scope) =>
        $$"""{"setl_id":"{{setlId}}","psn_no":"{{psnNo}}","setl_time":"{{setlTime}}","med_type":"21","hosp_lv":3,"medfee_sumamt":{{total}},"inscp_scp_amt":{{scope}},"fulamt_ownpay_amt":{{total - scope}}}""";

    private static async Task Send(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
