using Ledger.Contracts.Settlements;
using Ledger.Policy.Households;

namespace Ledger.Grains.Settlements;

/// <summary>The ledger's refusals as the wire's rejections (the HTTP layer maps their codes to statuses).</summary>
public static class Rejections
{
    public static Rejection Of(LedgerRefusal refusal) => new(refusal.Kind switch
    {
        RefusalKind.Invalid => RejectionCode.Invalid,
        RefusalKind.NotFound => RejectionCode.NotFound,
        RefusalKind.NoPolicy => RejectionCode.NoPolicy,
        RefusalKind.Unprocessable => RejectionCode.Unprocessable,
        _ => RejectionCode.Conflict,
    }, refusal.Field, refusal.Reason);
}
