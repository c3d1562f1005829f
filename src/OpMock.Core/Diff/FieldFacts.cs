using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using OpMock.Core.Docs;

namespace OpMock.Core.Diff;

/// <summary>
/// What a field promises on the wire, as two versions of a doc are compared: its shape (the JSON it travels
/// as, not how the doc spells the type), presence, nullability, enum, range, default and format. Section names
/// and table order are not part of it, so renaming #User to #Member or reordering rows is no change.
/// </summary>
/// <param name="Path">userId for a request; data.chats[].createTime for a response.</param>
/// <param name="Parent">The path of the object the field is in ("" or "data" at the top).</param>
internal sealed partial record FieldFacts(
    string Path,
    string Parent,
    string Name,
    string Shape,
    bool Required,
    bool Nullable,
    ImmutableArray<string> Options,
    decimal? Minimum,
    decimal? Maximum,
    string? Default,
    string? Format,
    string Description)
{
    /// <summary>Deeper than any doc nests; bounds a walk through sections that refer to each other.</summary>
    private const int MaxDepth = 12;

    public string OptionsText => Options.IsDefaultOrEmpty ? "none" : string.Join(",", Options);

    /// <summary>Every field reachable from <paramref name="roots"/>, sections followed, by path in doc order.</summary>
    public static ImmutableArray<FieldFacts> Flatten(Endpoint endpoint, ImmutableArray<DocField> roots, string prefix)
    {
        var facts = ImmutableArray.CreateBuilder<FieldFacts>();
        Walk(endpoint, roots, prefix, [], facts);
        return facts.ToImmutable();
    }

    private static void Walk(Endpoint endpoint, ImmutableArray<DocField> fields, string prefix, ImmutableHashSet<string> open, ImmutableArray<FieldFacts>.Builder facts)
    {
        foreach (var field in fields)
        {
            var path = prefix.Length == 0 ? field.Name : $"{prefix}.{field.Name}";
            facts.Add(Of(field, path, prefix));
            if (field.Target is { } target && !open.Contains(target) && open.Count < MaxDepth && endpoint.Section(target) is { } section)
            {
                var inner = field.Type.Kind switch { FieldKind.List => path + "[]", FieldKind.Map => path + "{}", _ => path };
                Walk(endpoint, section.Fields, inner, open.Add(target), facts);
            }
        }
    }

    private static FieldFacts Of(DocField field, string path, string parent)
    {
        var hints = field.Hints;
        var format = field.Format ?? (field.Type.Kind == FieldKind.Date ? HouseFormats.DateTime.Name : null);
        return new FieldFacts(
            path,
            parent,
            field.Name,
            ShapeOf(field.Type, field.Target),
            field.Required,
            field.Nullable,
            [.. hints.Options.Select(o => o.Text).Order(StringComparer.Ordinal)],
            hints.Minimum,
            hints.Maximum,
            hints.Default is { } value ? FieldHints.Show(value) : null,
            format,
            Spaces().Replace(Unreferenced($"{field.Description} {field.Remark}", field.Reference), " ").Trim());
    }

    /// <summary>The JSON a type travels as: Date is text, Long is a wide integer, a list names its items.</summary>
    public static string ShapeOf(FieldType type, string? target = null) => type.Kind switch
    {
        FieldKind.String or FieldKind.Date => "string",
        FieldKind.Integer => type.IsWide ? "long" : "integer",
        FieldKind.Number => "number",
        FieldKind.Boolean => "boolean",
        FieldKind.Object => "object",
        FieldKind.Map => $"map<{Inner(type, target)}>",
        FieldKind.List => $"list<{Inner(type, target)}>",
        _ => type.Raw.Trim(),
    };

    private static string Inner(FieldType type, string? target) =>
        target is not null || type.Section is not null || type.Item?.Section is not null ? "object"
            : type.Item is { } item ? ShapeOf(item)
            : "any";

    /// <summary>详见`MemberTag` and 详见`Tag` say the same once the section's fields are compared: the name is no promise.</summary>
    private static string Unreferenced(string text, string? reference) =>
        reference is null ? text : Regex.Replace(text, $@"`?\b{Regex.Escape(reference)}\b`?", "§");

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
