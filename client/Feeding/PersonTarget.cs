using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Client.Http;

namespace Ledger.Client.Feeding;

/// <summary>
/// <c>PUT /api/persons/{psn_no}</c>, one line per request: the line without its psn_no is the body.
/// A PUT replaces the profile, so resending it is as safe as resending a settlement.
/// </summary>
public sealed class PersonTarget(HttpClient http, RetryPolicy policy, bool keyGiven) : ILineTarget
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public int LinesPerRequestMax => 1;

    public Task<Attempt> AttemptAsync(IReadOnlyList<FeedLine> lines, CancellationToken cancellationToken)
    {
        var line = lines.Single();
        var psnNo = line.Key ?? throw new InvalidOperationException($"line {line.LineNumber} has no psn_no and should have been refused as malformed");
        var body = JsonNode.Parse(line.Text)!.AsObject();
        body.Remove("psn_no");
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return HttpAttempts.SendAsync(http, () => Request(psnNo, bytes), policy, Answer, cancellationToken);
    }

    private static HttpRequestMessage Request(string psnNo, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Put, $"api/persons/{LedgerHttp.Segment(psnNo)}") { Content = content };
    }

    private Attempt Answer(HttpResponseMessage response, string body) =>
        HttpAttempts.IsSuccess(response.StatusCode)
            ? new Attempt.Answered([new LineAnswer(LineStatus.Recorded)])
            : HttpAttempts.Failure("PUT /api/persons", response, body, keyGiven);

    /// <summary>Persons files must name the psn_no of every line: it is the address of the PUT.</summary>
    public static FeedLine RequireKey(FeedLine line) =>
        line.IsMalformed || !string.IsNullOrEmpty(line.Key)
            ? line
            : FeedLine.Bad(line.LineNumber, line.Text, "psn_no is missing or not a string", line.Weight);
}
