using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Ledger.Contracts.Persons;

namespace Ledger.Grains.Persons;

/// <summary>
/// What a household remembers of a member's stored registration: a 128-bit digest of every field of
/// its <see cref="PersonRecord"/>, enough to answer a resent roll <c>unchanged</c> without
/// keeping each record whole in every active household (the journal keeps the record). Two different
/// registrations share a digest with probability 2⁻¹²⁸; the fields are length-prefixed so that no two
/// field lists encode alike.
/// </summary>
public readonly record struct RegistrationDigest(UInt128 Value)
{
    public static RegistrationDigest Of(PersonRecord person)
    {
        var hash = new XxHash128();
        Add(hash, person.PsnNo);
        Add(hash, person.HouseholdId);
        Add(hash, person.RegionCode);
        Add(hash, person.Residence);
        Add(hash, person.Insutype);
        Add(hash, person.Identities.Count);
        foreach (var identity in person.Identities)
        {
            Add(hash, identity.Type);
            Add(hash, identity.Begin.DayNumber);
            Add(hash, identity.End?.DayNumber ?? -1);
        }
        Add(hash, person.PsnNameMasked);
        Add(hash, person.CertnoMasked);
        Add(hash, person.PsnNameHash);
        Add(hash, person.CertnoHash);
        return new RegistrationDigest(hash.GetCurrentHashAsUInt128());
    }

    private static void Add(XxHash128 hash, string? text)
    {
        Add(hash, text is null ? -1 : text.Length);
        hash.Append(MemoryMarshal.AsBytes((text ?? "").AsSpan()));
    }

    private static void Add(XxHash128 hash, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        hash.Append(bytes);
    }
}
