using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>How a list is ordered: by the items' <paramref name="Field"/>, newest (largest) first when <paramref name="Descending"/>.</summary>
internal sealed record ListOrder(string Field, bool Descending)
{
    /// <summary>Sorts the items in this order, stably (items that tie keep their order); items without the field go last.</summary>
    public void Sort(List<JsonObject> items)
    {
        var keyed = items.Select((item, k) => (Item: item, At: k, Key: OrderWords.Key(item[Field]))).ToList();
        keyed.Sort((a, b) =>
        {
            var byKey = OrderWords.Compare(a.Key, b.Key);
            return byKey != 0 ? (Descending && a.Key is not null && b.Key is not null ? -byKey : byKey) : a.At.CompareTo(b.At);
        });
        items.Clear();
        items.AddRange(keyed.Select(k => k.Item));
    }
}

/// <summary>
/// Issue 25.8, order and position words: 倒序/降序 (newest, largest first) and 正序/升序 in a list's doc words, and 按X排序
/// naming the field by its name or its description (按sort升序, 按创建时间倒序), order the list; a direction with no field
/// orders it by the items' time (their creation time first). A position field (<see cref="IsPosition"/>: sort, seq,
/// position …) numbers the items 1..n in the list's order, so a new item is last. Entry points: <see cref="Of"/> (a list's
/// order from its words and items), <see cref="Direction"/>, <see cref="IsPosition"/>, <see cref="ListOrder.Sort"/>;
/// <see cref="OrderRule"/> and <see cref="Lists.ListAssembly"/> apply them.
/// </summary>
internal static partial class OrderWords
{
    private static readonly FrozenSet<string> PositionNames = new[]
    {
        "sort", "sortno", "sortnum", "sortorder", "sortindex", "sortvalue", "seq", "seqno", "sequence", "position", "pos", "rank",
        "displayorder", "showorder", "orderindex", "index", "idx",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for newest first (倒序, 降序, desc), false for oldest first (正序, 升序, asc), null when the words say neither; the first word said decides.</summary>
    public static bool? Direction(string words)
    {
        var match = DirectionWord().Match(words);
        return !match.Success ? null : match.Groups["down"].Success;
    }

    /// <summary>The order a list's words give it over its items' fields; null when they give none.</summary>
    public static ListOrder? Of(string words, ImmutableArray<DocField> items)
    {
        var direction = Direction(words);
        var named = ByWord().Match(words) is { Success: true } by ? Named(by.Groups["x"].Value.Trim(), items) : null;
        if (named is null && direction is null)
        {
            return null;
        }

        var field = named ?? Time(items, 0) ?? items.FirstOrDefault(FieldWords.IsTime) ?? items.FirstOrDefault(IsPosition);
        return field is null ? null : new ListOrder(field.Name, direction ?? false);
    }

    /// <summary>A field that numbers the items' places in their list (sort, seq, position): 1..n, distinct, a new item last.</summary>
    public static bool IsPosition(DocField field) => field.Type.Kind is FieldKind.Integer or FieldKind.Number && PositionNames.Contains(field.Name.Replace("_", "", StringComparison.Ordinal));

    /// <summary>The value an item is ordered by: an instant's ticks, a number, or text; null for none.</summary>
    internal static IComparable? Key(JsonNode? node) =>
        TimeValues.Read(node) is { } time && node!.GetValueKind() == JsonValueKind.String ? time.UtcTicks
        : Amounts.Read(node) is { } number ? number
        : node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>()
        : null;

    internal static int Compare(IComparable? a, IComparable? b) =>
        a is null ? (b is null ? 0 : 1)
        : b is null ? -1
        : a.GetType() == b.GetType() ? a.CompareTo(b)
        : a is long ticks && b is decimal n ? ((decimal)ticks).CompareTo(n)
        : a is decimal m && b is long t ? m.CompareTo((decimal)t)
        : string.CompareOrdinal(a.ToString(), b.ToString());

    /// <summary>The item field 按X names: by its name, else by its description (创建时间), else a time by its stage's words.</summary>
    private static DocField? Named(string x, ImmutableArray<DocField> items)
    {
        if (x.Length == 0)
        {
            return null;
        }

        var byName = items.FirstOrDefault(f => string.Equals(f.Name, x, StringComparison.OrdinalIgnoreCase));
        if (byName is not null)
        {
            return byName;
        }

        var byWords = items.Where(f => f.Description.Trim().Length >= 2 && (f.Description.Contains(x, StringComparison.Ordinal) || x.Contains(f.Description.Trim(), StringComparison.Ordinal)))
            .OrderByDescending(f => f.Description.Trim().Length).FirstOrDefault();
        if (byWords is not null)
        {
            return byWords;
        }

        return x.Contains("更新", StringComparison.Ordinal) || x.Contains("修改", StringComparison.Ordinal) ? Time(items, 5)
            : x.Contains("时间", StringComparison.Ordinal) || x.Contains("日期", StringComparison.Ordinal) || x.Contains("time", StringComparison.OrdinalIgnoreCase) ? Time(items, 0) ?? items.FirstOrDefault(FieldWords.IsTime)
            : null;
    }

    private static DocField? Time(ImmutableArray<DocField> items, int stage) =>
        items.FirstOrDefault(f => FieldWords.IsTime(f) && FieldWords.Stage(f.Name) == stage);

    [GeneratedRegex(@"(?<down>倒序|降序|逆序|从新到旧|由新到旧|最新的?在前|\bdesc\b)|(?<up>正序|升序|顺序|从旧到新|由旧到新|最早的?在前|\basc\b)", RegexOptions.IgnoreCase)]
    private static partial Regex DirectionWord();

    [GeneratedRegex(@"按(?:照)?\s*`?(?<x>[^`\s，,。；;、()（）]+?)`?\s*(?:的)?(?:倒序|降序|逆序|正序|升序|顺序|排序|排列|从|由|先后)")]
    private static partial Regex ByWord();
}

/// <summary>
/// A list inside an object (not the answer's paged list, which <see cref="Lists.ListAssembly"/> orders): its positions are
/// 1..n in its order and it is sorted by its <see cref="ListOrder"/> (<see cref="OrderWords"/>).
/// </summary>
internal sealed record OrderRule(int List, ListOrder? Order, string? Position) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (context.Scope.List?.Field == List || context.Value(List) is not JsonArray shown || shown.Count == 0)
        {
            return;
        }

        var items = shown.OfType<JsonObject>().ToList();
        if (items.Count != shown.Count)
        {
            return;
        }

        Arrange(items, Order, Position);
        shown.Clear();
        foreach (var item in items)
        {
            shown.Add(item);
        }
    }

    /// <summary>Numbers the items' positions 1..n as they come, then sorts them: a list ordered by its position field keeps that order.</summary>
    public static void Arrange(List<JsonObject> items, ListOrder? order, string? position)
    {
        if (position is not null)
        {
            for (var k = 0; k < items.Count; k++)
            {
                items[k][position] = k + 1;
            }
        }

        order?.Sort(items);
    }
}
