using System.Collections.Concurrent;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// A silo leaving as a test wants it, for calls a test names by grain key and method: either the call is
/// carried out and then its caller is told the silo is gone (a silo that commits and leaves before it
/// answers), or the caller is told so without the call being run (a silo gone before the call arrived).
/// </summary>
public sealed class LeavingSilo : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Key, string Method), Loss> _losses = new();

    /// <summary>The next <paramref name="method"/> call on the grain <paramref name="key"/> is carried out and its answer lost.</summary>
    public void LoseNextAnswer(string key, string method = "Register") => _losses[(key, method)] = new Loss(Run: true, Times: 1);

    /// <summary>The next <paramref name="times"/> <paramref name="method"/> calls on the grain <paramref name="key"/> never run.</summary>
    public void Refuse(string key, string method, int times) => _losses[(key, method)] = new Loss(Run: false, times);

    /// <summary>Whether a loss is still to come for the grain's method.</summary>
    public bool Pending(string key, string method = "Register") => _losses.ContainsKey((key, method));

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var call = (context.TargetId.Key.ToString()!, context.MethodName);
        if (!_losses.TryGetValue(call, out var loss))
        {
            await context.Invoke();
            return;
        }
        if (loss.Times == 1)
        {
            _losses.TryRemove(call, out _);
        }
        else
        {
            _losses[call] = loss with { Times = loss.Times - 1 };
        }
        if (loss.Run)
        {
            await context.Invoke();
        }
        throw new SiloUnavailableException();
    }

    private sealed record Loss(bool Run, int Times);
}
