using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// A field empty while its object is in a state: 审核时间 described 待审核时为空 is empty exactly while the object's status
/// field holds 待审核's code, and set otherwise. The words name the states by their labels (待审核时为空, 未处理、处理中时为空,
/// 审核中时不返回) or by an action not yet done (未到账时为空: every state before the first whose label says 到账, unless a
/// label is 未到账 or 待到账 itself). Empty is what the doc's example shows for it: "" when it shows "", else null.
/// Entry points: <see cref="States"/> (the states some words name), <see cref="Of"/> (the rules of one object).
/// </summary>
internal static partial class EmptyWhile
{
    /// <summary>What says "empty" after 时 (or 的时候): 为空, 不返回, 无值, 为null, 返回空, 不填.</summary>
    public static readonly ImmutableArray<string> EmptyWords = ["为空", "不返回", "无值", "为null", "返回空", "不填", "为空字符串", "没有值"];

    /// <summary>The words that say an action has not happened yet (未到账, 尚未处理, 待审核).</summary>
    public static readonly ImmutableArray<string> NotYet = ["尚未", "还未", "没有", "未", "待"];

    /// <summary>The indexes of the states (in the doc's order) during which the words say the field is empty; empty when they name none.</summary>
    public static ImmutableArray<int> States(string words, StateOrder states)
    {
        if (Phrase().Match(words) is not { Success: true } match || !EmptyWords.Contains(match.Groups[2].Value.ToLowerInvariant()))
        {
            return [];
        }

        var named = new SortedSet<int>();
        foreach (var part in match.Groups[1].Value.Split(['、', '/', '或', '和', '及'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            named.UnionWith(Named(part.Replace("状态", "", StringComparison.Ordinal), states));
        }

        return [.. named];
    }

    /// <summary>The empty-while rules of an object with a status (its first field that orders states).</summary>
    public static IEnumerable<EmptyWhileRule> Of(Endpoint endpoint, ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans)
    {
        var status = Enumerable.Range(0, fields.Length).FirstOrDefault(i => StateOrder.Of(fields[i]) is not null, -1);
        if (status < 0)
        {
            yield break;
        }

        var order = StateOrder.Of(fields[status])!;
        for (var i = 0; i < fields.Length; i++)
        {
            if (i != status && plans[i].Attribute is null && States(fields[i].Remark + " " + fields[i].Description, order) is { Length: > 0 } empty)
            {
                yield return new EmptyWhileRule(i, status, order, empty, ShowsEmptyText(OpMock.Core.Json.OpJson.TryParse(endpoint.Doc.Example?.Text ?? "", out _, out _), fields[i].Name));
            }
        }
    }

    /// <summary>The states one part of the words names: a label equal to it, containing it, or — for 未X — the states before X happens.</summary>
    private static IEnumerable<int> Named(string part, StateOrder states)
    {
        var labels = states.States.Select(s => s.Label).ToList();
        var exact = labels.FindIndex(l => l == part);
        if (exact >= 0)
        {
            return [exact];
        }

        var containing = Enumerable.Range(0, labels.Count).Where(k => part.Length >= 2 && (labels[k].Contains(part, StringComparison.Ordinal) || part.Contains(labels[k], StringComparison.Ordinal))).ToList();
        if (containing.Count > 0)
        {
            return containing;
        }

        if (NotYet.FirstOrDefault(w => part.StartsWith(w, StringComparison.Ordinal)) is not { } not || part.Length == not.Length)
        {
            return [];
        }

        // 未审核 beside 待审核: the label of the action not yet done in other words; else (未到账) the states before the
        // first whose label says 到账 (not as 未到账 or 待到账).
        var action = part[not.Length..];
        var waiting = Enumerable.Range(0, labels.Count).Where(k => NotYet.Any(w => labels[k] == w + action)).ToList();
        if (waiting.Count > 0)
        {
            return waiting;
        }

        var done = Enumerable.Range(0, labels.Count).FirstOrDefault(k => Says(labels[k], action), -1);
        return done < 0 ? [] : Enumerable.Range(0, done);
    }

    /// <summary>Whether a label says the action happened: it holds the action, not after a not-yet word (待审核 does not say 审核).</summary>
    private static bool Says(string label, string action)
    {
        var at = label.IndexOf(action, StringComparison.Ordinal);
        return at >= 0 && !NotYet.Any(w => at >= w.Length && label.AsSpan(at - w.Length, w.Length).SequenceEqual(w));
    }

    /// <summary>Whether the example shows the field as "" somewhere (then empty is ""; else null).</summary>
    private static bool ShowsEmptyText(JsonNode? node, string name) => node switch
    {
        JsonObject obj => obj.Any(p => (p.Key.Equals(name, StringComparison.OrdinalIgnoreCase) && p.Value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length == 0)
            || ShowsEmptyText(p.Value, name)),
        JsonArray array => array.Any(v => ShowsEmptyText(v, name)),
        _ => false,
    };

    /// <summary>"待审核时为空", "未处理、处理中时不返回", "审核中的时候为空": the states, then the empty word.</summary>
    [GeneratedRegex(@"([\u4e00-\u9fffA-Za-z0-9_、/]+?)(?:的)?(?:时|的时候|状态下)\s*(为空字符串|为空|不返回|无值|为null|为NULL|返回空|不填|没有值)")]
    private static partial Regex Phrase();
}

/// <summary>
/// Field <paramref name="Field"/> is empty exactly while status field <paramref name="Status"/> holds one of
/// <paramref name="Empty"/> (<see cref="EmptyWhile"/>): emptied then ("" or null, as the example shows), and — a time
/// left empty by its example's shape — set otherwise to a time after the others the object shows.
/// </summary>
internal sealed record EmptyWhileRule(int Field, int Status, StateOrder States, ImmutableArray<int> Empty, bool Text) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (!context.Shows(Status) || !context.Writable(Field) || States.IndexOf(context.Value(Status)) is var state && state < 0)
        {
            return;
        }

        var value = context.Value(Field);
        var blank = value is null || (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length == 0);
        if (Empty.Contains(state))
        {
            if (Text)
            {
                context.ClearText(Field);
            }
            else
            {
                context.Clear(Field);
            }

            return;
        }

        if (blank && FieldWords.IsTime(context.Field(Field)) && Latest(context) is { } latest)
        {
            var now = context.Scope.Options.Anchor;
            var step = TimeSpan.FromSeconds(Math.Floor(7200 * UserLife.Fraction(context.Scope, "set:" + context.Scope.SeedPath + context.Field(Field).Name)));
            var at = latest + step > now ? (latest > now ? now : latest) : latest + step;
            context.Set(Field, TimeValues.Write(context.Field(Field), DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds()).ToOffset(WorldOptions.ChinaOffset), HouseFormats.DateTime));
        }
    }

    /// <summary>The latest other time the object shows.</summary>
    private DateTimeOffset? Latest(RuleContext context) =>
        Enumerable.Range(0, context.Scope.Plan.DocFields.Length).Where(i => i != Field && i < 64 && FieldWords.IsTime(context.Field(i)) && context.Shows(i))
            .Select(i => TimeValues.Read(context.Value(i))).Max();
}
