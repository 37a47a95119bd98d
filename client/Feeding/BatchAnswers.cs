using System.Text.Json;
using Ledger.Client.Http;

namespace Ledger.Client.Feeding;

/// <summary>
/// Reads the answer to a batch (settlements, persons): one result object per line, in order. Accepted as NDJSON,
/// as a JSON array, or as an object with a <c>results</c> array, so the client does not depend on which
/// of those the server writes.
/// </summary>
public static class BatchAnswers
{
    public static IReadOnlyList<JsonElement> Parse(string body)
    {
        var text = body.Trim();
        try
        {
            using var whole = JsonDocument.Parse(text);
            var root = whole.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                return root.EnumerateArray().Select(item => item.Clone()).ToList();
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var inner) && inner.ValueKind == JsonValueKind.Array)
            {
                return inner.EnumerateArray().Select(item => item.Clone()).ToList();
            }
            return [root.Clone()];
        }
        catch (JsonException) when (text.Contains('\n'))
        {
            // More than one value: NDJSON, one result per line.
        }
        var results = new List<JsonElement>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                using var document = JsonDocument.Parse(line);
                results.Add(document.RootElement.Clone());
            }
        }
        return results;
    }

    /// <summary>The answer for <paramref name="line"/>, or null when the result is not one (another id, no status).</summary>
    public static LineAnswer? Read(JsonElement result, FeedLine line, string keyField = "setl_id")
    {
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("status", out var status))
        {
            return null;
        }
        if (line.Key is { } key && result.TryGetProperty(keyField, out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString() is { Length: > 0 } answered && answered != key)
        {
            return null;
        }
        return status.GetString() switch
        {
            "recorded" or "reversed" or "registered" => new LineAnswer(LineStatus.Recorded),
            "duplicate" or "unchanged" => new LineAnswer(LineStatus.Duplicate),
            "rejected" => Rejected(result),
            _ => null,
        };
    }

    private static LineAnswer Rejected(JsonElement result)
    {
        var problem = result.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            ? Problem.From(error)
            : Problem.Local("rejected");
        // A line refused for now (its household's event backlog, storage down) is not final.
        var temporary = problem.Status is 429 or (>= 500 and not 501 and not 505);
        return new LineAnswer(temporary ? LineStatus.Retry : LineStatus.Rejected, problem);
    }

    public static string Summary(JsonElement result)
    {
        var text = result.GetRawText();
        return text.Length <= 120 ? text : text[..120] + "…";
    }
}
