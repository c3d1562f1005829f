using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World;

/// <summary>
/// Shapes data to an endpoint's documented fields: a known value is kept when its type fits the
/// field (a time is written in the field's own format), every other documented field is generated,
/// and anything undocumented is dropped. So what the server sends always validates, even after a
/// doc or an override changes. With a <see cref="WorldScope"/>, a field the world knows shows the
/// entity's value, and any other is generated from the entity and the field's path.
/// </summary>
internal sealed class DataShaper(Endpoint endpoint, ValueGenerator generator)
{
    private const int MaxDepth = 5;

    public JsonObject Object(ImmutableArray<DocField> fields, JsonObject? known, int depth = 0, WorldScope? scope = null)
    {
        known ??= scope?.View();
        var result = new JsonObject();
        var fromKnown = 0UL;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            JsonNode? value = null;
            var has = known is not null && known.TryGetPropertyValue(field.Name, out value);
            if (!has && known is not null && !field.Required)
            {
                // The known data (a captured example) leaves an optional field out: so does the answer.
                continue;
            }

            fromKnown |= has && i < 64 ? 1UL << i : 0;
            if (!has && scope?.List is { } listed && listed.Field == i && endpoint.Section(field.Target) is { } items)
            {
                // The response's list, as a backend answers it: filtered by the request, then paged (World/Lists).
                result[field.Name] = Lists.ListAssembly.Answer(scope, i, listed, scope.Generator(i), (item, itemScope) => Object(items.Fields, item, depth + 1, itemScope));
                continue;
            }

            At? at = scope is null ? null : new At(scope, i);
            if (!has && scope is not null && scope.TryValue(i, out value))
            {
                if (ReferenceEquals(value, Facts.Absent))
                {
                    // An example shows this entity without the field: an optional field stays out everywhere.
                    if (!field.Required)
                    {
                        continue;
                    }

                    result[field.Name] = Hinted(field, Generate(field, depth, at), at);
                    continue;
                }

                has = true;
            }

            // Last step for every value: inside the doc's hints (enum, range), whatever made it.
            result[field.Name] = Hinted(field, has ? Fit(field, value, depth, at) : Generate(field, depth, at), at);
        }

