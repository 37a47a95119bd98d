using System.Text;
using System.Text.Json;
using Ledger.Client.Http;

namespace Ledger.Client.Feeding;

/// <summary>
/// The --rejects file: one NDJSON line per refused line, <c>{"line", "key", "input", "error"}</c>, where
/// input is the line as sent (a JSON object) or, for a line that is not JSON, its text.
/// </summary>
public sealed class RejectsWriter(TextWriter writer) : IDisposable
{
    private readonly Lock _gate = new();

    public static RejectsWriter Open(string path) =>
        new(new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));

    public void Write(FeedLine line, Problem problem)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("line", line.LineNumber);
            json.WriteString("key", line.Key);
            json.WritePropertyName("input");
            if (line.IsMalformed)
            {
                json.WriteStringValue(line.Text);
            }
            else
            {
                json.WriteRawValue(line.Text);
            }
            json.WritePropertyName("error");
            problem.WriteTo(json);
            json.WriteEndObject();
        }
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        lock (_gate)
        {
            writer.WriteLine(text);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            writer.Dispose();
        }
    }
}
