using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Client.Wire;

namespace Ledger.Bench.Load.Phases;

/// <summary>
/// Registers the synthetic region's persons as an identity feed sends a roll: <c>POST /api/persons</c>
/// with NDJSON batches (<see cref="BatchLines"/> persons unless told); returns persons per second.
/// </summary>
public static class Registration
{
    public const int BatchLines = 10_000;

    public static Task<double> RunAsync(HttpClient http, IReadOnlyList<PersonLine> persons, int connections, CancellationToken cancellationToken) =>
        RunAsync(http, persons, connections, BatchLines, cancellationToken);

    public static async Task<double> RunAsync(HttpClient http, IReadOnlyList<PersonLine> persons, int connections, int batchLines, CancellationToken cancellationToken)
    {
        var batches = persons.Chunk(batchLines).Select(batch => string.Join('\n', batch.Select(person => JsonSerializer.Serialize(person, ClientJson.Options))) + "\n").ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = cancellationToken }, async (body, cancel) =>
        {
            for (var tries = 1; ; tries++)
            {
                using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/x-ndjson"));
                using var response = await http.PostAsync("api/persons", content, cancel);
                var answer = await response.Content.ReadAsStringAsync(cancel);
                if (response.IsSuccessStatusCode && !answer.Contains("\"status\":\"rejected\"", StringComparison.Ordinal))
                {
                    return;
                }
                if (((int)response.StatusCode is < 500 and not 200) || tries > 20)
                {
                    throw new InvalidOperationException($"registering a batch: {(int)response.StatusCode} {answer[..Math.Min(answer.Length, 500)]}");
                }
                // A line answered "unavailable" (storage, a silo): the whole batch again, registrations are idempotent.
                await Task.Delay(200, cancel);
            }
        });
        return persons.Count / clock.Elapsed.TotalSeconds;
    }
}
