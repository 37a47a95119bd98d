using System.CommandLine;
using Ledger.Bench.Load;

var modes = new Option<string[]>("--modes") { Description = "Runtime modes to measure: embedded, postgres.", DefaultValueFactory = _ => ["embedded", "postgres"], AllowMultipleArgumentsPerToken = true };
var households = new Option<int>("--households") { Description = "Households of the synthetic region (1 to 5 members each).", DefaultValueFactory = _ => 20_000 };
var settlements = new Option<int>("--settlements") { Description = "Settlements fed per mode (warm-up, peak and latency phases).", DefaultValueFactory = _ => 300_000 };
var connections = new Option<int>("--connections") { Description = "Requests in flight.", DefaultValueFactory = _ => 8 };
var batch = new Option<int>("--batch") { Description = "Lines per NDJSON request in the peak phase.", DefaultValueFactory = _ => 1_000 };
var server = new Option<string>("--postgres") { Description = "A PostgreSQL role allowed to create databases; each run gets a fresh one. Without TLS by default: on loopback it only costs CPU, as on a compose network, and silo and references use the same connection.", DefaultValueFactory = _ => "Host=127.0.0.1;Username=ledger;Password=ledger;Database=postgres;SSL Mode=Disable" };
var latencyRate = new Option<double?>("--latency-rate") { Description = "Settlements per second in the latency phase (default: half the peak just measured)." };
var json = new Option<string?>("--json") { Description = "Also write the figures to this file as JSON." };

var root = new RootCommand("The Household Ledger load harness: drives the real silo through its HTTP API and measures it beside the shared SQL peer (a one-round-trip PL/pgSQL ledger) and PostgreSQL's own ceiling.");
foreach (var option in new Option[] { modes, households, settlements, connections, batch, server, latencyRate, json })
{
    root.Options.Add(option);
}
root.SetAction(async (parse, cancellationToken) =>
{
    var settings = new LoadSettings
    {
        Households = parse.GetValue(households), Settlements = parse.GetValue(settlements),
        Connections = parse.GetValue(connections), BatchLines = parse.GetValue(batch), LatencyRate = parse.GetValue(latencyRate),
    };
    var report = await LoadRunner.RunAsync(settings, parse.GetValue(modes)!, parse.GetValue(server)!, Console.Error.WriteLine);
    Console.Out.WriteLine(report.Markdown());
    if (parse.GetValue(json) is { } path)
    {
        await File.WriteAllTextAsync(path, report.Json(), cancellationToken);
    }
    return 0;
});
var persons = new Option<int>("--persons") { Description = "Persons to activate.", DefaultValueFactory = _ => 1_000_000 };
var memoryMode = new Option<string>("--mode") { Description = "embedded or postgres.", DefaultValueFactory = _ => "embedded" };
var idle = new Option<int>("--idle-seconds") { Description = "How long to let the silo idle before the second reading.", DefaultValueFactory = _ => 300 };
var memory = new Command("memory", "Activate many persons and households (registration and one settlement each) and report the silo's resident memory.");
memory.Options.Add(persons);
memory.Options.Add(memoryMode);
memory.Options.Add(server);
memory.Options.Add(idle);
memory.SetAction(async (parse, cancellationToken) =>
{
    var figures = await LoadRunner.MemoryAsync(parse.GetValue(memoryMode)!, parse.GetValue(persons), TimeSpan.FromSeconds(parse.GetValue(idle)), parse.GetValue(server)!, Console.Error.WriteLine);
    Console.Out.WriteLine(LoadReport.Markdown(figures));
    return 0;
});
root.Subcommands.Add(memory);
var registrationMode = new Option<string>("--mode") { Description = "embedded or postgres.", DefaultValueFactory = _ => "postgres" };
var registrationHouseholds = new Option<int>("--households") { Description = "Households of the synthetic region (2.94 members on average).", DefaultValueFactory = _ => 100_000 };
var registrationBatch = new Option<int>("--batch") { Description = "Persons per NDJSON request.", DefaultValueFactory = _ => Ledger.Bench.Load.Phases.Registration.BatchLines };
var registrationConnections = new Option<int>("--connections") { Description = "Requests in flight.", DefaultValueFactory = _ => 2 };
var registrationCold = new Option<bool>("--cold") { Description = "Measure a fresh silo, without the warm-up: the first half-minute of a roll, while the JIT compiles its path." };
var registration = new Command("registration", "Register a synthetic region through the bulk route (POST /api/persons) and report persons per second.");
foreach (var option in new Option[] { registrationMode, registrationHouseholds, registrationBatch, registrationConnections, registrationCold, server })
{
    registration.Options.Add(option);
}
registration.SetAction(async (parse, cancellationToken) =>
{
    var figures = await LoadRunner.RegistrationAsync(parse.GetValue(registrationMode)!, parse.GetValue(registrationHouseholds),
        parse.GetValue(registrationBatch), parse.GetValue(registrationConnections), parse.GetValue(registrationCold), parse.GetValue(server)!, Console.Error.WriteLine);
    Console.Out.WriteLine(figures.Markdown());
    return 0;
});
root.Subcommands.Add(registration);
return await root.Parse(args).InvokeAsync();
