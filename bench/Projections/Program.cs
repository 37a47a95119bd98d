using System.Diagnostics;
using System.Globalization;
using Ledger.Bench.Projections;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Silo.Projections;
using Ledger.Silo.Reports;
using Ledger.Schema;
using Ledger.Shared;
using Ledger.Silo.Storage;
using Npgsql;

// ledger-projections-bench [persons] [over-the-line] [server] [feed rate /s] [feed seconds]: a fresh database,
// the read projections of a synthetic Fujian year applied as the projector applies them, the monitoring
// page and a city's monthly CSV read through the store and then over HTTP from a silo on that database,
// then new persons' settlements appended to the journal at the feed rate with the projector following it.
// Prints Markdown tables for bench/README.md.
var persons = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var over = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var server = args.Length > 2 ? args[2] : "Host=127.0.0.1;Username=ledger;Password=ledger;Database=postgres;SSL Mode=Disable";
var feedRate = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 9_000;
var feedTime = TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 60);
var database = $"ledger_projections_bench_{Guid.NewGuid():N}";
await Admin(server, $"CREATE DATABASE {database}");
try
{
    var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    await PostgresSchema.ApplyAsync(connection);
    var policies = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
    await using var store = new PostgresProjectionStore(NpgsqlDataSource.Create(PostgresConnections.Tuned(connection)));

    var (applied, batches) = await Apply(store, policies, persons, over);
    var (pages, lastPages) = await Pages(async query => (await store.Monitoring(query)).Items.Count, over);
    var (csvTime, rows, bytes, heapGrowth) = await Csv(store);
    Console.Error.WriteLine("the same pages and report over HTTP, from a silo on this database");
    var (httpPages, httpLastPages, httpCsv) = await HttpRun.WithSilo(connection, async http =>
    {
        var (all, last) = await Pages(query => HttpRun.Page(http, query), over);
        return (all, last, await HttpRun.Csv(http));
    });
    if (httpCsv.Rows != rows)
    {
        throw new InvalidOperationException($"the report over HTTP has {httpCsv.Rows} rows, through the store {rows}");
    }
    Console.Error.WriteLine($"feeding the journal at {feedRate:N0}/s for {feedTime.TotalSeconds:0} s");
    var lag = await LagRun.Run(connection, store, policies, persons, feedRate, feedTime,
        (person, loggedAt) => Synthetic(person, int.MaxValue) with { Position = 0, LoggedAt = loggedAt });
    Console.WriteLine("| persons | over a line | apply (entries/s) | batch of 1 000 p50 / p99 | monitoring page p50 / p99 (last pages p99) | city 3501 March CSV | rows | managed heap growth |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {persons:N0} | {over:N0} | {applied:N0} | {Percentile(batches, 0.5):0} / {Percentile(batches, 0.99):0} ms | {Percentile(pages, 0.5):0.0} / {Percentile(pages, 0.99):0.0} ms ({Percentile(lastPages, 0.99):0.0} ms) | {csvTime.TotalSeconds:0.0} s ({bytes / 1_048_576.0:0.0} MB) | {rows:N0} | {heapGrowth / 1_048_576.0:0.0} MB |"));
    Console.WriteLine();
    Console.WriteLine("| over HTTP | monitoring page p50 / p99 (last pages p99) | city 3501 March CSV | rows |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| caseworker key, region 35 | {Percentile(httpPages, 0.5):0.0} / {Percentile(httpPages, 0.99):0.0} ms ({Percentile(httpLastPages, 0.99):0.0} ms) | {httpCsv.Time.TotalSeconds:0.0} s ({httpCsv.Bytes / 1_048_576.0:0.0} MB) | {httpCsv.Rows:N0} |"));
    Console.WriteLine();
    Console.WriteLine("| journal fed | for | entries | projector batches | lag p50 / p99 / max | drained after the feed stopped |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {lag.FedPerSecond:N0} /s | {feedTime.TotalSeconds:0} s | {lag.Fed:N0} | {lag.LagSeconds.Count:N0} | {Percentile(lag.LagSeconds, 0.5) * 1000:0} / {Percentile(lag.LagSeconds, 0.99) * 1000:0} / {lag.LagSeconds.Max() * 1000:0} ms | {lag.Drain.TotalMilliseconds:0} ms |"));
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Drop(server, database);
}

