using System.Diagnostics;
using System.Net;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>What the probe saw: 503 answers by time after the fault, and the slowest answer.</summary>
public sealed record FailoverFigures(int Probes, int Unavailable, int Failed, TimeSpan? FirstUnavailable, TimeSpan? LastUnavailable, TimeSpan SlowestAnswer)
{
    /// <summary>From the fault to the last 503: what a killed silo cost the survivor's callers.</summary>
    public double UnavailableSeconds => LastUnavailable?.TotalSeconds ?? 0d;
}

/// <summary>
/// Reads households through one silo without pause, several at a time, round the whole feed, for a
/// fixed span after a fault: a household whose activation was on a killed silo answers 503 until the
/// cluster declares that silo dead and activates the household here.
/// </summary>
public sealed class FailoverProbe
{
    private const int ReadsInFlight = 8;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private readonly Uri _silo;
    private readonly IReadOnlyList<string> _householdIds;

    public FailoverProbe(Uri silo, IEnumerable<string> householdIds)
    {
        _silo = silo;
        _householdIds = householdIds.Distinct().ToList();
    }

    /// <summary>Probes from now (the fault) for <paramref name="span"/>; every read's status and latency is kept.</summary>
    public async Task<FailoverFigures> RunAsync(TimeSpan span)
    {
        using var http = new HttpClient { BaseAddress = _silo, Timeout = ReadTimeout };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.OperatorKey);
        var clock = Stopwatch.StartNew();
        var next = -1;
        var answers = new List<(TimeSpan At, HttpStatusCode? Status, TimeSpan Latency)>();
        await Task.WhenAll(Enumerable.Range(0, ReadsInFlight).Select(async _ =>
        {
            while (clock.Elapsed < span)
            {
                var id = _householdIds[(Interlocked.Increment(ref next) & int.MaxValue) % _householdIds.Count];
                var sent = clock.Elapsed;
                HttpStatusCode? status;
                try
                {
                    using var response = await http.GetAsync($"api/households/{Uri.EscapeDataString(id)}?year={Feeds.SyntheticFeed.Year}");
                    status = response.StatusCode;
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    status = null;
                }
                lock (answers)
                {
                    answers.Add((sent, status, clock.Elapsed - sent));
                }
            }
        }));
        var unavailable = answers.Where(answer => answer.Status == HttpStatusCode.ServiceUnavailable).Select(answer => answer.At + answer.Latency).Order().ToList();
        return new FailoverFigures(answers.Count, unavailable.Count,
            answers.Count(answer => answer.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)),
            unavailable.Count > 0 ? unavailable[0] : null, unavailable.Count > 0 ? unavailable[^1] : null,
            answers.Max(answer => answer.Latency));
    }
}
