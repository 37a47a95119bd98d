using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Ledger.Bench.Load.Measuring;

namespace Ledger.Bench.Load.Phases;

/// <summary>What one feeding phase achieved.</summary>
public sealed record FeedResult(int Settlements, double Seconds, int Recorded, int Duplicate, int Rejected, int Retries, Latencies Ack)
{
    public double PerSecond => Settlements / Seconds;
}

/// <summary>
/// Sends prepared NDJSON batches over several connections, as fast as possible or paced to a rate,
/// resending a batch the silo could not take (503, transport error) as a feed would. Records each
/// request's acknowledgement latency, and when asked, the moment each settlement was acknowledged.
/// </summary>
public sealed class Feeder(HttpClient http, int connections)
{
    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    /// <summary>When each settlement's acknowledgement arrived (Stopwatch ticks), for matching events to it.</summary>
    public ConcurrentDictionary<string, long>? AckedAt { get; init; }

    public async Task<FeedResult> RunAsync(IReadOnlyList<Batch> batches, double perSecond, CancellationToken cancellationToken)
    {
        var next = -1;
        var (recorded, duplicate, rejected, retries) = (0, 0, 0, 0);
        var ack = new Latencies();
        var clock = Stopwatch.StartNew();
        var linesPerBatch = batches.Count == 0 ? 1 : batches[0].SetlIds.Length;
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var index && index < batches.Count)
            {
                if (perSecond > 0)
                {
                    var due = TimeSpan.FromSeconds(index * linesPerBatch / perSecond) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, cancellationToken);
                    }
                }
                var (text, tries, milliseconds) = await SendUntilTakenAsync(batches[index], cancellationToken);
                ack.Add(milliseconds);
                Interlocked.Add(ref retries, tries - 1);
                Interlocked.Add(ref recorded, Count(text, "\"status\":\"recorded\""));
                Interlocked.Add(ref duplicate, Count(text, "\"status\":\"duplicate\""));
                Interlocked.Add(ref rejected, Count(text, "\"status\":\"rejected\""));
            }
        });
        await Task.WhenAll(workers);
        return new FeedResult(batches.Sum(batch => batch.SetlIds.Length), clock.Elapsed.TotalSeconds, recorded, duplicate, rejected, retries, ack);
    }

    private async Task<(string Text, int Tries, double Milliseconds)> SendUntilTakenAsync(Batch batch, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var content = new ByteArrayContent(batch.Body);
                content.Headers.ContentType = Ndjson;
                using var response = await http.PostAsync("api/settlements", content, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode && !text.Contains("\"status\":503", StringComparison.Ordinal))
                {
                    var now = Stopwatch.GetTimestamp();
                    if (AckedAt is { } acked)
                    {
                        foreach (var setlId in batch.SetlIds)
                        {
                            acked[setlId] = now;
                        }
                    }
                    return (text, tries, Stopwatch.GetElapsedTime(started, now).TotalMilliseconds);
                }
                if ((int)response.StatusCode is >= 400 and < 500)
                {
                    throw new InvalidOperationException($"the silo refused a batch: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
                }
            }
            catch (HttpRequestException)
            {
                // Resent below, as a feed would.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(tries, 10)), cancellationToken);
        }
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    public static HttpClient Client(Uri silo, string key, int connections)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = silo, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
