using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Ledger.Grains.Hosting;

/// <summary>
/// The embedded mode's grain storage: keeps each grain's state object itself, keyed by grain, so a
/// write costs a dictionary update instead of a serialisation and a storage-grain call (the stock
/// memory provider spent most of a settlement there). Single-process by nature, like the mode;
/// state survives deactivation, not the process.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), (object State, long Version)> _states = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = (T)stored.State;
            grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var version = _states.AddOrUpdate((stateName, grainId),
            _ => ((object)grainState.State!, 1L),
            (_, stored) => stored.Version.ToString(CultureInfo.InvariantCulture) == grainState.ETag
                ? ((object)grainState.State!, stored.Version + 1)
                : throw new InconsistentStateException($"ETag mismatch for {grainId}", stored.Version.ToString(CultureInfo.InvariantCulture), grainState.ETag));
        grainState.ETag = version.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _states.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}

public static class InMemoryGrainStorageExtensions
{
    public static ISiloBuilder AddLedgerMemoryStorage(this ISiloBuilder silo, string name)
    {
        silo.Services.AddGrainStorage(name, (_, _) => new InMemoryGrainStorage());
        return silo;
    }
}
