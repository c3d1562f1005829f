using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// An object of a user's (an order in a user's list, a described kind related to a user) takes place at one of that
/// user's own addresses — the ones the user's address routes show — and a city beside it is that address's city, so a
/// user's orders are where the user lives, not in ten cities.
/// </summary>
internal sealed record PlaceRule(int Address, int? City) : Rule
{
    /// <summary>The rule of an object that happens (it shows a time: an order) about a user, chat or described kind; null for any other.</summary>
    public static PlaceRule? Of(ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans, EntityKind kind)
    {
        if (kind is EntityKind.None or EntityKind.Op || !fields.Any(FieldWords.IsTime))
        {
            // An address book's entry shows no time: it is where the user may be, not something that took place.
            return null;
        }

        var address = Enumerable.Range(0, fields.Length).Cast<int?>()
            .FirstOrDefault(i => fields[i!.Value].Type.Kind == FieldKind.String && FieldWords.IsAddress(fields[i.Value].Name) && plans[i.Value].Attribute is null);
        var city = Enumerable.Range(0, fields.Length).Cast<int?>()
            .FirstOrDefault(i => fields[i!.Value].Type.Kind == FieldKind.String && plans[i.Value].Attribute is null && plans[i.Value].Value.Kind == ValueKind.City);
        return address is { } a ? new PlaceRule(a, city) : null;
    }

    public override void Apply(RuleContext context)
    {
        if (!context.Writable(Address) || context.Scope.UserAddresses() is not { Count: > 0 } own)
        {
            return;
        }

        // One of the user's addresses, chosen by what was drawn for this object, so the same order shows the same address.
        var drawn = context.Value(Address) is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
        var address = own[(int)(StableHash.Of(context.Scope.Options.Seed, "place", drawn) % (ulong)own.Count)];
        context.Set(Address, JsonValue.Create(address));
        if (City is { } city && context.Writable(city) && ChinaPlaces.Parse(address) is { } place)
        {
            var prefix = place.City.Prefix;
            context.Set(city, JsonValue.Create(prefix.IndexOf('省') is var province and >= 0 ? prefix[(province + 1)..] : prefix));
        }
    }
}
