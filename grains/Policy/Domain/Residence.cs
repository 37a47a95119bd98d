namespace Ledger.Policy.Domain;

/// <summary>Household registration: the impoverishment-risk rule watches rural residents only.</summary>
public enum Residence : byte
{
    Rural = 0,
    Urban = 1,
}
