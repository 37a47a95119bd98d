using Ledger.Silo.Apis;
using Ledger.Silo.Hosting;
using Ledger.Silo.Logging;

// Configuration and the caseworker page are read beside the binaries, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddLedgerLogging();
builder.AddLedgerSilo();

var app = builder.Build();
app.MapLedger();
app.MapLedgerTelemetry();
app.Run();

/// <summary>Visible to the API tests, which host this very app.</summary>
public partial class Program;
