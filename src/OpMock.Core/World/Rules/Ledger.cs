using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// A ledger: a list whose items each record a change — an amount, the balance after it (and maybe before it), a time —
/// such as a user's points, wallet or stored-value card. Read from the doc's words, for any doc:
/// <list type="bullet">
/// <item>the sign of an item's amount is what its change type's label says (<see cref="Say"/>: 过期扣减, 支出, 消费 → out;
/// 签到, 充值, 奖励 → in); an amount the doc says is signed (正数为增加，负数为扣减) shows it, any other stays a size;</item>
/// <item>oldest first, each balance is the one before plus the amount (a before-balance is the one before), never below
/// zero, over the whole list, so every page agrees; an example's items keep their values and the rest lead to and from them;</item>
/// <item>a total beside the list described as the newest or current one (等于最新一条的balance, 当前余额, 剩余) is the newest balance;</item>
/// <item>bare-number ids grow with time, stepping as the drawn ids do.</item>
/// </list>
/// Entry points: <see cref="Of"/> (a list's ledger shape), <see cref="IsLatest"/>, <see cref="Say"/>; <see cref="LedgerRule"/> applies them.
/// </summary>
internal static class Ledger
{
    /// <summary>Which way a change goes, as its label says.</summary>
    internal enum Way
    {
        Unknown,
        In,
        Out,
    }

    /// <summary>
    /// Words of a change's label, in the order they are tried: the first found decides (退款退回 is money coming back, so
    /// 退回 is tried before 退款; 退款扣回 is taken back, 扣 before 返).
    /// </summary>
    public static readonly ImmutableArray<(string Word, Way Way)> Words =
    [
        ("退回", Way.In), ("退还", Way.In), ("返还", Way.In), ("冲正", Way.In), ("解冻", Way.In),
        ("扣", Way.Out), ("减", Way.Out), ("支出", Way.Out), ("消费", Way.Out), ("兑换", Way.Out), ("过期", Way.Out), ("清零", Way.Out),
        ("失效", Way.Out), ("作废", Way.Out), ("退款", Way.Out), ("提现", Way.Out), ("使用", Way.Out), ("抵用", Way.Out), ("抵扣", Way.Out),
        ("支付", Way.Out), ("付款", Way.Out), ("冻结", Way.Out), ("转出", Way.Out), ("出账", Way.Out), ("惩罚", Way.Out), ("罚", Way.Out),
        ("增", Way.In), ("加", Way.In), ("收入", Way.In), ("充值", Way.In), ("奖励", Way.In), ("签到", Way.In), ("赠送", Way.In),
        ("赠", Way.In), ("送", Way.In), ("获得", Way.In), ("返", Way.In), ("转入", Way.In), ("入账", Way.In), ("发放", Way.In), ("补偿", Way.In),
        ("领取", Way.In), ("收", Way.In),
    ];

    /// <summary>Words saying an amount carries its sign (正数为增加，负数为扣减; 收入为正，支出为负).</summary>
    private static readonly ImmutableArray<string> SignWords = ["正数", "负数", "为正", "为负", "正为", "负为", "正负", "带符号", "负值", "负号"];

    /// <summary>Words of a balance field: what is left after a change (变动后余额, 交易后余额, 结余).</summary>
    private static readonly ImmutableArray<string> BalanceWords = ["余额", "结余", "余量", "剩余"];

    /// <summary>Words of a before-balance (变动前余额) and of names (beforeBalance, preBalance, balanceBefore).</summary>
    private static readonly ImmutableArray<string> BeforeWords = ["变动前", "交易前", "之前", "变更前", "操作前", "前余额", "原余额"];

    private static readonly ImmutableArray<string> BeforeNames = ["before", "pre", "prev", "previous", "old", "orig", "original", "start", "begin"];

    /// <summary>Words of an amount that changes: 变动积分, 交易金额, 变动金额 (names: points, amount, changeAmount, delta).</summary>
    private static readonly ImmutableArray<string> AmountWords = ["变动", "变化", "增减", "金额", "积分", "数额", "额度", "点数", "发生额"];

    private static readonly ImmutableArray<string> AmountNames = ["amount", "point", "points", "score", "credit", "credits", "delta", "change", "money", "value", "coin", "coins", "bean", "beans"];

    /// <summary>Words of a total that is the newest balance: 等于最新一条的balance, 当前余额, 卡内剩余金额, 可用积分.</summary>
    private static readonly ImmutableArray<string> LatestWords = ["最新", "当前", "剩余", "现有", "可用", "结余", "余额"];

