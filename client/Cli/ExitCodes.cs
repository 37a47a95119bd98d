namespace Ledger.Client.Cli;

/// <summary>The process exit codes, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Done; for a feed: every line acknowledged and none refused.</summary>
    public const int Ok = 0;

    /// <summary>
    /// The server refused (401, 403, 404 …), was unreachable, or the feed gave up; for a feed also:
    /// a line was refused (rejected by the server, or malformed), though the rest were all sent.
    /// </summary>
    public const int Failed = 1;

    /// <summary>The command line or an input file is wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}

/// <summary>A mistake in the command line found after parsing (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
