using System.Text;

namespace Ledger.Client.Watching;

/// <summary>One server-sent event: <c>id</c>, <c>event</c> (default "message") and its data lines joined.</summary>
public sealed record ServerSentEvent(string? Id, string Event, string Data);

/// <summary>
/// The text/event-stream format (WHATWG HTML §9.2): fields per line, a blank line ends an event,
/// lines starting with ':' are comments (keep-alives). Feed it lines; it hands back whole events.
/// </summary>
public sealed class ServerSentEventParser
{
    /// <summary>Longest event data kept; a server that never ends an event cannot exhaust memory.</summary>
    public const int DataLengthMax = 1 << 20;

    private readonly StringBuilder _data = new();
    private string? _id;
    private string _event = "message";
    private bool _hasData;

    /// <summary>The id of the last event, as the Last-Event-ID of the next connection.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>The reconnection delay the server asked for with <c>retry:</c>.</summary>
    public TimeSpan? Retry { get; private set; }

    public ServerSentEvent? Push(string line)
    {
        if (line.Length == 0)
        {
            return Dispatch();
        }
        if (line[0] == ':')
        {
            return null;
        }
        var colon = line.IndexOf(':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }
        switch (field)
        {
            case "data" when _data.Length + value.Length <= DataLengthMax:
                _data.Append(value).Append('\n');
                _hasData = true;
                break;
            case "event":
                _event = value;
                break;
            case "id" when !value.Contains('\0'):
                _id = value;
                break;
            case "retry" when int.TryParse(value, out var milliseconds) && milliseconds >= 0:
                Retry = TimeSpan.FromMilliseconds(milliseconds);
                break;
        }
        return null;
    }

    private ServerSentEvent? Dispatch()
    {
        if (_id is not null)
        {
            LastEventId = _id;
        }
        var result = _hasData ? new ServerSentEvent(_id ?? LastEventId, _event, _data.ToString(0, _data.Length - 1)) : null;
        _data.Clear();
        _hasData = false;
        _id = null;
        _event = "message";
        return result;
    }
}
