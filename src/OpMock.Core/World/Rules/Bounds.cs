using System.Collections.Immutable;
using System.Text.RegularExpressions;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// A bound one field's doc words set by another field of the same object: <c>refundAmount</c> 不超过订单实付金额 beside
/// <c>payAmount</c> 订单实付金额 is at most payAmount; 不少于X at least X. X names the other field by its name
/// (≤withdrawAmount) or by its description (its words with units such as (元) left out, equal to X, or the longest
/// contained in X, or containing X). Entry points: <see cref="Of"/> (the bounds of one object), <see cref="Read"/> (the
/// bound words of one cell: the rule table's <see cref="UpperWords"/> and <see cref="LowerWords"/>).
/// </summary>
internal static partial class Bounds
{
    /// <summary>Words that say "at most what follows".</summary>
    public static readonly ImmutableArray<string> UpperWords =
    [
        "不超过", "不得超过", "不能超过", "不可超过", "不应超过", "不允许超过", "不大于", "不得大于", "不能大于", "不高于", "不得高于", "最多为", "最多",
        "最高为", "最大为", "小于等于", "小于或等于", "≤", "<=", "＜＝",
    ];

    /// <summary>Words that say "at least what follows".</summary>
    public static readonly ImmutableArray<string> LowerWords =
    [
        "不少于", "不得少于", "不能少于", "不低于", "不得低于", "不能低于", "不小于", "不得小于", "至少为", "至少", "最少为", "最低为", "大于等于", "大于或等于",
        "≥", ">=", "＞＝",
    ];

    /// <summary>The bound a cell's words set: whether it is an upper bound, and the words naming what bounds it; null for none.</summary>
    public static (bool Upper, string Other)? Read(string words)
    {
        foreach (var (list, upper) in new[] { (UpperWords, true), (LowerWords, false) })
        {
            // The longest word first, so 不得超过 is read as itself, not as 超过.
            foreach (var word in list.OrderByDescending(w => w.Length))
            {
                var at = words.IndexOf(word, StringComparison.Ordinal);
                if (at >= 0 && Named().Match(words[(at + word.Length)..]) is { Success: true } named)
                {
                    return (upper, named.Groups[1].Value);
                }
            }
        }

        return null;
    }

    /// <summary>The bounds among an object's numeric fields, each after the bound it depends on (fee ≤ amount ≤ balance: amount's first).</summary>
    public static IEnumerable<BoundRule> Of(ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans)
    {
        var rules = new List<BoundRule>();
        for (var i = 0; i < fields.Length; i++)
        {
            if (!IsNumber(fields[i]) || Read(fields[i].Remark + " " + fields[i].Description) is not { } bound || Find(fields, i, bound.Other) is not { } other)
            {
                continue;
            }

            var money = plans[i].Value.Kind == ValueKind.Money || plans[other].Value.Kind == ValueKind.Money || FieldWords.IsMoney(fields[i].Name);
            rules.Add(new BoundRule(i, other, bound.Upper, money));
        }

        int Depth(BoundRule rule, int guard) => guard > rules.Count ? 0 : rules.FirstOrDefault(r => r.Field == rule.Other) is { } before ? 1 + Depth(before, guard + 1) : 0;
        return rules.OrderBy(r => Depth(r, 0)).ToList();
    }

    /// <summary>The field the words name: by name, else by description (equal, contained in the words, or containing them).</summary>
    private static int? Find(ImmutableArray<DocField> fields, int self, string words)
    {
        var named = words.Trim().TrimEnd('的');
        var candidates = Enumerable.Range(0, fields.Length).Where(j => j != self && IsNumber(fields[j])).ToList();
        var byName = candidates.Where(j => fields[j].Name.Equals(named, StringComparison.OrdinalIgnoreCase)).Cast<int?>().FirstOrDefault();
        if (byName is not null)
        {
            return byName;
        }

        var described = candidates.Select(j => (Index: j, Words: Plain(fields[j].Description))).Where(c => c.Words.Length >= 2).ToList();
        return described.Where(c => c.Words == named).Select(c => (int?)c.Index).FirstOrDefault()
            ?? described.Where(c => named.Contains(c.Words, StringComparison.Ordinal)).OrderByDescending(c => c.Words.Length).Select(c => (int?)c.Index).FirstOrDefault()
            ?? (named.Length >= 2 ? described.Where(c => c.Words.Contains(named, StringComparison.Ordinal)).OrderBy(c => c.Words.Length).Select(c => (int?)c.Index).FirstOrDefault() : null);
    }

    /// <summary>A description without its unit in brackets: 订单实付金额（元） → 订单实付金额.</summary>
    private static string Plain(string description) => Unit().Replace(description, "").Trim();

    private static bool IsNumber(DocField field) => field.Type.Kind is FieldKind.Integer or FieldKind.Number
        || (field.Type.Kind == FieldKind.String && FieldWords.IsMoney(field.Name));

    /// <summary>What follows a bound word: a field's name or words, up to a comma, a full stop or a bracket.</summary>
    [GeneratedRegex(@"^\s*([^\s，,。；;（(）)、]+)")]
    private static partial Regex Named();

    [GeneratedRegex(@"[（(][^）)]*[）)]")]
    private static partial Regex Unit();
}

/// <summary>
/// Field <paramref name="Field"/> stays at most (<paramref name="Upper"/>) or at least the value of field
/// <paramref name="Other"/> (<see cref="Bounds"/>): a generated value past its bound is drawn again inside it (a refund
/// 20–100 % of what was paid, a lower bound up to half above it); when the bounded value is fixed (an example's), a
/// generated bound moves instead.
/// </summary>
internal sealed record BoundRule(int Field, int Other, bool Upper, bool Money) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (!context.Shows(Field) || !context.Shows(Other) || Amounts.Read(context.Value(Field)) is not { } value
            || Amounts.Read(context.Value(Other)) is not { } bound || (Upper ? value <= bound : value >= bound))
        {
            return;
        }

        var scope = context.Scope;
        var fraction = (decimal)(StableHash.Of(scope.Options.Seed, "bound:" + scope.SeedPath + context.Field(Field).Name, scope.Id) / (double)ulong.MaxValue);
        if (context.Writable(Field))
        {
            Write(context, Field, Upper ? Round(context, Field, bound * (0.2m + (0.8m * fraction)), down: true) : Round(context, Field, bound * (1 + (0.5m * fraction)), down: false), bound);
        }
        else if (context.Writable(Other))
        {
            Write(context, Other, Upper ? Round(context, Other, value * (1 + (0.5m * fraction)), down: false) : Round(context, Other, value * (0.2m + (0.8m * fraction)), down: true), value);
        }
    }

    /// <summary>Writes the drawn value; when the field's hints refuse it, the value at the bound itself.</summary>
    private void Write(RuleContext context, int field, decimal drawn, decimal edge)
    {
        context.Set(field, Amounts.Write(context.Field(field), drawn, Money));
        if (Amounts.Read(context.Value(field)) is { } written && written != drawn)
        {
            context.Set(field, Amounts.Write(context.Field(field), edge, Money));
        }
    }

    /// <summary>Rounded toward the inside of the bound, to what the field holds (two decimals, or a whole number), so it never steps past it.</summary>
    private decimal Round(RuleContext context, int field, decimal value, bool down) =>
        decimal.Round(value, Money && context.Field(field).Type.Kind != FieldKind.Integer ? 2 : 0, down ? MidpointRounding.ToNegativeInfinity : MidpointRounding.ToPositiveInfinity);
}
