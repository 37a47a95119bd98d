using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// A settlement as the replay keeps it until its household is replayed: the claim's fields, the settling
/// person by index (<see cref="PersonTable"/>) and the setl_id as UTF-8 bytes in its block's arena. It holds
/// no reference, so the millions of a region's year sit in a few large arrays the garbage collector
/// never has to mark: the hospital's region code (six digits) is kept as a number.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct StoredSettlement
{
    public DateTimeOffset SetlTime;
    public DateOnly Date;
    public int Person;
    public int IdStart;
    public byte IdLength;
    public MedicalType MedicalType;
    public byte Flags;
    public int HospitalLevel;
    public int HospitalRegion;
    public decimal Total;
    public decimal PolicyScope;
    public decimal FullOwnPay;
    public decimal OverLimitSelfPay;
    public decimal PreSelfPay;
    public decimal Basic;
    public decimal Critical;
    public decimal Assistance;
    public decimal OtherPaid;

    private const byte HasBasic = 1, HasCritical = 2, HasAssistance = 4, HasOther = 8, IsReferral = 16;

    public static StoredSettlement Of(in Claim claim, DateTimeOffset setlTime, int person) => new()
    {
        SetlTime = setlTime, Date = claim.Date, Person = person, MedicalType = claim.MedicalType, HospitalLevel = claim.HospitalLevel,
        Total = claim.Total, PolicyScope = claim.PolicyScope, FullOwnPay = claim.FullOwnPay, OverLimitSelfPay = claim.OverLimitSelfPay,
        PreSelfPay = claim.PreSelfPay, Basic = claim.PrepaidBasic ?? 0m, Critical = claim.PrepaidCritical ?? 0m,
        Assistance = claim.PrepaidAssistance ?? 0m, OtherPaid = claim.OtherPaid ?? 0m,
        // A validated claim's region code is six ASCII digits (ClaimValidator).
        HospitalRegion = claim.HospitalRegion is { } region ? int.Parse(region, CultureInfo.InvariantCulture) : 0,
        Flags = (byte)((claim.PrepaidBasic.HasValue ? HasBasic : 0) | (claim.PrepaidCritical.HasValue ? HasCritical : 0)
            | (claim.PrepaidAssistance.HasValue ? HasAssistance : 0) | (claim.OtherPaid.HasValue ? HasOther : 0) | (claim.Referral ? IsReferral : 0)),
    };

    public readonly Claim Claim => new(Date, MedicalType, HospitalLevel, Total, PolicyScope, FullOwnPay, OverLimitSelfPay, PreSelfPay,
        (Flags & HasBasic) != 0 ? Basic : null, (Flags & HasCritical) != 0 ? Critical : null, (Flags & HasAssistance) != 0 ? Assistance : null,
        (Flags & HasOther) != 0 ? OtherPaid : null, (Flags & IsReferral) != 0,
        HospitalRegion == 0 ? null : HospitalRegion.ToString("D6", CultureInfo.InvariantCulture));
}

/// <summary>
/// The settlements of one block of a file in order, their setl_ids in one byte arena, and the count of
/// lines left out by reason.
/// </summary>
internal sealed class SettlementBlock(int capacity = 256)
{
    /// <summary>Settlements a block of <see cref="NdjsonBlocks.BlockBytes"/> holds when its lines are 256 bytes long (they are some 330).</summary>
    public const int FileBlockCapacity = NdjsonBlocks.BlockBytes / 256;

    /// <summary>Bytes of a typical setl_id (ledger simulate's are 20).</summary>
    private const int IdBytesTypical = 24;

    // Uninitialised: a region's year is gigabytes of rows, each written before it is read, and zeroing
    // them first would cost as much again (a row holds no reference, so the collector never reads one).
    private StoredSettlement[] _rows = GC.AllocateUninitializedArray<StoredSettlement>(capacity);
    private byte[] _ids = new byte[capacity * IdBytesTypical];
    private int _idBytes;

    public int Count { get; private set; }

    public InputTally Tally { get; } = new();

    public ref readonly StoredSettlement this[int index] => ref _rows[index];

    public ReadOnlySpan<byte> SetlId(int index) => _ids.AsSpan(_rows[index].IdStart, _rows[index].IdLength);

    public void Refuse(string problem)
    {
        Tally.LinesRead++;
        Tally.Skip($"settlements: {problem}");
    }

    /// <summary>Keeps a line's settlement; <paramref name="setlId"/> is its id as UTF-8 (at most 64 characters, so at most 192 bytes).</summary>
    public void Add(in StoredSettlement settlement, ReadOnlySpan<byte> setlId)
    {
        Tally.LinesRead++;
        if (Count == _rows.Length)
        {
            _rows = Copied(_rows, Count * 2);
        }
        if (_idBytes + setlId.Length > _ids.Length)
        {
            Array.Resize(ref _ids, Math.Max(_ids.Length * 2, _idBytes + setlId.Length));
        }
        setlId.CopyTo(_ids.AsSpan(_idBytes));
        ref var row = ref _rows[Count++];
        row = settlement;
        row.IdStart = _idBytes;
        row.IdLength = checked((byte)setlId.Length);
        _idBytes += setlId.Length;
    }

    public void Add(in Claim claim, SettlementKey key, int person)
    {
        Span<byte> id = stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.SetlId.Length)];
        Add(StoredSettlement.Of(claim, key.SetlTime, person), id[..Encoding.UTF8.GetBytes(key.SetlId, id)]);
    }

    /// <summary>
    /// Gives back room the block will not use: it lives until the replay ends. A file block's rows stay as
    /// they are when at least half is used: copying gigabytes costs more than the rest, which was never
    /// written (the pages of an uninitialised array's unused end are not touched).
    /// </summary>
    public void Trim()
    {
        if (Count < _rows.Length / 2)
        {
            _rows = Copied(_rows, Count);
        }
        Array.Resize(ref _ids, _idBytes);
    }

    private StoredSettlement[] Copied(StoredSettlement[] rows, int length)
    {
        var copy = GC.AllocateUninitializedArray<StoredSettlement>(length);
        rows.AsSpan(0, Count).CopyTo(copy);
        return copy;
    }

    public ReplaySettlement Materialise(int index, PersonTable persons)
    {
        ref readonly var row = ref _rows[index];
        var key = new SettlementKey(row.SetlTime, Encoding.UTF8.GetString(SetlId(index)));
        return new ReplaySettlement(persons[row.Person].Profile.PsnNo, key, row.Claim);
    }
}
