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
            columns = Columns.From(row);
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

        var description = row.Cell(columns.Description);
        var remark = row.Cell(columns.Remark);
        var text = description + " " + remark;
        var format = HouseFormats.FindIn(text);
        if (format is null && HouseFormats.FindUnknownPattern(text) is { } unknown)
        {
            findings.Add(new Finding(file, row.Line, Severity.Warning,
                $"field `{name}` names a date pattern OpMock does not know, `{unknown}`; only its type is checked"));
        }

        var (required, nullable) = isInput ? ReadNullable(row, name) : (true, true);
        return new DocField(name, type, description, remark, ReadReference(remark), format?.Name, required, nullable, row.Line);
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

    private sealed record Columns(int Name, int Type, int Description, int Nullable, int Remark, bool NullableMeansRequired)
    {
        public static Columns From(TableRow header)
        {
            int Find(params string[] names) =>
                header.Cells.ToList().FindIndex(c => names.Any(n => c.Contains(n, StringComparison.OrdinalIgnoreCase)));

            var required = Find("必填", "是否必须");
            var nullable = Find("可为空", "是否为空");
            return new Columns(
                Find("字段", "参数名", "名称", "name"),
                Find("类型", "type"),
                Find("描述", "说明", "description"),
                nullable >= 0 ? nullable : required,
                Find("备注", "remark"),
                nullable < 0 && required >= 0);
        }
    }
}
