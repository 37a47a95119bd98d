using Ledger.Silo.Health;
using Ledger.Silo.Hosting;
using Ledger.Silo.Logging;
using Ledger.Silo.Storage;

if (args is [HealthProbe.Command, ..])
{
    return await HealthProbe.RunAsync(args[1..]);
}

try
{
    // Configuration and the caseworker page are read beside the binaries, whatever the working directory.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddLedgerLogging();
    builder.AddLedgerSilo();
    builder.AddLedgerHealth();
    builder.AddLedgerDrain();

    var app = builder.Build();
    var database = app.Configuration.GetConnectionString("Ledger");
    if (!string.IsNullOrWhiteSpace(database))
    {
        // Before Orleans starts: a database the silo cannot use (or a changed personal-data key) is refused on the first line, not after a lifecycle's stack traces.
        await DatabaseStartupCheck.RequireUsableAsync(database, app.Services.GetRequiredService<Ledger.Grains.Privacy.PersonalDataProtector>());
    }
    app.MapLedger();
    app.MapLedgerHealth();
    app.MapLedgerTelemetry();
    await app.RunAsync();
}
catch (Exception refused) when (StartupRefusal.Reason(refused) is { } reason)
{
    // A configuration the silo refuses (keys, policies, the database): its reason, not an abort with a stack trace.
    return StartupRefusal.Refuse(reason, Console.Error);
}
// A refusal after start (development keys off loopback) sets the exit code before stopping the host.
return Environment.ExitCode;

/// <summary>Visible to the API tests, which host this very app.</summary>
public partial class Program;
