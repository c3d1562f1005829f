namespace OpMock.Core.Validation.Reports;

/// <summary>
/// A report written while the run goes: each outcome as it arrives, then the totals from the bounded
/// <see cref="ReportSummary"/> once the run is over.
/// </summary>
internal interface IReportWriter : IResultSink, IAsyncDisposable
{
    Task CompleteAsync(ReportSummary summary, CancellationToken cancellationToken);
}

/// <summary>Renders a whole report held in memory through a streaming writer, for tests and small runs.</summary>
internal static class ReportWriters
{
    public static async Task<string> RenderAsync(ValidationReport report, Func<TextWriter, IReportWriter> create)
    {
        using var text = new StringWriter { NewLine = "\n" };
        await using (var writer = create(text))
        {
            var summary = new ReportSummary();
            await report.ReplayAsync(new FanOutSink([summary, writer]));
            await writer.CompleteAsync(summary, CancellationToken.None);
        }

        return text.ToString();
    }

    public static string Count(long count, string noun) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
