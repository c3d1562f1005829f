using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World.Lists;

namespace OpMock.Core.World.Rules;

/// <summary>
/// A count of a state: a whole number beside a list whose description is a state's label (of a coded field of the
/// list's items) and a count word — 待审核数量, 未处理数, 审核中的提现条数 — is how many items of the whole list (every page,
/// before the request's filters) are in that state; a session's writes that change their state change it. Entry points:
/// <see cref="Read"/> (the label some words count), <see cref="Of"/>.
/// </summary>
internal static class StateCounts
{
    /// <summary>The words that end a count's description (the longest that fits is read).</summary>
    public static readonly ImmutableArray<string> CountWords = ["数量", "条数", "个数", "总数", "笔数", "件数", "单数", "人数", "数目", "数"];

    /// <summary>The label of <paramref name="labels"/> the words count (the longest the words begin with, after 的), or null.</summary>
    public static string? Read(string words, IEnumerable<string> labels)
    {
        var text = words.Trim();
        if (!CountWords.Any(w => text.EndsWith(w, StringComparison.Ordinal)))
        {
            return null;
        }

        return labels.Where(l => l.Length >= 2 && text.StartsWith(l, StringComparison.Ordinal) && text.Length > l.Length)
            .OrderByDescending(l => l.Length).FirstOrDefault();
    }

    /// <summary>The count of a state in field <paramref name="index"/>, over the first list whose items' coded field has the state it names.</summary>
    public static StateCountRule? Of(DocField field, int index, (int Index, string Name, ImmutableArray<DocField> Items)[] lists)
    {
        if (field.Type.Kind is not (FieldKind.Integer or FieldKind.String) || field.Hints.HasOptions)
        {
            return null;
        }

        foreach (var (list, _, items) in lists)
        {
            foreach (var coded in items.Where(CodeNames.IsCoded))
            {
                if (Read(field.Description, coded.Hints.Options.Select(o => o.Label)) is { } label)
                {
                    var state = coded.Hints.Options.First(o => o.Label == label);
                    return new StateCountRule(index, list, coded.Name, FieldHints.ToJson(state.Value));
                }
            }
        }

        return null;
    }
}

/// <summary>Field <paramref name="Field"/> counts the items of list <paramref name="List"/> whose <paramref name="Coded"/> is <paramref name="State"/> (<see cref="StateCounts"/>).</summary>
internal sealed record StateCountRule(int Field, int List, string Coded, JsonNode? State) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (!context.Writable(Field) || !context.Shows(List) || State is not JsonValue state)
        {
            return;
        }

        var items = context.Scope.Everything(List) ?? context.Items(List);
        var count = items.Count(item => item[Coded] is JsonValue value && ListFilter.Same(value, state));
        context.Set(Field, Amounts.Write(context.Field(Field), count, money: false));
    }
}
