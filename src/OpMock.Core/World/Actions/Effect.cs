using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World.Catalog;

namespace OpMock.Core.World.Actions;

/// <summary>What a write acts on: an entity kind the world has, a list item (<see cref="ItemIds"/>), or nothing it can tell.</summary>
internal enum EffectTarget
{
    None,
    Chat,
    User,
    Op,
    Message,
    Item,
}

/// <summary>
/// A request field a write sets, and where: <paramref name="Key"/> of the <paramref name="Owner"/> entity, keyed
/// as <see cref="Facts"/> keys values (IsOnline, ~remark). <paramref name="Values"/> translates the doc's own codes
/// (`1`:上线 → true, `3`:已结束 → "7") by their labels.
/// </summary>
internal sealed record FieldWrite(string Field, EntityKind Owner, string Key, ImmutableDictionary<string, JsonNode?> Values)
{
    /// <summary>The world value for what the request sent.</summary>
    public JsonNode? Value(JsonNode? sent)
    {
        if (sent is JsonValue value && Values.TryGetValue(Text(value), out var mapped))
        {
            return mapped?.DeepClone();
        }

        // A status sent as the world writes it ("7", 7 or "Closed") is kept as its code.
        return Key == Facts.Key(Attr.Status) && sent is JsonValue status && ChatStatuses.Find(Text(status)) is { } known
            ? JsonValue.Create(known.Code) : sent?.DeepClone();
    }

    public static string Text(JsonValue value) => value.TryGetValue<string>(out var text) ? text : value.ToJsonString();
}

/// <summary>
/// What one route's requests do to the world: a <see cref="Transition"/> on a target, with the fields the request
/// sets. Inferred from the verb table (<see cref="Verbs"/>), the route's inputs and the field table
/// (<see cref="WorldMap"/>), or declared in fixtures (`effects:`); <see cref="Source"/> says which.
/// </summary>
/// <param name="ItemIdField">For a list item: the field holding its id (userAddressId); its type decides a fresh id's shape.</param>
/// <param name="ItemIdIsNumber">A fresh item id is a number (the doc types the id field Integer/Long), else 32 hex digits.</param>
/// <param name="ToField">For a transfer: the request field naming the OP it goes to.</param>
internal sealed record Effect(
    Transition Transition,
    EffectTarget Target,
    ImmutableArray<FieldWrite> Writes,
    string Source,
    string? ItemIdField = null,
    bool ItemIdIsNumber = false,
    string? ToField = null)
{
    public static Effect Read { get; } = new(Transition.None, EffectTarget.None, [], "read");

    /// <summary>The direct route whose effect this is: a fixture's split of an id field by route (`kinds:`) names its kind there.</summary>
    public string Route { get; init; } = "";

    /// <summary>For a list item: what a create or update sets on its life besides the fields sent (fresh id shape, first state, times).</summary>
    public Rules.WriteLife Life { get; init; } = Rules.WriteLife.None;

    /// <summary>Whether requests to the route change the world.</summary>
    public bool IsWrite => Transition != Transition.None && Target != EffectTarget.None;

    /// <summary>One line for `opmock serve`: what OpMock understood the route to do, and why.</summary>
    public string Describe()
    {
        if (Transition == Transition.None)
        {
            return $"none ({Source})";
        }

        if (Target == EffectTarget.None)
        {
            return $"{Name(Transition)} of nothing: the request names no entity it acts on ({Source}); declare it under `effects:` in fixtures";
        }

        var what = Transition switch
        {
            Transition.Close => "chat: status 7 (已结束), off its OP's list, closed, closeTime now, duration",
            Transition.Accept => "chat: served by the OP named (else the current OP), status 5 (服务中)",
            Transition.Transfer => $"chat: to the OP in `{ToField}`, on its list",
            Transition.Send => "message: fresh id, sendTime now, from the OP (fromType 2), last in the chat's messages and its latest message",
            Transition.Create => $"{TargetName}: a new item with a fresh `{ItemIdField}`",
            Transition.Delete => $"{TargetName}: gone from lists",
            _ => TargetName,
        };
        var writes = Writes.IsEmpty ? "" : "; sets " + string.Join(", ", Writes.Select(w => $"{w.Field} → {Records(w)}"));
        return $"{Name(Transition)} {what}{writes} ({Source})";
    }

    private string TargetName => Target == EffectTarget.Item ? $"list item by `{ItemIdField}`" : Target.ToString().ToLowerInvariant();

    public static string Name(Transition transition) => transition.ToString().ToLowerInvariant();

    private static string Records(FieldWrite write) =>
        $"{write.Owner.ToString().ToLowerInvariant()}.{(write.Key.StartsWith('~') ? write.Key[1..] : write.Key[..1].ToLowerInvariant() + write.Key[1..])}";

    /// <summary>The world kind a target is; None for a list item or nothing.</summary>
    public static EntityKind KindOf(EffectTarget target) => target switch
    {
        EffectTarget.Chat => EntityKind.Chat,
        EffectTarget.User => EntityKind.User,
        EffectTarget.Op => EntityKind.Op,
        EffectTarget.Message => EntityKind.Message,
        _ => EntityKind.None,
    };

    public static EffectTarget TargetOf(EntityKind kind) => kind switch
    {
        EntityKind.Chat => EffectTarget.Chat,
        EntityKind.User => EffectTarget.User,
        EntityKind.Op => EffectTarget.Op,
        EntityKind.Message => EffectTarget.Message,
        _ => EffectTarget.None,
    };
}