    /// <summary>Which way the label of a change says it goes.</summary>
    public static Way Say(string label)
    {
        foreach (var (word, way) in Words)
        {
            if (label.Contains(word, StringComparison.Ordinal))
            {
                return way;
            }
        }

        return Way.Unknown;
    }

    /// <summary>The ledger an item list's fields describe: an amount and a balance beside a time; null when they do not.</summary>
    public static LedgerShape? Of(ImmutableArray<DocField> items)
    {
        var time = items.FirstOrDefault(FieldWords.IsTime);
        var balances = items.Where(f => IsNumber(f) && IsBalance(f)).ToList();
        var after = balances.FirstOrDefault(f => !IsBefore(f));
        var amount = items.Where(f => IsNumber(f) && !IsBalance(f) && !CodeNames.IsCoded(f) && !IsIdName(f.Name) && IsAmount(f))
            .OrderByDescending(IsSigned).FirstOrDefault();
        if (time is null || after is null || amount is null)
        {
            return null;
        }

        // The change's label: its code's (changeType 4 → 过期扣减), else the text of a name field beside it.
        var code = items.FirstOrDefault(f => CodeNames.IsCoded(f) && f.Hints.Options.Any(o => Say(o.Label) != Way.Unknown));
        var named = items.FirstOrDefault(f => f.Type.Kind == FieldKind.String && !f.Hints.HasOptions && IsLabelName(f.Name));
        var id = items.FirstOrDefault(f => IsIdName(f.Name) && f.Type.Kind == FieldKind.Integer && !f.Name.Equals("userId", StringComparison.OrdinalIgnoreCase));
        return new LedgerShape(amount, IsSigned(amount), after, balances.FirstOrDefault(IsBefore), time.Name, code, named?.Name, id?.Name);
    }

    /// <summary>A total beside a ledger that is its newest balance (totalPoints 等于最新一条的balance, walletBalance 当前余额).</summary>
    public static bool IsLatest(DocField field) =>
        IsNumber(field) && (Has(field.Description + field.Remark, LatestWords) || field.Name.Contains("balance", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether an amount's words say it carries its sign.</summary>
    public static bool IsSigned(DocField field) => Has(field.Description + field.Remark, SignWords);

    public static bool IsBalance(DocField field) =>
        field.Name.Contains("balance", StringComparison.OrdinalIgnoreCase) || Has(field.Description, BalanceWords);

    public static bool IsBefore(DocField field)
    {
        var lower = field.Name.ToLowerInvariant();
        return Has(field.Description + field.Remark, BeforeWords)
            || BeforeNames.Any(b => lower.StartsWith(b, StringComparison.Ordinal) || lower.EndsWith(b, StringComparison.Ordinal));
    }

    private static bool IsAmount(DocField field)
    {
        var lower = field.Name.ToLowerInvariant();
        return IsSigned(field) || Has(field.Description, AmountWords) || AmountNames.Any(n => lower == n || lower.EndsWith(n, StringComparison.Ordinal)
            || lower.StartsWith(n, StringComparison.Ordinal));
    }

    private static bool IsLabelName(string name) =>
        CodeNames.NameSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase)) && name.Contains("type", StringComparison.OrdinalIgnoreCase);

    private static bool IsNumber(DocField field) => field.Type.Kind is FieldKind.Integer or FieldKind.Number;

