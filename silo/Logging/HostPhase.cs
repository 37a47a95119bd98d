namespace Ledger.Silo.Logging;

/// <summary>
/// Whether the silo is starting, running or stopping, as the log needs it to tell a planned start or
/// stop from trouble (<see cref="PlannedTransitions"/>). Read from the host's lifetime once attached;
/// until then the host is starting. Has no dependencies of its own: the logger provider holds it, and
/// the lifetime (which logs) cannot be one of the provider's.
/// </summary>
public sealed class HostPhase
{
    private volatile IHostApplicationLifetime? _lifetime;

    /// <summary>Called by a hosted service's constructor, before any hosted service starts.</summary>
    public void Attach(IHostApplicationLifetime lifetime) => _lifetime = lifetime;

    /// <summary>Before every hosted service (the Orleans silo among them) has started.</summary>
    public bool Starting => _lifetime is not { } lifetime || !lifetime.ApplicationStarted.IsCancellationRequested;

    /// <summary>From SIGTERM (or any other request to stop) on.</summary>
    public bool Stopping => _lifetime?.ApplicationStopping.IsCancellationRequested == true;
}