/// <summary>
/// Infers a route's <see cref="Effect"/>: the transition from <see cref="Verbs"/>; the target from the ids among
/// its inputs (chat transitions act on the chat the request names; a list item's id field makes a list item the
/// target; otherwise the strongest id, or the current OP); the fields it sets through the field table and the
/// doc's enum labels.
/// </summary>
internal static class EffectInference
{
    public static Effect Infer(Endpoint endpoint, DeclaredEffect? declared = null)
    {
        var (transition, word) = declared?.Transition is { } given ? (given, "") : Verbs.Of(endpoint.Route, endpoint.Doc.Title);
        var source = declared is not null ? $"declared in {declared.File}:{declared.Line}" : word.Length == 0 ? "no verb" : $"`{word}`";
        if (transition == Transition.None)
        {
            return Effect.Read with { Source = declared is not null ? source : word.Length == 0 ? "read: no verb in its name or title" : $"read: `{word}`" };
        }

        var inputs = endpoint.Input;
        var strongest = Strongest(inputs);
        var to = declared?.To ?? inputs.Select(f => f.Name).FirstOrDefault(IsToOp);
        var item = declared?.List ?? inputs.Select(f => f.Name).FirstOrDefault(n => ItemIds.IsItemId(n) && WorldMap.Attribute(strongest, n) is null && n != to);
        if (transition == Transition.Create && declared?.Entity is null)
        {
            item ??= CreatedId(endpoint);
            if (item is not null && WorldMap.Ids.Any(i => i.Kind == EntityKind.Message && string.Equals(i.Name, item, StringComparison.OrdinalIgnoreCase)))
            {
                // Creating a message is sending one.
                transition = Transition.Send;
                item = null;
            }
        }

        var target = declared?.Entity is { } entity ? Effect.TargetOf(entity)
            : transition is Transition.Close or Transition.Accept or Transition.Transfer or Transition.Send
                ? strongest is EntityKind.Chat or EntityKind.User or EntityKind.Message ? EffectTarget.Chat : EffectTarget.None
            : item is not null ? EffectTarget.Item
            : transition == Transition.Set && strongest == EntityKind.None ? EffectTarget.Op
            : Effect.TargetOf(strongest);
        if (target != EffectTarget.Item)
        {
            item = null;
        }

        var kind = Effect.KindOf(target);
        var skipped = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "reqUrl", "token", Paging.PageNo, Paging.PageSize };
        skipped.UnionWith(WorldMap.Ids.Select(i => i.Name));
        if (to is not null)
        {
            skipped.Add(to);
        }

        if (item is not null)
        {
            skipped.Add(item);
        }

        var writes = ImmutableArray.CreateBuilder<FieldWrite>();
        if (transition is not (Transition.Send or Transition.Create or Transition.Delete))
        {
            foreach (var field in inputs.Where(f => !skipped.Contains(f.Name)))
            {
                var named = declared?.Fields.GetValueOrDefault(field.Name) ?? field.Name;
                if (Write(field, named, target, kind) is { } write)
                {
                    writes.Add(write);
                }
            }
        }

