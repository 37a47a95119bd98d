namespace Ledger.Silo.Wire;

/// <summary>The reversal body: the person whose settlement it is (interface 2208 carries it too).</summary>
public sealed record ReversalRequest(string PsnNo);
