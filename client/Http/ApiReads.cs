using System.Globalization;
using System.Net;

namespace Ledger.Client.Http;

/// <summary>One-shot GETs (person, household, report): one attempt, a clear error, no retries.</summary>
public static class ApiReads
{
    /// <summary>How long a read may take before it is reported as unanswered.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string accept, bool keyGiven, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"GET /{path}: no answer from {http.BaseAddress} within {ReadTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException exception)
        {
            throw new HttpRequestException($"GET /{path}: cannot reach {http.BaseAddress}: {exception.Message}", exception, exception.StatusCode);
        }
        if ((int)response.StatusCode is >= 200 and < 300)
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var problem = Problem.Parse(response.StatusCode, body);
            var hint = response.StatusCode == HttpStatusCode.Unauthorized && !keyGiven ? " (no API key given: use --key or LEDGER_API_KEY)"
                // Refused for now (a month-end report while the projections are rebuilt, say): when to ask again.
                : response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait
                    ? string.Create(CultureInfo.InvariantCulture, $" (ask again in {wait.TotalSeconds:0} s)") : "";
            throw new ApiException($"GET /{path}: {problem.Describe()}{hint}", problem);
        }
    }
}
