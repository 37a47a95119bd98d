using Npgsql;

namespace Ledger.Silo.Security.Directory;

/// <summary>
/// The PostgreSQL mode's directory: table <c>ledger_person_regions</c> (10-person-regions.sql), shared
/// by every silo, read by primary key or household index.
/// </summary>
public sealed class PostgresRegionDirectory(NpgsqlDataSource database) : IRegionDirectory
{
    public async Task<string?> RegionOfPerson(string psnNo, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT region_code FROM ledger_person_regions WHERE psn_no = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = psnNo });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> RegionsOfPersons(IReadOnlyCollection<string> psnNos, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = database.CreateCommand("SELECT psn_no, region_code FROM ledger_person_regions WHERE psn_no = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = psnNos.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = reader.GetString(1);
        }
        return found;
    }

    public async Task<string?> RegionOfHousehold(string householdId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT region_code FROM ledger_person_regions WHERE household_id = $1 LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = householdId });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task Record(string psnNo, string householdId, string regionCode, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO ledger_person_regions (psn_no, household_id, region_code) VALUES ($1, $2, $3)
            ON CONFLICT (psn_no) DO UPDATE SET household_id = excluded.household_id, region_code = excluded.region_code
            WHERE (ledger_person_regions.household_id, ledger_person_regions.region_code) IS DISTINCT FROM (excluded.household_id, excluded.region_code)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = psnNo });
        command.Parameters.Add(new NpgsqlParameter { Value = householdId });
        command.Parameters.Add(new NpgsqlParameter { Value = regionCode });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
