using System.Text.Json.Nodes;
using Bogus;

namespace OpMock.Core.World.Rules;

/// <summary>A rule over one object as shaped: it reads what the object shows and rewrites generated fields to agree.</summary>
internal abstract record Rule
{
    public abstract void Apply(RuleContext context);
}

/// <summary>
/// A total is the sum of its list: Σ the items' <paramref name="Item"/>, times their <paramref name="Quantity"/> when
/// given (an order's amount = Σ quantity × price); money with two decimals.
/// </summary>
internal sealed record SumRule(int Field, int List, string Item, string? Quantity, bool Money) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (!context.Writable(Field))
        {
            return;
        }

        var sum = 0m;
        foreach (var item in context.Items(List))
        {
            var each = Amounts.Read(item[Item]) ?? 0;
            sum += Quantity is null ? each : each * (Amounts.Read(item[Quantity]) ?? 0);
        }

        context.Set(Field, Amounts.Write(context.Field(Field), sum, Money));
    }
}

/// <summary>A line total is its quantity times its price (an item's subtotal).</summary>
internal sealed record ProductRule(int Field, int Quantity, int Price) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (context.Writable(Field) && Amounts.Read(context.Value(Quantity)) is { } quantity && Amounts.Read(context.Value(Price)) is { } price)
        {
            context.Set(Field, Amounts.Write(context.Field(Field), quantity * price, money: true));
        }
    }
}

/// <summary>A count is the length of what it counts: the list's whole length (after the request's filters), not the page's.</summary>
internal sealed record CountRule(int Field, int List) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (context.Writable(Field) && context.Shows(List))
        {
            context.Set(Field, Amounts.Write(context.Field(Field), context.Count(List), money: false));
        }
    }
}

/// <summary>An OP's count of the chats it serves is the length of its chat list, read as the list is read.</summary>
internal sealed record ServedRule(int Field) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (context.Writable(Field))
        {
            context.Set(Field, Amounts.Write(context.Field(Field), context.Scope.ServedChats(), money: false));
        }
        else if (context.Shows(Field) && context.FromExample(Field) && context.Scope.ServedChange() is not 0 and var change
            && Amounts.Read(context.Value(Field)) is { } pinned)
        {
            // A count an example pins follows the list it counts once the session's writes change that list.
            context.Set(Field, Amounts.Write(context.Field(Field), Math.Max(0, pinned + change), money: false));
        }
    }
}

/// <summary>
/// A maximum is at least the current value it bounds (maxServing ≥ servingCount); one drawn below it is raised, stably.
/// A maximum the doc gives a default (默认10) is near it: most keep the default, some were set a little lower or higher.
/// </summary>
internal sealed record MaxRule(int Field, int Current) : Rule
{
    /// <summary>Steps from the default, in tenths of it (at least 1): six in ten keep it.</summary>
    private static readonly int[] Steps = [0, 0, 0, 0, 0, 0, -2, -1, 2, 5];

    public override void Apply(RuleContext context)
    {
        if (!context.Writable(Field) || Amounts.Read(context.Value(Current)) is not { } current || Amounts.Read(context.Value(Field)) is not { } drawn)
        {
            return;
        }

        var limit = drawn;
        if (context.Field(Field).Hints.Default is { } given && Amounts.Read(Docs.FieldHints.ToJson(given)) is { } byDefault and > 0)
        {
            var step = Math.Max(1, decimal.Round(byDefault / 10));
            limit = byDefault + (Steps[(int)(decimal.Floor(Math.Abs(drawn)) % Steps.Length)] * step);
            context.Set(Field, Amounts.Write(context.Field(Field), Math.Max(limit, current), money: false));
            return;
        }

        if (limit < current)
        {
            // Above the current value by part of what was drawn: some OPs are full, most have room.
            var room = decimal.Floor(Math.Abs(drawn)) % (decimal.Floor(current) + 1);
            context.Set(Field, Amounts.Write(context.Field(Field), current + room, money: false));
        }
    }
}

/// <summary>Exactly one item of a list is the default (a user's addresses): the first the list marks, else the first item.</summary>
internal sealed record DefaultRule(int List, string Flag) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (!context.Shows(List) || context.FromExample(List) || context.Value(List) is not JsonArray list)
        {
            return;
        }

        var flagged = list.OfType<JsonObject>().Where(item => item[Flag] is JsonValue flag && flag.TryGetValue<bool>(out _)).ToList();
        var keep = Math.Max(0, flagged.FindIndex(item => item[Flag]!.GetValue<bool>()));
        for (var k = 0; k < flagged.Count; k++)
        {
            flagged[k][Flag] = k == keep;
        }
    }
}

/// <summary>Coordinates lie in the address's district (about 3 km from its centre), so a map shows the place the address names.</summary>
internal sealed record GeoRule(int Address, int Lat, int Lng) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (!context.Writable(Lat) || !context.Writable(Lng) || context.Value(Address) is not JsonValue address
            || !address.TryGetValue<string>(out var text) || ChinaPlaces.Parse(text) is not { } place)
        {
            return;
        }

        var scope = context.Scope;
        var random = new Randomizer(StableHash.Seed(scope.Options.Seed, "geo", scope.Plan.Kind, scope.Id, scope.SeedPath, text));
        var (lat, lng) = ChinaPlaces.Near(random, place.District);
        context.Set(Lat, JsonValue.Create(lat));
        context.Set(Lng, JsonValue.Create(lng));
    }
}