        // Numbers that add up and times that line up, over the object as shaped (World/Rules).
        scope?.Plan.Rules.Apply(result, scope, fromKnown);
        return result;
    }

    private JsonNode? Fit(DocField field, JsonNode? value, int depth, At? at = null)
    {
        if (value is null)
        {
            return field.Nullable ? null : Generate(field, depth, at);
        }

        var kind = value.GetValueKind();
        switch (field.Type.Kind)
        {
            case FieldKind.String or FieldKind.Date:
                if (kind == System.Text.Json.JsonValueKind.Number && value.AsValue().TryGetValue<long>(out var millis) && Format(field) is { } format)
                {
                    return format.Format(DateTimeOffset.FromUnixTimeMilliseconds(millis).ToOffset(WorldOptions.ChinaOffset));
                }

                return kind == System.Text.Json.JsonValueKind.String && FitsFormat(field, value.GetValue<string>()) ? value.DeepClone() : Generate(field, depth, at);
            case FieldKind.Integer:
                if (kind == System.Text.Json.JsonValueKind.String && HouseFormats.DateTime.IsValid(value.GetValue<string>()))
                {
                    var local = DateTime.ParseExact(value.GetValue<string>(), HouseFormats.DateTime.Pattern!, CultureInfo.InvariantCulture);
                    return new DateTimeOffset(local, WorldOptions.ChinaOffset).ToUnixTimeMilliseconds();
                }

                if (kind == System.Text.Json.JsonValueKind.String && long.TryParse(value.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
                {
                    // An id the world keeps as text (an entity's number-shaped id) in a Long field: the same id, as a number.
                    return digits;
                }

                return kind == System.Text.Json.JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _) ? value.DeepClone() : Generate(field, depth, at);
            case FieldKind.Number:
                return kind == System.Text.Json.JsonValueKind.Number ? value.DeepClone() : Generate(field, depth, at);
            case FieldKind.Boolean:
                return kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False ? value.DeepClone() : Generate(field, depth, at);
            case FieldKind.Object:
                return value is JsonObject inner
                    ? endpoint.Section(field.Target) is { } section ? Object(section.Fields, inner, depth + 1, at?.Child()) : inner.DeepClone()
                    : Generate(field, depth, at);
            case FieldKind.Map:
                return value is JsonObject ? value.DeepClone() : Generate(field, depth, at);
            case FieldKind.List:
                return value is JsonArray items ? List(field, items, depth, at) : Generate(field, depth, at);
            default:
                return value.DeepClone();
        }
    }

    private JsonArray List(DocField field, JsonArray items, int depth, At? at)
    {
        var section = endpoint.Section(field.Target);
        var result = new JsonArray();
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            result.Add(section is not null
                ? Object(section.Fields, item as JsonObject, depth + 1, at?.Item(k))
                : item?.DeepClone());
        }

        return result;
    }

    private JsonNode? Generate(DocField field, int depth, At? at = null)
    {
        var section = endpoint.Section(field.Target);
        switch (field.Type.Kind)
        {
            case FieldKind.Object:
                return section is not null && depth < MaxDepth ? Object(section.Fields, null, depth + 1, at?.Child())
                    : section is not null && field.Nullable ? null : new JsonObject();
            case FieldKind.Map:
                return new JsonObject();
            case FieldKind.List:
                if (section is not null && depth >= MaxDepth)
                {
                    return new JsonArray();
                }

                // A generator seeded by the entity and field is made only where a value is drawn: it costs a Random.
                var values = at?.Generator() ?? generator;
                if (section is not null && at?.Items(values) is { } entities)
                {
                    // The world's list (an OP's chats), or a generated one with a session's items.
                    return new JsonArray([.. entities.Select(e => (JsonNode)Object(section.Fields, null, depth + 1, e))]);
                }

                if (section is not null)
                {
                    var length = at?.PartCount(values) ?? values.ListLength();
                    return new JsonArray([.. Enumerable.Range(0, length).Select(k => (JsonNode)Object(section.Fields, null, depth + 1, at?.Item(k)))]);
                }

                return field.Type.Item?.Kind switch
                {
                    null or FieldKind.String => new JsonArray([.. Enumerable.Range(0, values.ListLength()).Select(_ => (JsonNode)values.ListText(field, at?.Value ?? ValueKinds.Plan(field))).DistinctBy(n => n.GetValue<string>())]),
                    _ => [],
                };
            default:
                // A value priced like its sibling (an item's 单价) reads the sibling's draw from the sibling's own generator.
                var plan = at?.Value ?? ValueKinds.Plan(field);
                var sibling = at is { } a && plan.Sibling is { } s ? a.Scope.Generator(s) : null;
                var service = at?.Scope.Parent is { } parent && plan.ParentService is { } p ? parent.Generator(p) : null;
                return (at?.Generator() ?? generator).Scalar(field, plan, sibling, service) ?? (field.Nullable ? null : "");
        }
    }

    /// <summary>
    /// A value that breaks the field's hints is replaced by one drawn with the entity's own generator, so the
    /// replacement is the same wherever the entity appears; fields without hints draw nothing.
    /// </summary>
    private JsonNode? Hinted(DocField field, JsonNode? value, At? at) =>
        field.Hints.HasOptions || field.Hints.Minimum is not null || field.Hints.Maximum is not null
            ? (at?.Generator() ?? generator).Hinted(field, value)
            : value;

    /// <summary>Field <see cref="Index"/> of the object <see cref="Scope"/> is about.</summary>
    private readonly record struct At(WorldScope Scope, int Index)
    {
        public WorldScope? Child() => Scope.Child(Index);

        public WorldScope? Item(int item) => Scope.Item(Index, item);

        public IReadOnlyList<WorldScope>? Items(ValueGenerator generator) => Scope.Items(Index, generator);

        public int PartCount(ValueGenerator generator) => Scope.PartCount(Index, generator, 0);

        public ValueGenerator Generator() => Scope.Generator(Index);

        /// <summary>How the field's value is generated when the world gives none.</summary>
        public ValuePlan Value => Scope.Plan.Fields[Index].Value;
    }

    private static HouseFormat? Format(DocField field) =>
        HouseFormats.ByName(field.Format ?? "") is { Pattern: not null } format ? format
            : field.Type.Kind == FieldKind.Date ? HouseFormats.DateTime : null;

    // An example's "" where the doc says the field may be empty (未打卡为空) is the example's fact, not a broken time.
    private static bool FitsFormat(DocField field, string text) =>
        Format(field) is not { } format || format.IsValid(text) || (text.Length == 0 && field.MayBeEmpty);
}
