using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OpMock.Core.Docs;

/// <summary>One allowed value of an enum hint (`1`:男), typed by its field, with the label the doc gives it.</summary>
/// <param name="Value">long for Integer fields, decimal for Number, bool for Boolean, string for String.</param>
internal sealed record EnumOption(object Value, string Label)
{
    public string Text => FieldHints.Show(Value);
}

/// <summary>
/// What the 描述 and 备注 cells say about a field's values beyond its type: an enum with labels
/// (0-未知 1-男 2-女), a range (0~5, 最大50), a default (默认20). The schemas make them rules, the mock
/// generates only values they allow, and the validator rejects the rest.
/// </summary>
/// <param name="Source">The enum as written, so the schema description can show it readably instead.</param>
internal sealed record FieldHints(ImmutableArray<EnumOption> Options, decimal? Minimum, decimal? Maximum, object? Default, string? Source)
{
    public static readonly FieldHints None = new([], null, null, null, null);

    public bool IsEmpty => Options.IsDefaultOrEmpty && Minimum is null && Maximum is null && Default is null;

    public bool HasOptions => !Options.IsDefaultOrEmpty;

    /// <summary>"0: 未知, 1: 男, 2: 女": the labels as a reader of a schema or a message wants them.</summary>
    public string Labels => string.Join(", ", Options.Select(o => $"{o.Text}: {o.Label}"));

    public static JsonNode ToJson(object value) => value switch
    {
        long number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture))!,
    };

    public static string Show(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
