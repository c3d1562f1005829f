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

        // Kept where the write kept the entity's own changes: a described kind's entities (a complaint) are records of
        // their kind's collection, which reads look in, not of a built-in kind's.
        var collection = outcome.Changes.Where(c => c.Id == written.Id).Select(c => c.Collection).FirstOrDefault() ?? Records.Entity(written.Kind);
        foreach (var (field, value) in values)
        {
            var key = Facts.Key(field.Name);
            if (!fields.TryAdd(key, value))
            {
                continue;
            }

            if (written.Kind != EntityKind.None && written.Id is { } id && !outcome.Changes.IsEmpty && WorldMap.Attribute(written.Kind, field.Name) is null)
            {
                changes.Add(new Change(collection, id, key, OpJson.ToCompactText(value)));
            }
        }

        return new Outcome(changes.ToImmutable(), written with { Fields = fields });
    }
}
