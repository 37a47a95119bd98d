using Ledger.Policy.Loading;

namespace Ledger.Silo.Wire;

/// <summary>The answer of <c>GET /api/policies</c>.</summary>
public sealed record PoliciesAnswer(IReadOnlyList<PolicyListing> Policies);
