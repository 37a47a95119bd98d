using System.Diagnostics;
using System.Text.Json;
using Ledger.Silo.Projections;
using Ledger.Tests.Support;

namespace Ledger.Bench.Projections;

/// <summary>
/// The monitoring pages and the city report as a caseworker gets them: from a silo process on the
/// bench's database, over HTTP with a caseworker key for region 35 (key check, region scope, rate
/// limit, JSON written and read, CSV streamed), on the same two cores as the bench and PostgreSQL.
/// </summary>
internal static class HttpRun
{
    private const string CaseworkerKey = "bench-caseworker-35";

    /// <summary>A silo in the PostgreSQL mode on <paramref name="connection"/>, stopped after <paramref name="run"/>: its projector must not race the lag run's.</summary>
    public static async Task<T> WithSilo<T>(string connection, Func<HttpClient, Task<T>> run)
    {
        await using var silo = await SiloProcess.StartAsync(connection, settings: new Dictionary<string, string>
        {
            ["Ledger:ApiKeys:2:Id"] = "bench-caseworker",
            ["Ledger:ApiKeys:2:Key"] = CaseworkerKey,
            ["Ledger:ApiKeys:2:Role"] = "caseworker",
            ["Ledger:ApiKeys:2:Regions:0"] = "35",
        });
        using var http = new HttpClient { BaseAddress = silo.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", CaseworkerKey);
        var result = await run(http);
        await silo.StopAsync();
        return result;
    }

    /// <summary>Asks one page and reads it whole; answers how many items it held.</summary>
    public static async Task<int> Page(HttpClient http, MonitoringQuery query)
    {
        var url = $"api/regions/{query.RegionPrefix}/monitoring?year={query.Year}&page={query.Page}&page_size={query.PageSize}"
            + (query.Rule is { } rule ? $"&rule={rule}" : "") + (query.Level is { } level ? $"&level={level}" : "")
            + (query.CityCode is { } city ? $"&city={city}" : "");
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var page = await JsonDocument.ParseAsync(body);
        return page.RootElement.GetProperty("items").GetArrayLength();
    }

    /// <summary>City 3501's March report streamed through a counting stream, as a browser saves it.</summary>
    public static async Task<(TimeSpan Time, long Rows, long Bytes)> Csv(HttpClient http)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync("api/regions/3501/reports/monthly?month=2022-03", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var counting = new CountingStream();
        await (await response.Content.ReadAsStreamAsync()).CopyToAsync(counting);
        return (Stopwatch.GetElapsedTime(started), counting.Lines - 1, counting.Length);
    }
}
