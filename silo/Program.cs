using Ledger.Silo.Apis;
using Ledger.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLedgerSilo();

var app = builder.Build();
app.MapLedger();
app.MapLedgerTelemetry();
app.Run();

/// <summary>Visible to the API tests, which host this very app.</summary>
public partial class Program;
