using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OpMock.Core.Docs;

/// <summary>
/// Reads the hints authors write in the 描述 and 备注 cells: enums (0-未知 1-男 2-女, `1`:用户 `2`:OP,
/// text:文本 image:图片, true上线 false下线), ranges (0~5, 1-5, 1到5, 最大50, 最小1, 不超过50) and
/// defaults (默认20, 默认值：20). Values are typed by the field's own type. What looks like a hint but
/// cannot be read is a problem for lint to report, never a guess; ordinary remarks are neither.
/// </summary>
internal static partial class HintReader
{
    public sealed record Result(FieldHints Hints, ImmutableArray<string> Problems);

    /// <summary>Reads every cell of one row (描述, 说明, 备注 …) and merges what they say.</summary>
    public static Result Read(FieldType type, IEnumerable<string> cells)
    {
        var problems = new List<string>();
        var merged = FieldHints.None;
        foreach (var cell in cells.Where(c => c.Length > 0))
        {
            var hints = ReadCell(type, cell, problems);
            merged = Merge(merged, hints, cell, problems);
        }

        if (merged.IsEmpty)
        {
            return new Result(FieldHints.None, [.. problems]);
        }

        if (merged.Minimum > merged.Maximum)
        {
            problems.Add($"the range's minimum {merged.Minimum} is above its maximum {merged.Maximum}; range not applied");
            merged = merged with { Minimum = null, Maximum = null };
        }

        if (merged.Default is { } value && !Allows(merged, value))
        {
            problems.Add($"the default {FieldHints.Show(value)} is not an allowed value; default not applied");
            merged = merged with { Default = null };
        }

        return new Result(merged, [.. problems]);
    }

    /// <summary>Whether a value (typed as the hints type theirs) is one the hints allow.</summary>
    public static bool Allows(FieldHints hints, object value)
    {
        if (hints.HasOptions && !hints.Options.Any(o => o.Value.Equals(value)))
        {
            return false;
        }

        var number = value switch { long l => (decimal?)l, decimal d => d, _ => null };
        return number is null || ((hints.Minimum is null || number >= hints.Minimum) && (hints.Maximum is null || number <= hints.Maximum));
    }

    private static FieldHints Merge(FieldHints first, FieldHints second, string cell, List<string> problems)
    {
        if (second.IsEmpty)
        {
            return first;
        }

        if (first.HasOptions && second.HasOptions && !first.Options.SequenceEqual(second.Options))
        {
            problems.Add($"two different enums, `{first.Source}` and `{second.Source}`; neither applied");
            return first with { Options = [], Source = null };
        }

        bool Conflict(object? a, object? b, string what)
        {
            if (a is not null && b is not null && !a.Equals(b))
            {
                problems.Add($"two different {what}s in `{cell}`; the first, {FieldHints.Show(a)}, is kept");
                return true;
            }

            return false;
        }

        Conflict(first.Minimum, second.Minimum, "minimum");
        Conflict(first.Maximum, second.Maximum, "maximum");
        Conflict(first.Default, second.Default, "default");
        return new FieldHints(
            first.HasOptions ? first.Options : second.Options,
            first.Minimum ?? second.Minimum,
            first.Maximum ?? second.Maximum,
            first.Default ?? second.Default,
            first.Source ?? second.Source);
    }

    private static FieldHints ReadCell(FieldType type, string cell, List<string> problems)
    {
        // Date patterns (yyyy-MM-dd) and URLs are full of dashes and colons that are no hint.
        var text = DatePattern().Replace(UrlPattern().Replace(cell, " "), " ");
        foreach (var format in HouseFormats.All.Where(f => f.Pattern is not null))
        {
            text = text.Replace(format.Pattern!, " ", StringComparison.Ordinal);
        }

        var hints = FieldHints.None;
        text = ReadDefault(type, text, ref hints, problems);
        text = ReadRange(type, text, ref hints, problems);
        ReadEnum(type, text, ref hints, problems);
        return hints;
    }

