namespace Ledger.Policy.Model;

/// <summary>The payers a floor can count or book its top-up to (DESIGN §4: which payers count, which pays).</summary>
[Flags]
public enum Payers : byte
{
    None = 0,
    Basic = 1 << 0,
    Critical = 1 << 1,
    Assistance = 1 << 2,
    Floor = 1 << 3,
    Supplementary = 1 << 4,
}
