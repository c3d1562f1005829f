using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpMock.Core.World.Lists;

/// <summary>A request field (<paramref name="Input"/>) that names a field of a list's items (<paramref name="Item"/>).</summary>
internal sealed record ListFilter(string Input, string Item)
{
    /// <summary>A filter a request sets: the item field and the value an item must show in it.</summary>
    internal sealed record Active(string Item, JsonValue Value);

    /// <summary>Whether an item shows every filter's value (filters AND together); a value no item has matches none.</summary>
    public static bool Matches(JsonObject item, IReadOnlyList<Active> filters)
    {
        foreach (var filter in filters)
        {
            if (item[filter.Item] is not JsonValue shown || !Same(shown, filter.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Equal as a backend compares a query parameter with a column: a query's text "3" equals the number 3, 3 equals
    /// 3.0, "true" equals true; text is compared exactly.
    /// </summary>
    public static bool Same(JsonValue shown, JsonValue asked)
    {
        var (a, b) = (Text(shown), Text(asked));
        if (a is null || b is null)
        {
            return false;
        }

        const NumberStyles number = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return a == b || (decimal.TryParse(a, number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, number, CultureInfo.InvariantCulture, out var y) && x == y);
    }

    private static string? Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
