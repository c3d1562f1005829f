using System.Globalization;
using OpMock.Core.Diagnostics;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Reports;

namespace OpMock.Tests.Validation.Reports;

public sealed class ReportSummaryTests
{
    [Fact]
    public async Task AddAsync_ManyFailingResponses_KeepsAFixedSizeWithExactCounts()
    {
        // Given more failing responses, findings per response, route labels and skips than the summary keeps
        var summary = new ReportSummary();
        var findings = Enumerable.Range(0, ReportSummary.KeptViolations + 10)
            .Select(i => new Violation($"data.x{i}", "integer", "\"a\"", Severity.Error, "expected integer", 0)).ToArray();
        const int Responses = ReportSummary.KeptResponses + 500;
        for (var i = 0; i < Responses; i++)
        {
            var reqUrl = string.Create(CultureInfo.InvariantCulture, $"/op/v2/r{i % (ReportSummary.KeptRoutes + 100)}");
            await summary.AddAsync(new CheckedResponse("/opapp/transfer", reqUrl, $"s.har entries[{i}]", 200, [.. findings]), CancellationToken.None);
            await summary.SkipAsync(new SkippedResponse($"s.har skip[{i}]", "not a documented route"), CancellationToken.None);
        }

        // Then the counts are exact
        (summary.Checked, summary.Failed, summary.Errors, summary.Skipped, summary.WithFindings)
            .ShouldBe((Responses, Responses, (long)Responses * findings.Length, Responses, Responses));

        // And what is kept by name is bounded: responses, findings each, route labels, named skips
        summary.Kept.Count.ShouldBe(ReportSummary.KeptResponses);
        summary.Kept.ShouldAllBe(r => r.Violations.Length == ReportSummary.KeptViolations);
        summary.Routes.Count.ShouldBe(ReportSummary.KeptRoutes + 1);
        summary.Routes[^1].Label.ShouldBe(ReportSummary.OtherRoutes);
        summary.Routes.Sum(r => r.Checked).ShouldBe(Responses);
        summary.SkipReasons.Single().Count.ShouldBe(Responses);
        summary.SkipReasons.Single().Named.Count.ShouldBe(ReportSummary.NamedSkips);
    }
}
