namespace Ledger.Silo.Logging;

/// <summary>
/// An exception as a summarised log writes it: redacted, and with its stack trace only the first time
/// its cause is seen (later: each type and message of the chain, one line). Formatters write
/// <see cref="ToString"/>, which is all this overrides.
/// </summary>
public sealed class ShownException(Exception original, bool withStackTrace, string withoutStackTrace = ShownException.WrittenEarlier) : Exception(LogRedaction.Scrub(original.Message))
{
    public const string WrittenEarlier = "stack trace written once, earlier";

    public Exception Original { get; } = original;

    public static string TypesOf(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }
        return ReferenceEquals(innermost, exception) ? exception.GetType().Name : $"{exception.GetType().Name}<-{innermost.GetType().Name}";
    }

    public override string ToString()
    {
        if (withStackTrace)
        {
            return LogRedaction.Scrub(Original.ToString());
        }
        var chain = new List<string>();
        for (Exception? current = Original; current is not null; current = current.InnerException)
        {
            chain.Add($"{current.GetType().FullName}: {LogRedaction.Scrub(FirstLine(current.Message))}");
        }
        return string.Join(" ---> ", chain) + $" ({withoutStackTrace})";
    }

    private static string FirstLine(string text) => text.IndexOf('\n') is var end and >= 0 ? text[..end].TrimEnd('\r') : text;
}
