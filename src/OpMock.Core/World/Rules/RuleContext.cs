using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// One object as shaped, for its rules: what each field shows and whether a rule may change it. A rule changes only
/// what was generated: a value from known data (a fixture's view, an example's item), an example's fact or a world
/// attribute is the entity's, and stays; a value that would break the field's doc hints is not written.
/// </summary>
internal sealed class RuleContext(JsonObject result, WorldScope scope, ulong fromKnown)
{
    public WorldScope Scope => scope;

    public DocField Field(int index) => scope.Plan.DocFields[index];

    public bool Shows(int index) => result.ContainsKey(Field(index).Name);

    public JsonNode? Value(int index) => result[Field(index).Name];

    /// <summary>Whether the field's value came from known data, an example or a session's write: then it is not the rules' to change.</summary>
    public bool FromExample(int index) => index >= 64 || (fromKnown & (1UL << index)) != 0 || scope.ShowsExample(index) || scope.Recorded(index);

    /// <summary>Whether a rule may write the field: it is shown and was generated.</summary>
    public bool Writable(int index) => Shows(index) && scope.Plan.Fields[index].Attribute is null && !FromExample(index);

    /// <summary>Writes a rule's value when the field's hints allow it; a value the field cannot hold (null) is not written.</summary>
    public void Set(int index, JsonNode? value)
    {
        if (value is not null && HintedValues.Allows(Field(index), value))
        {
            result[Field(index).Name] = value;
        }
    }

    /// <summary>Leaves the field empty (null), as a backend does for what has not happened yet (an open chat's closeTime).</summary>
    public void Clear(int index) => result[Field(index).Name] = null;

    /// <summary>Leaves the field empty as a text (""), where the doc's example shows an empty field so.</summary>
    public void ClearText(int index) => result[Field(index).Name] = "";

    /// <summary>The items of a list field: the whole (filtered) list when it was shaped in full, else those answered.</summary>
    public IReadOnlyList<JsonObject> Items(int list) =>
        scope.Whole(list) ?? (Value(list) is JsonArray items ? [.. items.OfType<JsonObject>()] : []);

    /// <summary>How many items a list field has in all: the answered list's total, else the length shown.</summary>
    public int Count(int list) => scope.ListTotal(list) ?? (Value(list) as JsonArray)?.Count ?? 0;
}
