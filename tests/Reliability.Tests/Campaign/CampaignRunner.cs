using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ledger.Reliability.Tests.Campaign;

/// <summary>How the ledger answered one bad input: the status and the fields its problem named.</summary>
public sealed record Outcome(BadInput Input, int Status, bool IsProblem, IReadOnlyList<string> Fields, string Answer)
{
    public bool AcceptedByMistake => Status is >= 200 and < 300;

    public bool AsExpected => Status == Input.Status && IsProblem && Fields.Contains(Input.Field);

    public override string ToString() => $"{Input} → {Status} naming [{string.Join(", ", Fields)}]: {(Answer.Length > 300 ? Answer[..300] + "…" : Answer)}";
}

/// <summary>Sends the campaign: whole requests a few at a time, bad lines in NDJSON batches, and reads every answer.</summary>
public static class CampaignRunner
{
    public const int LinesPerBatch = 200;
    private const int RequestsInFlightMax = 8;

    public static async Task<List<Outcome>> RunAsync(Uri silo, IReadOnlyList<BadInput> inputs)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(60) };
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<Outcome>();
        await Parallel.ForEachAsync(inputs.Where(input => !input.InBatch), new ParallelOptions { MaxDegreeOfParallelism = RequestsInFlightMax },
            async (input, cancel) => outcomes.Add(await SendAsync(http, input, cancel)));
        await Parallel.ForEachAsync(inputs.Where(input => input.InBatch).Chunk(LinesPerBatch), new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (batch, cancel) =>
            {
                foreach (var outcome in await SendBatchAsync(http, batch, cancel))
                {
                    outcomes.Add(outcome);
                }
            });
        return [.. outcomes];
    }

    private static async Task<Outcome> SendAsync(HttpClient http, BadInput input, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(input.Method, input.Path);
        request.Headers.Add("X-Api-Key", input.Method == HttpMethod.Get ? SiloProcess.OperatorKey : SiloProcess.FeedKey);
        if (input.Method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(input.Body);
            if (input.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(input.ContentType);
            }
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        // An event stream that was (wrongly) opened never ends: read no further than its headers.
        var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync(cancel);
        return new Outcome(input, (int)response.StatusCode, isProblem, isProblem ? ErrorFields(body) : [], body);
    }

    private static async Task<IEnumerable<Outcome>> SendBatchAsync(HttpClient http, BadInput[] batch, CancellationToken cancel)
    {
        var body = batch.SelectMany(input => input.Body.Append((byte)'\n')).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/settlements") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.Add("X-Api-Key", SiloProcess.FeedKey);
        using var response = await http.SendAsync(request, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            return batch.Select(input => new Outcome(input, (int)response.StatusCode, false, [], text));
        }
        var answers = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(answers.Length == batch.Length, $"a batch of {batch.Length} lines was answered with {answers.Length} results");
        return batch.Zip(answers, (input, answer) => Line(input, answer));
    }

    /// <summary>A batch line's answer: "rejected" with a problem object, whose status is the line's.</summary>
    private static Outcome Line(BadInput input, string answer)
    {
        var root = JsonDocument.Parse(answer).RootElement;
        var status = root.GetProperty("status").GetString();
        if (status != "rejected")
        {
            return new Outcome(input, 200, false, [], answer);
        }
        var error = root.GetProperty("error");
        return new Outcome(input, error.GetProperty("status").GetInt32(), true, ErrorFields(error.GetRawText()), answer);
    }

    private static IReadOnlyList<string> ErrorFields(string problem)
    {
        try
        {
            var root = JsonDocument.Parse(problem).RootElement;
            return root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? errors.EnumerateObject().Select(error => error.Name).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