        var idField = item is null ? null : inputs.Concat(Outputs(endpoint)).FirstOrDefault(f => string.Equals(f.Name, item, StringComparison.OrdinalIgnoreCase));
        return new Effect(transition, target, writes.ToImmutable(), source, item,
            idField?.Type.Kind is FieldKind.Integer or FieldKind.Number, transition == Transition.Transfer ? to : null)
        {
            Life = target == EffectTarget.Item && item is not null ? Rules.WriteLife.Of(endpoint, item, Verbs.Reached(endpoint.Route, endpoint.Doc.Title)) : Rules.WriteLife.None,
        };
    }

    /// <summary>The strongest id among a route's inputs: msgId before chatId before userId before staffId.</summary>
    public static EntityKind Strongest(IEnumerable<DocField> inputs)
    {
        var names = inputs.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return WorldMap.Ids.Where(i => names.Contains(i.Name)).Select(i => i.Kind).FirstOrDefault();
    }

    /// <summary>A field naming the OP a chat goes to: to/target/new + an OP id (toStaffId, targetOperatorId).</summary>
    public static bool IsToOp(string name)
    {
        foreach (var prefix in new[] { "to", "target", "new" })
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && char.IsUpper(name[prefix.Length])
                && WorldMap.Ids.Any(i => i.Kind == EntityKind.Op && string.Equals(i.Name, name[prefix.Length..], StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The id field of what a create makes: an item id its answer shows (userAddressId), else the route's noun + Id
    /// (addUserAddress → userAddressId, createTag → tagId).
    /// </summary>
    private static string? CreatedId(Endpoint endpoint)
    {
        var shown = Outputs(endpoint).Select(f => f.Name).FirstOrDefault(n => ItemIds.IsItemId(n) || WorldMap.Ids.Any(i => i.Kind == EntityKind.Message && i.Name == n));
        if (shown is not null)
        {
            return shown;
        }

        var words = Verbs.Words(endpoint.Route).SkipWhile(w => !Verbs.Table.Any(t => t.RouteWords.Contains(w))).Skip(1).ToList();
        return words.Count == 0 ? null : words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Id";
    }

    /// <summary>Every response field, nested sections included.</summary>
    private static IEnumerable<DocField> Outputs(Endpoint endpoint) => endpoint.Output.Concat(endpoint.Sections.SelectMany(s => s.Fields));

    private static FieldWrite? Write(DocField field, string named, EffectTarget target, EntityKind kind)
    {
        var empty = ImmutableDictionary<string, JsonNode?>.Empty;
        if (target == EffectTarget.Item)
        {
            return new FieldWrite(field.Name, EntityKind.None, Facts.Key(named), empty);
        }

        if (kind == EntityKind.None)
        {
            return null;
        }

        // The doc's words first: an enum labelled 上线/下线 is an OP's online state, one labelled with chat states a chat's status.
        var options = field.Hints.HasOptions ? field.Hints.Options : [];
        var online = options.Select(o => (Key: FieldHints.Show(o.Value), Online: Online(o.Label))).ToList();
        if (online.Count > 0 && online.All(o => o.Online is not null) && kind is EntityKind.Op)
        {
            return new FieldWrite(field.Name, EntityKind.Op, Facts.Key(Attr.IsOnline), online.ToImmutableDictionary(o => o.Key, o => (JsonNode?)JsonValue.Create(o.Online!.Value)));
        }

        var states = options.Select(o => (Key: FieldHints.Show(o.Value), Status: ChatStatuses.ByLabel(o.Label))).ToList();
        if (states.Count > 0 && states.All(s => s.Status is not null) && kind is EntityKind.Chat)
        {
            return new FieldWrite(field.Name, EntityKind.Chat, Facts.Key(Attr.Status), states.ToImmutableDictionary(s => s.Key, s => (JsonNode?)JsonValue.Create(s.Status!.Code)));
        }

        if (WorldMap.Attribute(kind, named) is { } attribute)
        {
            return attribute.Attr == Attr.Id ? null : new FieldWrite(field.Name, attribute.Owner, Facts.Key(attribute.Attr), empty);
        }

        return new FieldWrite(field.Name, kind, Facts.Key(named), empty);
    }

    /// <summary>True for a label meaning online (上线, 在线), false for offline (下线, 离线, 不在线), null for neither.</summary>
    private static bool? Online(string label) =>
        label.Contains("下线", StringComparison.Ordinal) || label.Contains("离线", StringComparison.Ordinal) || label.Contains("不在线", StringComparison.Ordinal) ? false
        : label.Contains("上线", StringComparison.Ordinal) || label.Contains("在线", StringComparison.Ordinal) ? true
        : null;
}

/// <summary>
/// A route's effect as a fixture declares it (`effects:` in fixtures/*.yaml), for what the rules cannot tell. Parts
/// left out are inferred.
/// </summary>
/// <param name="Transition">What the write does; <see cref="Transition.None"/> for a read that looks like a write.</param>
/// <param name="Entity">What it acts on, when a built-in kind: chat, user, op or message (another kind's name is <see cref="EntityName"/>).</param>
/// <param name="List">For a list item: the field holding the items' ids.</param>
/// <param name="To">For a transfer: the request field naming the OP the chat goes to.</param>
/// <param name="Fields">Request field → the entity field it sets (`state: isOnline`).</param>
internal sealed record DeclaredEffect(
    string Route,
    Transition? Transition,
    EntityKind? Entity,
    string? List,
    string? To,
    ImmutableDictionary<string, string> Fields,
    string File,
    int Line)
{
    /// <summary>What it acts on when that is no built-in kind (<c>ticket</c>, a kind the docs or `kinds:` name): resolved against the kinds table at load.</summary>
    public string? EntityName { get; init; }

    /// <summary>The line of <see cref="EntityName"/>, for the error naming the known kinds.</summary>
    public int EntityLine { get; init; }

    /// <summary>The fixtures' `kinds:`, which <see cref="EntityName"/> may name.</summary>
    public ImmutableArray<Kinds.DeclaredKind> Kinds { get; init; } = [];
}
