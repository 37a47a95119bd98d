using Ledger.Grains.Privacy;
using Ledger.Schema;
using Ledger.Silo.Hosting;
using Ledger.Silo.Security;
using Npgsql;

namespace Ledger.Silo.Storage;

/// <summary>
/// The PostgreSQL mode's look at its database before the host starts: it can log in, the schema is
/// current, and each personal-data key is the one first used under its id (<see cref="PersonalDataKeyCheck"/>). Run from <c>Program</c> ahead of Orleans, so a wrong password, a missing database or an
/// unapplied schema is a refusal on the first line (<see cref="StartupRefusal"/>) instead of Orleans
/// logging its failed lifecycle with stack traces and the process aborting. The lifecycle's own
/// <see cref="PostgresSchemaCheck"/> stays for hosts built without <c>Program</c> (the tests').
/// </summary>
public static class DatabaseStartupCheck
{
    public static async Task RequireUsableAsync(string connectionString, PersonalDataProtector protector, CancellationToken cancellationToken = default)
    {
        try
        {
            await PostgresSchema.RequireCurrentAsync(connectionString, cancellationToken);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await PersonalDataKeyCheck.RequireSameKeysAsync(connection, protector, cancellationToken);
        }
        catch (NpgsqlException failure)
        {
            throw new StartupRefusedException(Describe(connectionString, failure));
        }
    }

    /// <summary>
    /// What went wrong, naming server, database and login from the connection string but never its
    /// password (Npgsql's own messages do not carry it either).
    /// </summary>
    public static string Describe(string connectionString, NpgsqlException failure)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var server = $"PostgreSQL at {target.Host}:{target.Port}";
        return failure switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } login =>
                $"{server} refused the login of '{target.Username}' ({login.SqlState}: {login.MessageText}). Check the user name and password in ConnectionStrings:Ledger.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } missing =>
                $"{server} has no database '{target.Database}' ({missing.SqlState}). Create it and apply the schema with the migration role: ledger db init --connection \"…\" --app-role <the silo's role>.",
            PostgresException other =>
                $"{server}, database '{target.Database}', login '{target.Username}': {other.SqlState}: {other.MessageText}.",
            _ => $"{server} cannot be reached: {Innermost(failure).Message}",
        };
    }

    private static Exception Innermost(Exception failure) => failure.InnerException is { } inner ? Innermost(inner) : failure;
}
