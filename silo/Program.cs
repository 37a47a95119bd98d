using Ledger.Silo.Apis;
using Ledger.Silo.Health;
using Ledger.Silo.Hosting;
using Ledger.Silo.Logging;

if (args is [HealthProbe.Command, ..])
{
    return await HealthProbe.RunAsync(args[1..]);
}

// Configuration and the caseworker page are read beside the binaries, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddLedgerLogging();
builder.AddLedgerSilo();
builder.AddLedgerHealth();
builder.AddLedgerDrain();

var app = builder.Build();
app.MapLedger();
app.MapLedgerHealth();
app.MapLedgerTelemetry();
app.Run();
return 0;

/// <summary>Visible to the API tests, which host this very app.</summary>
public partial class Program;
