using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Client.Wire;

namespace Ledger.Reliability.Tests.Feeds;

/// <summary>What a steady feed saw, line by line; <see cref="Repeated"/> lines were sent again on purpose (after the file ran out).</summary>
public sealed record FeedCounts(int Lines, int Recorded, int Duplicate, int Repeated, int Answered503, int RequestsFailed, int Requests);

/// <summary>
/// A feed at a steady pace (one batch per period, one request at a time) through whichever silo
/// <see cref="Target"/> names at that moment — as a load balancer that has taken a draining silo out
/// sends it — counting every answer: a line answered 503, or a request without an answer, is counted
/// and sent again. It never stops on its own: once the file is sent it sends it again from the top
/// (each such line must answer <c>duplicate</c>), however long the restarts under it take.
/// <see cref="Finish"/> drops the pace, sends what is left of the file and ends.
/// </summary>
public sealed class SteadyFeeder(IReadOnlyList<SettlementLine> settlements, Uri target, int batchLines, TimeSpan period)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private const int FinishingBatchLines = 200;

    private volatile Uri _target = target;
    private volatile bool _finishing;
    private int _recorded, _duplicate, _repeated, _answered503, _requestsFailed, _requests;

    public Uri Target { get => _target; set => _target = value; }

    /// <summary>Settlements acknowledged so far (recorded or duplicate).</summary>
    public int Acknowledged => Volatile.Read(ref _recorded) + Volatile.Read(ref _duplicate);

    public void Finish() => _finishing = true;

    public FeedCounts Counts => new(settlements.Count, _recorded, _duplicate, _repeated, _answered503, _requestsFailed, _requests);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = RequestTimeout };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.FeedKey);
        var pending = new Queue<SettlementLine>(settlements);
        var repeat = 0;
        using var pace = new PeriodicTimer(period);
        while (pending.Count > 0 || !_finishing)
        {
            var batch = new List<SettlementLine>();
            while (batch.Count < (_finishing ? FinishingBatchLines : batchLines) && pending.TryDequeue(out var line))
            {
                batch.Add(line);
            }
            while (batch.Count < batchLines && !_finishing)
            {
                batch.Add(settlements[repeat++ % settlements.Count]);
                Interlocked.Increment(ref _repeated);
            }
            foreach (var unacknowledged in await SendAsync(http, batch, cancellationToken))
            {
                pending.Enqueue(unacknowledged);
            }
            if (!_finishing)
            {
                await pace.WaitForNextTickAsync(cancellationToken);
            }
        }
    }

    /// <summary>Sends one batch; returns the lines to send again.</summary>
    private async Task<IReadOnlyList<SettlementLine>> SendAsync(HttpClient http, List<SettlementLine> batch, CancellationToken cancellationToken)
    {
        var silo = _target;
        Interlocked.Increment(ref _requests);
        var body = string.Join('\n', batch.Select(line => JsonSerializer.Serialize(line, ClientJson.Options))) + "\n";
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri(silo, "api/settlements"), new StringContent(body, Encoding.UTF8, "application/x-ndjson"), cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _requestsFailed);
            return batch;
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Add(ref _answered503, batch.Count);
                return batch;
            }
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"a batch through {silo} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            var answers = (await response.Content.ReadAsStringAsync(cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement).ToList();
            Assert.Equal(batch.Count, answers.Count);
            var again = new List<SettlementLine>();
            for (var i = 0; i < batch.Count; i++)
            {
                switch (answers[i].GetProperty("status").GetString())
                {
                    case "recorded":
                        Interlocked.Increment(ref _recorded);
                        break;
                    case "duplicate":
                        Interlocked.Increment(ref _duplicate);
                        break;
                    case var _ when answers[i].GetProperty("error").GetProperty("status").GetInt32() == 503:
                        Interlocked.Increment(ref _answered503);
                        again.Add(batch[i]);
                        break;
                    default:
                        Assert.Fail($"{batch[i].SetlId} through {silo}: {answers[i]}");
                        break;
                }
            }
            return again;
        }
    }
}
