using System.Collections.Immutable;
using System.Text.RegularExpressions;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Docs;

/// <summary>
/// Collects the rows of one field table (字段 | 类型 | 描述 | 可为空 | 备注) into fields.
/// Columns are found by their header names, not their positions, because tables differ.
/// </summary>
internal sealed partial class FieldTable(string file, bool isInput, List<Finding> findings)
{
    private readonly List<DocField> fields = [];
    private Columns? columns;

    public ImmutableArray<DocField> Fields => [.. fields];

    public void Add(TableRow row)
    {
        if (columns is null)
        {
            columns = Columns.From(row, header => findings.Add(new Finding(file, row.Line, Severity.Warning,
                $"column `{header}` is not one OpMock reads; its cells are ignored. Known headers: {string.Join(", ", KnownHeaders.SelectMany(k => k.Names))}")));
            if (columns.Name < 0 || columns.Type < 0)
            {
                findings.Add(new Finding(file, row.Line, Severity.Error,
                    "expected a table header naming the 字段 and 类型 columns"));
            }

            return;
        }

        if (row.IsSeparator || columns.Name < 0 || columns.Type < 0)
        {
            return;
        }

        var name = row.Cell(columns.Name).Trim('`', ' ');
        if (name.Length == 0)
        {
            if (row.Cells.Any(c => c.Length > 0))
            {
                findings.Add(new Finding(file, row.Line, Severity.Warning, "table row has no field name; skipped"));
            }

            return;
        }

        if (fields.Any(f => f.Name == name))
        {
            findings.Add(new Finding(file, row.Line, Severity.Warning,
                $"duplicate field `{name}`; the first, on line {fields.First(f => f.Name == name).Line}, is kept"));
            return;
        }

        fields.Add(ReadField(row, name));
    }

    private DocField ReadField(TableRow row, string name)
    {
        var typeCell = row.Cell(columns!.Type);
        var type = TypeReader.Read(typeCell);
        if (type.Kind == FieldKind.Unknown)
        {
            findings.Add(new Finding(file, row.Line, Severity.Error,
                typeCell.Length == 0 ? $"field `{name}` has no type" : $"field `{name}` has an unknown type `{typeCell}`"));
        }

        var description = string.Join(" ", columns.Descriptions.Select(row.Cell).Where(c => c.Length > 0));
        var remark = row.Cell(columns.Remark);
        var text = description + " " + remark;
        var format = HouseFormats.FindIn(text);
        if (format is null && HouseFormats.FindUnknownPattern(text) is { } unknown)
        {
            findings.Add(new Finding(file, row.Line, Severity.Warning,
                $"field `{name}` names a date pattern OpMock does not know, `{unknown}`; only its type is checked"));
        }

        var (required, nullable) = isInput ? ReadNullable(row, name) : (true, true);
        // A 默认值 column holds the bare value; as a hint it reads like 默认20 in a remark.
        var defaultCell = row.Cell(columns.Default);
        var hints = HintReader.Read(type, [.. columns.Descriptions.Select(row.Cell), remark, .. columns.Values.Select(row.Cell),
            defaultCell.Length > 0 && defaultCell != "-" ? "默认" + defaultCell : ""]);
        foreach (var problem in hints.Problems)
        {
            findings.Add(new Finding(file, row.Line, Severity.Warning, $"field `{name}`: {problem}"));
        }

        return new DocField(name, type, description, remark, ReadReference(remark), format?.Name, required, nullable, row.Line)
        {
            Hints = hints.Hints, MayBeEmpty = EmptyWords.MayBeEmpty(description, remark),
        };
    }

    private (bool Required, bool Nullable) ReadNullable(TableRow row, string name)
    {
        var cell = row.Cell(columns!.Nullable);
        bool? nullable = cell.ToLowerInvariant() switch
        {
            "否" or "n" or "no" or "false" or "不可" or "不可为空" => false,
            "是" or "y" or "yes" or "true" or "可" or "可为空" => true,
            _ => null,
        };

        // A 必填 column states the opposite of 可为空.
        if (columns.NullableMeansRequired && nullable is { } stated)
        {
            nullable = !stated;
        }

        if (nullable is null)
        {
            findings.Add(new Finding(file, row.Line, Severity.Warning,
                $"field `{name}`: 可为空 should be 是 or 否, found `{cell}`; treated as 是 (optional)"));
            nullable = true;
        }

        return (!nullable.Value, nullable.Value);
    }

    /// <summary>详细请参考`X`, 详细信息参考`X`, 详见`X` (and the same without backticks).</summary>
    private static string? ReadReference(string remark)
    {
        var match = ReferencePattern().Match(remark);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex(@"(?:详细请参考|详细信息参考|详细参考|请参考|详见|参考|参见|见)\s*`?\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\s*[(（][^)）]*[)）]\s*$")]
    private static partial Regex HeaderNote();

    /// <summary>The header names authors use, per column; a header is matched whole, never by a part.</summary>
    internal static readonly IReadOnlyList<(string Column, string[] Names)> KnownHeaders =
    [
        ("name", ["字段", "字段名", "字段名称", "参数", "参数名", "参数名称", "名称", "属性", "属性名", "name", "field"]),
        ("type", ["类型", "字段类型", "参数类型", "数据类型", "type"]),
        ("description", ["描述", "说明", "字段说明", "参数说明", "含义", "description"]),
        ("nullable", ["可为空", "是否为空", "是否可为空", "允许为空", "可空", "nullable"]),
        ("required", ["必填", "是否必填", "是否必须", "必须", "必选", "是否必选", "required"]),
        ("remark", ["备注", "remark", "remarks"]),
        ("values", ["取值范围", "取值", "可选值", "枚举值", "范围"]),
        ("default", ["默认值", "默认", "default"]),
    ];

    private sealed record Columns(int Name, int Type, ImmutableArray<int> Descriptions, int Nullable, int Remark, bool NullableMeansRequired)
    {
        public ImmutableArray<int> Values { get; init; } = [];

        public int Default { get; init; } = -1;

        public static Columns From(TableRow header, Action<string> unknown)
        {
            var kinds = header.Cells.Select(cell => Kind(cell, unknown)).ToList();
            int Find(string column) => kinds.IndexOf(column);

            var required = Find("required");
            var nullable = Find("nullable");
            return new Columns(
                Find("name"),
                Find("type"),
                [.. kinds.Select((k, i) => (k, i)).Where(c => c.k == "description").Select(c => c.i)],
                nullable >= 0 ? nullable : required,
                Find("remark"),
                nullable < 0 && required >= 0)
            {
                Values = [.. kinds.Select((k, i) => (k, i)).Where(c => c.k == "values").Select(c => c.i)],
                Default = Find("default"),
            };
        }

        private static string? Kind(string cell, Action<string> unknown)
        {
            // 是否必填(Y/N), 类型（type）: the words in brackets only explain the header.
            var text = HeaderNote().Replace(cell, "").Trim('`', '*', ' ', ':', '：');
            if (text.Length == 0)
            {
                return null;
            }

            var known = KnownHeaders.FirstOrDefault(k => k.Names.Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)));
            if (known.Column is null)
            {
                unknown(text);
            }

            return known.Column;
        }
    }
}