    private static bool IsIdName(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("No", StringComparison.Ordinal);

    private static bool Has(string text, ImmutableArray<string> words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The fields of a ledger's items (<see cref="Ledger.Of"/>).</summary>
/// <param name="Signed">The amount carries its sign; otherwise it is a size and only the balances say which way it went.</param>
/// <param name="Code">The coded change type whose labels say which way (changeType 1:签到 … 4:过期扣减).</param>
/// <param name="Named">A text naming the change (changeTypeName), read when the code does not say.</param>
/// <param name="Id">A bare-number id (logId Long) that grows with time.</param>
internal sealed record LedgerShape(DocField Amount, bool Signed, DocField Balance, DocField? Before, string Time, DocField? Code, string? Named, string? Id);

/// <summary>
/// The ledger in list field <paramref name="List"/> adds up (<see cref="Ledger"/>); <paramref name="Latest"/>, a total beside
/// it, is its newest balance. Applied to the whole list (every item shaped, <see cref="ObjectRules.NeedsWhole"/>), so pages agree.
/// </summary>
internal sealed record LedgerRule(int List, LedgerShape Shape, int? Latest) : Rule
{
    public override void Apply(RuleContext context)
    {
        var items = context.Scope.Everything(List) ?? context.Items(List);
        if (items.Count == 0)
        {
            return;
        }

        var known = context.Scope.ExampleList(List).Items?.OfType<JsonObject>().ToList() ?? [];
        var rows = Chronological(items).Select(item => new Row(item, known.Any(e => Same(e, item)))).ToList();
        foreach (var row in rows.Where(r => !r.Known))
        {
            var drawn = Amounts.Read(row.Item[Shape.Amount.Name]) ?? 0;
            var way = Way(row.Item);
            row.Amount = way == Ledger.Way.Unknown ? drawn : way == Ledger.Way.In ? Math.Abs(drawn) : -Math.Abs(drawn);
        }

        var pinned = Latest is { } total && context.Shows(total) && !context.Writable(total) ? Amounts.Read(context.Value(total)) : null;
        Balance(rows, pinned);
        foreach (var row in rows.Where(r => !r.Known))
        {
            Write(row.Item, Shape.Amount, Shape.Signed ? row.Amount : Math.Abs(row.Amount));
            Write(row.Item, Shape.Balance, row.After);
            if (Shape.Before is { } before)
            {
                Write(row.Item, before, row.After - row.Amount);
            }
        }

        if (Shape.Id is { } id)
        {
            Grow(rows, id);
        }

        if (Latest is { } latest && context.Writable(latest))
        {
            context.Set(latest, Amounts.Write(context.Field(latest), rows[^1].After, money: context.Field(latest).Type.Kind == FieldKind.Number));
        }
    }

    /// <summary>The items oldest first; items of one instant keep the order that puts the list's own order's oldest first.</summary>
    private List<JsonObject> Chronological(IReadOnlyList<JsonObject> items)
    {
        var first = TimeValues.Read(items[0][Shape.Time]);
        var last = TimeValues.Read(items[^1][Shape.Time]);
        var newestFirst = first is { } f && last is { } l && f > l;
        return [.. items.Select((item, k) => (Item: item, At: newestFirst ? -k : k, Time: TimeValues.Read(item[Shape.Time]) ?? DateTimeOffset.MinValue))
            .OrderBy(x => x.Time).ThenBy(x => x.At).Select(x => x.Item)];
    }

    private Ledger.Way Way(JsonObject item)
    {
        if (Shape.Code is { } code && CodeNames.Label(code, item[code.Name]) is { } label && Ledger.Say(label) is not Ledger.Way.Unknown and var byCode)
        {
            return byCode;
        }

        return Shape.Named is { } named && item[named] is JsonValue text && text.TryGetValue<string>(out var name) ? Ledger.Say(name) : Ledger.Way.Unknown;
    }

    /// <summary>
    /// Each balance from the one before: forward from an example's item (or from a start that keeps every balance at or
    /// above zero), backward before the first example item — or from a total an example pins, the newest balance — so
    /// generated items lead up to what the example shows. A generated change that cannot fit (an income larger than what
    /// it led to, a spend larger than the balance) turns to a type of the other way when the doc lists one, else shrinks.
    /// </summary>
    private void Balance(List<Row> rows, decimal? newest)
    {
        foreach (var row in rows.Where(r => r.Known))
        {
            row.Amount = Amounts.Read(row.Item[Shape.Amount.Name]) ?? 0;
            row.After = Amounts.Read(row.Item[Shape.Balance.Name]) ?? 0;
            row.Amount = Shape.Signed ? row.Amount : Way(row.Item) == Ledger.Way.Out ? -Math.Abs(row.Amount) : Math.Abs(row.Amount);
            if (!Shape.Signed && Shape.Before is { } before && Amounts.Read(row.Item[before.Name]) is { } was)
            {
                row.Amount = row.After - was;
            }
        }

        var anchor = rows.FindIndex(r => r.Known);
        if (anchor < 0 && newest is { } end)
        {
            Backward(rows, rows.Count - 1, end);
            return;
        }

        if (anchor < 0)
        {
            // No example: a start drawn in the balances' own magnitude, raised so the lowest point is not below zero.
            var start = Math.Abs(Amounts.Read(rows[0].Item[Shape.Balance.Name]) ?? 0);
            var low = 0m;
            var sum = 0m;
            foreach (var row in rows)
            {
                sum += row.Amount;
                low = Math.Min(low, sum);
            }

            Forward(rows, 0, start - low, rows.Count);
            return;
        }

        Backward(rows, anchor - 1, rows[anchor].After - rows[anchor].Amount);
        for (var k = anchor; k < rows.Count; k++)
        {
            if (rows[k].Known)
            {
                continue;
            }

            var next = rows.FindIndex(k, r => r.Known);
            Forward(rows, k, rows[k - 1].After, next < 0 ? rows.Count : next);
            k = next < 0 ? rows.Count : next;
        }
    }

    /// <summary>From row <paramref name="from"/> back to the oldest, each ending at the balance the next one started from.</summary>
    private void Backward(List<Row> rows, int from, decimal balance)
    {
        for (var k = from; k >= 0; k--)
        {
            var row = rows[k];
            if (row.Amount > balance)
            {
                // An income larger than what it led to would start below zero: a spend of the doc's, else what it led to.
                row.Amount = Turn(row.Item, Ledger.Way.Out) ? -row.Amount : balance;
            }

            row.After = balance;
            balance -= row.Amount;
        }
    }

    private void Forward(List<Row> rows, int from, decimal balance, int until)
    {
        for (var k = from; k < until; k++)
        {
            if (-rows[k].Amount > balance)
            {
                // A spend larger than the balance: an income of the doc's, else what is left.
                rows[k].Amount = Turn(rows[k].Item, Ledger.Way.In) ? -rows[k].Amount : -balance;
            }

            balance += rows[k].Amount;
            rows[k].After = balance;
        }
    }

    /// <summary>
    /// Makes a generated item's change type one of the doc's types going <paramref name="way"/> (chosen by its amount), and
    /// every text that showed the old type's label show the new one; false when the doc lists no such type.
    /// </summary>
    private bool Turn(JsonObject item, Ledger.Way way)
    {
        if (Shape.Code is not { } code)
        {
            return false;
        }

        var options = code.Hints.Options.Where(o => Ledger.Say(o.Label) == way).ToList();
        if (options.Count == 0)
        {
            return false;
        }

        var old = CodeNames.Label(code, item[code.Name]);
        var chosen = options[(int)(Math.Abs(decimal.Truncate(Amounts.Read(item[Shape.Amount.Name]) ?? 0)) % options.Count)];
        var value = FieldHints.ToJson(chosen.Value);
        item[code.Name] = code.Type.Kind == FieldKind.String && value is JsonValue v && v.GetValueKind() != System.Text.Json.JsonValueKind.String
            ? JsonValue.Create(v.ToJsonString()) : value;
        foreach (var (name, shown) in item.ToList())
        {
            if (old is not null && shown is JsonValue text && text.TryGetValue<string>(out var said) && said == old)
            {
                item[name] = chosen.Label;
            }
        }

        return true;
    }

    /// <summary>Bare-number ids in time order: each the one before plus a step drawn from its own id, around the example's ids.</summary>
    private static void Grow(List<Row> rows, string id)
    {
        var anchor = rows.FindIndex(r => r.Known && Amounts.Read(r.Item[id]) is not null);
        var ids = rows.Select(r => Amounts.Read(r.Item[id])).ToArray();
        if (ids.Any(i => i is null))
        {
            return;
        }

        var start = anchor < 0 ? ids.Min()!.Value : ids[anchor]!.Value;
        var current = start;
        for (var k = (anchor < 0 ? 0 : anchor) - 1; k >= 0; k--)
        {
            current -= Step(ids[k]!.Value);
            rows[k].Item[id] = (long)Math.Max(1, current);
        }

        current = start - (anchor < 0 ? Step(ids[0]!.Value) : 0);
        for (var k = Math.Max(anchor, 0); k < rows.Count; k++)
        {
            if (rows[k].Known)
            {
                current = Math.Max(current, ids[k]!.Value);
                continue;
            }

            current += Step(ids[k]!.Value);
            rows[k].Item[id] = (long)current;
        }
    }

    /// <summary>How far an id is from the one before: 1 to 97, from the drawn id, so other entries' ids fit between.</summary>
    private static decimal Step(decimal drawn) => (Math.Abs(decimal.Truncate(drawn)) % 97) + 1;

    private static void Write(JsonObject item, DocField field, decimal value) =>
        item[field.Name] = Amounts.Write(field, value, money: field.Type.Kind == FieldKind.Number);

    /// <summary>An example's item: every value but its (moved) times is the example's.</summary>
    private bool Same(JsonObject example, JsonObject item) =>
        example.Count > 0 && example.All(p => p.Key == Shape.Time || JsonNode.DeepEquals(p.Value, item[p.Key]));

    private sealed class Row(JsonObject item, bool known)
    {
        public JsonObject Item { get; } = item;

        public bool Known { get; } = known;

        public decimal Amount { get; set; }

        public decimal After { get; set; }
    }
}
