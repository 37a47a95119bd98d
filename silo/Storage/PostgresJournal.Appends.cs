using System.Diagnostics;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Npgsql;
using Orleans.Runtime;

namespace Ledger.Silo.Storage;

/// <summary>One household's append waiting for its batch, with the time it arrived.</summary>
internal sealed record PendingAppend(JournalAppend Append)
{
    public TaskCompletionSource<AppendOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Arrived { get; } = Stopwatch.GetTimestamp();

    /// <summary>The rows it adds to a statement: its entries and its registrations.</summary>
    public int Rows => Append.Entries.Count + Append.Persons.Count;
}

/// <summary>
/// Group commit: every append waiting when the previous statement returns goes in the next one, a
/// single statement and a single commit for many households. Appends are taken one at a time across
/// silos (a transaction-scoped advisory lock), so the rows of a commit are numbered on from the
/// largest position: positions are dense and in commit order, and a reader that has seen position n
/// can never later find a commit below it.
/// </summary>
public sealed partial class PostgresJournal
{
    /// <summary>Rows (entries and registrations) per statement: enough to amortise a commit, small enough to keep its latency low.</summary>
    public const int BatchRowsMax = 2_000;

    /// <summary>An arbitrary constant naming the "append to the journal" advisory lock.</summary>
    public const long AppendLock = 0x4C_65_64_67_65_72_4A;

