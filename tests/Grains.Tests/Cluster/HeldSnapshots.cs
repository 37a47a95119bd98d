using System.Collections.Concurrent;
using Orleans.Storage;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// The cluster's snapshot storage with a hold: a grain's snapshot writes wait, while it is held, until
/// <see cref="Let"/> lets them through, as writes to a stalled store would; every other grain's go through.
/// </summary>
public sealed class HeldSnapshots(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, TaskCompletionSource> _held = new();
    private readonly ConcurrentDictionary<GrainId, int> _counts = new();

    /// <summary>Holds the grain's writes from now on.</summary>
    public void Hold(GrainId grain) => _held[grain] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the grain's held writes (and the later ones) through.</summary>
    public void Let(GrainId grain)
    {
        if (_held.TryRemove(grain, out var hold))
        {
            hold.SetResult();
        }
    }

    /// <summary>How many of the grain's writes were held.</summary>
    public int HeldWrites(GrainId grain) => _counts.GetValueOrDefault(grain);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_held.TryGetValue(grainId, out var hold))
        {
            _counts.AddOrUpdate(grainId, 1, (_, count) => count + 1);
            await hold.Task;
        }
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
