namespace Ledger.Silo.Hosting;

/// <summary>Which mode the silo runs in, for the banner and for refusing development keys.</summary>
public sealed record RuntimeMode(bool Durable);
