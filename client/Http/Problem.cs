using System.Net;
using System.Text;
using System.Text.Json;

namespace Ledger.Client.Http;

/// <summary>
/// An RFC 7807 problem-details answer (or a per-line <c>error</c>), reduced to what a person needs:
/// status, title, detail and the per-field reasons. Also reads the grains' {code, field, reason} shape.
/// </summary>
public sealed record Problem(int? Status, string Title, string? Detail, IReadOnlyList<KeyValuePair<string, string>> Errors)
{
    public static Problem Of(HttpStatusCode status, string? detail = null) =>
        new((int)status, ReasonPhrase(status), detail, []);

    public static Problem Local(string title, string? detail = null) => new(null, title, detail, []);

    /// <summary>Reads a problem from a response body; a body that is not one still yields a problem.</summary>
    public static Problem Parse(HttpStatusCode status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var problem = From(document.RootElement);
                return problem with { Status = problem.Status ?? (int)status };
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): keep a short, single-line excerpt.
        }
        var excerpt = body.ReplaceLineEndings(" ").Trim();
        return Of(status, excerpt.Length == 0 ? null : excerpt[..Math.Min(excerpt.Length, 200)]);
    }

    public static Problem From(JsonElement element)
    {
        int? status = element.TryGetProperty("status", out var s) && s.TryGetInt32(out var number) ? number : null;
        var errors = new List<KeyValuePair<string, string>>();
        if (element.TryGetProperty("errors", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in map.EnumerateObject())
            {
                var reasons = field.Value.ValueKind == JsonValueKind.Array
                    ? field.Value.EnumerateArray().Select(reason => reason.ToString())
                    : [field.Value.ToString()];
                errors.AddRange(reasons.Select(reason => KeyValuePair.Create(field.Name, reason)));
            }
        }
        if (Text(element, "field") is { } single && Text(element, "reason") is { } why)
        {
            errors.Add(KeyValuePair.Create(single, why));
        }
        var title = Text(element, "title") ?? Text(element, "code") ?? (status is { } code ? ReasonPhrase((HttpStatusCode)code) : "error");
        return new Problem(status, title, Text(element, "detail"), errors);
    }

    /// <summary>One line: "400 Bad Request: detail; field: reason; field: reason", ID-card numbers masked.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        if (Status is { } status)
        {
            text.Append(status).Append(' ');
        }
        text.Append(Title);
        var reasons = Errors.Select(error => $"{error.Key}: {error.Value}").ToList();
        var parts = new List<string>();
        // The silo repeats a single field's reason as detail ("psn_no: …"): said once.
        if (!string.IsNullOrWhiteSpace(Detail) && Detail != Title && !reasons.Contains(Detail))
        {
            parts.Add(Detail);
        }
        parts.AddRange(reasons);
        if (parts.Count > 0)
        {
            text.Append(": ").AppendJoin("; ", parts);
        }
        return Views.PersonalDataGuard.ScrubIdNumbers(text.ToString());
    }

    /// <summary>The problem as a JSON object for the rejects file.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        if (Status is { } status)
        {
            json.WriteNumber("status", status);
        }
        json.WriteString("title", Title);
        if (Detail is not null)
        {
            json.WriteString("detail", Detail);
        }
        if (Errors.Count > 0)
        {
            json.WriteStartObject("errors");
            foreach (var field in Errors.GroupBy(error => error.Key))
            {
                json.WriteStartArray(field.Key);
                foreach (var error in field)
                {
                    json.WriteStringValue(error.Value);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string ReasonPhrase(HttpStatusCode status) =>
        new HttpResponseMessage(status).ReasonPhrase ?? status.ToString();
}
