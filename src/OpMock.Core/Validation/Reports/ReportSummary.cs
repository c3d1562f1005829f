namespace OpMock.Core.Validation.Reports;

/// <summary>
/// What a run keeps in memory, whatever its size: totals, counts per route and per skip reason, the first
/// <see cref="KeptResponses"/> responses with findings (for the HTML report) and the first
/// <see cref="NamedSkips"/> sources of each skip reason. Text, JSON and JUnit are streamed and list
/// everything; only this summary stays behind.
/// </summary>
internal sealed class ReportSummary : IResultSink
{
    /// <summary>Responses with findings kept for the HTML page; the streamed reports list every one.</summary>
    public const int KeptResponses = 1000;

    /// <summary>Findings kept per response: one body can break its schema thousands of times.</summary>
    public const int KeptViolations = 50;

    /// <summary>Distinct route labels counted one by one; reqUrls come from traffic, so they are bounded too.</summary>
    public const int KeptRoutes = 500;

    public const int NamedSkips = 20;

    public const string OtherRoutes = "(other routes)";

    private readonly Dictionary<string, Counter> routes = new(StringComparer.Ordinal);
    private readonly List<string> routeOrder = [];
    private readonly Dictionary<string, SkipCounter> skips = new(StringComparer.Ordinal);
    private readonly List<string> skipOrder = [];
    private readonly List<CheckedResponse> kept = [];

    public long Checked { get; private set; }

    /// <summary>Checked responses that came back at all (a refused connection is checked but not answered).</summary>
    public long Answered { get; private set; }

    public long Failed { get; private set; }

    public long Errors { get; private set; }

    public long Warnings { get; private set; }

    public long Skipped { get; private set; }

    /// <summary>Responses with at least one finding, kept or not.</summary>
    public long WithFindings { get; private set; }

    public bool Passed => Errors == 0;

    /// <summary>Nothing could be checked: a green result would be a lie, so the run is a usage error.</summary>
    public bool NothingChecked => Answered == 0;

    /// <summary>The first responses with findings, in the order seen; findings cut to <see cref="KeptViolations"/>.</summary>
    public IReadOnlyList<CheckedResponse> Kept => kept;

    public IReadOnlyList<RouteTotals> Routes => [.. routeOrder.Select(label => routes[label].Totals(label))];

    public IReadOnlyList<SkipReason> SkipReasons => [.. skipOrder.Select(reason => skips[reason].Totals(reason))];

    public static async Task<ReportSummary> OfAsync(ValidationReport report)
    {
        var summary = new ReportSummary();
        await report.ReplayAsync(summary);
        return summary;
    }

    public ValueTask AddAsync(CheckedResponse response, CancellationToken cancellationToken)
    {
        var errors = response.Errors;
        var warnings = response.Warnings;
        Checked++;
        Answered += response.Answered ? 1 : 0;
        Failed += errors > 0 ? 1 : 0;
        Errors += errors;
        Warnings += warnings;
        Route(response.Label).Add(errors, warnings, response.Case?.Kind);
        if (response.Violations.Length > 0)
        {
            WithFindings++;
            if (kept.Count < KeptResponses)
            {
                kept.Add(response.Violations.Length > KeptViolations ? response with { Violations = response.Violations[..KeptViolations] } : response);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SkipAsync(SkippedResponse skipped, CancellationToken cancellationToken)
    {
        Skipped++;
        if (!skips.TryGetValue(skipped.Reason, out var counter))
        {
            skips[skipped.Reason] = counter = new SkipCounter();
            skipOrder.Add(skipped.Reason);
        }

        counter.Add(skipped.Source);
        return ValueTask.CompletedTask;
    }

    private Counter Route(string label)
    {
        if (routes.TryGetValue(label, out var counter))
        {
            return counter;
        }

        if (routes.Count >= KeptRoutes)
        {
            label = OtherRoutes;
            if (routes.TryGetValue(label, out counter))
            {
                return counter;
            }
        }

        routes[label] = counter = new Counter();
        routeOrder.Add(label);
        return counter;
    }

    private sealed class Counter
    {
        private int checkedCount;
        private int failed;
        private int errors;
        private int warnings;
        private int valid;
        private int invalid;

        /// <param name="caseKind">For generated cases (--cases): "invalid" for a request the contract refuses.</param>
        public void Add(int errors, int warnings, string? caseKind)
        {
            checkedCount++;
            valid += caseKind is not null and not "invalid" ? 1 : 0;
            invalid += caseKind == "invalid" ? 1 : 0;
            failed += errors > 0 ? 1 : 0;
            this.errors += errors;
            this.warnings += warnings;
        }

        public RouteTotals Totals(string label) => new(label, checkedCount, failed, errors, warnings) { Valid = valid, Invalid = invalid };
    }

    private sealed class SkipCounter
    {
        private readonly List<string> named = [];
        private int count;

        public void Add(string source)
        {
            count++;
            if (named.Count < NamedSkips)
            {
                named.Add(source);
            }
        }

        public SkipReason Totals(string reason) => new(reason, count, [.. named]);
    }
}

/// <summary>One reason entries were skipped: how many, and the first few by name.</summary>
internal sealed record SkipReason(string Reason, int Count, IReadOnlyList<string> Named);
