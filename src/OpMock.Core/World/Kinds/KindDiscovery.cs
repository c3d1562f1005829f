using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.World.Kinds;

/// <summary>
/// Finds the kinds the docs describe: an id field no known kind owns (<c>ticketId</c>, <c>replyId</c>) that some route
/// addresses — a request must send it (a detail, an update, a delete) or an answer returns it at its top (a create) —
/// names a kind. Its attributes are every field of every object, in every doc, that carries that id; a field beside
/// them holding a known kind's id (<c>userId</c>, <c>handlerId</c> described 处理人OP的ID) is a relation; a list route
/// naming an entity (<c>staffId</c>) lists the kind's entities related to it.
/// </summary>
internal static class KindDiscovery
{
    /// <summary>The first handle given to a discovered kind; the built-in kinds' are below it.</summary>
    public const int FirstHandle = 100;

    // Words a field's description ends with when it holds the id of a built-in kind's entity (处理人OP的ID, 客户编号).
    private static readonly (string Word, EntityKind Kind)[] RelationWords =
    [
        ("OP", EntityKind.Op), ("客服", EntityKind.Op), ("员工", EntityKind.Op), ("坐席", EntityKind.Op), ("处理人", EntityKind.Op),
        ("操作人", EntityKind.Op), ("创建人", EntityKind.Op), ("负责人", EntityKind.Op), ("经办人", EntityKind.Op),
        ("用户", EntityKind.User), ("客户", EntityKind.User), ("会员", EntityKind.User),
        ("会话", EntityKind.Chat),
    ];

    private static readonly string[] IdWords = ["的ID", "的id", "ID", "id", "Id", "编号", "的编号"];

    public static KindTable Discover(IEnumerable<Endpoint> endpoints) => Discover(endpoints, [], []);

