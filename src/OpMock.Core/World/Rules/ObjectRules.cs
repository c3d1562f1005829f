using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// The rules one documented object follows, found once per endpoint from its fields' names (<see cref="FieldWords"/>)
/// and structure, and applied to the object as shaped, children first, so a total sees its items' final amounts:
/// <list type="bullet">
/// <item>a line total is quantity × price; a total is the sum of its list (totalAmount = Σ amount, amount = Σ quantity × price);</item>
/// <item>a count is the length of what it counts (itemCount, totalCount: the whole list after filters), an OP's
/// servingCount the length of its chat list; a maximum is at least what it bounds;</item>
/// <item>one item of a list is the default; coordinates lie in the address's district;</item>
/// <item>a user is an adult; times follow the object's life cycle from its entity's start (<see cref="TimelineRule"/>).</item>
/// </list>
/// Rules change only generated values (<see cref="RuleContext"/>), so every doc's sample still answers its example.
/// </summary>
internal sealed class ObjectRules
{
    public static ObjectRules None { get; } = new([], FrozenDictionary<int, AttrRef>.Empty);

    private readonly ImmutableArray<Rule> rules;

    // Lists the entity counts (a user's orders: its orderCount attribute), by field: that long wherever they are shown.
    private readonly FrozenDictionary<int, AttrRef> countedBy;

    private ObjectRules(ImmutableArray<Rule> rules, FrozenDictionary<int, AttrRef> countedBy)
    {
        this.rules = rules;
        this.countedBy = countedBy;
    }

    /// <summary>The entity's attribute that counts the generated list in field <paramref name="list"/> (orders → orderCount), if any.</summary>
    public AttrRef? CountedBy(int list) => countedBy.TryGetValue(list, out var attribute) ? attribute : null;

    public bool IsEmpty => rules.IsEmpty;

    /// <summary>The rules, in the order they apply.</summary>
    public ImmutableArray<Rule> All => rules;

    /// <summary>Whether a rule totals the list in field <paramref name="list"/>: then the whole list is shaped, not only a page.</summary>
    public bool NeedsWhole(int list) =>
        rules.Any(r => r is SumRule sum && sum.List == list || r is LedgerRule ledger && ledger.List == list || r is StateCountRule state && state.List == list);

    public void Apply(JsonObject result, WorldScope scope, ulong fromKnown)
    {
        if (rules.IsEmpty)
        {
            return;
        }

        var context = new RuleContext(result, scope, fromKnown);
        foreach (var rule in rules)
        {
            rule.Apply(context);
        }
    }

