using System.Text.Json.Nodes;
using OpMock.Core.Json;

namespace OpMock.Core.Diff.Reports;

/// <summary>`--format json`: {"changes": [...], "exchanges": [...], "summary": {...}}, the shape docs/qa-and-ci.md documents.</summary>
internal static class DiffJson
{
    public static string Write(DiffReport report) => OpJson.ToFileText(ToJson(report));

    /// <summary>The report as a JSON object (the console's Changes view reads the same shape).</summary>
    public static JsonObject ToJson(DiffReport report) => new()
    {
        ["changes"] = new JsonArray([.. report.Routes.SelectMany(report.Of).Select(Change)]),
        ["exchanges"] = new JsonArray([.. report.Traffic.Broken.Select(b => (JsonNode)new JsonObject
        {
            ["file"] = b.File,
            ["index"] = b.Index,
            ["method"] = b.Method,
            ["url"] = b.Url,
            ["where"] = b.Where,
            ["path"] = b.Path,
            ["problem"] = b.Problem,
            ["cause"] = b.Cause is null ? null : Change(b.Cause),
        })]),
        ["summary"] = new JsonObject
        {
            ["base"] = report.Base,
            ["docs"] = report.Docs,
            ["breaking"] = report.Count(ChangeSeverity.Breaking),
            ["potentiallyBreaking"] = report.Count(ChangeSeverity.PotentiallyBreaking),
            ["safe"] = report.Count(ChangeSeverity.Safe),
            ["routes"] = report.Routes.Length,
            ["exchangesReplayed"] = report.Traffic.Replayed,
            ["exchangesBroken"] = report.Traffic.BrokenCount,
            ["failOn"] = ChangeRules.Name(report.FailOn),
            ["passed"] = report.Passed,
        },
    };

    private static JsonNode Change(Change change) => new JsonObject
    {
        ["route"] = change.Route,
        ["where"] = change.Where,
        ["path"] = change.Path,
        ["kind"] = ChangeRules.Id(change.Kind),
        ["change"] = change.What,
        ["before"] = change.Before,
        ["after"] = change.After,
        ["severity"] = ChangeRules.Name(change.Severity),
        ["doc"] = change.Doc,
    };
}
