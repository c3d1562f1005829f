using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation;

/// <summary>
/// What JSON Schema's `integer` cannot say: the docs' types are Java's, and a Java client reading an Integer
/// field holding 2147483648, or a Long holding 9223372036854775808, fails (or silently wraps). The generated
/// schemas keep each field's documented type as `x-type`; a number beyond that type's range is a finding naming
/// the value as written. Only bodies holding a number beyond int are walked (<see cref="JsonNumbers.Wide"/>).
/// </summary>
internal static class JavaRanges
{
    private const string TypeKey = "x-type";

    private static readonly Dictionary<string, (string Java, BigInteger Min, BigInteger Max)> Integers = new(StringComparer.Ordinal)
    {
        ["byte"] = ("byte", sbyte.MinValue, sbyte.MaxValue),
        ["Byte"] = ("byte", sbyte.MinValue, sbyte.MaxValue),
        ["short"] = ("short", short.MinValue, short.MaxValue),
        ["Short"] = ("short", short.MinValue, short.MaxValue),
        ["int"] = ("int", int.MinValue, int.MaxValue),
        ["Integer"] = ("int", int.MinValue, int.MaxValue),
        ["long"] = ("long", long.MinValue, long.MaxValue),
        ["Long"] = ("long", long.MinValue, long.MaxValue),
    };

    private static readonly Dictionary<string, (string Java, double Max)> Reals = new(StringComparer.Ordinal)
    {
        ["float"] = ("float", float.MaxValue),
        ["Float"] = ("float", float.MaxValue),
        ["double"] = ("double", double.MaxValue),
        ["Double"] = ("double", double.MaxValue),
    };

    /// <summary>The numbers of a body that do not fit the Java type the docs give their field.</summary>
    public static IEnumerable<Violation> Check(JToken root, JsonSchema schema) =>
        root.Annotation<JsonNumbers.Wide>() is null ? [] : Walk(root, schema, null, "$");

    private static IEnumerable<Violation> Walk(JToken token, JsonSchema schema, string? type, string path)
    {
        switch (token)
        {
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    if (Branches(schema).Select(b => b.ActualProperties.TryGetValue(property.Name, out var p) ? p : null).FirstOrDefault(p => p is not null) is { } field)
                    {
                        foreach (var found in Walk(property.Value, field, TypeOf(field), Join(path, property.Name)))
                        {
                            yield return found;
                        }
                    }
                }

                break;
            case JArray array when Branches(schema).Select(b => b.Item).FirstOrDefault(i => i is not null) is { } item:
                var inner = ItemType(type) ?? TypeOf(item);
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Walk(array[i], item, inner, $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
            case JValue { Type: JTokenType.Integer or JTokenType.Float } number when type is not null && OutOfRange(number, type) is { } range:
                var text = JsonNumbers.Text(number);
                var line = ((IJsonLineInfo)number).HasLineInfo() ? ((IJsonLineInfo)number).LineNumber : 0;
                yield return new Violation(path, $"a Java {range} ({type})", text, Severity.Error,
                    $"{text} is beyond the range of Java's {range}, the type the docs give this field ({type})", line);
                break;
        }
    }

    /// <summary>"int (-2147483648 to 2147483647)" when the number does not fit the type, else null.</summary>
    private static string? OutOfRange(JValue number, string type)
    {
        if (Integers.TryGetValue(type, out var integer))
        {
            var fits = JsonNumbers.Integer(number) is { } value
                ? value >= integer.Min && value <= integer.Max
                // A float in an integer field is NJsonSchema's finding; one past every integer (1e400) is ours too.
                : JsonNumbers.Real(number) is var real && double.IsFinite(real) && Math.Abs(real) <= (double)integer.Max;
            return fits ? null : string.Create(CultureInfo.InvariantCulture, $"{integer.Java} ({integer.Min} to {integer.Max})");
        }

        if (Reals.TryGetValue(type, out var floating))
        {
            var real = JsonNumbers.Real(number);
            return double.IsFinite(real) && Math.Abs(real) <= floating.Max ? null
                : string.Create(CultureInfo.InvariantCulture, $"{floating.Java} (±{floating.Max:R})");
        }

        return null;
    }

    /// <summary>The schema and the branches a value may take (a nullable section is anyOf [$ref, null]).</summary>
    private static IEnumerable<JsonSchema> Branches(JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        yield return actual;
        foreach (var branch in actual.AnyOf.Concat(actual.OneOf).Concat(actual.AllOf))
        {
            yield return branch.ActualSchema;
        }
    }

    private static string? TypeOf(JsonSchema schema) =>
        schema.ExtensionData?.TryGetValue(TypeKey, out var type) == true && type is string text ? text.Trim() : null;

    /// <summary>`List&lt;Long&gt;` → `Long`: what a documented list holds.</summary>
    private static string? ItemType(string? type) =>
        type is not null && type.IndexOf('<', StringComparison.Ordinal) is var open and > 0 && type.EndsWith('>')
            ? type[(open + 1)..^1].Trim()
            : null;

    private static string Join(string path, string name) => path == "$" ? name : $"{path}.{name}";
}
