using System.Globalization;
using Ledger.Policy.Engine;

namespace Ledger.Policy.Households;

public sealed partial class HouseholdLedger
{
    /// <summary>
    /// A new settlement whose reported <c>oth_pay</c> is more than what the tiers before it left is refused
    /// whole: the ledger would otherwise journal a payment the feed says was made and book less of it.
    /// The feed's figure and the ledger's tiers disagree, and only the feed can say which is right.
    /// </summary>
    internal static LedgerPlan? OtherPaidRefusal(in Claim claim, in Split split) => split.OtherPaidUnbooked > 0m
        ? LedgerPlan.Refuse(RefusalKind.Unprocessable, "oth_pay", string.Create(CultureInfo.InvariantCulture,
            $"{claim.OtherPaid:0.00} is more than the {split.OtherPaidRoom(claim):0.00} left of medfee_sumamt after the payments the "
            + $"ledger computes before it (hifp_pay {split.Basic:0.00}, hifmi_pay {split.Critical:0.00}, maf_pay {split.Assistance:0.00})"))
        : null;
}
