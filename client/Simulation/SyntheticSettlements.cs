using System.Globalization;
using Ledger.Client.Wire;

namespace Ledger.Client.Simulation;

/// <summary>
/// A year of settlements: mostly small outpatient bills, medium chronic ones, and inpatient stays with
/// a long (Pareto) tail so that monitoring thresholds and burden caps fire. Amounts are whole cents and
/// satisfy the national rule medfee_sumamt = inscp_scp_amt + fulamt_ownpay_amt + overlmt_selfpay +
/// preselfpay_amt exactly. Times rise through the year, in opening hours, China time.
/// </summary>
internal static class SyntheticSettlements
{
    private static readonly double[] MedTypeOdds = [0.65, 0.87, 1.00];
    private static readonly string[] MedTypes = ["11", "14", "21"];

    // Cumulative odds of hospital levels 1..3 per medical type.
    private static readonly double[][] LevelOdds = [[0.6, 0.9, 1.0], [0.3, 0.7, 1.0], [0.2, 0.6, 1.0]];

    // A few people are ill far more often: weights 1, 3 and 12.
    private static readonly double[] FrequencyOdds = [0.65, 0.90, 1.00];
    private static readonly double[] FrequencyWeights = [1, 3, 12];

    private const int OpeningSecond = 8 * 3600;
    private const int OpeningSeconds = 12 * 3600;

    public static IEnumerable<SettlementLine> Generate(SimulationSettings settings, IReadOnlyList<PersonLine> persons, DeterministicRandom random)
    {
        var cumulative = new double[persons.Count];
        var total = 0.0;
        for (var i = 0; i < persons.Count; i++)
        {
            total += FrequencyWeights[random.NextWeighted(FrequencyOdds)];
            cumulative[i] = total;
        }
        var days = settings.EffectiveLastDay.DayNumber - settings.FirstDay.DayNumber + 1;
        for (var index = 0; index < settings.Settlements; index++)
        {
            var person = persons[random.NextWeighted(cumulative)];
            var kind = random.NextWeighted(MedTypeOdds);
            var position = (index + random.NextDouble()) / settings.Settlements * days;
            var day = settings.FirstDay.AddDays((int)position);
            var second = OpeningSecond + (int)((position - Math.Floor(position)) * OpeningSeconds);
            var time = day.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(second)));
            var bill = Bill(kind, random);
            var setlId = $"S{settings.RegionCode}-{settings.Seed}-{settings.Year}-{index + 1:D9}";
            yield return new SettlementLine
            {
                SetlId = setlId,
                PsnNo = person.PsnNo,
                MdtrtId = "T" + setlId[1..],
                SetlTime = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                MedType = MedTypes[kind],
                HospLv = random.NextWeighted(LevelOdds[kind]) + 1,
                MedfeeSumamt = Yuan(bill.Total),
                InscpScpAmt = Yuan(bill.InScope),
                FulamtOwnpayAmt = Yuan(bill.OutOfCatalogue),
                OverlmtSelfpay = Yuan(bill.OverLimit),
                PreselfpayAmt = Yuan(bill.PreSelfPay),
                HifpPay = null,
                HifmiPay = null,
                MafPay = null,
            };
        }
    }

    private readonly record struct BillCents(long Total, long InScope, long OutOfCatalogue, long OverLimit, long PreSelfPay);

    private static BillCents Bill(int kind, DeterministicRandom random)
    {
        var yuan = kind switch
        {
            0 => Math.Clamp(random.NextLogNormal(120, 0.9), 5, 3_000),
            1 => Math.Clamp(random.NextLogNormal(600, 0.8), 30, 20_000),
            _ => Math.Clamp(random.NextLogNormal(8_000, 0.9) * (random.Chance(0.04) ? Math.Min(random.NextPareto(1.3), 20) : 1), 800, 400_000),
        };
        var total = (long)Math.Round(yuan * 100);
        var outOfCatalogue = Share(total, kind == 2 ? random.NextDouble(0.03, 0.15) : random.NextDouble(0, 0.2));
        var overLimit = kind == 2 && random.Chance(0.5) ? Share(total, random.NextDouble(0, 0.03)) : 0;
        var preSelfPay = Share(total, random.NextDouble(0, kind == 2 ? 0.10 : 0.05));
        return new BillCents(total, total - outOfCatalogue - overLimit - preSelfPay, outOfCatalogue, overLimit, preSelfPay);
    }

    private static long Share(long cents, double fraction) => (long)Math.Floor(cents * fraction);

    /// <summary>Cents as yuan with exactly two decimals, so the JSON reads 12.00 and not 12.</summary>
    internal static decimal Yuan(long cents) =>
        new((int)(cents & 0xFFFFFFFF), (int)(cents >> 32), 0, isNegative: false, scale: 2);
}
