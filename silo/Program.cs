using Ledger.Silo.Apis;
using Ledger.Silo.Hosting;

// Configuration and the caseworker page are read beside the binaries, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddLedgerSilo();

var app = builder.Build();
app.MapLedger();
app.MapLedgerTelemetry();
app.Run();

/// <summary>Visible to the API tests, which host this very app.</summary>
public partial class Program;
