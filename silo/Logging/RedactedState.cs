using System.Collections;

namespace Ledger.Silo.Logging;

/// <summary>
/// The state handed on for a warning or error: its message already redacted, its template, and only
/// those arguments that cannot carry a grain or a body (numbers, booleans, durations, enums; strings
/// redacted), so a JSON formatter writing every argument writes nothing the text would not.
/// </summary>
public sealed class RedactedState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string TemplateKey = "{OriginalFormat}";

    private readonly List<KeyValuePair<string, object?>> _values;

    public RedactedState(string message, IEnumerable<KeyValuePair<string, object?>> values)
    {
        Message = message;
        _values = values.Select(Redact).ToList();
    }

    public string Message { get; }

    public static string Format(RedactedState state, Exception? _) => state.Message;

    public int Count => _values.Count;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;

    private static KeyValuePair<string, object?> Redact(KeyValuePair<string, object?> pair) => pair.Value switch
    {
        null or bool or int or long or double or float or decimal or short or byte or uint or ulong or TimeSpan or DateTime or DateTimeOffset or Enum => pair,
        string when pair.Key == TemplateKey => pair,
        string text => new(pair.Key, LogRedaction.Scrub(text)),
        _ => new(pair.Key, LogRedaction.Scrub(pair.Value.ToString() ?? "")),
    };
}