    public static ObjectRules For(Endpoint endpoint, EntityKind kind, string prefix, ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans)
    {
        var lists = Enumerable.Range(0, fields.Length)
            .Where(i => fields[i].Type.Kind == FieldKind.List && endpoint.Section(fields[i].Target) is not null)
            .Select(i => (Index: i, Name: fields[i].Name, Items: endpoint.Section(fields[i].Target)!.Fields))
            .ToArray();
        var rules = new List<Rule>();
        var counted = new List<Rule>();
        var ledgers = Ledgers(fields, plans, lists).ToList();
        for (var i = 0; i < fields.Length; i++)
        {
            if (plans[i].Attribute is not null || !IsNumeric(fields[i]) || ledgers.Any(l => l.Latest == i))
            {
                continue;
            }

            if (StateCounts.Of(fields[i], i, lists) is { } state)
            {
                counted.Add(state);
            }
            else if ((Total(fields[i], i, lists) ?? (Rule?)Product(fields, i)) is { } total)
            {
                rules.Add(total);
            }
            else if (Count(fields[i], i, lists) is { } count)
            {
                counted.Add(count);
            }
            else if (kind == EntityKind.Op && prefix.Length == 0 && FieldWords.CountsServedChats(fields[i].Name) && fields[i].Type.Kind != FieldKind.String)
            {
                counted.Add(new ServedRule(i));
            }
        }

        // Lines first: counts and totals count and sum an order's lines as they are shown.
        rules.InsertRange(0, LinesRule.Of(lists));
        rules.AddRange(counted);
        rules.AddRange(Maxima(fields));
        // A bound one field's words set by another (不超过订单实付金额), once totals and counts are drawn.
        rules.AddRange(Bounds.Of(fields, plans));
        rules.AddRange(lists.SelectMany(l => l.Items.Where(f => f.Type.Kind == FieldKind.Boolean && FieldWords.IsDefaultFlag(f.Name)).Take(1)
            .Select(flag => new DefaultRule(l.Index, flag.Name))));
        // A user's object is at the user's own address, before coordinates follow the address.
        if (PlaceRule.Of(fields, plans, kind) is { } place)
        {
            rules.Add(place);
        }

        if (Geo(fields, plans) is { } geo)
        {
            rules.Add(geo);
        }

        var birthday = Find(fields, f => FieldWords.IsBirthday(f.Name) && f.Type.Kind is FieldKind.String or FieldKind.Date or FieldKind.Integer);
        var age = Find(fields, f => FieldWords.IsAge(f.Name) && f.Type.Kind is FieldKind.Integer or FieldKind.String);
        if (kind == EntityKind.User && prefix.Length == 0 && (birthday ?? age) is not null)
        {
            rules.Add(new LifeRule(birthday, age));
        }

        if (GenderRule.Of(fields, plans, kind, prefix) is { } gender)
        {
            rules.Add(gender);
        }

        if (Timeline(fields, plans, prefix) is { } timeline)
        {
            rules.Add(timeline);
        }

        // A field empty while the object is in a state (待审核时为空), once the times are drawn.
        rules.AddRange(EmptyWhile.Of(endpoint, fields, plans));

        // A state that speaks of validity (未使用, 已过期) and the end it names (expireTime) agree, once the times are drawn.
        if (Validity.Of(fields) is { } validity)
        {
            rules.Add(validity);
        }

        // Issue 25's rules 5–8, after the times: ids shaped by their examples and dated by the creation time, histories
        // that tell the entity's story, lists in their doc's order and positions, names that show their code's label.
        rules.AddRange(Ids(fields, plans));
        rules.AddRange(Histories(fields, lists));
        rules.AddRange(Orders(endpoint, fields, lists));
        rules.AddRange(ledgers);
        rules.AddRange(RemarkRule.Of(fields, plans));
        rules.AddRange(Reasons.Of(endpoint, fields, plans));
        // A write's answer names the code its request sets (handleStatus 1 → 处理中) with the request's labels when its own table lists none.
        var labelled = prefix.Length > 0 ? fields : [.. fields.Select(f => CodeNames.IsCoded(f) ? f
            : endpoint.Input.FirstOrDefault(i => CodeNames.IsCoded(i) && string.Equals(i.Name, f.Name, StringComparison.OrdinalIgnoreCase)) is { } sent ? f with { Hints = sent.Hints } : f)];
        rules.AddRange(CodeNames.Pairs(labelled).Where(p => plans[p.Name].Attribute is null).Select(p => new CodeNameRule(p.Code, p.Name, labelled[p.Code])));

        var countedBy = kind == EntityKind.None || prefix.Length > 0 ? FrozenDictionary<int, AttrRef>.Empty : lists
            .Select(l => (l.Index, Attribute: WorldMap.Attribute(kind, FieldWords.Singular(l.Name) + "Count")))
            .Where(l => l.Attribute is not null).ToFrozenDictionary(l => l.Index, l => l.Attribute!.Value);
        return rules.Count == 0 && countedBy.Count == 0 ? None : new ObjectRules([.. rules], countedBy);
    }

    /// <summary>Ledgers (<see cref="Ledger"/>) in the object's lists, each with the total beside it that is its newest balance.</summary>
    private static IEnumerable<LedgerRule> Ledgers(ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans, (int Index, string Name, ImmutableArray<DocField> Items)[] lists)
    {
        foreach (var (index, _, items) in lists)
        {
            if (Ledger.Of(items) is { } shape)
            {
                yield return new LedgerRule(index, shape, Find(fields, f => plans[fields.IndexOf(f)].Attribute is null && Ledger.IsLatest(f)));
            }
        }
    }

    private static bool IsNumeric(DocField field) => field.Type.Kind is FieldKind.Integer or FieldKind.Number or FieldKind.String;