    private static string ReadDefault(FieldType type, string text, ref FieldHints hints, List<string> problems)
    {
        var match = DefaultPattern().Match(text);
        if (!match.Success)
        {
            return text;
        }

        var written = match.Groups["value"].Value;
        // 默认为空, 默认取当前登录OP: prose about the default, not a value.
        if (!match.Groups["quoted"].Success && !char.IsAscii(written[0]) && !(type.Kind == FieldKind.Boolean && written[0] is '是' or '否'))
        {
            return text;
        }

        var value = type.Kind switch
        {
            FieldKind.Integer or FieldKind.Number => LeadingNumber(written) is { } n && Typed(type.Kind, n) is { } typed ? typed : null,
            FieldKind.Boolean => written.StartsWith('是') ? true : written.StartsWith('否') ? false : Typed(type.Kind, written),
            FieldKind.String => written,
            _ => null,
        };
        if (value is null)
        {
            problems.Add($"`默认{written}` is not of type {type.Raw.Trim()}; default not applied");
            return text.Remove(match.Index, match.Length).Insert(match.Index, " ");
        }

        hints = hints with { Default = value };
        return text.Remove(match.Index, match.Length).Insert(match.Index, " ");
    }

    /// <summary>"20" of "20条": a number followed by nothing or by a unit in Chinese.</summary>
    private static string? LeadingNumber(string written)
    {
        var number = NumberPrefix().Match(written);
        return number.Success && (number.Length == written.Length || !char.IsAscii(written[number.Length])) ? number.Value : null;
    }

    private static string ReadRange(FieldType type, string text, ref FieldHints hints, List<string> problems)
    {
        decimal? min = null, max = null;
        var found = new List<string>();
        var between = RangePattern().Match(text);
        if (between.Success)
        {
            min = decimal.Parse(between.Groups["min"].Value, CultureInfo.InvariantCulture);
            max = decimal.Parse(between.Groups["max"].Value, CultureInfo.InvariantCulture);
            found.Add(between.Value.Trim());
            text = text.Remove(between.Index, between.Length).Insert(between.Index, " ");
        }

        foreach (var (pattern, isMax) in new[] { (MaxPattern(), true), (MinPattern(), false) })
        {
            var bound = pattern.Match(text);
            if (!bound.Success)
            {
                continue;
            }

            var value = decimal.Parse(bound.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (isMax)
            {
                max ??= value;
            }
            else
            {
                min ??= value;
            }

            found.Add(bound.Value.Trim());
            text = text.Remove(bound.Index, bound.Length).Insert(bound.Index, " ");
        }

        if (found.Count == 0)
        {
            return text;
        }

        var written = string.Join("，", found);
        if (type.Kind is not (FieldKind.Integer or FieldKind.Number))
        {
            problems.Add($"range `{written}` on a {type.Raw.Trim()} field; only Integer and Number fields take ranges, not applied");
        }
        else if (type.Kind == FieldKind.Integer && (min is { } a && a != decimal.Truncate(a) || max is { } b && b != decimal.Truncate(b)))
        {
            problems.Add($"range `{written}` has a bound that is not an integer; not applied");
        }
        else
        {
            hints = hints with { Minimum = min, Maximum = max };
        }

        return text;
    }

    private static void ReadEnum(FieldType type, string text, ref FieldHints hints, List<string> problems)
    {
        var runs = new List<List<Match>>();
        var end = -1;
        foreach (Match item in EnumItem().Matches(text))
        {
            if (end >= 0 && Separators().IsMatch(text[end..item.Index]))
            {
                runs[^1].Add(item);
            }
            else
            {
                runs.Add([item]);
            }

            end = item.Index + item.Length;
        }

        if (runs.Count == 0)
        {
            return;
        }

        var lists = runs.Where(r => r.Count > 1).ToList();
        string Written(List<Match> run) => text[run[0].Index..(run[^1].Index + run[^1].Length)].Trim();
        if (lists.Count == 0)
        {
            problems.Add($"`{Written(runs[0])}` looks like an enum with only one value; not applied");
            return;
        }

        if (lists.Count > 1)
        {
            problems.Add($"two enum lists, `{Written(lists[0])}` and `{Written(lists[1])}`; neither applied");
            return;
        }

        var run = lists[0];
        var source = Written(run);
        if (type.Kind is not (FieldKind.Integer or FieldKind.Number or FieldKind.Boolean or FieldKind.String))
        {
            problems.Add($"enum `{source}` on a {type.Raw.Trim()} field; only scalar fields take enums, not applied");
            return;
        }

        var options = run.Select(m => (Value: Typed(type.Kind, m.Groups["value"].Value), Written: m.Groups["value"].Value, Label: m.Groups["label"].Value.TrimEnd('。', '.').TrimEnd(')', '）'))).ToList();
        var unfit = options.Where(o => o.Value is null).Select(o => o.Written).ToList();
        if (unfit.Count > 0)
        {
            problems.Add($"enum `{source}`: {string.Join(", ", unfit)} {(unfit.Count == 1 ? "is" : "are")} not of type {type.Raw.Trim()}; not applied");
            return;
        }

        if (options.DistinctBy(o => o.Value).Count() < options.Count)
        {
            problems.Add($"enum `{source}` names a value twice; not applied");
            return;
        }

        hints = hints with { Options = [.. options.Select(o => new EnumOption(o.Value!, o.Label))], Source = source };
    }

    private static object? Typed(FieldKind kind, string written) => kind switch
    {
        FieldKind.Integer => long.TryParse(written, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
        FieldKind.Number => decimal.TryParse(written, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null,
        FieldKind.Boolean => written.ToLowerInvariant() switch { "true" => true, "false" => false, _ => null },
        FieldKind.String => written,
        _ => null,
    };

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"y{2,4}[-/.年]?M{1,2}[-/.月]?d{1,2}(?:\s*H{1,2}:mm(?::ss)?)?|H{1,2}:mm(?::ss)?")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"默认(?:值)?\s*(?:为|是)?\s*[:：=]?\s*(?:`(?<quoted>)(?<value>[^`]+)`|(?<value>[^\s,，、;；。`)）]+))")]
    private static partial Regex DefaultPattern();

