using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.World;

namespace OpMock.Core.Validation.Live.Cases;

/// <summary>
/// Generates a route's cases from its request schema: the doc's sample, each optional field absent, null
/// and empty, boundary and enum values, ids in the shapes the docs and earlier answers show; and invalid
/// requests: each required field missing, empty and wrong-typed, every field wrong-typed or out of range,
/// broken JSON and a body that is not an object. Same seed, same pool of seen values: same cases.
/// </summary>
internal sealed class CaseGenerator(CaseClassifier classifier)
{
    /// <summary>What a relay is asked to reach that no doc documents.</summary>
    public const string UnknownReqUrl = "/op/v2/opmockNoSuchRoute";

    /// <param name="seen">Values of fields seen in earlier answers, by field name, in a stable order.</param>
    public ImmutableArray<TestCase> Direct(EndpointSchemas endpoint, int count, int seed, IReadOnlyDictionary<string, IReadOnlyList<string>> seen)
    {
        var route = endpoint.Endpoint.Route;
        var random = new Random(StableHash.Seed(seed, route));
        var schema = endpoint.Request;
        var sample = Sample(endpoint);
        var required = CaseClassifier.Required(schema);
        var fields = (schema["properties"] as JsonObject ?? []).Where(p => p.Value is JsonObject)
            .Select(p => (Name: p.Key, Values: new FieldValues((JsonObject)p.Value!, schema, sample[p.Key], seen.GetValueOrDefault(p.Key) ?? [], random)))
            .ToList();
        var pools = fields.ToDictionary(f => f.Name, f => f.Values.Valid(fresh: Math.Max(2, count / 2)));

        // A base every variation starts from: the sample, with each required field it lacks filled in.
        var baseBody = (JsonObject)sample.DeepClone();
        foreach (var (name, _) in fields.Where(f => required.Contains(f.Name) && !sample.ContainsKey(f.Name)))
        {
            baseBody[name] = pools[name].FirstOrDefault()?.DeepClone();
        }

        var valid = new List<(string, JsonObject)> { ("the doc's sample request", baseBody) };
        var invalid = new List<(string, string)>();
        foreach (var (name, values) in fields)
        {
            var isRequired = required.Contains(name);
            if (!isRequired)
            {
                valid.Add(($"{name} absent", Without(baseBody, name)));
                valid.Add(($"{name} null", With(baseBody, name, null)));
                if (values.Empty() is { } empty)
                {
                    valid.Add(($"{name} empty", With(baseBody, name, empty)));
                }
            }

            // Every value the schema names (enum members, bounds, default) once; fresh and seen ones come later.
            foreach (var value in values.Notable())
            {
                valid.Add(($"{name} = {Short(value)}", With(baseBody, name, value)));
            }

            if (isRequired)
            {
                invalid.Add(($"{name} missing", Text(Without(baseBody, name))));
                invalid.Add(($"{name} null", Text(With(baseBody, name, null))));
                if (values.Empty() is { } empty)
                {
                    invalid.Add(($"{name} empty", Text(With(baseBody, name, empty))));
                }
            }

            if (values.WrongType() is { } wrong)
            {
                invalid.Add(($"{name} wrong-typed ({Short(wrong)})", Text(With(baseBody, name, wrong))));
            }

            foreach (var (what, value) in values.OutOfRange())
            {
                invalid.Add(($"{name} {what} ({Short(value)})", Text(With(baseBody, name, value))));
            }
        }

        // A GET doc's params travel in the query: no body to break, and each case is what the server reads back.
        var inQuery = QueryParameters.Carries(endpoint.Endpoint.Method);
        if (!inQuery)
        {
            var baseText = Text(baseBody);
            invalid.Add(("malformed JSON", baseText[..^1]));
            invalid.Add(("a JSON array instead of an object", "[" + baseText + "]"));
            invalid.Add(("a JSON string instead of an object", OpJson.ToCompactText(JsonValue.Create(baseText))));
        }

        // Two thirds valid: most input-dependent breaks hide behind requests the server should accept.
        var invalidShare = Math.Min(invalid.Count, count / 3);
        var chosenInvalid = Pick(invalid, invalidShare, random);
        var validShare = count - chosenInvalid.Count;
        // At least a third of the valid ones random: those vary the ids, where one id shape breaking hides.
        var chosenValid = valid.Take(validShare - validShare / 3).Select(v => (v.Item1, Text(v.Item2))).ToList();
        while (chosenValid.Count < validShare)
        {
            chosenValid.Add(("random valid request", Text(RandomBody(fields.Select(f => f.Name), required, pools, fields.ToDictionary(f => f.Name, f => f.Values), random))));
        }

        return [.. chosenValid.Concat(chosenInvalid).Take(count)
            .Select(c => (c.Item1, Body: inQuery ? Text(QueryParameters.AsSent(endpoint.Endpoint, (JsonObject)JsonNode.Parse(c.Item2)!)) : c.Item2))
            .Select(c => new TestCase(route, Via.Direct, classifier.Classify(route, Via.Direct, c.Body), c.Item1, c.Body))];
    }

