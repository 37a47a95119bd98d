using System.Globalization;
using Ledger.Grains.Privacy;
using Ledger.Silo.Hosting;
using Npgsql;

namespace Ledger.Silo.Security;

/// <summary>
/// Each personal-data key id stands for one key for good. A stored hash names only its key id, so a
/// key regenerated under the same id (a lost .env, a new secret) would hash every name and ID-card
/// number differently without a word: lookups miss and a roll registers its persons anew. At start
/// the silo records each configured id's check value (<see cref="PersonalDataProtector.CheckValue"/>)
/// the first time it sees the id, and refuses to start when a key differs from the one recorded.
/// </summary>
public static class PersonalDataKeyCheck
{
    public static async Task RequireSameKeysAsync(NpgsqlConnection connection, PersonalDataProtector protector, CancellationToken cancellationToken = default)
    {
        foreach (var keyId in protector.KeyIds.Order(StringComparer.Ordinal))
        {
            var check = protector.CheckValue(keyId);
            // Two statements, not one: a silo starting beside another reads the row the other just inserted.
            await using (var record = new NpgsqlCommand(
                "INSERT INTO ledger_personal_data_keys (key_id, check_value) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING", connection))
            {
                record.Parameters.AddWithValue(keyId);
                record.Parameters.AddWithValue(check);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var read = new NpgsqlCommand("SELECT check_value, recorded_at FROM ledger_personal_data_keys WHERE key_id = $1", connection);
            read.Parameters.AddWithValue(keyId);
            await using var row = await read.ExecuteReaderAsync(cancellationToken);
            await row.ReadAsync(cancellationToken);
            if (row.GetString(0) != check)
            {
                throw new StartupRefusedException(
                    $"{PersonalDataOptions.Section}:Keys:{keyId} is not the key first used under id '{keyId}' (recorded {row.GetDateTime(1).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC): "
                    + $"the names and ID-card numbers hashed under '{keyId}' would no longer be found. Configure the key '{keyId}' had, "
                    + "or give a new key a new id and make it CurrentKeyId (docs/security.md, \"Personal data at rest\").");
            }
        }
    }
}