    /// <summary>A total of a list: named for the items' field it adds (totalAmount), or money over items with prices.</summary>
    private static Rule? Total(DocField field, int index, (int Index, string Name, ImmutableArray<DocField> Items)[] lists)
    {
        var money = FieldWords.IsMoney(field.Name) && !(field.Type.Kind == FieldKind.Integer && FieldWords.IsListCount(field.Name));
        if (field.Type.Kind == FieldKind.String && !money)
        {
            return null;
        }

        foreach (var (list, _, items) in lists)
        {
            var quantity = items.FirstOrDefault(f => FieldWords.IsQuantity(f.Name) && f.Type.Kind is FieldKind.Integer or FieldKind.Number);
            if (FieldWords.TotalOf(field.Name) is { } of && items.FirstOrDefault(f => IsNumeric(f) && f.Name.Equals(of, StringComparison.OrdinalIgnoreCase)) is { } added)
            {
                var perUnit = FieldWords.IsPrice(added.Name);
                return new SumRule(index, list, added.Name, perUnit ? quantity?.Name : null, money || perUnit || FieldWords.IsMoney(added.Name));
            }

            if (!money)
            {
                continue;
            }

            var price = items.FirstOrDefault(f => FieldWords.IsPrice(f.Name) && IsNumeric(f));
            var line = items.FirstOrDefault(f => FieldWords.IsMoney(f.Name) && !FieldWords.IsListCount(f.Name) && IsNumeric(f));
            if (price is not null && quantity is not null)
            {
                return new SumRule(index, list, price.Name, quantity.Name, Money: true);
            }

            if ((line ?? price) is { } each)
            {
                return new SumRule(index, list, each.Name, null, Money: true);
            }
        }

        return null;
    }

    /// <summary>A line's money (subtotal, amount) in an object that shows a quantity and a unit price.</summary>
    private static ProductRule? Product(ImmutableArray<DocField> fields, int index)
    {
        if (!FieldWords.IsMoney(fields[index].Name) || FieldWords.IsPrice(fields[index].Name) || FieldWords.IsListCount(fields[index].Name))
        {
            return null;
        }

        var quantity = fields.IndexOf(fields.FirstOrDefault(f => FieldWords.IsQuantity(f.Name) && f.Type.Kind is FieldKind.Integer or FieldKind.Number)!);
        var price = fields.IndexOf(fields.FirstOrDefault(f => FieldWords.IsPrice(f.Name) && IsNumeric(f))!);
        return quantity >= 0 && price >= 0 ? new ProductRule(index, quantity, price) : null;
    }

    /// <summary>A count of a list: named for it (itemCount, totalOrders) or a total count of the object's (first) list.</summary>
    private static CountRule? Count(DocField field, int index, (int Index, string Name, ImmutableArray<DocField> Items)[] lists)
    {
        if (field.Type.Kind == FieldKind.Number || lists.Length == 0)
        {
            return null;
        }

        var of = FieldWords.CountOf(field.Name) ?? (FieldWords.TotalOf(field.Name) is { } total ? FieldWords.Singular(total) : null);
        // replyCount counts the replies, or a list (of any name) whose items are replies: their id is replyId.
        if (of is not null && lists.FirstOrDefault(l => FieldWords.Singular(l.Name) == of || l.Items.Any(f => f.Name.Equals(of + "Id", StringComparison.OrdinalIgnoreCase))) is { Name: not null } named)
        {
            return new CountRule(index, named.Index);
        }

        return FieldWords.IsListCount(field.Name) ? new CountRule(index, lists[0].Index) : null;
    }

    /// <summary>A maximum (maxServing) and the current value it bounds (servingCount, named by the same word).</summary>
    private static IEnumerable<Rule> Maxima(ImmutableArray<DocField> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Type.Kind is not (FieldKind.Integer or FieldKind.Number) || FieldWords.MaxOf(fields[i].Name) is not { } bounded)
            {
                continue;
            }

