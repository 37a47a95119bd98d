using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Shared;

namespace Ledger.Contracts;

/// <summary>The wire's JSON: snake_case national field names, nulls written, enums as strings.</summary>
public static class LedgerJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the ledger's conventions to options someone else owns (ASP.NET's, say).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Dictionary keys are written as they are: a problem's "errors" names fields exactly as sent.
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new ChinaTimeJsonConverter());
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        return options;
    }
}
