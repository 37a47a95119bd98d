using Ledger.Reliability.Tests.Faults;

namespace Ledger.Reliability.Tests.Cluster;

/// <summary>
/// Two silos of this build as separate processes, joined through ADO.NET clustering on a fresh
/// PostgreSQL database (dropped afterwards), optionally reaching it through a <see cref="DatabaseLink"/>
/// that a test can cut. Every line any silo printed, across restarts, is kept for the log check.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const int SiloCount = 2;

    private readonly PostgresDatabase _database = new();
    private readonly List<SiloProcess> _started = [];
    private readonly SiloProcess[] _silos = new SiloProcess[SiloCount];
    private readonly Dictionary<string, string>[] _settings = new Dictionary<string, string>[SiloCount];

    private PostgresCluster(IReadOnlyDictionary<string, string>? settings)
    {
        for (var index = 0; index < SiloCount; index++)
        {
            _settings[index] = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        }
    }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public DatabaseLink? Link { get; private set; }

    /// <summary>The database itself, bypassing the link: what the checks read.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>Every silo's base URL, comma-separated, as <c>ledger --url</c> takes them.</summary>
    public string Urls => string.Join(',', _silos.Select(silo => silo.Url.ToString()));

    /// <summary>The first silo still running: where a scenario's end state is read after a kill.</summary>
    public SiloProcess Running => _silos.First(silo => !silo.HasExited);

    public string Logs => string.Join('\n', _started.Select(silo => silo.Log));

    /// <param name="settings">Configuration every silo starts with ("Ledger:PolicyFolder" → a folder, say).</param>
    public static async Task<PostgresCluster> StartAsync(bool throughLink = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new PostgresCluster(settings);
        await cluster._database.InitializeAsync();
        // As in a deployment: the migration role applies the schema; the silos log in as the application role.
        await cluster._database.ApplySchemaAsync();
        if (throughLink)
        {
            cluster.Link = new DatabaseLink(cluster._database.AppConnectionString);
        }
        await Task.WhenAll(Enumerable.Range(0, SiloCount).Select(index => cluster.StartSilo(index, ports: null)));
        return cluster;
    }

    /// <summary>kill -9 of one silo.</summary>
    public Task Kill(int index) => _silos[index].Kill();

    /// <summary>Every silo stopped (SIGTERM) and started again at the same addresses.</summary>
    public async Task RestartAll()
    {
        await Task.WhenAll(_silos.Select(silo => silo.StopAsync()));
        await Task.WhenAll(Enumerable.Range(0, SiloCount).Select(index => StartSilo(index, _silos[index].Ports)));
    }

    /// <summary>
    /// One silo stopped with SIGTERM (it drains) and started again at the same addresses, with
    /// <paramref name="settings"/> on top of what it ran with: a step of a rolling restart. Returns once it is ready.
    /// </summary>
    public async Task RestartOne(int index, IReadOnlyDictionary<string, string>? settings = null)
    {
        await _silos[index].StopAsync();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[index][key] = value;
        }
        await StartSilo(index, _silos[index].Ports);
    }

    private async Task StartSilo(int index, SiloPorts? ports)
    {
        var silo = await SiloProcess.StartAsync(Link?.ConnectionString ?? _database.AppConnectionString, ports, _settings[index]);
        lock (_started)
        {
            _started.Add(silo);
        }
        _silos[index] = silo;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _started)
        {
            await silo.DisposeAsync();
        }
        if (Link is not null)
        {
            await Link.DisposeAsync();
        }
        await _database.DisposeAsync();
    }
}
