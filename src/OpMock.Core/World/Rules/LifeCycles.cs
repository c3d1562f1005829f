using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpMock.Core.Docs;
using OpMock.Core.World.Lists;

namespace OpMock.Core.World.Rules;

/// <summary>
/// Issue 25.6, the states a status enum orders, in the doc's order: a create starts at <see cref="First"/> unless the
/// request sets one, and an entity in a state has passed through every state before it (<see cref="PathTo"/>).
/// Entry point: <see cref="Of"/>, for a field named …status or …state whose doc lists at least two labelled values.
/// </summary>
internal sealed record StateOrder(ImmutableArray<EnumOption> States)
{
    public EnumOption First => States[0];

    public static bool IsStatus(string name) =>
        name.EndsWith("status", StringComparison.OrdinalIgnoreCase) || name.EndsWith("state", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("stage", StringComparison.OrdinalIgnoreCase) || name.EndsWith("phase", StringComparison.OrdinalIgnoreCase);

    public static StateOrder? Of(DocField field) => IsStatus(field.Name) && CodeNames.IsCoded(field) ? new StateOrder(field.Hints.Options) : null;

    /// <summary>The state's place in the order; −1 for a value the doc does not list.</summary>
    public int IndexOf(JsonNode? value)
    {
        for (var k = 0; value is JsonValue shown && k < States.Length; k++)
        {
            if (FieldHints.ToJson(States[k].Value) is JsonValue listed && ListFilter.Same(shown, listed))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// The state a verb reaches: the first of <paramref name="labels"/> a state's label is, else the first a label holds
    /// unnegated (审核通过, never 未通过 or 待通过); null when none is listed.
    /// </summary>
    public EnumOption? Reached(IReadOnlyList<string> labels) =>
        labels.Select(w => States.FirstOrDefault(s => s.Label.Trim() == w)).FirstOrDefault(s => s is not null)
        ?? labels.Select(w => States.FirstOrDefault(s => s.Label.Contains(w, StringComparison.Ordinal) && !s.Label.Any(c => c is '未' or '不' or '待' or '非'))).FirstOrDefault(s => s is not null);

    /// <summary>The states from the first to <paramref name="current"/>, in order; the first alone for a value the doc does not list.</summary>
    public ImmutableArray<EnumOption> PathTo(JsonNode? current) => IndexOf(current) is var at and >= 0 ? States[..(at + 1)] : [First];
}

/// <summary>
/// A history list (items with a time, an action and an operator: a ticket's <c>logs</c>), as its doc writes it: which item
/// fields hold the time, action, operator and remark, the action words the doc gives (its enum's labels, or the words it
/// lists: 创建、处理中、已解决、已关闭), and its order (倒序 newest first, else oldest first). Entry point: <see cref="Of"/>.
/// </summary>
internal sealed partial record HistoryShape(DocField Time, string Action, string? Operator, string? Remark, bool Descending, ImmutableArray<string> Words)
{
    private static readonly FrozenSet<string> ActionNames = Set("action", "actionname", "actiondesc", "actiontext", "operation", "operationname", "operate",
        "operatedesc", "optype", "opdesc", "event", "eventname", "behavior", "behaviour", "step", "stepname", "node", "nodename", "activity");

    private static readonly FrozenSet<string> OperatorNames = Set("operator", "operatorname", "opname", "operatename", "staffname", "handlername",
        "handler", "operateby", "createby", "creator", "creatorname", "username", "opstaffname", "dealername", "processorname", "executor");

    private static readonly FrozenSet<string> RemarkNames = Set("remark", "remarks", "note", "notes", "memo", "comment", "content", "reason", "detail", "desc", "description");

    private static readonly FrozenSet<string> HistoryListNames = Set("log", "logs", "loglist", "history", "histories", "historylist", "records", "recordlist",
        "trace", "traces", "tracks", "timeline", "flows", "flow", "progress", "steps", "events", "operations", "operatelogs", "oplogs", "actions");

    /// <summary>Whether a field holds a remark (remark, note, reason …): a write's remark goes into the event it adds.</summary>
    public static bool IsRemark(string name) => RemarkNames.Contains(Lower(name)) && !Lower(name).StartsWith("desc", StringComparison.Ordinal) && Lower(name) is not ("content" or "detail");

    /// <summary>The words an action begins the story with (the creation), in the doc's own words when it lists one.</summary>
    public static readonly ImmutableArray<string> CreationWords = ["创建", "新建", "提交", "新增", "发起", "生成", "下单", "登记", "受理"];

    /// <summary>The history shape of a list's items; null for a list that is no history.</summary>
    public static HistoryShape? Of(DocField list, ImmutableArray<DocField> items)
    {
        var time = items.FirstOrDefault(FieldWords.IsTime);
        var action = items.FirstOrDefault(f => f.Type.Kind == FieldKind.String && ActionNames.Contains(Lower(f.Name)))
            ?? items.FirstOrDefault(f => f.Type.Kind == FieldKind.String && f.Description.Trim() is "操作" or "动作" or "事件" or "节点" or "操作内容" or "操作类型" or "处理动作");
        var who = items.FirstOrDefault(f => f.Type.Kind == FieldKind.String && OperatorNames.Contains(Lower(f.Name)))
            ?? items.FirstOrDefault(f => f.Type.Kind == FieldKind.String && (f.Description.Contains("操作人", StringComparison.Ordinal) || f.Description.Contains("处理人", StringComparison.Ordinal)));
        if (time is null || action is null || (who is null && !HistoryListNames.Contains(Lower(list.Name))))
        {
            return null;
        }

        var remark = items.FirstOrDefault(f => f != action && f != who && f.Type.Kind == FieldKind.String && (RemarkNames.Contains(Lower(f.Name)) || f.Description.Contains("备注", StringComparison.Ordinal)));
        var words = action.Hints.HasOptions ? [.. action.Hints.Options.Select(o => o.Label)] : Listed(action.Remark, action.Description);
        return new HistoryShape(time, action.Name, who?.Name, remark?.Name, OrderWords.Direction(list.Description + " " + list.Remark) ?? false, words);
    }

    /// <summary>The doc's word for a state's label: the same word, one containing it or contained in it; else the label.</summary>
    public string WordFor(string label) =>
        Words.FirstOrDefault(w => w == label) ?? Words.FirstOrDefault(w => w.Contains(label, StringComparison.Ordinal) || label.Contains(w, StringComparison.Ordinal)) ?? label;

    /// <summary>The doc's word for a creation (创建 unless it lists another of <see cref="CreationWords"/>).</summary>
    public string Creation => Words.FirstOrDefault(w => CreationWords.Any(c => w.Contains(c, StringComparison.Ordinal))) ?? CreationWords[0];

    /// <summary>Words listed with 、, commas or slashes (创建、处理中、已解决; 提交/审核/通过) in one cell; two at least.</summary>
    private static ImmutableArray<string> Listed(params string[] cells)
    {
        foreach (var cell in cells)
        {
            if (WordList().Match(cell) is { Success: true } run)
            {
                return [.. run.Value.Split(['、', '，', ',', '/', '|', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            }
        }

        return [];
    }

    [GeneratedRegex(@"[\u4e00-\u9fff]{1,8}(?:\s*[、,，/|；;]\s*[\u4e00-\u9fff]{1,8})+")]
    private static partial Regex WordList();

    private static string Lower(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One event of a history: when, what (the doc's word), who and why.</summary>
internal sealed record HistoryEvent(DateTimeOffset Time, string Action, string? Operator, string? Remark)
{
    /// <summary>The event as an item of the history, over a <paramref name="template"/> item (its other fields kept).</summary>
    public JsonObject Write(HistoryShape shape, JsonObject template)
    {
        var item = template.DeepClone().AsObject();
        if (TimeValues.Write(shape.Time, Time, HouseFormats.DateTime) is { } time)
        {
            item[shape.Time.Name] = time;
        }

        item[shape.Action] = Action;
        if (shape.Operator is { } who && Operator is not null)
        {
            item[shape.Operator] = Operator;
        }

        if (shape.Remark is { } why && Remark is not null)
        {
            item[why] = Remark;
        }

        return item;
    }
}

/// <summary>
/// Histories that tell the entity's story. Entry points: <see cref="Tell"/> (a generated history: the creation, then each
/// state after the first up to the current one, from the creation time to the last update, evenly, in time order) and
/// <see cref="ForWrite"/> (the one event a write adds: the creation word at a create, the new state's word at an update,
/// the OP who wrote and the remark sent). <see cref="HistoryRule"/> tells the story in every shaped object.
/// </summary>
internal static class HistoryStory
{
    public static ImmutableArray<HistoryEvent> Tell(HistoryShape shape, StateOrder? states, JsonNode? current, DateTimeOffset created, DateTimeOffset updated, string? who)
    {
        var path = states?.PathTo(current) ?? [];
        var actions = new List<string> { shape.Creation };
        actions.AddRange(path.Skip(1).Select(s => shape.WordFor(s.Label)));
        var end = updated < created ? created : updated;
        var events = ImmutableArray.CreateBuilder<HistoryEvent>(actions.Count);
        for (var k = 0; k < actions.Count; k++)
        {
            var at = actions.Count == 1 ? created : created.AddTicks((end - created).Ticks * k / (actions.Count - 1));
            events.Add(new HistoryEvent(DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds()).ToOffset(WorldOptions.ChinaOffset), actions[k], who, null));
        }

        return events.MoveToImmutable();
    }

    /// <summary>The event a write adds: at a create the creation word, at an update the label of the state set (or, with none sent, the doc's last word for a change).</summary>
    public static HistoryEvent ForWrite(HistoryShape shape, StateOrder? states, bool create, JsonNode? status, DateTimeOffset now, string? who, string? remark)
    {
        var label = create ? shape.Creation
            : states is not null && states.IndexOf(status) is var at and >= 0 ? shape.WordFor(states.States[at].Label)
            : shape.Words.FirstOrDefault(w => w.Contains("更新", StringComparison.Ordinal) || w.Contains("修改", StringComparison.Ordinal)) ?? "更新";
        return new HistoryEvent(now, label, who, remark);
    }
}

/// <summary>
/// The history list <paramref name="List"/> of an object with a status (<paramref name="Status"/>) tells its story
/// (<see cref="HistoryStory.Tell"/>) from its creation time to its update time, by its handler when it shows one, in the
/// doc's order. A history an example gives is the example's.
/// </summary>
internal sealed record HistoryRule(int Status, StateOrder States, int List, HistoryShape Shape, int? Created, int? Updated, int? Handler) : Rule
{
    public override void Apply(RuleContext context)
    {
        var written = context.Scope.Events();
        if (!context.Shows(List) || context.FromExample(List) || context.Value(List) is not JsonArray shown
            || (shown.FirstOrDefault() as JsonObject ?? (written is null ? null : new JsonObject())) is not { } template)
        {
            return;
        }

        var times = shown.OfType<JsonObject>().Select(i => TimeValues.Read(i[Shape.Time.Name])).OfType<DateTimeOffset>().ToList();
        var created = Read(context, Created) ?? (times.Count > 0 ? times.Min() : context.Scope.Options.Anchor);
        var updated = Read(context, Updated) ?? (times.Count > 0 ? times.Max() : created);
        var who = Handler is { } h && context.Value(h) is JsonValue name && name.TryGetValue<string>(out var text) ? text
            : Shape.Operator is { } op && template[op] is JsonValue first && first.TryGetValue<string>(out var drawn) ? drawn : null;
        IEnumerable<HistoryEvent> story = HistoryStory.Tell(Shape, States, context.Shows(Status) ? context.Value(Status) : null, created, updated, who);
        if (written is { Count: > 0 })
        {
            // The session's writes are its history from the first on: the story told before them, then one event each.
            var events = written.OfType<JsonObject>().Select(e => HistoryStory.ForWrite(Shape, States, e["create"] is JsonValue c && c.GetValue<bool>(), e["status"],
                TimeValues.Read(e["at"]) ?? updated, Text(e["by"]), Text(e["remark"]))).ToList();
            story = story.Where(e => e.Time < events[0].Time && !events.Any(w => w.Action == e.Action)).Concat(events);
        }

        var items = story.Select(e => e.Write(Shape, template));
        context.Set(List, new JsonArray([.. (Shape.Descending ? items.Reverse() : items).Select(i => (JsonNode)i)]));
    }

    private static DateTimeOffset? Read(RuleContext context, int? field) => field is { } f && context.Shows(f) ? TimeValues.Read(context.Value(f)) : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