    /// <summary>
    /// In one statement: a roll's appends into new households claim them, and are set aside whole when a
    /// grain (or an earlier append of the batch) has claimed the household or someone is registered in
    /// it; a grain's append is set aside whole when its household has an entry newer than its fence (or
    /// an earlier append of the batch writes for the same household); registrations written where the person is new, already in this household, or in the household
    /// it leaves; the appends whose primary settlement id the journal (or an earlier append of the batch)
    /// holds are set aside whole; identity entries of refused registrations are dropped; the rest are
    /// numbered on from the largest position. The answer names, per input row, what happened (entries by
    /// ordinal, clashes by append with the entry already there, households taken, appends behind their
    /// fence, and the registrations sent but not written: the rare case, so a roll's answer stays small).
    /// The appends are taken one at a time under the advisory lock, so what the statement reads of
    /// <c>ledger_persons</c> is what it writes over. A person is in <c>p</c> once (for the first append of
    /// the batch that registers it), so "its registration was written by this append" and "it is in the
    /// household it leaves" are hashed lookups, not a join per row: a statement's cost stays linear in its
    /// rows. Nothing joins <c>ledger_persons</c> whole: the statement is prepared, and a generic plan made
    /// while the table was small would go on scanning it as it grows; each lookup goes by its index.
    /// Every lookup of a settlement repeats <c>kind IN (0, 1)</c>: the unique index on (setl_id, kind) is
    /// partial, and a prepared plan can use it only when the query itself implies its predicate (without
    /// it each append scanned the whole journal).
    /// </summary>
    private const string AppendSql = """
        WITH
        e AS (SELECT * FROM unnest(@e_unit, @e_kind, @e_setl, @e_psn, @e_household, @e_region, @e_year, @e_setl_time, @e_logged, @e_needs_person, @e_payload)
              WITH ORDINALITY AS t(unit, kind, setl_id, psn_no, household_id, region_code, year, setl_time, logged_at, needs_person, payload, ord)),
        n AS (SELECT t.unit, t.household_id, row_number() OVER (PARTITION BY t.household_id ORDER BY t.unit) AS nth
              FROM unnest(@n_unit, @n_household) AS t(unit, household_id)),
        claimed AS (
            INSERT INTO ledger_households (household_id)
            SELECT n.household_id FROM n
            WHERE n.nth = 1 AND (SELECT lp.psn_no FROM ledger_persons lp WHERE lp.household_id = n.household_id LIMIT 1) IS NULL
            ORDER BY n.household_id
            ON CONFLICT (household_id) DO NOTHING
            RETURNING household_id),
        taken AS (SELECT n.unit FROM n WHERE n.nth > 1 OR n.household_id NOT IN (SELECT household_id FROM claimed)),
        f AS (SELECT t.unit, t.household_id, t.position, row_number() OVER (PARTITION BY t.household_id ORDER BY t.unit) AS nth
              FROM unnest(@f_unit, @f_household, @f_position) AS t(unit, household_id, position)),
        behind AS (SELECT f.unit FROM f WHERE f.nth > 1
                   OR EXISTS (SELECT 1 FROM ledger_journal j WHERE j.household_id = f.household_id AND j.position > f.position)),
        refused AS (SELECT unit FROM taken UNION ALL SELECT unit FROM behind),
        p AS (SELECT * FROM unnest(@p_unit, @p_psn, @p_household, @p_expected, @p_region, @p_record)
              AS t(unit, psn_no, household_id, expected, region_code, record)
              WHERE t.unit NOT IN (SELECT unit FROM refused)),
        written AS (
            INSERT INTO ledger_persons AS existing (psn_no, household_id, region_code, record, updated_at)
            SELECT psn_no, household_id, region_code, record, now() FROM p
            ON CONFLICT (psn_no) DO UPDATE SET household_id = excluded.household_id, region_code = excluded.region_code,
                record = excluded.record, updated_at = now()
            WHERE existing.household_id = excluded.household_id
               OR (excluded.psn_no, existing.household_id) IN (SELECT p2.psn_no, p2.expected FROM p p2)
            RETURNING psn_no),
        primaries AS (
            SELECT e.unit, e.setl_id, e.kind, row_number() OVER (PARTITION BY e.setl_id, e.kind ORDER BY e.ord) AS nth
            FROM e WHERE e.kind IN (0, 1) AND e.unit NOT IN (SELECT unit FROM refused)),
        clashes AS (
            SELECT pr.unit, pr.setl_id, pr.kind FROM primaries pr
            WHERE pr.nth > 1 OR EXISTS (SELECT 1 FROM ledger_journal j WHERE j.setl_id = pr.setl_id AND j.kind = pr.kind AND j.kind IN (0, 1))),
        accepted AS (
            SELECT e.*, row_number() OVER (ORDER BY e.ord) AS n FROM e
            WHERE e.unit NOT IN (SELECT unit FROM clashes) AND e.unit NOT IN (SELECT unit FROM refused)
              AND (NOT e.needs_person OR e.psn_no IN (SELECT psn_no FROM written) AND (e.unit, e.psn_no) IN (SELECT unit, psn_no FROM p))),
        top AS (SELECT coalesce(max(position), 0) AS position FROM ledger_journal),
        inserted AS (
            INSERT INTO ledger_journal (position, kind, setl_id, psn_no, household_id, region_code, year, setl_time, logged_at, payload)
            SELECT top.position + a.n, a.kind, a.setl_id, a.psn_no, a.household_id, a.region_code, a.year, a.setl_time, a.logged_at, a.payload
            FROM accepted a, top
            RETURNING position)
        SELECT 0::smallint, a.ord, top.position + a.n, NULL::bytea, NULL::text FROM accepted a, top
        UNION ALL
        SELECT 1, c.unit, j.position, j.payload, NULL FROM clashes c
            LEFT JOIN ledger_journal j ON j.setl_id = c.setl_id AND j.kind = c.kind AND j.kind IN (0, 1)
        UNION ALL
        SELECT 2, t.unit, NULL, NULL, NULL FROM taken t
        UNION ALL
        SELECT 3, b.unit, NULL, NULL, NULL FROM behind b
        UNION ALL
        SELECT 4, NULL, NULL, NULL, p.psn_no FROM p WHERE p.psn_no NOT IN (SELECT psn_no FROM written)
        """;

    /// <summary>What a row of the append statement's answer is, its first column.</summary>
    private enum AnswerRow : short { Entry, Clash, Taken, Behind, PersonRefused }

    private Task _writing = Task.CompletedTask;

