namespace OpMock.Core.Docs;

/// <summary>Reads the 类型 cell. The docs use Java names in any case and generic forms.</summary>
internal static class TypeReader
{
    private static readonly Dictionary<string, (FieldKind Kind, bool Wide)> Simple =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["String"] = (FieldKind.String, false),
            ["char"] = (FieldKind.String, false),
            ["Character"] = (FieldKind.String, false),
            ["Integer"] = (FieldKind.Integer, false),
            ["int"] = (FieldKind.Integer, false),
            ["short"] = (FieldKind.Integer, false),
            ["byte"] = (FieldKind.Integer, false),
            ["Long"] = (FieldKind.Integer, true),
            ["BigInteger"] = (FieldKind.Integer, true),
            ["Double"] = (FieldKind.Number, false),
            ["Float"] = (FieldKind.Number, false),
            ["BigDecimal"] = (FieldKind.Number, false),
            ["Number"] = (FieldKind.Number, false),
            ["Boolean"] = (FieldKind.Boolean, false),
            ["bool"] = (FieldKind.Boolean, false),
            ["Date"] = (FieldKind.Date, false),
            ["DateTime"] = (FieldKind.Date, false),
            ["Timestamp"] = (FieldKind.Date, false),
            ["Object"] = (FieldKind.Object, false),
            ["JSONObject"] = (FieldKind.Object, false),
            ["Map"] = (FieldKind.Map, false),
            ["HashMap"] = (FieldKind.Map, false),
            ["List"] = (FieldKind.List, false),
            ["ArrayList"] = (FieldKind.List, false),
            ["Set"] = (FieldKind.List, false),
            ["Array"] = (FieldKind.List, false),
            ["JSONArray"] = (FieldKind.List, false),
        };

    /// <summary>Reads a type cell; an unreadable one comes back as <see cref="FieldKind.Unknown"/>.</summary>
    public static FieldType Read(string raw)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return new FieldType(FieldKind.Unknown, raw);
        }

        if (text.EndsWith("[]", StringComparison.Ordinal))
        {
            return new FieldType(FieldKind.List, raw, Read(text[..^2]));
        }

        var open = text.IndexOf('<');
        if (open > 0 && text.EndsWith('>'))
        {
            var outer = Read(text[..open]);
            var inner = text[(open + 1)..^1].Trim();
            // Map<String, X>: only the value type matters to a JSON schema.
            var item = Read(outer.Kind == FieldKind.Map ? inner[(inner.LastIndexOf(',') + 1)..] : inner);
            return outer.Kind is FieldKind.List or FieldKind.Map && item.Kind != FieldKind.Unknown
                ? new FieldType(outer.Kind, raw, item)
                : new FieldType(FieldKind.Unknown, raw);
        }

        if (Simple.TryGetValue(text, out var simple))
        {
            return new FieldType(simple.Kind, raw) { IsWide = simple.Wide };
        }

        // A bare identifier such as `User` names a section of the same doc; whether it exists
        // is only known once the doc is read, so resolution reports it if not.
        return IsIdentifier(text)
            ? new FieldType(FieldKind.Object, raw, Section: text)
            : new FieldType(FieldKind.Unknown, raw);
    }

    private static bool IsIdentifier(string text) =>
        (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
