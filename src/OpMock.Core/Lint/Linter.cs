using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;

namespace OpMock.Core.Lint;

/// <summary>
/// Checks the docs against themselves, as Spectral's oas3-valid-media-example does for OpenAPI: each
/// doc's example against its own response schema, its sample body against its request schema, plus
/// everything reading and resolving the docs found (unknown types, misspelled references, duplicates).
/// </summary>
internal static class Linter
{
    public static async Task<ImmutableArray<Finding>> LintAsync(ApiContract contract)
    {
        var findings = new List<Finding>(contract.Findings);
        foreach (var endpoint in contract.Endpoints)
        {
            var doc = endpoint.Endpoint.Doc;
            if (doc.Example is { } example)
            {
                await CheckAsync(doc.Path, example, endpoint.Response, "example", findings);
            }
            else
            {
                findings.Add(new Finding(doc.Path, 0, Severity.Warning, "no JSON example (###返回json格式示例) to check the response tables against"));
            }

            if (doc.Sample?.Body is { } body)
            {
                await CheckAsync(doc.Path, body, endpoint.Request, "sample request", findings);
                CheckReqUrl(contract, endpoint.Endpoint, body, findings);
            }
        }

        // Two docs' examples that disagree about one entity: each sample answers its own, the world can only be one.
        // (read as documented, times and image URLs included, so a warning quotes the docs and finds their lines)
        var all = contract.Endpoints.Select(e => e.Endpoint).ToList();
        var kinds = World.Kinds.KindDiscovery.Discover(all);
        // A described kind's write shows it after the write (an update's new status): no fact about the documented one.
        var read = all.Where(e => World.Actions.Verbs.Of(e.Route, e.Doc.Title).Transition == World.Actions.Transition.None || kinds.OnlyBuiltIn([e]).Any());
        var facts = World.ExampleFacts.Read(read, World.WorldOptions.Default with { VerbatimExamples = true, DocumentedImages = true }, kinds);
        findings.AddRange(facts.Disagreements.Select(d => d.ToFinding()));
        return [.. findings.Distinct().OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line)];
    }

    private static async Task CheckAsync(string file, JsonBlock block, JsonObject schema, string what, List<Finding> findings)
    {
        var checker = await SchemaChecker.CompileAsync(schema);
        foreach (var violation in checker.Check(block.Text))
        {
            var line = block.Line + Math.Max(violation.Line, 1) - 1;
            var message = violation.Path == "$" ? $"{what}: {violation.Message}" : $"{what} at {violation.Path}: {Reword(violation)}";
            // Undocumented example fields are errors here: the example is the doc's own, so doc and example must agree.
            findings.Add(new Finding(file, line, Severity.Error, message));
        }
    }

    private static string Reword(Violation violation) => violation.Expected switch
    {
        "present" => violation.Message.Replace("is missing", "is absent from the example", StringComparison.Ordinal),
        "absent" => $"{violation.Message.Replace("is not documented", "is in the example but not documented", StringComparison.Ordinal)}",
        _ => violation.Message,
    };

    private static void CheckReqUrl(ApiContract contract, Endpoint endpoint, JsonBlock body, List<Finding> findings)
    {
        if (!endpoint.IsTransfer || OpJson.TryParse(body.Text, out _, out _) is not JsonObject json
            || json["reqUrl"] is not JsonValue value || !value.TryGetValue<string>(out var reqUrl))
        {
            return;
        }

        if (contract.Direct(reqUrl) is null)
        {
            findings.Add(new Finding(endpoint.Doc.Path, body.Line, Severity.Error, $"sample request: reqUrl `{reqUrl}` is not a documented direct route"));
        }
        else if (endpoint.TransferTarget is { } target && !string.Equals(target, reqUrl, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new Finding(endpoint.Doc.Path, body.Line, Severity.Warning,
                $"sample request: reqUrl `{reqUrl}` differs from the route the response links to, `{target}`"));
        }
    }
}
