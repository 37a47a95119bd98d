using System.Net.Sockets;
using Ledger.Client.Feeding;
using Ledger.Client.Http;

namespace Ledger.Client.Cli;

/// <summary>
/// Runs a command body and turns the failures every command shares into one line on stderr and an
/// exit code, never a stack trace.
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Fail("interrupted");
            return ExitCodes.Cancelled;
        }
        catch (Exception exception) when (exception is UsageException or FeedFormatException)
        {
            context.Fail(exception.Message);
            return ExitCodes.Usage;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            context.Fail(exception.Message);
            return ExitCodes.Usage;
        }
        catch (ApiException exception)
        {
            context.Fail(exception.Message);
            return ExitCodes.Failed;
        }
        catch (HttpRequestException exception)
        {
            // Our own messages already name the URL and the cause.
            context.Fail(exception.Message);
            return ExitCodes.Failed;
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            context.Fail(HttpAttempts.Describe(exception));
            return ExitCodes.Failed;
        }
    }
}