    /// <summary>
    /// The route's cases relayed through /opapp/transfer with the same params, plus the relay's own invalid
    /// requests: no reqUrl, and a reqUrl no doc documents.
    /// </summary>
    public ImmutableArray<TestCase> Transfer(string route, IEnumerable<TestCase> direct)
    {
        var cases = new List<TestCase>();
        foreach (var one in direct)
        {
            var body = OpJson.TryParse(one.Body, out _, out _) is JsonObject parameters ? Text(Relayed(route, parameters)) : one.Body;
            cases.Add(new TestCase(route, Via.Transfer, classifier.Classify(route, Via.Transfer, body), one.Why, body));
        }

        var sample = direct.Select(c => OpJson.TryParse(c.Body, out _, out _) as JsonObject).FirstOrDefault(b => b is not null) ?? [];
        var unknown = Relayed(UnknownReqUrl, sample);
        cases.Add(new TestCase(route, Via.Transfer, Expectation.Invalid, "reqUrl missing", Text(sample)));
        cases.Add(new TestCase(route, Via.Transfer, Expectation.Invalid, "reqUrl not a documented route", Text(unknown)));
        return [.. cases];
    }

    public static JsonObject Relayed(string reqUrl, JsonObject parameters)
    {
        var body = new JsonObject { ["reqUrl"] = reqUrl };
        foreach (var (key, value) in parameters.Where(p => p.Key != "reqUrl"))
        {
            body[key] = value?.DeepClone();
        }

        return body;
    }

    private static JsonObject RandomBody(IEnumerable<string> names, ImmutableHashSet<string> required, Dictionary<string, List<JsonNode?>> pools,
        Dictionary<string, FieldValues> fields, Random random)
    {
        var body = new JsonObject();
        foreach (var name in names)
        {
            var pool = pools[name];
            var roll = random.Next(required.Contains(name) ? 1 : 5);
            if (roll == 1 || pool.Count == 0)
            {
                continue;
            }

            body[name] = roll switch
            {
                2 when fields[name].Nullable => null,
                3 when fields[name].Empty() is { } empty && pools[name].Any(v => OpJson.ToCompactText(v) == OpJson.ToCompactText(empty)) => empty,
                _ => pool[random.Next(pool.Count)]?.DeepClone(),
            };
        }

        return body;
    }

    private static List<T> Pick<T>(List<T> items, int count, Random random)
    {
        if (count >= items.Count)
        {
            return items;
        }

        // Keep the doc order of the chosen ones, so a report reads field by field.
        var chosen = Enumerable.Range(0, items.Count).OrderBy(_ => random.Next()).Take(count).Order();
        return [.. chosen.Select(i => items[i])];
    }

    private static JsonObject Sample(EndpointSchemas endpoint) =>
        endpoint.Endpoint.Doc.Sample?.Body is { } block && OpJson.TryParse(block.Text, out _, out _) is JsonObject body ? body : [];

    private static JsonObject With(JsonObject body, string name, JsonNode? value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[name] = value?.DeepClone();
        return copy;
    }

    private static JsonObject Without(JsonObject body, string name)
    {
        var copy = (JsonObject)body.DeepClone();
        copy.Remove(name);
        return copy;
    }

    private static string Text(JsonNode node) => OpJson.ToCompactText(node);

    private static string Short(JsonNode? value) => OpJson.Sample(value);
}
