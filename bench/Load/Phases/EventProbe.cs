using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Ledger.Bench.Load.Measuring;

namespace Ledger.Bench.Load.Phases;

/// <summary>
/// A caseworker's live stream (SSE) over the run: notes when each threshold event arrives, to be set
/// against when its settlement was acknowledged.
/// </summary>
public sealed class EventProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string SetlId, long ReceivedAt)> _received = new();
    private readonly Task _reading;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EventProbe(HttpClient http, string region)
    {
        _reading = ReadAsync(http, region);
    }

    public Task Connected => _connected.Task;

    public int Received => _received.Count;

    private async Task ReadAsync(HttpClient http, string region)
    {
        try
        {
            using var response = await http.GetAsync($"api/events/stream?region={region}", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line == ": connected")
                {
                    _connected.TrySetResult();
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var now = Stopwatch.GetTimestamp();
                    using var data = JsonDocument.Parse(line.AsMemory(6));
                    if (data.RootElement.GetProperty("kind").GetString()!.StartsWith("threshold", StringComparison.Ordinal))
                    {
                        _received.Enqueue((data.RootElement.GetProperty("setl_id").GetString()!, now));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Done.
        }
        catch (Exception error)
        {
            _connected.TrySetException(error);
            throw;
        }
    }

    /// <summary>Milliseconds from each settlement's acknowledgement to its threshold events' arrival (negative: the event came first).</summary>
    public Latencies AfterAcknowledgement(IReadOnlyDictionary<string, long> ackedAt)
    {
        var latencies = new Latencies();
        foreach (var (setlId, receivedAt) in _received)
        {
            if (ackedAt.TryGetValue(setlId, out var acked))
            {
                latencies.Add((receivedAt - acked) * 1000.0 / Stopwatch.Frequency);
            }
        }
        return latencies;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }
}
