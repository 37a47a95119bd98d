using Ledger.Policy.Loading;
using Ledger.Schema;

namespace Ledger.Silo.Hosting;

/// <summary>
/// The silo refuses to start with this configuration: the message says what is wrong (naming
/// configuration paths, never a secret) and is all an operator needs, so no stack trace goes with it.
/// </summary>
public sealed class StartupRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// How the process ends when it refuses to start: the reason on standard error and exit code
/// <see cref="ExitCode"/>, the same for every refusal (keys, personal-data keys, policy files,
/// the database's schema, development keys off loopback) instead of an unhandled-exception abort.
/// </summary>
public static class StartupRefusal
{
    public const int ExitCode = 1;

    /// <summary>The reason, when <paramref name="failure"/> (or an exception it wraps) is a refusal; null for anything else.</summary>
    public static string? Reason(Exception failure)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case StartupRefusedException or SchemaOutOfDateException:
                    return cause.Message;
                case PolicyLoadException policies:
                    return $"The policy files are refused ({policies.Problems.Count} problem(s)):{Environment.NewLine}{string.Join(Environment.NewLine, policies.Problems)}";
                case AggregateException { InnerExceptions.Count: > 1 } several:
                    var reasons = several.InnerExceptions.Select(Reason).OfType<string>().ToList();
                    return reasons.Count > 0 ? string.Join(Environment.NewLine, reasons) : null;
            }
        }
        return null;
    }

    /// <summary>Writes the refusal as the silo's last words and returns the exit code.</summary>
    public static int Refuse(string reason, TextWriter error)
    {
        error.WriteLine($"Refusing to start: {reason}");
        return ExitCode;
    }
}