            var word = FieldWords.Singular(bounded);
            for (var j = 0; j < fields.Length; j++)
            {
                if (j != i && fields[j].Type.Kind is FieldKind.Integer or FieldKind.Number && FieldWords.MaxOf(fields[j].Name) is null
                    && FieldWords.Current(fields[j].Name) == word)
                {
                    yield return new MaxRule(i, j);
                    break;
                }
            }
        }
    }

    private static GeoRule? Geo(ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans)
    {
        var address = Find(fields, f => f.Type.Kind == FieldKind.String && FieldWords.IsAddress(f.Name));
        var lat = Find(fields, f => f.Type.Kind == FieldKind.Number && FieldWords.IsLatitude(f.Name));
        var lng = Find(fields, f => f.Type.Kind == FieldKind.Number && FieldWords.IsLongitude(f.Name));
        // Coordinates the world gives (a chat's location) are its own already: the rule is for generated ones.
        return address is { } a && lat is { } y && lng is { } x && plans[y].Attribute is null && plans[x].Attribute is null ? new GeoRule(a, y, x) : null;
    }

    private static TimelineRule? Timeline(ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans, string prefix)
    {
        var staged = ImmutableArray.CreateBuilder<(int, int)>();
        var events = ImmutableArray.CreateBuilder<int>();
        var spans = ImmutableArray.CreateBuilder<int>();
        var generated = false;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (FieldWords.IsBirthday(field.Name))
            {
                continue;
            }

            if (FieldWords.IsSpan(field))
            {
                spans.Add(i);
            }
            else if (FieldWords.IsTime(field) && FieldWords.Stage(field) is { } stage)
            {
                staged.Add((i, stage));
            }
            else if (FieldWords.IsTime(field) && FieldWords.IsEvent(field.Name) && prefix.Length > 0)
            {
                events.Add(i);
            }
            else
            {
                continue;
            }

            generated |= plans[i].Attribute is null;
        }

        return generated ? new TimelineRule([.. staged.OrderBy(s => s.Item2)], events.ToImmutable(), spans.ToImmutable()) : null;
    }

    /// <summary>
    /// Generated ids of an example's letters-then-digits or dated shape (<see cref="IdShape"/>: GD201603090001, r1001), dated by the
    /// object's creation (or event) time; ids of bare digits stay as drawn.
    /// </summary>
    private static IEnumerable<Rule> Ids(ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans)
    {
        // An object with no creation or event time (a ledger entry's tradeTime, occurTime) is dated by a time of no stage, not by an end of validity.
        var created = Find(fields, f => FieldWords.IsTime(f) && FieldWords.Stage(f) == 0) ?? Find(fields, f => FieldWords.IsTime(f) && FieldWords.IsEvent(f.Name))
            ?? Find(fields, f => FieldWords.IsTime(f) && FieldWords.Stage(f) is null && !FieldWords.IsBirthday(f.Name) && !Validity.IsEnd(f));
        var staged = Enumerable.Range(0, fields.Length).Where(i => FieldWords.IsTime(fields[i]) && FieldWords.Stage(fields[i]) is not null).ToImmutableArray();
        for (var i = 0; i < fields.Length; i++)
        {
            if (plans[i].Attribute is null && IsIdName(fields[i].Name) && plans[i].Value.Shape is { } shape && IdShape.From(shape) is { } id
                && (id.IsDated || id.Prefix.Length > 0))
            {
                yield return new IdRule(i, id, created, staged);
            }
        }
    }

    /// <summary>An id a doc names: …Id (not one of the world's entity ids) or …No (orderNo).</summary>
    private static bool IsIdName(string name) =>
        Actions.ItemIds.IsItemId(name) || (name.Length > 2 && name.EndsWith("No", StringComparison.Ordinal)) || name.Equals("id", StringComparison.OrdinalIgnoreCase);

    /// <summary>A history list (<see cref="HistoryShape"/>) of an object with a status: the story from creation to its current state.</summary>
    private static IEnumerable<Rule> Histories(ImmutableArray<DocField> fields, (int Index, string Name, ImmutableArray<DocField> Items)[] lists)
    {
        var status = Find(fields, f => StateOrder.Of(f) is not null);
        if (status is not { } s)
        {
            yield break;
        }

        var created = Find(fields, f => FieldWords.IsTime(f) && FieldWords.Stage(f) == 0);
        var updated = Find(fields, f => FieldWords.IsTime(f) && FieldWords.Stage(f) == 5);
        var handler = Find(fields, f => f.Type.Kind == FieldKind.String && HandlerNames.Contains(f.Name.ToLowerInvariant()));
        foreach (var (index, _, items) in lists)
        {
            if (HistoryShape.Of(fields[index], items) is { } shape)
            {
                yield return new HistoryRule(s, StateOrder.Of(fields[s])!, index, shape, created, updated, handler);
            }
        }
    }

    /// <summary>The name of who handles an entity, beside it: its history's events are theirs.</summary>
    private static readonly FrozenSet<string> HandlerNames = new[] { "handlername", "staffname", "operatorname", "opname", "dealername", "processorname", "assigneename", "ownername" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists inside the object ordered by their doc's words and numbered by a position field (<see cref="OrderWords"/>).</summary>
    private static IEnumerable<Rule> Orders(Endpoint endpoint, ImmutableArray<DocField> fields, (int Index, string Name, ImmutableArray<DocField> Items)[] lists)
    {
        foreach (var (index, _, items) in lists)
        {
            var field = fields[index];
            var order = OrderWords.Of(field.Description + " " + field.Remark + " " + endpoint.Section(field.Target)?.Caption, items);
            var position = items.FirstOrDefault(OrderWords.IsPosition)?.Name;
            if (order is not null || position is not null)
            {
                yield return new OrderRule(index, order, position);
            }
        }
    }

    private static int? Find(ImmutableArray<DocField> fields, Func<DocField, bool> match)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (match(fields[i]))
            {
                return i;
            }
        }

        return null;
    }
}
