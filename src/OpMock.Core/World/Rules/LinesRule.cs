using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// One line per item: in a list whose items have a name and a quantity (an order's lines), each item shows once, its
/// quantity saying how many; a repeat drawn for it (擦玻璃 at 200, 200 and 161) is dropped, not a second line at another price.
/// Applied before counts and totals, so they count and sum the lines as shown.
/// </summary>
internal sealed record LinesRule(int List, string Name, string Quantity) : Rule
{
    private static readonly string[] ItemNames = ["name", "itemname", "productname", "goodsname", "skuname", "projectname", "servicename", "title"];

    public static IEnumerable<LinesRule> Of(IEnumerable<(int Index, string Name, ImmutableArray<DocField> Items)> lists) =>
        lists.Select(l => (l.Index, Name: l.Items.FirstOrDefault(f => ItemNames.Contains(f.Name.ToLowerInvariant()) && f.Type.Kind == FieldKind.String),
                Quantity: l.Items.FirstOrDefault(f => FieldWords.IsQuantity(f.Name) && f.Type.Kind is FieldKind.Integer or FieldKind.Number)))
            .Where(l => l.Name is not null && l.Quantity is not null)
            .Select(l => new LinesRule(l.Index, l.Name!.Name, l.Quantity!.Name));

    public override void Apply(RuleContext context)
    {
        if (!context.Writable(List) || context.Value(List) is not JsonArray lines)
        {
            return;
        }

        var first = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var line in lines.OfType<JsonObject>().ToList())
        {
            if (line[Name] is not JsonValue named || !named.TryGetValue<string>(out var name))
            {
                continue;
            }

            if (first.TryAdd(name, line))
            {
                continue;
            }

            // The first line's quantity (drawn in the quantity band: 1, 2 or 3) says how many; a repeat says nothing
            // more and is dropped, and the kept line's total is its quantity × its own price, whatever was drawn beside.
            lines.Remove(line);
            var kept = first[name];
            if (Amounts.Read(kept[Quantity]) is { } quantity)
            {
                Recompute(kept, quantity);
            }
        }
    }

    /// <summary>The line's money fields other than its price (amount, subtotal) as quantity × price.</summary>
    private static void Recompute(JsonObject line, decimal quantity)
    {
        var price = line.FirstOrDefault(p => FieldWords.IsPrice(p.Key) && Amounts.Read(p.Value) is not null);
        if (price.Value is null)
        {
            return;
        }

        foreach (var (name, value) in line.ToList())
        {
            if (FieldWords.IsMoney(name) && !FieldWords.IsPrice(name) && !FieldWords.IsListCount(name) && Amounts.Read(value) is not null)
            {
                line[name] = Copy(value, Amounts.Money(quantity * Amounts.Read(price.Value)!.Value));
            }
        }
    }

    /// <summary>Money written as the old value was: a JSON number with two decimals, or text.</summary>
    private static JsonNode Copy(JsonNode? old, decimal value) =>
        old is JsonValue shown && shown.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? JsonValue.Create(value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))
            : JsonValue.Create(value);
}