    /// <summary>
    /// Writes from the silo's storage stage on, before any grain activates, until after every grain has
    /// deactivated: appends queued when the silo stops are still committed.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(PostgresJournal), ServiceLifecycleStage.RuntimeStorageServices,
        _ =>
        {
            _writing = Task.Run(WriteAsync, CancellationToken.None);
            return Task.CompletedTask;
        },
        _ =>
        {
            _pending.Writer.TryComplete();
            return _writing;
        });

    /// <summary>Rows of the appends waiting for a statement.</summary>
    private int _pendingRows;

    /// <summary>
    /// One statement at a time, each with everything that waited for it. When a full batch is already
    /// waiting as a statement starts (a roll of registrations, a flood after a restart), it is built
    /// (entries serialized, arrays filled) while that statement runs; otherwise the next batch is taken
    /// when the statement returns, so it gathers everything that arrived meanwhile and no append waits
    /// for two statements.
    /// </summary>
    private async Task WriteAsync()
    {
        var next = await Prepared();
        while (next is { } rows)
        {
            var committing = Commit(rows);
            next = Volatile.Read(ref _pendingRows) >= BatchRowsMax ? Prepare(Take()) : null;
            await committing;
            next ??= await Prepared();
        }
    }

    /// <summary>The next batch once any append waits; null when the journal is stopped and drained.</summary>
    private async Task<AppendRows?> Prepared()
    {
        while (await _pending.Reader.WaitToReadAsync())
        {
            if (Prepare(Take()) is { } rows)
            {
                return rows;
            }
        }
        return null;
    }

    private List<PendingAppend> Take()
    {
        var batch = new List<PendingAppend>();
        var rows = 0;
        while (rows < BatchRowsMax && _pending.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
            rows += pending.Rows;
        }
        Interlocked.Add(ref _pendingRows, -rows);
        return batch;
    }

    /// <summary>The batch's rows, or null when it could not be built (its appends are failed).</summary>
    private AppendRows? Prepare(List<PendingAppend> batch)
    {
        if (batch.Count == 0)
        {
            return null;
        }
        try
        {
            return AppendRows.Of(batch, serializer);
        }
        catch (Exception error)
        {
            Fail(batch, error);
            return null;
        }
    }

    private async Task Commit(AppendRows rows)
    {
        var batch = rows.Batch;
        try
        {
            var outcomes = await Execute(rows);
            for (var i = 0; i < batch.Count; i++)
            {
                metrics.Appended(Stopwatch.GetElapsedTime(batch[i].Arrived));
                batch[i].Done.TrySetResult(outcomes[i]);
            }
            // In commit order: the next statement starts only after this returns.
            fanOut.Committed([.. outcomes.SelectMany(outcome => outcome.Committed)]);
        }
        catch (Exception error)
        {
            Fail(batch, error);
        }
    }

    private void Fail(IReadOnlyList<PendingAppend> batch, Exception error)
    {
        LogBatchFailed(logger, batch.Count, error.GetType().Name);
        foreach (var pending in batch)
        {
            pending.Done.TrySetException(error);
        }
    }

    private async Task<AppendOutcome[]> Execute(AppendRows rows)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var statement = new NpgsqlBatch(connection);
        var serialize = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@lock)");
        serialize.Parameters.AddWithValue("lock", AppendLock);
        var append = new NpgsqlBatchCommand(AppendSql);
        rows.Bind(append.Parameters);
        statement.BatchCommands.Add(serialize);
        statement.BatchCommands.Add(append);
        var result = new AppendResult(rows);
        await using (var reader = await statement.ExecuteReaderAsync())
        {
            await reader.NextResultAsync(); // past the lock's row
            while (await reader.ReadAsync())
            {
                switch ((AnswerRow)reader.GetInt16(0))
                {
                    case AnswerRow.Entry:
                        result.Positioned((int)reader.GetInt64(1) - 1, reader.GetInt64(2));
                        break;
                    case AnswerRow.Clash:
                        result.Clashed((int)reader.GetInt64(1), reader.IsDBNull(2) ? null : Entry(reader.GetInt64(2), reader.GetFieldValue<byte[]>(3)));
                        break;
                    case AnswerRow.Taken:
                        result.Taken((int)reader.GetInt64(1));
                        break;
                    case AnswerRow.Behind:
                        result.Behind((int)reader.GetInt64(1));
                        break;
                    default:
                        result.NotWritten(reader.GetString(4));
                        break;
                }
            }
            // Rows can arrive before the commit; reading to the end surfaces a commit that failed.
            while (await reader.NextResultAsync())
            {
            }
        }
        return result.Outcomes();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal append of {Count} households failed ({ErrorType}); each is answered unavailable")]
    private static partial void LogBatchFailed(ILogger logger, int count, string errorType);
}
