using Npgsql;

namespace Ledger.Silo.Projections;

/// <summary>Who may write the projections: one projector per cluster at a time.</summary>
public interface IProjectorLeadership
{
    /// <summary>Waits until this silo leads; the lease says whether it still does.</summary>
    Task<IProjectorLease> Acquire(CancellationToken cancellationToken);
}

public interface IProjectorLease : IAsyncDisposable
{
    /// <summary>Whether this silo still leads; asks the database at most every <see cref="AdvisoryLockLeadership.CheckInterval"/>.</summary>
    ValueTask<bool> StillHeld(CancellationToken cancellationToken);
}

/// <summary>The embedded mode has one silo: it always leads.</summary>
public sealed class SoleLeadership : IProjectorLeadership, IProjectorLease
{
    public ValueTask<bool> StillHeld(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public Task<IProjectorLease> Acquire(CancellationToken cancellationToken) => Task.FromResult<IProjectorLease>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// A PostgreSQL session advisory lock, held on a connection of its own for as long as this silo leads:
/// when the silo dies its session ends and another silo's projector takes over. The store's checkpoint
/// keeps two writers correct anyway (each batch skips what the checkpoint holds); the lock keeps them
/// from doing the work twice. The lease is checked every <see cref="CheckInterval"/>.
/// </summary>
public sealed class AdvisoryLockLeadership(string connectionString) : IProjectorLeadership, IAsyncDisposable
{
    // Not pooled: a pooled session would outlive the lease and keep the lock.
    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "ledger-projector-lock" });

    /// <summary>An arbitrary constant naming the "projector" advisory lock ("Proj").</summary>
    public const long LockKey = 0x50_72_6F_6A;

    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    public async Task<IProjectorLease> Acquire(CancellationToken cancellationToken)
    {
        while (true)
        {
            var connection = await OpenSession(cancellationToken);
            await using (var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection))
            {
                if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
                {
                    return new Lease(connection);
                }
            }
            await connection.DisposeAsync();
            await Task.Delay(RetryInterval, cancellationToken);
        }
    }

    /// <summary>
    /// A session of its own, which the server ends within about 25 s of its silo's host going away. A silo
    /// killed as a process closes its socket and the lock is free at once; a host that loses power or its
    /// network closes nothing, and by the kernel's defaults the server would notice only after two hours
    /// and more, all that time holding the lock while no silo keeps the projections. Set per session (not
    /// as a startup option) so that it works through a connection pooler too.
    /// </summary>
    public async Task<NpgsqlConnection> OpenSession(CancellationToken cancellationToken)
    {
        var connection = await _database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var keepalives = new NpgsqlCommand(
                "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3", connection);
            await keepalives.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private sealed class Lease(NpgsqlConnection connection) : IProjectorLease
    {
        private long _checkedAt = Environment.TickCount64;
        private bool _lost;

        public async ValueTask<bool> StillHeld(CancellationToken cancellationToken)
        {
            if (_lost || Environment.TickCount64 - _checkedAt < CheckInterval.TotalMilliseconds)
            {
                return !_lost;
            }
            _checkedAt = Environment.TickCount64;
            try
            {
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                _lost = true;
            }
            return !_lost;
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
