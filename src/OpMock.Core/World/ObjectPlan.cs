using System.Collections.Immutable;
using OpMock.Core.Docs;

namespace OpMock.Core.World;

/// <summary>
/// How the fields of one documented object map to the world (<see cref="WorldMap"/>), worked out once per
/// endpoint so a request only indexes arrays. <see cref="Fields"/> runs parallel to the object's DocFields.
/// </summary>
/// <param name="Kind">The entity the object is about; None when no rule names one.</param>
/// <param name="Prefix">Where the object sits inside its entity: "" for the entity itself, "location." for a part of it.</param>
internal sealed record ObjectPlan(EntityKind Kind, string Prefix, ImmutableArray<DocField> DocFields, ImmutableArray<FieldPlan> Fields)
{
    /// <summary>Bounds the plan of a section that refers to itself, as DataShaper bounds its data.</summary>
    public const int MaxDepth = 5;

    /// <param name="values">What surrounds the object and what the example shows in it, for the values no attribute gives (<see cref="ValueKinds"/>).</param>
    /// <param name="table">The kinds table the fields are read against: the built-in kinds when null.</param>
    public static ObjectPlan Build(Endpoint endpoint, ImmutableArray<DocField> fields, EntityKind kind, string prefix, int depth = 0, bool? statusNames = null, ValueContext? values = null, Kinds.KindTable? table = null)
    {
        table ??= Kinds.KindTable.BuiltIn;
        statusNames ??= WorldMap.WritesStatusNames(endpoint.Doc.Example?.Text);
        values ??= ValueContext.Top(endpoint, prefix.Length == 0 ? kind : EntityKind.None);
        if (prefix.Length == 0 && table.Row(kind) is { IsBuiltIn: false } row)
        {
            // A described kind's fields read one context on every route (its examples in every doc), so they draw the same values.
            values = new ValueContext("", row.Name, row.Examples);
        }

        var kinds = ValueKinds.Plans(fields, values);
        var plans = ImmutableArray.CreateBuilder<FieldPlan>(fields.Length);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var path = prefix + field.Name;
            var attribute = kind == EntityKind.None ? null
                : table.Attribute(kind, path) ?? (prefix.Length > 0 && table.NamesOwner(endpoint, field, kind) ? new AttrRef(kind, Attr.Id) : null);
            var section = endpoint.Section(field.Target);
            ObjectPlan? child = null;
            if (section is not null && depth < MaxDepth && field.Type.Kind is FieldKind.Object or FieldKind.List)
            {
                var entity = table.Entity(field.Name, section.Name);
                var inner = values.Child(field, section, entity) with { ParentService = entity == EntityKind.None ? ServiceField(kinds) : null };
                child = entity != EntityKind.None ? Build(endpoint, section.Fields, entity, "", depth + 1, statusNames, inner, table)
                    : Build(endpoint, section.Fields, kind, kind == EntityKind.None ? "" : path + ".", depth + 1, statusNames, inner, table);
            }

            // A list of entities comes from the world (an OP's chats); an attribute-valued list (a user's addresses) does not.
            var entityList = field.Type.Kind == FieldKind.List && attribute is null && child is { Kind: not EntityKind.None, Prefix: "" } && child.Kind != kind;
            plans.Add(new FieldPlan(attribute, path, child, entityList) { StatusByName = statusNames.Value && attribute?.Attr == Attr.Status, Value = kinds[i] });
        }

        var fieldPlans = plans.MoveToImmutable();
        return new ObjectPlan(kind, prefix, fields, fieldPlans) { Rules = World.Rules.ObjectRules.For(endpoint, kind, prefix, fields, fieldPlans) };
    }

    /// <summary>The field of an object that names its service, if any: its parts' items are that service's.</summary>
    private static int? ServiceField(ImmutableArray<ValuePlan> kinds)
    {
        var index = kinds.IndexOf(kinds.FirstOrDefault(k => k.Kind == ValueKind.Service)!);
        return index >= 0 ? index : null;
    }

    /// <summary>The rules this object's numbers and times follow (World/Rules), applied once it is shaped.</summary>
    public Rules.ObjectRules Rules { get; init; } = World.Rules.ObjectRules.None;

    /// <summary>
    /// The entity a response's <c>data</c> is about: named by its own id field (chatId, userId, staffId), else by the
    /// request's ids, else the current OP when it shows an OP's attributes or chats; None when nothing names one.
    /// </summary>
    public static EntityKind TopKind(ImmutableArray<DocField> fields, EntityKind requested, Kinds.KindTable? kinds = null)
    {
        var own = (kinds ?? Kinds.KindTable.BuiltIn).ByIdField(fields.Select(f => f.Name));
        return own != EntityKind.None ? own
            : requested != EntityKind.None ? requested
            : WorldMap.AboutAnOp(fields.Select(f => (f.Name, f.Target))) ? EntityKind.Op
            : EntityKind.None;
    }
}

/// <param name="Attribute">The attribute the field shows, when the table maps it.</param>
/// <param name="Path">The field's path inside its entity: the seed of a value no attribute gives, and its key among facts.</param>
/// <param name="Child">The plan of the field's object or list items.</param>
/// <param name="EntityList">A list of the entities <see cref="Child"/> is about, taken from the world (an OP's chats).</param>
internal sealed record FieldPlan(AttrRef? Attribute, string Path, ObjectPlan? Child, bool EntityList)
{
    /// <summary>The doc's example writes chat states by name ("Service", as 2.19 does), not by code ("5", as 2.36 does).</summary>
    public bool StatusByName { get; init; }

    /// <summary>How a value no attribute or example gives is generated: its kind, its example's shape, its sibling's price band.</summary>
    public ValuePlan Value { get; init; } = ValuePlan.None;
}