static async Task<(double EntriesPerSecond, List<double> BatchMilliseconds)> Apply(PostgresProjectionStore store, PolicyCatalogue policies, int persons, int over)
{
    var batches = new List<double>();
    var clock = Stopwatch.StartNew();
    var batch = new List<FoldedEntry>(1_000);
    for (var person = 0; person < persons; person++)
    {
        var entry = Synthetic(person, over);
        batch.Add(new FoldedEntry(entry.Position, entry.LoggedAt, ProjectionFold.Changes(entry, policies)));
        if (batch.Count == 1_000 || person == persons - 1)
        {
            var started = Stopwatch.GetTimestamp();
            await store.Apply(batch);
            batches.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            batch.Clear();
            if (batches.Count % 100 == 0)
            {
                Console.Error.WriteLine($"applied {person + 1:N0} entries");
            }
        }
    }
    return (persons / clock.Elapsed.TotalSeconds, batches);
}

// Person i lives in one of Fujian's nine cities and settles once in Q1 2022; every tenth, up to `over` of them, is over the 1× line.
static JournalEntry Synthetic(int person, int over)
{
    var city = 3501 + person % 9;
    var region = $"{city}{1 + person / 9 % 5:D2}";
    var psnNo = $"P{person:D8}";
    var setlTime = new DateTimeOffset(2022, 1 + person % 3, 1 + person % 28, 10, 0, 0, ChinaTime.Offset);
    var crossed = person % 10 == 0 && person / 10 < over;
    var selfPay = crossed ? 25_000m : 800m;
    EntryEvent[] events = crossed
        ? [new EntryEvent(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, false, psnNo, selfPay, 23_229m, new SettlementKey(setlTime, $"S{person:D8}"))]
        : [];
    return new JournalEntry
    {
        Position = person + 1, Kind = EntryKind.Recorded, SetlId = $"S{person:D8}", PsnNo = psnNo, HouseholdId = $"H{person / 3:D8}", RegionCode = region,
        Year = 2022, SetlTime = setlTime, LoggedAt = setlTime.AddHours(2), PolicyId = "fujian-2022",
        Context = new MemberContext(Identities.PovertyAlleviated, Residence.Rural),
        Change = new YearChange(new YearTotals { Total = selfPay * 3, PolicyScope = selfPay * 2, Basic = selfPay * 2, SelfPay = selfPay, SettlementCount = 1 }, 0m, 0),
        Events = events,
    };
}

// 300 pages of 50 at random depths and 60 last pages, a third each unfiltered, by rule, by city and level;
// `ask` answers how many items a page held. The same seed, so the store and HTTP get the same pages.
static async Task<(List<double> All, List<double> Last)> Pages(Func<MonitoringQuery, Task<int>> ask, int over)
{
    var (all, last) = (new List<double>(), new List<double>());
    var random = new Random(7);
    for (var request = 0; request < 360; request++)
    {
        var filtered = request % 3;
        var pages = Math.Max(1, (over + 49) / 50 / (filtered == 2 ? 9 : 1));
        var query = new MonitoringQuery("35", 2022, filtered == 1 ? "return_to_poverty_risk" : null, filtered == 2 ? "crossed" : null,
            filtered == 2 ? $"350{1 + random.Next(9)}" : null, request >= 300 ? pages : 1 + random.Next(pages), 50);
        var started = Stopwatch.GetTimestamp();
        var items = await ask(query);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        all.Add(elapsed);
        if (request >= 300)
        {
            last.Add(elapsed);
        }
        if (items == 0)
        {
            throw new InvalidOperationException($"page {query.Page} of {query} is empty: the bench asks only pages that hold rows");
        }
    }
    return (all, last);
}

static async Task<(TimeSpan Time, long Rows, long Bytes, long HeapGrowth)> Csv(PostgresProjectionStore store)
{
    GC.Collect();
    var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    var counting = new CountingStream();
    var started = Stopwatch.GetTimestamp();
    await MonthlyReport.Write(counting, store, new MonthEndQuery("3501", 2022, 3), CancellationToken.None);
    var time = Stopwatch.GetElapsedTime(started);
    var heapGrowth = GC.GetTotalMemory(forceFullCollection: false) - heapBefore;
    return (time, counting.Lines - 1, counting.Length, heapGrowth);
}

static double Percentile(List<double> values, double rank)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(rank * sorted.Count) - 1, 0, sorted.Count - 1)];
}

// An autovacuum worker on the database refuses FORCE to a role that may not signal it (42501): tried again until it leaves.
static async Task Drop(string server, string database)
{
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (true)
    {
        try
        {
            await Admin(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            return;
        }
        catch (PostgresException refused) when (refused.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
    }
}

static async Task Admin(string server, string sql)
{
    await using var connection = new NpgsqlConnection(server);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

/// <summary>Counts what a response body would carry, and its lines, keeping nothing.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;

    public long Lines { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _length += buffer.Length;
        Lines += buffer.Count((byte)'\n');
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
