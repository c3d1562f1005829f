using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Json;

namespace OpMock.Core.Validation.Live.Cases;

/// <summary>
/// Makes a failing request as small as it can while it fails the same way (first error at the same path,
/// expecting the same): drops fields and array items, halves text. Greedy and bounded: each try is a request
/// to the server. Every smaller request is judged afresh by the <see cref="CaseClassifier"/>, so dropping a
/// required field makes it an invalid request that must then be refused, not a valid one.
/// </summary>
internal static class Shrinker
{
    /// <returns>The smallest failing case found, its result, and how many requests that took.</returns>
    public static async Task<(TestCase Case, CheckedResponse Result, int Spent)> ShrinkAsync(
        TestCase failing, CheckedResponse result, CaseClassifier classifier, Func<TestCase, Task<CheckedResponse>> run, int tries)
    {
        var signature = Signature(result);
        if (signature is null || OpJson.TryParse(failing.Body, out _, out _) is not JsonObject)
        {
            return (failing, result, 0);
        }

        var budget = tries;
        var (current, outcome) = (failing, result);
        var smaller = true;
        while (smaller && tries > 0)
        {
            smaller = false;
            foreach (var candidate in Smaller((JsonObject)OpJson.TryParse(current.Body, out _, out _)!))
            {
                if (tries-- <= 0)
                {
                    break;
                }

                var body = OpJson.ToCompactText(candidate);
                var test = current with { Body = body, Expect = classifier.Classify(current.Route, current.Via, body) };
                var tried = await run(test);
                if (Signature(tried) == signature)
                {
                    (current, outcome, smaller) = (test, tried, true);
                    break;
                }
            }
        }

        return (current, outcome, budget - Math.Max(tries, 0));
    }

    private static (string Path, string Expected)? Signature(CheckedResponse result) =>
        result.Violations.FirstOrDefault(v => v.Severity == Severity.Error) is { } first ? (first.Path, first.Expected) : null;

    /// <summary>Each request one step smaller than the body: a field or an item dropped, a text halved.</summary>
    private static IEnumerable<JsonNode> Smaller(JsonObject body)
    {
        var steps = new List<Action<JsonNode>>();
        Collect(body, [], steps);
        foreach (var step in steps)
        {
            var copy = body.DeepClone();
            step(copy);
            yield return copy;
        }
    }

    private static void Collect(JsonNode node, List<object> path, List<Action<JsonNode>> steps)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var at = path.ToList();
                    steps.Add(root => ((JsonObject)Walk(root, at)).Remove(key));
                }

                foreach (var (key, value) in o.Where(p => p.Value is not null).ToList())
                {
                    Collect(value!, [.. path, key], steps);
                }

                break;
            case JsonArray a:
                for (var i = a.Count - 1; i >= 0; i--)
                {
                    var (at, index) = (path.ToList(), i);
                    steps.Add(root => ((JsonArray)Walk(root, at)).RemoveAt(index));
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        Collect(item, [.. path, i], steps);
                    }
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var text) && text.Length > 1 && path.Count > 0:
                var (parent, last) = (path[..^1], path[^1]);
                var half = text[..(text.Length / 2)];
                steps.Add(root => Set(Walk(root, parent), last, JsonValue.Create(half)));
                break;
        }
    }

    private static JsonNode Walk(JsonNode root, List<object> path) =>
        path.Aggregate(root, (node, step) => step is string key ? node[key]! : node[(int)step]!);

    private static void Set(JsonNode parent, object step, JsonNode value)
    {
        if (step is string key)
        {
            parent[key] = value;
        }
        else
        {
            parent[(int)step] = value;
        }
    }
}
