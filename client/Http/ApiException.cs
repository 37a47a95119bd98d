namespace Ledger.Client.Http;

/// <summary>The server answered a one-shot request with an error; the message is ready for stderr.</summary>
public sealed class ApiException(string message, Problem problem) : Exception(message)
{
    public Problem Problem { get; } = problem;
}
