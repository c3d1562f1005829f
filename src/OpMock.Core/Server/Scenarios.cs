using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Fixtures;

namespace OpMock.Core.Server;

/// <summary>Choosing a fixture scenario for a request, and turning the normal answer into its answer.</summary>
internal static class Scenarios
{
    /// <summary>
    /// The header names a scenario; else the session's default (one no longer in the fixtures is ignored); otherwise the
    /// first (by name) whose `match` fields all equal the request's: its params (body fields, or a GET doc's query) or
    /// its query parameters (`token`).
    /// </summary>
    /// <param name="matching">The scenarios with `match` fields, by name (<see cref="Matching"/>: sorted once, not per request).</param>
    public static Scenario? For(ImmutableDictionary<string, Scenario> scenarios, ImmutableArray<Scenario> matching, MockRequest request, JsonObject parameters, string? sessionDefault, out string? unknown)
    {
        unknown = null;
        if (!string.IsNullOrEmpty(request.Scenario))
        {
            if (scenarios.TryGetValue(request.Scenario, out var named))
            {
                return named;
            }

            unknown = request.Scenario;
            return null;
        }

        if (sessionDefault is not null && scenarios.TryGetValue(sessionDefault, out var chosen))
        {
            return chosen;
        }

        return matching.FirstOrDefault(s => s.Match.All(m => parameters[m.Key] is JsonValue v ? v.ToString() == m.Value : request.Query.GetValueOrDefault(m.Key) == m.Value));
    }

    /// <summary>The scenarios a request can select by its fields, in the order they are tried (by name).</summary>
    public static ImmutableArray<Scenario> Matching(ImmutableDictionary<string, Scenario> scenarios) =>
        [.. scenarios.Values.Where(s => s.Match.Count > 0).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>Whether a request answered under this scenario did what it asked: a write under an error scenario changes nothing.</summary>
    public static bool Succeeds(Scenario? scenario) =>
        scenario is null || ((scenario.Code ?? Envelope.SuccessCode) == Envelope.SuccessCode && (scenario.Status ?? 200) is >= 200 and < 300 && scenario.Fault == Fault.None);

    public static TimeSpan Delay(Scenario? scenario) => scenario is null || scenario.DelayMaxMs == 0 ? TimeSpan.Zero
        : TimeSpan.FromMilliseconds(Random.Shared.Next(scenario.DelayMs, scenario.DelayMaxMs + 1));

    public static MockReply Reply(Envelope envelope, Scenario scenario, JsonNode? data, TimeSpan delay)
    {
        if (scenario.Data.IsSet)
        {
            data = scenario.Data.Value?.DeepClone();
        }

        if (scenario.EmptyLists || scenario.Offline)
        {
            Rewrite(data, scenario);
        }

        return new MockReply(scenario.Status ?? 200,
            envelope.Write(scenario.Code ?? Envelope.SuccessCode, scenario.Message ?? Envelope.SuccessMessage, data), Fault.None, delay);
    }

    /// <summary>Empties every list and takes every OP offline, wherever they are in the data.</summary>
    private static void Rewrite(JsonNode? node, Scenario scenario)
    {
        switch (node)
        {
            case JsonArray list when scenario.EmptyLists:
                list.Clear();
                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    Rewrite(item, scenario);
                }

                break;
            case JsonObject map:
                foreach (var key in map.Select(p => p.Key).ToList())
                {
                    if (scenario.Offline && key == "isOnline")
                    {
                        map[key] = false;
                    }
                    else
                    {
                        Rewrite(map[key], scenario);
                    }
                }

                break;
        }
    }
}
