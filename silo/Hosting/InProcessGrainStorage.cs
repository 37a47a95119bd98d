using System.Collections.Concurrent;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Ledger.Silo.Hosting;

/// <summary>
/// The embedded mode's grain storage: a dictionary in this process, with the ETag checks of any grain
/// storage. The embedded silo is the only one and keeps nothing beyond its process, so Orleans' memory
/// storage, which keeps state in grains of its own, adds only a hop, and a failure while the silo
/// stops: those grains are deactivated before the households that write their snapshot on the way out
/// ("No active nodes are compatible with grain memorystorage"), each failure logged with its stack.
/// </summary>
public sealed class InProcessGrainStorage(IGrainStorageSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (BinaryData Data, string ETag)> _states = new();
    private long _version;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (serializer.Deserialize<T>(stored.Data), stored.ETag, true);
        }
        else
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (activators.GetActivator<T>().Create(), null, false);
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = (stateName, grainId);
        var written = (serializer.Serialize(grainState.State), NextETag());
        var replaced = _states.TryGetValue(key, out var stored)
            ? stored.ETag == grainState.ETag && _states.TryUpdate(key, written, stored)
            : grainState.ETag is null && _states.TryAdd(key, written);
        if (!replaced)
        {
            throw new InconsistentStateException($"{stateName} of {grainId} was written since it was read", stored.ETag, grainState.ETag);
        }
        (grainState.ETag, grainState.RecordExists) = (written.Item2, true);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = (stateName, grainId);
        if (_states.TryGetValue(key, out var stored) && (stored.ETag != grainState.ETag || !_states.TryRemove(new KeyValuePair<(string, GrainId), (BinaryData, string)>(key, stored))))
        {
            throw new InconsistentStateException($"{stateName} of {grainId} was written since it was read", stored.ETag, grainState.ETag);
        }
        (grainState.State, grainState.ETag, grainState.RecordExists) = (activators.GetActivator<T>().Create(), null, false);
        return Task.CompletedTask;
    }

    private string NextETag() => Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Registers one under <paramref name="name"/>.</summary>
    public static ISiloBuilder Add(ISiloBuilder silo, string name)
    {
        // Orleans' own codec, as the PostgreSQL mode stores (PostgresConnections.ConfigureStorage): the default
        // JSON serializer names CLR types and could not read a household's snapshot back.
        Orleans.Runtime.Hosting.StorageProviderExtensions.AddGrainStorage(silo.Services, name,
            (services, _) => new InProcessGrainStorage(
                new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>()),
                services.GetRequiredService<IActivatorProvider>()));
        return silo;
    }
}
