using System.Collections.Immutable;

namespace OpMock.Core.Diff;

/// <summary>What `opmock diff` found: the changes between the two docs, and the recorded exchanges they break.</summary>
/// <param name="Base">The base as the user named it (a folder, or a git revision).</param>
/// <param name="FailOn">The least severe change that fails the run (breaking unless --fail-on says otherwise).</param>
internal sealed record DiffReport(string Base, string Docs, ImmutableArray<Change> Changes, ReplayResult Traffic, ChangeSeverity FailOn)
{
    public int Count(ChangeSeverity severity) => Changes.Count(c => c.Severity == severity);

    /// <summary>Routes with a change or a broken exchange, in name order.</summary>
    public ImmutableArray<string> Routes => [.. Changes.Select(c => c.Route).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>A route's changes, the most severe first, then by where and path.</summary>
    public IEnumerable<Change> Of(string route) => Changes.Where(c => c.Route == route)
        .OrderBy(c => c.Severity).ThenBy(c => c.Where, StringComparer.Ordinal).ThenBy(c => c.Path, StringComparer.Ordinal);

    public bool Fails(Change change) => change.Severity <= FailOn;

    public bool Passed => !Changes.Any(Fails) && Traffic.Broken.IsEmpty;

    /// <summary>"2 breaking, 1 potentially-breaking, 3 safe changes on 4 routes; 2 of 9 recorded exchanges broken".</summary>
    public string Summary
    {
        get
        {
            var text = Changes.IsEmpty
                ? "no changes"
                : $"{Count(ChangeSeverity.Breaking)} breaking, {Count(ChangeSeverity.PotentiallyBreaking)} potentially-breaking, {Count(ChangeSeverity.Safe)} safe change{(Changes.Length == 1 ? "" : "s")} on {Routes.Length} route{(Routes.Length == 1 ? "" : "s")}";
            return Traffic.Replayed == 0 ? text : $"{text}; {Traffic.BrokenCount} of {Traffic.Replayed} recorded exchanges broken";
        }
    }
}
