using OpMock.Core.Validation;
using OpMock.Core.Validation.Live.Cases;
using Spectre.Console;

namespace OpMock.Cli;

/// <summary>
/// Shows a case run's progress on stderr, so stdout stays the report: a bar on a terminal, and plain lines
/// (every tenth of the run) in CI logs and tests.
/// </summary>
internal static class CaseProgressView
{
    public static async Task<ValidationReport> RunAsync(CliConsole console, Func<IProgress<CaseProgress>, Task<ValidationReport>> run)
    {
        if (ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected)
        {
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await terminal.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask("cases");
                return await run(new Reporter(p =>
                {
                    task.MaxValue = p.Total;
                    task.Value = p.Sent;
                    task.Description = $"{Markup.Escape(p.Route)} · {p.Failed} failed";
                }));
            });
        }

        var gate = new Lock();
        var shown = -1;
        return await run(new Reporter(p =>
        {
            lock (gate)
            {
                var tenth = p.Total == 0 ? 10 : p.Sent * 10 / p.Total;
                if (tenth > shown)
                {
                    shown = tenth;
                    console.Error.WriteLine($"cases: {p.Sent}/{p.Total} sent, {p.Failed} failed ({p.Route})");
                }
            }
        }));
    }

    /// <summary>Reports on the sender's thread: System.Progress would post to the thread pool, out of order.</summary>
    private sealed class Reporter(Action<CaseProgress> show) : IProgress<CaseProgress>
    {
        public void Report(CaseProgress value) => show(value);
    }
}
