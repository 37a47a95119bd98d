using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>Test data in the national platform's terms, with ids unique per test run.</summary>
internal static class Build
{
    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static PersonProfile Person(string householdId, string regionCode = "350102", string residence = "rural", params string[] identities) => new()
    {
        RegionCode = regionCode,
        HouseholdId = householdId,
        Residence = residence,
        Insutype = "resident",
        Identities = [.. identities.Select(type => new IdentityRecord(type, new DateOnly(2021, 1, 1), null))],
        PsnName = "张三丰",
        Certno = "350102199001011234",
    };

    private static long _sequence;

    /// <summary>
    /// An inpatient settlement; the out-of-scope part makes the four amounts add up. Without a date, each
    /// is a second after the one built before, on 2022-03-01: settlements count in settlement-time order
    /// (ties by setl_id), so tests that mean arrival order must give later settlements later times.
    /// </summary>
    public static SettlementRequest Inpatient(string psnNo, decimal total, decimal scope, int level = 3, string? date = null) => new()
    {
        SetlId = Id("S"),
        PsnNo = psnNo,
        SetlTime = date is null
            ? new DateTimeOffset(2022, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)).AddSeconds(Interlocked.Increment(ref _sequence))
            : DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
        MedType = "21",
        HospLv = level,
        MedfeeSumamt = total,
        InscpScpAmt = scope,
        FulamtOwnpayAmt = total - scope,
    };
}
