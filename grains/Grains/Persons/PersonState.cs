using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;

namespace Ledger.Grains.Persons;

[GenerateSerializer, Alias("ledger.person-state")]
public sealed class PersonState
{
    [Id(0)] public PersonProfile? Profile { get; set; }

    /// <summary>A household move in progress: where from, and the ledger once released (so a crash loses nothing).</summary>
    [Id(1)] public string? MovingFrom { get; set; }

    [Id(2)] public MemberTransfer? Transfer { get; set; }
}
