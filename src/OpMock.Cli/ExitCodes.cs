using OpMock.Core.Diagnostics;

namespace OpMock.Cli;

/// <summary>The one place that turns outcomes and exceptions into exit codes and one-line messages.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The check ran and found problems (stale schemas, lint errors, contract violations).</summary>
    public const int Findings = 1;

    /// <summary>Usage or I/O error: the check could not run.</summary>
    public const int Usage = 2;

    /// <summary>A bug in OpMock; the message asks for a report instead of showing a stack trace.</summary>
    public const int Internal = 70;

    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (InvalidInputException e)
        {
            // Doc paths as the user can open them, the same line whichever command read the docs.
            await FindingWriter.WriteAsync(console.Error, e.Findings, e.Docs);

            return Usage;
        }
        catch (OpMockException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return Usage;
        }
        catch (OperationCanceledException)
        {
            return Ok;
        }
        catch (Exception e)
        {
            await console.Error.WriteLineAsync($"internal error: {e.GetType().Name}: {e.Message} (this is a bug in OpMock; please report it)");
            return Internal;
        }
    }
}
