using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Client.Http;
using Ledger.Shared;

namespace Ledger.Client.Feeding;

/// <summary>
/// An NDJSON batch to a route that answers one result per line, in order (API.md): the lines are sent
/// byte for byte as read, and each result must name the line's own key.
/// </summary>
public abstract class BatchTarget(HttpClient http, RetryPolicy policy, bool keyGiven, string route, string keyField) : ILineTarget
{
    /// <summary>The API's limit on one batch.</summary>
    public const int BatchLinesMax = WireLimits.BatchLinesMax;

    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    public int LinesPerRequestMax => BatchLinesMax;

    public Task<Attempt> AttemptAsync(IReadOnlyList<FeedLine> lines, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(line => line.Text)) + "\n");
        return HttpAttempts.SendAsync(http, () => Request(body), policy, (response, text) => Answer(lines, response, text), cancellationToken);
    }

    private HttpRequestMessage Request(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Ndjson;
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private Attempt Answer(IReadOnlyList<FeedLine> lines, HttpResponseMessage response, string body)
    {
        var call = $"POST /{route}";
        if (!HttpAttempts.IsSuccess(response.StatusCode))
        {
            return HttpAttempts.Failure(call, response, body, keyGiven);
        }
        IReadOnlyList<JsonElement> results;
        try
        {
            results = BatchAnswers.Parse(body);
        }
        catch (JsonException exception)
        {
            return new Attempt.Fatal($"{call}: the answer is not JSON ({exception.Message})");
        }
        if (results.Count != lines.Count)
        {
            return new Attempt.Fatal($"{call}: {results.Count} result(s) for {lines.Count} line(s)");
        }
        var answers = new LineAnswer[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (BatchAnswers.Read(results[i], lines[i], keyField) is not { } answer)
            {
                return new Attempt.Fatal($"{call}: line {lines[i].LineNumber} answered {BatchAnswers.Summary(results[i])}, which is not an answer for it");
            }
            answers[i] = answer;
        }
        return new Attempt.Answered(answers);
    }
}

/// <summary><c>POST /api/settlements</c>: settlements in batches, idempotent by setl_id.</summary>
public sealed class SettlementTarget(HttpClient http, RetryPolicy policy, bool keyGiven)
    : BatchTarget(http, policy, keyGiven, "api/settlements", "setl_id");

/// <summary>
/// <c>POST /api/persons</c>: a roll of registrations in batches, one PUT body plus psn_no per line. A
/// registration replaces the profile, so resending it is as safe as resending a settlement.
/// </summary>
public sealed class PersonTarget(HttpClient http, RetryPolicy policy, bool keyGiven)
    : BatchTarget(http, policy, keyGiven, "api/persons", "psn_no")
{
    /// <summary>Persons files must name the psn_no of every line: it is whom the line registers.</summary>
    public static FeedLine RequireKey(FeedLine line) =>
        line.IsMalformed || !string.IsNullOrEmpty(line.Key)
            ? line
            : FeedLine.Bad(line.LineNumber, line.Text, "psn_no is missing or not a string", line.Weight);
}
