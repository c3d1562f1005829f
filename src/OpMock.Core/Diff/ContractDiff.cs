using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;

namespace OpMock.Core.Diff;

/// <summary>
/// Compares two contracts route by route: the routes and their methods, each side's fields at every depth,
/// transfer docs and the routes they relay to, and the shared envelope. Both contracts come from the same
/// Docs → Schemas pipeline (overrides applied), so a change here is a change in what the server promises.
/// </summary>
internal static class ContractDiff
{
    public const string EnvelopeRoute = "(envelope)";

    public static ImmutableArray<Change> Compare(ApiContract before, ApiContract after)
    {
        var old = Keyed(before);
        var next = Keyed(after);
        var changes = new List<Change>();

        // A doc that kept its file but moved its URL is one route changed, not one removed and one added.
        var moved = old.Keys.Where(k => !next.ContainsKey(k))
            .Select(k => (Old: k, New: next.Keys.FirstOrDefault(n => !old.ContainsKey(n) && !old[k].IsTransfer && next[n].Id == old[k].Id)))
            .Where(p => p.New is not null)
            .ToDictionary(p => p.Old, p => p.New!);

        foreach (var (key, endpoint) in old)
        {
            if (next.TryGetValue(key, out var now))
            {
                changes.AddRange(Route(endpoint, now));
            }
            else if (moved.TryGetValue(key, out var to))
            {
                var target = next[to];
                changes.Add(new Change(Label(endpoint), Change.InRoute, "", ChangeKind.UrlChanged, endpoint.Route, target.Route, target.Doc.Path));
                changes.AddRange(Route(endpoint, target).Select(c => c with { Route = Label(target) }));
            }
            else
            {
                changes.Add(new Change(Label(endpoint), Change.InRoute, "", ChangeKind.RouteRemoved, $"{endpoint.Method} {endpoint.Route}", "", endpoint.Doc.Path));
            }
        }

        foreach (var (key, endpoint) in next.Where(n => !old.ContainsKey(n.Key) && !moved.ContainsValue(n.Key)))
        {
            changes.Add(new Change(Label(endpoint), Change.InRoute, "", ChangeKind.RouteAdded, "", $"{endpoint.Method} {endpoint.Route}", endpoint.Doc.Path));
        }

        changes.AddRange(FieldDiff.Compare(EnvelopeRoute, "", request: false, Envelope(before.Envelope), Envelope(after.Envelope)));
        return [.. changes.OrderBy(c => c.Route, StringComparer.Ordinal)];
    }

    /// <summary>A direct route by its route; a transfer doc by its file, as many share /opapp/transfer.</summary>
    private static Dictionary<string, Endpoint> Keyed(ApiContract contract)
    {
        var keyed = new Dictionary<string, Endpoint>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in contract.Endpoints.Select(e => e.Endpoint))
        {
            // The first doc of a route is the one served; a second is already a finding of its own.
            keyed.TryAdd(endpoint.IsTransfer ? "transfer:" + endpoint.Id : endpoint.Route, endpoint);
        }

        return keyed;
    }

    /// <summary>How a route is named in every report: a transfer names the route it relays to.</summary>
    public static string Label(Endpoint endpoint) =>
        endpoint.IsTransfer ? $"{Endpoint.TransferRoute} → {endpoint.TransferTarget ?? endpoint.Id}" : endpoint.Route;

    private static IEnumerable<Change> Route(Endpoint before, Endpoint after)
    {
        var route = Label(after);
        var doc = after.Doc.Path;
        if (!string.Equals(before.Method, after.Method, StringComparison.OrdinalIgnoreCase))
        {
            yield return new Change(route, Change.InRoute, "", ChangeKind.MethodChanged, before.Method.ToUpperInvariant(), after.Method.ToUpperInvariant(), doc);
        }

        if (before.IsTransfer && !string.Equals(before.TransferTarget, after.TransferTarget, StringComparison.OrdinalIgnoreCase))
        {
            yield return new Change(route, Change.InRoute, "reqUrl", ChangeKind.TransferTargetChanged, before.TransferTarget ?? "none", after.TransferTarget ?? "none", doc);
        }

        if (before.Doc.Title.Trim() != after.Doc.Title.Trim())
        {
            yield return new Change(route, Change.InRoute, "", ChangeKind.DescriptionChanged, before.Doc.Title.Trim(), after.Doc.Title.Trim(), doc);
        }

        foreach (var change in FieldDiff.Compare(route, doc, request: true, FieldFacts.Flatten(before, before.Input, ""), FieldFacts.Flatten(after, after.Input, "")))
        {
            yield return change;
        }

        // A transfer's response is the relayed doc's: a change there shows here too, under the transfer.
        foreach (var change in FieldDiff.Compare(route, doc, request: false, FieldFacts.Flatten(before, before.Output, "data"), FieldFacts.Flatten(after, after.Output, "data")))
        {
            yield return change;
        }
    }

    /// <summary>The envelope's members as facts: inferred from examples, it has types and presence but no hints.</summary>
    private static ImmutableArray<FieldFacts> Envelope(JsonObject schema)
    {
        var facts = ImmutableArray.CreateBuilder<FieldFacts>();
        Walk(schema, "", facts);
        return facts.ToImmutable();

        static void Walk(JsonObject schema, string prefix, ImmutableArray<FieldFacts>.Builder facts)
        {
            if (schema["properties"] is not JsonObject properties)
            {
                return;
            }

            var required = (schema["required"] as JsonArray)?.Select(n => n?.GetValue<string>()).ToHashSet() ?? [];
            foreach (var (name, value) in properties)
            {
                // data is each route's own, compared route by route.
                if (name == "data" && prefix.Length == 0 || value is not JsonObject member)
                {
                    continue;
                }

                var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                var types = member["type"] switch
                {
                    JsonArray list => list.Select(t => t!.GetValue<string>()).ToList(),
                    JsonValue one => [one.GetValue<string>()],
                    _ => ["any"],
                };
                facts.Add(new FieldFacts(path, prefix, name, string.Join("|", types.Where(t => t != "null")), required.Contains(name),
                    types.Contains("null"), [], null, null, null, null, ""));
                Walk(member, path, facts);
            }
        }
    }
}
