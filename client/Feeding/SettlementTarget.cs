using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Client.Http;

namespace Ledger.Client.Feeding;

/// <summary>
/// <c>POST /api/settlements</c> with an NDJSON batch: the lines are sent byte for byte as read, and the
/// answer holds one result per line, in order (API.md).
/// </summary>
public sealed class SettlementTarget(HttpClient http, RetryPolicy policy, bool keyGiven) : ILineTarget
{
    /// <summary>The API's limit on one batch.</summary>
    public const int BatchLinesMax = 10_000;

    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    public int LinesPerRequestMax => BatchLinesMax;

    public Task<Attempt> AttemptAsync(IReadOnlyList<FeedLine> lines, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(line => line.Text)) + "\n");
        return HttpAttempts.SendAsync(http, () => Request(body), policy, (response, text) => Answer(lines, response, text), cancellationToken);
    }

    private static HttpRequestMessage Request(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Ndjson;
        var request = new HttpRequestMessage(HttpMethod.Post, "api/settlements") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private Attempt Answer(IReadOnlyList<FeedLine> lines, HttpResponseMessage response, string body)
    {
        if (!HttpAttempts.IsSuccess(response.StatusCode))
        {
            return HttpAttempts.Failure("POST /api/settlements", response, body, keyGiven);
        }
        IReadOnlyList<JsonElement> results;
        try
        {
            results = BatchAnswers.Parse(body);
        }
        catch (JsonException exception)
        {
            return new Attempt.Fatal($"POST /api/settlements: the answer is not JSON ({exception.Message})");
        }
        if (results.Count != lines.Count)
        {
            return new Attempt.Fatal($"POST /api/settlements: {results.Count} result(s) for {lines.Count} line(s)");
        }
        var answers = new LineAnswer[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (BatchAnswers.Read(results[i], lines[i]) is not { } answer)
            {
                return new Attempt.Fatal(
                    $"POST /api/settlements: line {lines[i].LineNumber} answered {BatchAnswers.Summary(results[i])}, which is not a settlement answer for it");
            }
            answers[i] = answer;
        }
        return new Attempt.Answered(answers);
    }
}