    /// <param name="declared">Kinds the fixtures name, merge or split (`kinds:`): they win over what the docs' words say.</param>
    /// <param name="findings">Where a declaration names a field, route or kind the docs do not have (file:line).</param>
    public static KindTable Discover(IEnumerable<Endpoint> endpoints, IReadOnlyList<DeclaredKind> declared, List<Diagnostics.Finding> findings)
    {
        var docs = endpoints.Where(e => !e.IsTransfer).ToList();
        var builtIn = KindTable.BuiltIn;
        var objects = docs.SelectMany(Objects).ToList();
        // A field a fixture declares a relation is no kind of its own; a declared id is its item's own id.
        var related = declared.SelectMany(d => d.Relations.Select(r => r.Field.Text)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ownIds = declared.SelectMany(d => d.Ids.Select(i => i.Text)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var addressed = docs.SelectMany(e => e.Input.Where(f => f.Required).Concat(e.Output))
            .Where(f => IsKindId(f, builtIn)).Concat(docs.SelectMany(e => Listed(e, builtIn, ownIds)))
            .Select(f => f.Name).Where(f => !related.Contains(f)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var groups = KindGroup.Of(addressed, declared, docs, objects, findings);
        var ids = groups.SelectMany(g => g.Ids).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var rows = builtIn.Rows.ToBuilder();
        foreach (var group in groups)
        {
            rows.Add(Row((EntityKind)(FirstHandle + rows.Count - builtIn.Rows.Length), group, docs, objects, ids, groups));
        }

        var all = rows.ToImmutable();
        foreach (var kind in declared.Where(d => d.Relations.Length > 0))
        {
            if (all.FirstOrDefault(r => r.Name == kind.Name) is { IsBuiltIn: false } row)
            {
                all = all.Replace(row, Declare(row, kind, all, findings));
            }
        }

        return all.Length == builtIn.Rows.Length ? builtIn : new KindTable(all);
    }

    /// <summary>The relations a fixture declares on a kind (<c>auditorNo: op</c>): each field one of the kind's, each kind a known one.</summary>
    private static KindRow Declare(KindRow row, DeclaredKind kind, ImmutableArray<KindRow> rows, List<Diagnostics.Finding> findings)
    {
        var relations = row.Relations.ToBuilder();
        foreach (var (field, target) in kind.Relations)
        {
            var attribute = row.Attributes.FirstOrDefault(a => Is(a, field.Text));
            var related = rows.FirstOrDefault(r => r.Name == target.Text);
            if (attribute is null)
            {
                findings.Add(kind.Error(field.Line, $"`{field.Text}` is no field of {row.Name}; its fields: {string.Join(", ", row.Attributes)}"));
            }
            else if (related is null)
            {
                findings.Add(kind.Error(target.Line, $"unknown kind `{target.Text}` for `{field.Text}`; known kinds: {string.Join(", ", rows.Select(r => r.Name))}"));
            }
            else
            {
                relations.RemoveAll(r => Is(r.Field, attribute));
                relations.Add(related.IsBuiltIn ? Relate(attribute, related.Kind, row.Attributes) : new Relation(attribute, related.Kind, ImmutableDictionary<string, Attr>.Empty));
            }
        }

        return row with { Relations = relations.ToImmutable() };
    }

    /// <summary>What an id field's description or name says it holds: a built-in kind's entity (handlerId 处理人OP的ID → OP), or None.</summary>
    public static EntityKind RelationTarget(DocField field)
    {
        if (KindTable.BuiltIn.ById(field.Name) is { } row)
        {
            return row.Kind;
        }

        if (!IsIdName(field.Name))
        {
            return EntityKind.None;
        }

        var words = (field.Description.Length > 0 ? field.Description : field.Remark).Trim();
        foreach (var suffix in IdWords)
        {
            if (words.EndsWith(suffix, StringComparison.Ordinal))
            {
                words = words[..^suffix.Length];
                break;
            }
        }

        foreach (var (word, kind) in RelationWords)
        {
            if (words.EndsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        // toStaffId, handlerStaffId: a name ending in a built-in id.
        return KindTable.BuiltIn.Ids.FirstOrDefault(i => field.Name.Length > i.Name.Length
            && field.Name.EndsWith(char.ToUpperInvariant(i.Name[0]) + i.Name[1..], StringComparison.Ordinal)).Kind;
    }

    private static bool IsIdName(string name) =>
        name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal) && char.IsAsciiLetterLower(name[0]);

    private static bool IsKindId(DocField field, KindTable builtIn) =>
        IsIdName(field.Name) && !builtIn.IsId(field.Name) && RelationTarget(field) == EntityKind.None
        && !builtIn.Rows.Any(r => r.Parts.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
        && !WorldMap.Owns(field.Name) && field.Type.Kind is FieldKind.String or FieldKind.Integer;

    /// <summary>
    /// The own ids of the items of a list a request asks by a related entity (a user's coupons by <c>userId</c>: their
    /// <c>couponId</c>), when the items say whose they are (they carry a <c>userId</c>, a <c>holderId</c> 持卡客户ID): such
    /// items are entities, listed on no route of their own. Items that name nobody (an order's lines, a user's
    /// addresses) stay parts of the entity whose answer holds them. An item's own id is its first id no known kind owns.
    /// </summary>
    private static IEnumerable<DocField> Listed(Endpoint endpoint, KindTable builtIn, HashSet<string> declared)
    {
        if (!endpoint.Input.Any(f => RelationTarget(f) != EntityKind.None))
        {
            yield break;
        }

        foreach (var list in endpoint.Output.Where(f => f.Type.Kind == FieldKind.List))
        {
            if (endpoint.Section(list.Target) is { } items && items.Fields.FirstOrDefault(f => declared.Contains(f.Name) || IsKindId(f, builtIn)) is { } own
                && items.Fields.Any(f => f != own && RelationTarget(f) != EntityKind.None))
            {
                yield return own;
            }
        }
    }

    /// <summary>Every object the docs describe: a route's inputs, its outputs, each section; with its endpoint.</summary>
    private static IEnumerable<(Endpoint Endpoint, string? Section, ImmutableArray<DocField> Fields)> Objects(Endpoint endpoint) =>
        new[] { (endpoint, (string?)null, endpoint.Input), (endpoint, null, endpoint.Output) }
            .Concat(endpoint.Sections.Select(s => (endpoint, (string?)s.Name, s.Fields)));

    private static KindRow Row(EntityKind handle, KindGroup group, List<Endpoint> all, List<(Endpoint Endpoint, string? Section, ImmutableArray<DocField> Fields)> everything, List<string> kinds, ImmutableArray<KindGroup> groups)
    {
        var docs = all.Where(e => group.Serves(e.Route)).ToList();
        var objects = everything.Where(o => group.Serves(o.Endpoint.Route)).ToList();
        // An object is about the kind whose id it shows first (an evaluation shows its evaluationId, then the orderId it
        // is about): the later ids are relations to those kinds (item 6), not the object's.
        var carrying = objects.Where(o => o.Fields.FirstOrDefault(f => kinds.Contains(f.Name, StringComparer.OrdinalIgnoreCase)) is { } own && group.Owns(own.Name)).ToList();
        if (carrying.Count == 0)
        {
            // An id shown only after another kind's is still a kind (a route addresses it): every object showing it tells of it.
            carrying = [.. objects.Where(o => o.Fields.Any(f => group.Owns(f.Name)))];
        }

        var fields = carrying.SelectMany(o => o.Fields).DistinctBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var sections = carrying.Select(o => o.Section).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // A list field whose items are the kind's (tickets: List<Ticket>) names the kind too.
        var listFields = docs.SelectMany(e => e.Output.Concat(e.Sections.SelectMany(s => s.Fields)))
            .Where(f => f.Target is not null && sections.Contains(f.Target)).Select(f => f.Name);
        var names = fields.Select(f => f.Name).ToList();
        var relations = fields.Where(f => !group.Owns(f.Name) && RelationTarget(f) != EntityKind.None)
            .Select(f => Relate(f.Name, RelationTarget(f), names))
            .Concat(fields.Where(f => !group.Owns(f.Name) && kinds.Contains(f.Name, StringComparer.OrdinalIgnoreCase))
                .Select(f => new Relation(f.Name, (EntityKind)(FirstHandle + KindGroup.IndexOf(groups, f.Name)), ImmutableDictionary<string, Attr>.Empty)))
            .DistinctBy(r => r.Field, StringComparer.OrdinalIgnoreCase).ToImmutableArray();
        relations = Personal(relations, names);
        var first = carrying.Select(o => (o.Endpoint, f: o.Fields.First(f => group.Owns(f.Name)))).First();
        return new KindRow(handle, group.Name, group.Ids, [.. sections.Concat(listFields).Distinct(StringComparer.OrdinalIgnoreCase)], [])
        {
            Attributes = [.. names],
            Relations = relations,
            Owner = Owner(docs, sections, relations, fields.ToDictionary(f => f.Name, f => f.Description, StringComparer.OrdinalIgnoreCase)),
            // Its creation (createTime), else the event that makes it (an evaluation's evaluateTime, a message's sendTime).
            // The only time an entity shows (a visit's visitTime) is when it happened too, unless it is an end (validUntil).
            StartField = names.FirstOrDefault(IsStart)
                ?? fields.FirstOrDefault(f => Rules.FieldWords.IsTime(f) && (Rules.FieldWords.Stage(f.Name) == 0 || Rules.FieldWords.IsEvent(f.Name)))?.Name
                ?? (fields.Where(Rules.FieldWords.IsTime).ToList() is [var only] && !Rules.Validity.IsEnd(only) ? only.Name : null),
            Position = fields.FirstOrDefault(Rules.OrderWords.IsPosition)?.Name,
            Shape = Shape(docs, group) ?? Rules.IdShape.Fallback,
            Examples = [.. docs.SelectMany(e => Carrying(OpJson.TryParse(e.Doc.Example?.Text ?? "", out _, out _)?["data"], group, kinds))],
            Routes = [.. carrying.Select(o => o.Endpoint.Route).Distinct(StringComparer.Ordinal)],
            Source = $"{first.Endpoint.Doc.Path}:{first.f.Line}",
            Only = group.Only,
            NotOn = group.Except,
        };
    }

    /// <summary>A relation and the fields beside it that show the related entity (handlerName → the OP's name).</summary>
    private static Relation Relate(string field, EntityKind target, IReadOnlyList<string> fields)
    {
        var stem = field.EndsWith("Id", StringComparison.Ordinal) ? field[..^2] : field;
        var beside = ImmutableDictionary.CreateBuilder<string, Attr>(StringComparer.OrdinalIgnoreCase);
        foreach (var other in fields.Where(f => f.Length > stem.Length && f.StartsWith(stem, StringComparison.OrdinalIgnoreCase) && !IsIdName(f)))
        {
            var rest = char.ToLowerInvariant(other[stem.Length]) + other[(stem.Length + 1)..];
            // userName is a user's own field name; handlerName is "name" of the OP the handler is.
            var attribute = WorldMap.Attribute(target, other) is { Owner: var owner } whole && owner == target ? whole : WorldMap.Attribute(target, rest);
            if (attribute is { Attr: not Attr.Id } found && found.Owner == target)
            {
                beside[other] = found.Attr;
            }
        }

        return new Relation(field, target, beside.ToImmutable());
    }

    // What a related person shows wherever it is named: a nickName beside a userId is that user's, a staffName beside
    // a handlerId that OP's. Not generic names (name, icon): a coupon's icon beside its userId is the coupon's.
    private static readonly Attr[] PersonalAttrs = [Attr.UserName, Attr.NickName, Attr.Phone, Attr.DisplayPhone, Attr.Icon, Attr.Name];
    private static readonly string[] GenericNames = ["name", "icon", "title"];

    /// <summary>
    /// A field the prefix of no relation claims, named as one of a related kind's personal attributes (<c>nickName</c>,
    /// <c>avatar</c>, <c>staffName</c>), shows that related entity — when exactly one relation leads to a kind owning it.
    /// </summary>
    private static ImmutableArray<Relation> Personal(ImmutableArray<Relation> relations, List<string> fields)
    {
        var result = relations.ToBuilder();
        foreach (var field in fields.Where(f => !GenericNames.Contains(f, StringComparer.OrdinalIgnoreCase) && !relations.Any(r => Is(r.Field, f) || r.Beside.ContainsKey(f))))
        {
            var owners = relations.Where(r => r.Target is EntityKind.User or EntityKind.Op
                && WorldMap.Attribute(r.Target, field) is { Owner: var owner, Attr: var attr } && owner == r.Target && PersonalAttrs.Contains(attr)).ToList();
            if (owners is [var only] && relations.Count(r => r.Target == only.Target) == 1)
            {
                var index = result.IndexOf(result.First(r => r.Field == only.Field));
                result[index] = result[index] with { Beside = result[index].Beside.SetItem(field, WorldMap.Attribute(only.Target, field)!.Value.Attr) };
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The relation a list route names the kind's entities by: its request's field naming a built-in kind's entity
    /// (staffId 处理人OP的ID), matched to the relation of that kind with the same words, else the same name, else the first of that kind,
    /// else one no item shows (an OP's quick replies).
    /// </summary>
    private static Relation? Owner(List<Endpoint> docs, List<string> sections, ImmutableArray<Relation> relations, Dictionary<string, string> words)
    {
        foreach (var endpoint in docs)
        {
            var lists = endpoint.Output.Concat(endpoint.Sections.SelectMany(s => s.Fields))
                .Any(f => f.Type.Kind == FieldKind.List && f.Target is not null && sections.Contains(f.Target));
            if (!lists || endpoint.Input.FirstOrDefault(f => RelationTarget(f) != EntityKind.None) is not { } named)
            {
                continue;
            }

            var target = RelationTarget(named);
            return relations.Where(r => r.Target == target)
                .OrderBy(r => words.GetValueOrDefault(r.Field) == named.Description ? 0 : Is(r.Field, named.Name) ? 1 : 2).FirstOrDefault()
                ?? new Relation(named.Name, target, ImmutableDictionary<string, Attr>.Empty);
        }

        return null;
    }

    private static bool IsStart(string name) =>
        name.Equals("createTime", StringComparison.OrdinalIgnoreCase) || name.Equals("createdTime", StringComparison.OrdinalIgnoreCase)
        || name.Equals("createAt", StringComparison.OrdinalIgnoreCase) || name.Equals("createdAt", StringComparison.OrdinalIgnoreCase)
        || name.Equals("addTime", StringComparison.OrdinalIgnoreCase) || name.Equals("gmtCreate", StringComparison.OrdinalIgnoreCase);

    /// <summary>The shape of the first example value of the id field, in any doc's example or sample request.</summary>
    private static Rules.IdShape? Shape(List<Endpoint> docs, KindGroup group)
    {
        foreach (var endpoint in docs)
        {
            foreach (var text in new[] { endpoint.Doc.Example?.Text, endpoint.Doc.Sample?.Body?.Text })
            {
                if (Find(OpJson.TryParse(text ?? "", out _, out _), group) is { } value && Rules.IdShape.Of(value) is { } shape)
                {
                    return shape;
                }
            }
        }

        return null;
    }

    /// <summary>Every object of an example that carries the id field: the kind's example values, for generating its others.</summary>
    private static IEnumerable<JsonObject> Carrying(JsonNode? node, KindGroup group, List<string> kinds) => node switch
    {
        JsonObject map => (map.FirstOrDefault(p => kinds.Contains(p.Key, StringComparer.OrdinalIgnoreCase)).Key is { } own && group.Owns(own) ? [map] : Enumerable.Empty<JsonObject>())
            .Concat(map.SelectMany(p => Carrying(p.Value, group, kinds))),
        JsonArray list => list.SelectMany(item => Carrying(item, group, kinds)),
        _ => [],
    };

    private static string? Find(JsonNode? node, KindGroup group)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    if (group.Owns(key) && value is JsonValue id)
                    {
                        return id.TryGetValue<string>(out var text) ? text : id.ToJsonString();
                    }

                    if (Find(value, group) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonArray list:
                return list.Select(item => Find(item, group)).FirstOrDefault(v => v is not null);
            default:
                return null;
        }
    }

    internal static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
