using System.Collections.Immutable;
using System.Text.Json;

namespace OpMock.Core.Validation.Live.Cases;

/// <summary>
/// Text values of answer fields named like request fields (a userId listed by one route is asked of
/// another). Kept sorted and capped at the smallest values, so the pool does not depend on the order in
/// which concurrent answers arrived: same server, same seed, same cases.
/// </summary>
internal sealed class SeenValues(IEnumerable<string> requestFields)
{
    private const int PerField = 100;

    /// <summary>The docs' own words for one thing: an OP is a staffId in one table and an operatorId in another.</summary>
    private static readonly ImmutableArray<ImmutableHashSet<string>> Aliases =
    [
        ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "staffId", "operatorId", "opId"),
    ];
    private const int MaxLength = 64;

    private readonly HashSet<string> names = [.. requestFields];
    private readonly Dictionary<string, SortedSet<string>> values = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public void Harvest(string body)
    {
        if (names.Count == 0 || !body.TrimStart().StartsWith('{'))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            Walk(document.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON after all: the check reports it, there is nothing to learn from it.
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Snapshot()
    {
        lock (gate)
        {
            return values.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value], StringComparer.Ordinal);
        }
    }

    private void Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 and <= MaxLength } text)
                {
                    foreach (var name in Targets(property.Name))
                    {
                        Add(name, text);
                    }
                }

                Walk(property.Value);
            }
        }
    }

    /// <summary>The request fields a value of an answer's field is a candidate for: the same name, or an alias of it.</summary>
    private IEnumerable<string> Targets(string field) =>
        names.Where(n => n == field || Aliases.Any(a => a.Contains(n) && a.Contains(field)));

    private void Add(string name, string text)
    {
        lock (gate)
        {
            if (!values.TryGetValue(name, out var set))
            {
                values[name] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            if (set.Add(text) && set.Count > PerField)
            {
                set.Remove(set.Max!);
            }
        }
    }
}