    [GeneratedRegex(@"^-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPrefix();

    // 0~5, 1-5, 1到5: two numbers and nothing that makes them a date, a phone number or a label.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:\-~～`])(?<min>-?\d+(?:\.\d+)?)\s*(?:~|～|-|－|—|到|至)\s*(?<max>-?\d+(?:\.\d+)?)(?![A-Za-z0-9_.:\-~～`])")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"(?:最大值?|最多|不超过|不大于|不能超过|小于等于|≤|<=)\s*(?:为|是)?\s*[:：]?\s*(?<n>-?\d+(?:\.\d+)?)")]
    private static partial Regex MaxPattern();

    [GeneratedRegex(@"(?:最小值?|最少|至少|不少于|不小于|大于等于|≥|>=)\s*(?:为|是)?\s*[:：]?\s*(?<n>-?\d+(?:\.\d+)?)")]
    private static partial Regex MinPattern();

    // `1`:用户, 0-未知, text:文本, 1=男, 1(男), true上线: a value, a separator (or none after true/false), a label.
    [GeneratedRegex(@"(?<![A-Za-z0-9_`.\-])`?(?<value>-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*)`?(?:\s*[:：=＝\-－]\s*|(?<=\d)[(（](?=[^)）\s]+[)）])|(?<=(?:true|false|TRUE|FALSE|True|False)`?)(?=\p{IsCJKUnifiedIdeographs}))(?<label>[^\s\d,，、;；`][^\s,，、;；`]*)")]
    private static partial Regex EnumItem();

    [GeneratedRegex(@"^[\s,，、;；/|]*$")]
    private static partial Regex Separators();
}
