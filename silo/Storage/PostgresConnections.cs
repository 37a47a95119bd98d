using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ledger.Silo.Storage;

/// <summary>How the silo talks to PostgreSQL: one tuned connection string and one state serializer.</summary>
public static class PostgresConnections
{
    public const string Invariant = "Npgsql";

    /// <summary>
    /// A small pool and no reset-on-close, so PostgreSQL, not the pool, bounds the write rate (figures:
    /// bench/README.md). Explicit settings in the string win.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = 16;
        }
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            // The same few statements run thousands of times a second: plan them once per connection.
            builder.MaxAutoPrepare = 32;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// Grain state is stored in Orleans' own binary format, not the provider's default (Newtonsoft JSON
    /// with CLR type and assembly names). Every stored type carries an <c>[Alias]</c> and numbered
    /// <c>[Id]</c> fields, so renaming or moving a type, or adding a field, still reads what was written;
    /// and a settlement's one write stays on the compact binary codec.
    /// </summary>
    public static void ConfigureStorage(OptionsBuilder<AdoNetGrainStorageOptions> storage, string connectionString) =>
        storage.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        });
}
