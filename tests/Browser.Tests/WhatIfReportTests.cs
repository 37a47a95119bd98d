using Ledger.Client.Cli;
using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

/// <summary>
/// report.html of a what-if on a synthetic region, opened from disk in Debian's headless Chromium: the
/// histogram renders with both series, the page logs no error and asks for nothing beyond itself, and
/// the screenshot shows the two series' colours where the chart is.
/// </summary>
public sealed class WhatIfReportTests
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private static readonly string Case = Path.Combine(AppContext.BaseDirectory, "policies", "golden", "what-if", "fujian-assistance-ratio");

    [Fact]
    public async Task The_report_opens_in_chromium_with_the_histogram_drawn_and_no_error()
    {
        var directory = Directory.CreateTempSubdirectory("ledger-what-if-report-").FullName;
        try
        {
            var report = await WriteReportAsync(directory);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1320 } });
            var problems = new List<string>();
            var requests = new List<string>();
            page.Console += (_, message) => { if (message.Type is "error" or "warning") { problems.Add($"{message.Type}: {message.Text}"); } };
            page.PageError += (_, error) => problems.Add($"page error: {error}");
            page.Request += (_, request) => requests.Add(request.Url);

            await page.GotoAsync(new Uri(report).AbsoluteUri);

            var histogram = page.Locator("svg#self-pay-histogram");
            await Assertions.Expect(histogram).ToBeVisibleAsync();
            Assert.Equal(16, await histogram.Locator("rect.before[data-bin]").CountAsync());
            Assert.Equal(16, await histogram.Locator("rect.after[data-bin]").CountAsync());
            var drawn = await page.EvaluateAsync<int[]>("""
                () => ['before', 'after'].map(side => [...document.querySelectorAll(`#self-pay-histogram rect.${side}[data-bin]`)]
                    .filter(bar => bar.getBoundingClientRect().height > 1).length)
                """);
            Assert.All(drawn, bars => Assert.True(bars >= 5, $"only {bars} bars of a series have a height"));
            var persons = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('#self-pay-histogram rect.before[data-bin]')].reduce((sum, bar) => sum + Number(bar.dataset.count), 0)");
            var replayed = File.ReadLines(Path.Combine(directory, "out", "report.csv")).Single(line => line.StartsWith("input,,,persons,", StringComparison.Ordinal));
            Assert.Equal(replayed.Split(',')[4], persons.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Policy what-if: region 3501, 2024");
            await Assertions.Expect(page.Locator("table").First).ToContainTextAsync("医疗救助");

            var screenshot = Path.Combine(directory, "report.png");
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = false });
            var chart = await histogram.ScreenshotAsync();
            // Decoded in a blank page of its own: the report's content security policy forbids even data: images.
            var (before, after) = await ColourCountsAsync(await browser.NewPageAsync(), chart);
            Assert.True(before > 2_000 && after > 2_000, $"the chart's screenshot shows {before} pixels of the before colour and {after} of the after colour");
            Assert.Empty(problems);
            Assert.Equal([new Uri(report).AbsoluteUri], requests);
            File.Copy(screenshot, Path.Combine(AppContext.BaseDirectory, "what-if-report.png"), overwrite: true);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A synthetic region (seed 7, 100 households) under the golden case's frozen Fujian and its 80 % assistance.</summary>
    private static async Task<string> WriteReportAsync(string directory)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var context = CliContext.Plain(output, error);
        Assert.Equal(0, await LedgerCommandLine.RunAsync(context, ["simulate", "--households", "100", "--count", "2000", "--year", "2024", "--seed", "7", "--out", Path.Combine(directory, "region")]));
        var exit = await LedgerCommandLine.RunAsync(context, ["what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", Path.Combine(Case, "changed.yaml"),
            "--feed", Path.Combine(directory, "region", "settlements.ndjson"), "--persons", Path.Combine(directory, "region", "persons.ndjson"), "--out", Path.Combine(directory, "out")]);
        Assert.True(exit == 0, error.ToString());
        return Path.Combine(directory, "out", "report.html");
    }

    /// <summary>Counts the pixels of the two series' colours in a PNG, decoded by the browser itself.</summary>
    private static async Task<(int Before, int After)> ColourCountsAsync(IPage page, byte[] png)
    {
        var counts = await page.EvaluateAsync<int[]>("""
            async (data) => {
              const image = new Image();
              image.src = 'data:image/png;base64,' + data;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.width; canvas.height = image.height;
              const context = canvas.getContext('2d');
              context.drawImage(image, 0, 0);
              const pixels = context.getImageData(0, 0, image.width, image.height).data;
              const near = (i, r, g, b) => Math.abs(pixels[i] - r) < 8 && Math.abs(pixels[i + 1] - g) < 8 && Math.abs(pixels[i + 2] - b) < 8;
              let before = 0, after = 0;
              for (let i = 0; i < pixels.length; i += 4) {
                if (near(i, 0x7a, 0x8f, 0xa6)) before++;
                if (near(i, 0xe0, 0x7b, 0x39)) after++;
              }
              return [before, after];
            }
            """, Convert.ToBase64String(png));
        return (counts[0], counts[1]);
    }
}
