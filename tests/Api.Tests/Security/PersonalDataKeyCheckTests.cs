using System.Security.Cryptography;
using Ledger.Grains.Privacy;
using Ledger.Silo.Hosting;
using Ledger.Silo.Security;
using Ledger.Silo.Storage;
using Npgsql;

namespace Ledger.Api.Tests.Security;

/// <summary>A personal-data key id stands for one key for good: a regenerated key under it is refused at start.</summary>
public sealed class PersonalDataKeyCheckTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly byte[] First = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Regenerated = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Next = RandomNumberGenerator.GetBytes(32);

    public Task InitializeAsync() => database.ApplySchemaAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_same_key_starts_again_a_new_id_is_recorded_and_a_regenerated_key_under_an_old_id_is_refused_without_the_key()
    {
        await DatabaseStartupCheck.RequireUsableAsync(database.AppConnectionString, Protector("k1", ("k1", First)));
        await DatabaseStartupCheck.RequireUsableAsync(database.AppConnectionString, Protector("k1", ("k1", First)));
        // A rotation as docs/security.md describes it: the new key under a new id, the old one kept.
        await DatabaseStartupCheck.RequireUsableAsync(database.AppConnectionString, Protector("k2", ("k1", First), ("k2", Next)));

        var refused = await Assert.ThrowsAsync<StartupRefusedException>(() =>
            DatabaseStartupCheck.RequireUsableAsync(database.AppConnectionString, Protector("k1", ("k1", Regenerated))));
        var rotatedThenRegenerated = await Assert.ThrowsAsync<StartupRefusedException>(() =>
            DatabaseStartupCheck.RequireUsableAsync(database.AppConnectionString, Protector("k2", ("k1", First), ("k2", Regenerated))));

        Assert.StartsWith("Ledger:PersonalData:Keys:k1 is not the key first used under id 'k1' (recorded ", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("Ledger:PersonalData:Keys:k2 is not the key first used under id 'k2' (recorded ", rotatedThenRegenerated.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Regenerated), refused.Message, StringComparison.Ordinal);
        Assert.Equal(2L, await database.Scalar<long>("SELECT count(*) FROM ledger_personal_data_keys"));
    }

    [Fact]
    public async Task The_silos_role_cannot_overwrite_a_recorded_check_value()
    {
        await DatabaseStartupCheck.RequireUsableAsync(database.AppConnectionString, Protector("k1", ("k1", First)));
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var overwrite = new NpgsqlCommand("UPDATE ledger_personal_data_keys SET check_value = 'x'", connection);

        var denied = await Assert.ThrowsAsync<PostgresException>(() => overwrite.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
    }

    private static PersonalDataProtector Protector(string current, params (string Id, byte[] Key)[] keys) =>
        new(current, keys.ToDictionary(key => key.Id, key => key.Key, StringComparer.Ordinal));
}
