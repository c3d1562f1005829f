using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.World.State;

namespace OpMock.Core.World.Actions;

/// <summary>Values a write's answer shows that the request did not send (its time, its actor): in the answer, and on the entity written.</summary>
internal static class Stamps
{
    /// <summary>
    /// The outcome with each value in its answer, unless the request sent that field; kept on the entity written
    /// (so later reads show it) unless the world keeps that field itself (a chat's closeTime, its operator).
    /// </summary>
    public static Outcome Apply(Outcome outcome, IEnumerable<(DocField Field, JsonNode Value)> values)
    {
        if (outcome.Written is not { } written)
        {
            return outcome;
        }

        var fields = new Dictionary<string, JsonNode?>(written.Fields, StringComparer.Ordinal);
        var changes = outcome.Changes.ToBuilder();
        foreach (var (field, value) in values)
        {
            var key = Facts.Key(field.Name);
            if (!fields.TryAdd(key, value))
            {
                continue;
            }

            if (written.Kind != EntityKind.None && written.Id is { } id && !outcome.Changes.IsEmpty && WorldMap.Attribute(written.Kind, field.Name) is null)
            {
                changes.Add(new Change(Records.Entity(written.Kind), id, key, OpJson.ToCompactText(value)));
            }
        }

        return new Outcome(changes.ToImmutable(), written with { Fields = fields });
    }
}
