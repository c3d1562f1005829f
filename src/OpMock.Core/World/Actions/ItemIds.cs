using System.Text.Json.Nodes;

namespace OpMock.Core.World.Actions;

/// <summary>
/// The ids of list items the world has no kind for (userAddressId, tagId, orderId): a field named …Id that is not
/// one of the world's entity ids (<see cref="WorldMap.Ids"/>). Such a field names a list — its owner and this
/// field — that creates, deletes and updates change, and every route showing that list reads back.
/// </summary>
internal static class ItemIds
{
    public static bool IsItemId(string name) =>
        name.Length > 2 && name.EndsWith("id", StringComparison.OrdinalIgnoreCase) && char.IsUpper(name[^2])
        && !WorldMap.Ids.Any(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase))
        && !name.StartsWith("to", StringComparison.Ordinal) && !name.StartsWith("target", StringComparison.Ordinal)
        && !name.StartsWith("from", StringComparison.Ordinal);

    /// <summary>An item's id as text (numbers too), found under its id field in any case.</summary>
    public static string? Of(JsonObject item, string idField)
    {
        var value = item.FirstOrDefault(p => string.Equals(p.Key, idField, StringComparison.OrdinalIgnoreCase)).Value;
        return value is JsonValue v && (v.TryGetValue<string>(out var text) ? text : v.ToJsonString()) is { Length: > 0 } id ? id : null;
    }
}
