using System.Data.Common;
using System.Net.Sockets;

namespace Ledger.Grains;

/// <summary>
/// Tells an operating failure of the cluster (storage unreachable, a silo lost, a call timed out) from
/// a defect: the first is answered "unavailable, retry" (every write is safe to repeat), the second is a bug.
/// </summary>
public static class OperatingFailures
{
    public static bool Is(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            // Orleans reports storage, membership and messaging failures as OrleansException or subtypes.
            if (current is OrleansException or TimeoutException or DbException or SocketException)
            {
                return true;
            }
        }
        return error is AggregateException aggregate && aggregate.InnerExceptions.All(Is);
    }
}
