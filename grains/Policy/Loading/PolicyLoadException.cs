namespace Ledger.Policy.Loading;

/// <summary>A policy file that cannot be used: every problem found, each naming the file and the key.</summary>
public sealed class PolicyLoadException(IReadOnlyList<string> problems)
    : Exception("Policy files are invalid:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
