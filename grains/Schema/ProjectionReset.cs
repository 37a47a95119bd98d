using Npgsql;

namespace Ledger.Schema;

/// <summary>
/// Empties the read projections and their checkpoint in one transaction, so the projector rebuilds them
/// from journal position 0. Shared by the silo and <c>ledger db rebuild-projections</c>, like the schema. Rows are deleted, not truncated, so the silo's own
/// role may run it too, and a batch being applied meanwhile finishes first (its checkpoint row is locked).
/// </summary>
public static class ProjectionReset
{
    public static readonly string[] Tables =
    [
        "ledger_projection_checkpoint", "ledger_monitoring", "ledger_monitoring_counts", "ledger_person_months", "ledger_household_years", "ledger_kpis", "ledger_adjustments",
        "ledger_kpi_settlements", "ledger_withdrawn_crossings", "ledger_person_identities",
    ];

    public static async Task RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand($"DELETE FROM {table}", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task RunAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await RunAsync(connection, cancellationToken);
    }
}
