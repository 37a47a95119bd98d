using Ledger.Silo.Security.Audit;
using Npgsql;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// The PostgreSQL mode's trail (table <c>ledger_audit</c>), as the silos' role writes and reads it: a
/// request's lines are committed when their <c>Record</c> returns, found by subject and by key newest
/// first, and lines still queued when the silo stops are written before it has stopped.
/// </summary>
public sealed class PostgresAuditTrailTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => database.ApplySchemaAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Concurrent_requests_lines_are_committed_when_recorded_and_found_by_subject_and_by_key_newest_first()
    {
        await using var source = NpgsqlDataSource.Create(database.AppConnectionString);
        using var trail = new PostgresAuditTrail(source);
        await trail.StartAsync(CancellationToken.None);
        var before = await database.Scalar<long>("SELECT count(*) FROM ledger_audit");

        // Twenty feed batches at once, request i at Morning + i s by key feed-{i % 2}, 50 settlement lines each.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(request => trail.Record(Batch(request, lines: 50), CancellationToken.None)));

        Assert.Equal(before + 1_000, await database.Scalar<long>("SELECT count(*) FROM ledger_audit"));
        Assert.Equal([Line(7, 3)], await trail.Find(new AuditQuery("settlement:feed-7-3", null, 100), CancellationToken.None));
        var newestOfFeed0 = await trail.Find(new AuditQuery(null, "feed-0", 60), CancellationToken.None);
        Assert.Equal(60, newestOfFeed0.Count);
        Assert.All(newestOfFeed0.Take(50), line => Assert.Equal(Morning.AddSeconds(18), line.At));
        Assert.All(newestOfFeed0.Skip(50), line => Assert.Equal(Morning.AddSeconds(16), line.At));
        Assert.Empty(await trail.Find(new AuditQuery("settlement:feed-7-3", "feed-0", 100), CancellationToken.None));
        await trail.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Lines_still_queued_when_the_silo_stops_are_written_before_it_has_stopped()
    {
        await using var source = NpgsqlDataSource.Create(database.AppConnectionString);
        using var trail = new PostgresAuditTrail(source);
        await trail.StartAsync(CancellationToken.None);
        var before = await database.Scalar<long>("SELECT count(*) FROM ledger_audit");

        var recording = Enumerable.Range(0, 10).Select(request => trail.Record(Batch(request, lines: 300, feed: "stopping"), CancellationToken.None)).ToList();
        await trail.StopAsync(CancellationToken.None);

        Assert.All(recording, task => Assert.True(task.IsCompletedSuccessfully, $"a Record still {task.Status} after the trail stopped"));
        Assert.Equal(before + 3_000, await database.Scalar<long>("SELECT count(*) FROM ledger_audit"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => trail.Record(Batch(10, lines: 1, feed: "stopping"), CancellationToken.None));
    }

    private static AuditEntry[] Batch(int request, int lines, string feed = "feed") => [.. Enumerable.Range(0, lines).Select(line => Line(request, line, feed))];

    /// <summary>Line <paramref name="line"/> of request <paramref name="request"/>, sent at Morning + request s by key {feed}-{request % 2}.</summary>
    private static AuditEntry Line(int request, int line, string feed = "feed") =>
        new(Morning.AddSeconds(request), $"{feed}-{request % 2}", AuditEntry.Write, $"settlement:{feed}-{request}-{line}", "recorded");
}
