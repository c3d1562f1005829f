using System.Collections.Immutable;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// A state whose label speaks of validity (<c>1-未使用</c>, <c>0:有效</c>, 可用) or of its end (<c>3-已过期</c>, 已失效, 已到期)
/// agrees with the time its object names for that end (<c>expireTime</c> 过期时间, <c>validUntil</c> 有效期至): an
/// unexpired state's end lies ahead of now, an expired state's behind it (after the object's other times). States that
/// say neither (<c>2-已使用</c>, 已冻结) leave the time as drawn. Entry points: <see cref="Of"/>, <see cref="Say"/>.
/// </summary>
internal static class Validity
{
    /// <summary>What a state's label says of its validity.</summary>
    public enum Says
    {
        Nothing,
        Valid,
        Expired,
    }

    // Read in this order: 未过期 is valid although it holds 过期; 已失效 is expired although it holds 效.
    private static readonly ImmutableArray<(string Word, Says Says)> Words =
    [
        ("未过期", Says.Valid), ("未失效", Says.Valid), ("未到期", Says.Valid),
        ("过期", Says.Expired), ("失效", Says.Expired), ("到期", Says.Expired), ("无效", Says.Expired), ("作废", Says.Expired),
        ("未使用", Says.Valid), ("待使用", Says.Valid), ("可使用", Says.Valid), ("可用", Says.Valid), ("有效", Says.Valid), ("生效", Says.Valid),
    ];

    private static readonly string[] EndNames = ["expire", "expiry", "expiration", "expired", "valid", "deadline"];

    private static readonly string[] EndWords = ["过期", "有效期", "失效", "到期", "截止"];

    /// <summary>What <paramref name="label"/> says: valid, expired, or nothing about validity.</summary>
    public static Says Say(string label) => Words.FirstOrDefault(w => label.Contains(w.Word, StringComparison.Ordinal)).Says;

    /// <summary>Whether a field holds the instant its object stops being valid (expireTime, validUntil, a time described 过期时间/有效期).</summary>
    public static bool IsEnd(DocField field) => FieldWords.IsTime(field)
        && (EndNames.Any(n => field.Name.Contains(n, StringComparison.OrdinalIgnoreCase))
            || EndWords.Any(w => field.Description.Contains(w, StringComparison.Ordinal) || field.Remark.Contains(w, StringComparison.Ordinal)));

    /// <summary>The rule of an object with a state whose labels speak of validity and a time of its end; null when it has not both.</summary>
    public static ValidityRule? Of(ImmutableArray<DocField> fields)
    {
        var state = fields.IndexOf(fields.FirstOrDefault(f => StateOrder.Of(f) is { } order && order.States.Any(s => Say(s.Label) != Says.Nothing))!);
        var end = fields.IndexOf(fields.FirstOrDefault(IsEnd)!);
        if (state < 0 || end < 0)
        {
            return null;
        }

        var others = Enumerable.Range(0, fields.Length).Where(i => i != end && FieldWords.IsTime(fields[i])).ToImmutableArray();
        return new ValidityRule(state, StateOrder.Of(fields[state])!, end, others);
    }
}

/// <summary>
/// Moves a generated end time (<paramref name="End"/>) to the side of now its object's state (<paramref name="State"/>)
/// says (<see cref="Validity"/>): up to 90 days ahead for a valid one, between its latest other time and now for an
/// expired one, and after every other time it shows for any other state. An end that already agrees, or one an
/// example or a write fixed, stays.
/// </summary>
internal sealed record ValidityRule(int State, StateOrder States, int End, ImmutableArray<int> Others) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (!context.Shows(State) || !context.Writable(End) || States.IndexOf(context.Value(State)) is not (>= 0 and var at))
        {
            return;
        }

        var says = Validity.Say(States.States[at].Label);
        var now = context.Scope.Options.Anchor;
        var end = TimeValues.Read(context.Value(End));
        var fraction = UserLife.Fraction(context.Scope, "validity:" + context.Scope.SeedPath + context.Field(End).Name);
        var latest = Latest(context, now);
        DateTimeOffset? moved = says switch
        {
            Validity.Says.Valid when end is not { } e || e <= now => now.AddSeconds(3_600 + Math.Floor(fraction * 90 * 86_400)),
            Validity.Says.Expired when end is not { } e || e > now || e < latest => latest + ((now - latest) * (0.05 + (fraction * 0.9))),
            // Whatever else its state says (已使用), it ends after it began: after every other time it shows.
            Validity.Says.Nothing when end is { } e && e < latest => latest.AddSeconds(3_600 + Math.Floor(fraction * 90 * 86_400)),
            _ => null,
        };
        if (moved is { } time)
        {
            context.Set(End, TimeValues.Write(context.Field(End), DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds()).ToOffset(WorldOptions.ChinaOffset), HouseFormats.DateTime));
        }
    }

    /// <summary>The latest other time the object shows before now (an expired coupon was received before it expired).</summary>
    private DateTimeOffset Latest(RuleContext context, DateTimeOffset now) =>
        Others.Where(context.Shows).Select(i => TimeValues.Read(context.Value(i))).OfType<DateTimeOffset>().Where(t => t <= now)
            .DefaultIfEmpty(now.AddDays(-90)).Max();
}
