using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// A person's gender follows their given name (熊志强 a man, 梁海燕 a woman), read from the name in the same object
/// (userName, realName, a person's name) or, in an object about a user, from the user's name as every route shows it.
/// The value is written as the doc writes genders: the code its labels give 男/女 (`1-男 2-女`), 男/女 or M/F or
/// male/female for text without labels, 1/2 for a number. Where the doc offers an unknown (未知, 保密), one user in
/// twenty leaves it unset; a name the table cannot read (一诺) draws either, from the person.
/// </summary>
internal sealed record GenderRule(int Field, int? Name) : Rule
{
    private static readonly string[] GenderNames = ["gender", "sex"];

    private static readonly string[] PersonNames = ["username", "realname", "name", "fullname", "truename", "staffname", "contactname", "customername", "membername"];

    public static GenderRule? Of(ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans, EntityKind kind, string prefix)
    {
        var gender = fields.IndexOf(fields.FirstOrDefault(IsGender)!);
        if (gender < 0 || plans[gender].Attribute is not null)
        {
            return null;
        }

        var name = Enumerable.Range(0, fields.Length).Cast<int?>().FirstOrDefault(i =>
            plans[i!.Value].Attribute is { Owner: EntityKind.User, Attr: Attr.UserName } || PersonNames.Contains(fields[i.Value].Name.ToLowerInvariant()));
        return name is not null || (kind == EntityKind.User && prefix.Length == 0) ? new GenderRule(gender, name) : null;
    }

    /// <summary>gender, sex, userGender, sexType …, or a field described 性别.</summary>
    public static bool IsGender(DocField field)
    {
        var lower = field.Name.ToLowerInvariant();
        return field.Type.Kind is FieldKind.Integer or FieldKind.String
            && (GenderNames.Any(g => lower == g || lower.StartsWith(g, StringComparison.Ordinal) || lower.EndsWith(g, StringComparison.Ordinal))
                || field.Description.Contains("性别", StringComparison.Ordinal));
    }

    public override void Apply(RuleContext context)
    {
        if (!context.Writable(Field))
        {
            return;
        }

        var name = Name is { } index && context.Value(index) is JsonValue shown && shown.TryGetValue<string>(out var text) ? text : context.Scope.UserName();
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var field = context.Field(Field);
        var draw = StableHash.Of(context.Scope.Options.Seed, "gender", name, context.Scope.Id);
        if (Unknown(field) is { } unknown && draw % 20 == 0)
        {
            context.Set(Field, unknown);
            return;
        }

        var female = ChineseNames.IsFemale(name) ?? (draw >> 8) % 2 == 0;
        context.Set(Field, Written(field, female));
    }

    /// <summary>The value the doc writes a man or a woman as.</summary>
    private static JsonNode? Written(DocField field, bool female)
    {
        foreach (var option in field.Hints.Options)
        {
            var label = option.Label + " " + FieldHints.Show(option.Value);
            if (Says(label, female) && !Says(label, !female))
            {
                return FieldHints.ToJson(option.Value);
            }
        }

        return field.Type.Kind == FieldKind.String ? JsonValue.Create(female ? "女" : "男") : JsonValue.Create(female ? 2L : 1L);
    }

    private static bool Says(string label, bool female) => female
        ? label.Contains('女', StringComparison.Ordinal) || label.Contains("female", StringComparison.OrdinalIgnoreCase) || label.Trim() is "F" or "f"
        : label.Contains('男', StringComparison.Ordinal) || label.StartsWith("male", StringComparison.OrdinalIgnoreCase) || label.Trim() is "M" or "m";

    private static JsonNode? Unknown(DocField field) => field.Hints.Options
        .Where(o => o.Label.Contains("未知", StringComparison.Ordinal) || o.Label.Contains("保密", StringComparison.Ordinal))
        .Select(o => FieldHints.ToJson(o.Value)).FirstOrDefault();
}
