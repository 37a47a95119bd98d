using Orleans;
using Orleans.Runtime;

namespace Ledger.Tests.Support;

/// <summary>
/// A silo lifecycle of one stage, for running a lifecycle participant (the PostgreSQL journal's writer)
/// outside a silo: whoever subscribes is started and stopped by hand through <see cref="Observer"/>.
/// </summary>
public sealed class SingleStageLifecycle : ISiloLifecycle, IDisposable
{
    public ILifecycleObserver? Observer { get; private set; }

    public int HighestCompletedStage => 0;

    public int LowestStoppedStage => 0;

    public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
    {
        Observer = observer;
        return this;
    }

    public void Dispose()
    {
    }
}
