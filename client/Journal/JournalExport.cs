using System.Net;
using System.Text.Json;
using Ledger.Client.Feeding;
using Ledger.Client.Http;
using Ledger.Shared;

namespace Ledger.Client.Journal;

/// <summary>How far an export got.</summary>
public sealed record JournalExportSummary(long Entries, int Pages, long LastPosition);

/// <summary>
/// Pages through <c>GET /api/journal?region=&amp;year=&amp;after=&amp;limit=</c> (journal-wire): each page the
/// entries after the last position seen, an empty page the end. Lines are written as served; each must
/// be an object whose position follows the last one, or the export stops (a gap or a repeat would make
/// the replay wrong). The file appears only once complete: it is written beside as <c>.partial</c> and moved.
/// Transient failures (no answer, 5xx, 429) are retried with the feed's backoff; 4xx stops with the problem.
/// </summary>
public sealed class JournalExport(HttpClient http, RetryPolicy retry, bool keyGiven)
{
    /// <summary>The API's limit on one page.</summary>
    public const int PageMax = WireLimits.JournalPageMax;

    public async Task<JournalExportSummary> ExportAsync(string region, int year, int page, string path, Action<long> progress, CancellationToken cancellationToken)
    {
        var partial = path + ".partial";
        var (entries, pages, after) = (0L, 0, 0L);
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            while (true)
            {
                var query = $"api/journal?region={Uri.EscapeDataString(region)}&year={year}&after={after}&limit={page}";
                var body = await FetchAsync(query, cancellationToken);
                pages++;
                var lines = Lines(body);
                if (lines.Count == 0)
                {
                    break;
                }
                foreach (var line in lines)
                {
                    var position = Position(body.AsSpan(line.Start, line.Length));
                    if (position is not { } next || next <= after)
                    {
                        throw new HttpRequestException(
                            $"GET /{query}: entry {entries + 1} of the export {(position is null ? "is not a journal entry with a position" : $"has position {position}, not after {after}")}; nothing was written to {path}");
                    }
                    await file.WriteAsync(body.AsMemory(line.Start, line.Length), cancellationToken);
                    file.WriteByte((byte)'\n');
                    after = next;
                    entries++;
                }
                progress(entries);
            }
        }
        File.Move(partial, path, overwrite: true);
        return new JournalExportSummary(entries, pages, after);
    }

    private async Task<byte[]> FetchAsync(string query, CancellationToken cancellationToken)
    {
        var started = retry.Time.GetUtcNow();
        for (var failures = 1; ; failures++)
        {
            var (body, transient, retryAfter) = await AttemptAsync(query, cancellationToken);
            if (body is not null)
            {
                return body;
            }
            if (retry.GiveUpAfter is { } limit && retry.Time.GetUtcNow() - started >= limit)
            {
                throw new HttpRequestException($"GET /{query}: gave up after {limit.TotalSeconds:0} s: {transient}");
            }
            await Task.Delay(retry.Delay(failures, retryAfter), retry.Time, cancellationToken);
        }
    }

    /// <summary>The page, or why it should be asked again; a refusal that asking again cannot change throws.</summary>
    private async Task<(byte[]? Body, string? Transient, TimeSpan? RetryAfter)> AttemptAsync(string query, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(retry.AttemptTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, query);
            request.Headers.Accept.ParseAdd("application/x-ndjson");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (HttpAttempts.IsSuccess(response.StatusCode))
            {
                return (await response.Content.ReadAsByteArrayAsync(deadline.Token), null, null);
            }
            var problem = Problem.Parse(response.StatusCode, await response.Content.ReadAsStringAsync(deadline.Token));
            if ((int)response.StatusCode is 408 or 429 or (>= 500 and not 501 and not 505))
            {
                return (null, problem.Describe(), response.Headers.RetryAfter?.Delta);
            }
            var hint = response.StatusCode == HttpStatusCode.Unauthorized && !keyGiven ? " (no API key given: use --key or LEDGER_API_KEY)" : "";
            throw new ApiException($"GET /{query}: {problem.Describe()}{hint}", problem);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {retry.AttemptTimeout.TotalSeconds:0.#} s", null);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return (null, HttpAttempts.Describe(exception), null);
        }
    }

    private static List<(int Start, int Length)> Lines(byte[] body)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        while (start < body.Length)
        {
            var end = Array.IndexOf(body, (byte)'\n', start);
            end = end < 0 ? body.Length : end;
            var line = body.AsSpan(start, end - start).Trim(" \t\r"u8);
            if (line.Length > 0)
            {
                lines.Add((start + body.AsSpan(start, end - start).IndexOfAnyExcept(" \t\r"u8), line.Length));
            }
            start = end + 1;
        }
        return lines;
    }

    /// <summary>The top-level <c>position</c> of a JSON object, or null when the line is not one.</summary>
    private static long? Position(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPosition = reader.ValueTextEquals("position"u8);
                reader.Read();
                if (isPosition)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var position) ? position : null;
                }
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
