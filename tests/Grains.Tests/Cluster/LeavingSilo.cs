using System.Collections.Concurrent;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// A silo leaving as a test wants it: the next registration of a household a test names is carried
/// out, and then its caller is told the silo is gone, as when a silo commits and leaves before it
/// answers.
/// </summary>
public sealed class LeavingSilo : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, bool> _households = new(StringComparer.Ordinal);

    /// <summary>The next registration of <paramref name="householdId"/> is written and its answer lost.</summary>
    public void LoseNextAnswer(string householdId) => _households[householdId] = true;

    /// <summary>Whether an answer is still to be lost for the household.</summary>
    public bool Pending(string householdId) => _households.ContainsKey(householdId);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.MethodName == "Register" && _households.TryRemove(context.TargetId.Key.ToString(), out _))
        {
            throw new SiloUnavailableException();
        }
    }
}
