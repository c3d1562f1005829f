using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World.Lists;

namespace OpMock.Core.World.Rules;

/// <summary>
/// Issue 25.5, codes and their names: a coded field whose doc lists labels (<c>1:投诉 2:售后</c>, <c>0-待处理</c>) with a name
/// field beside it shows the code's label in the name — always, whether the code was generated, written or an example's.
/// A name field is the code's name with a suffix of <see cref="NameSuffixes"/> (typeName, statusDesc, statusText,
/// levelLabel), or a text field described as the code's description plus a word of <see cref="NameWords"/> (工单类型 →
/// 工单类型名称). Entry points: <see cref="Pairs"/> (the code and name fields of one object), <see cref="Label"/> (a code's
/// label), <see cref="CodeNameRule"/> (applied to every shaped object by <see cref="ObjectRules"/>).
/// </summary>
internal static class CodeNames
{
    /// <summary>What follows a code's name in its name field's: type → typeName, typeDesc, typeText, typeLabel, typeStr.</summary>
    public static readonly ImmutableArray<string> NameSuffixes = ["Name", "Desc", "Description", "Text", "Label", "Str", "Cn", "Show"];

    /// <summary>What follows a code's description in its name field's (工单类型 → 工单类型名称, 状态 → 状态文案).</summary>
    public static readonly ImmutableArray<string> NameWords = ["名称", "名字", "描述", "文案", "说明", "文字", "中文", "名"];

    /// <summary>Each name field of an object with the coded field it names, as (code, name) indexes.</summary>
    public static IEnumerable<(int Code, int Name)> Pairs(ImmutableArray<DocField> fields)
    {
        for (var name = 0; name < fields.Length; name++)
        {
            if (fields[name].Type.Kind == FieldKind.String && !fields[name].Hints.HasOptions && CodeOf(fields, name) is { } code)
            {
                yield return (code, name);
            }
        }
    }

    /// <summary>The label the doc gives the code's value (2 → 售后); null for a value it does not list.</summary>
    public static string? Label(DocField code, JsonNode? value)
    {
        if (value is not JsonValue shown || !code.Hints.HasOptions)
        {
            return null;
        }

        foreach (var option in code.Hints.Options)
        {
            if (FieldHints.ToJson(option.Value) is JsonValue listed && ListFilter.Same(shown, listed))
            {
                return option.Label;
            }
        }

        return null;
    }

    /// <summary>Whether a field holds a code the doc labels (an enum of at least two values).</summary>
    public static bool IsCoded(DocField field) =>
        field.Hints.Options.Length >= 2 && field.Type.Kind is FieldKind.Integer or FieldKind.String or FieldKind.Number;

    private static int? CodeOf(ImmutableArray<DocField> fields, int name)
    {
        var field = fields[name];
        foreach (var suffix in NameSuffixes)
        {
            if (field.Name.Length > suffix.Length && field.Name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                var stem = field.Name[..^suffix.Length];
                for (var i = 0; i < fields.Length; i++)
                {
                    if (i != name && IsCoded(fields[i]) && string.Equals(fields[i].Name, stem, StringComparison.OrdinalIgnoreCase))
                    {
                        return i;
                    }
                }
            }
        }

        var described = field.Description.Trim();
        for (var i = 0; i < fields.Length; i++)
        {
            var own = fields[i].Description.Trim();
            if (i != name && IsCoded(fields[i]) && own.Length > 0 && described.Length > own.Length && described.StartsWith(own, StringComparison.Ordinal)
                && NameWords.Any(w => described[own.Length..].Contains(w, StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return null;
    }
}

/// <summary>
/// The name field <paramref name="Name"/> shows the label of the code in <paramref name="Code"/> (<see cref="CodeNames"/>),
/// as <paramref name="Labels"/> lists them (the code field itself, or the request's field of its name in a write's answer).
/// </summary>
internal sealed record CodeNameRule(int Code, int Name, DocField? Labels = null) : Rule
{
    public override void Apply(RuleContext context)
    {
        // A name the world gives (an attribute of a known kind) is the world's; every other follows its code.
        if (!context.Shows(Code) || !context.Shows(Name) || context.Scope.Plan.Fields[Name].Attribute is not null)
        {
            return;
        }

        if (CodeNames.Label(Labels ?? context.Field(Code), context.Value(Code)) is { } label)
        {
            context.Set(Name, JsonValue.Create(label));
        }
    }
}
