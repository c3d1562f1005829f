using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.Validation.Live.Cases;

/// <summary>
/// Values for one request field, read from its draft-07 schema (type, enum, minimum/maximum, minLength/maxLength,
/// format, default, nullable) plus what is known of the field: the doc's sample value and values of a
/// same-named field seen in earlier answers. Nothing here knows a route or a field by name.
/// </summary>
internal sealed class FieldValues(JsonObject schema, JsonObject root, JsonNode? sample, IReadOnlyList<string> seen, Random random, int depth = 0)
{
    private const int MaxDepth = 3;

    /// <summary>The first type that is not null: "type": ["string", "null"] is a string.</summary>
    public string? Type => Types().FirstOrDefault(t => t != "null");

    public bool Nullable => Types().Contains("null") || schema["anyOf"] is JsonArray any && any.Any(b => b?["type"]?.ToString() == "null");

    private JsonObject Resolved => Resolve(schema, root);

    /// <summary>Values the schema accepts: the sample, seen values, enum members and boundaries first, then fresh ones.</summary>
    public List<JsonNode?> Valid(int fresh)
    {
        var s = Resolved;
        var values = new List<JsonNode?>();
        if (s["enum"] is JsonArray members)
        {
            values.AddRange(members.Select(m => m?.DeepClone()));
            return Distinct(values);
        }

        if (sample is not null && sample.GetValueKind() != System.Text.Json.JsonValueKind.Null)
        {
            values.Add(sample.DeepClone());
        }

        values.AddRange(seen.Select(v => (JsonNode?)JsonValue.Create(v)));
        if (s["default"] is { } fallback)
        {
            values.Add(fallback.DeepClone());
        }

        switch (Type)
        {
            case "integer" or "number":
                var (min, max) = (Number(s, "minimum"), Number(s, "maximum"));
                values.AddRange(new[] { min, max, min + 1, max - 1 }.OfType<decimal>().Select(n => Numeric(n)));
                for (var i = 0; i < fresh; i++)
                {
                    values.Add(Numeric(min ?? 0, max ?? (min ?? 0) + 1000));
                }

                break;
            case "boolean":
                values.Add(true);
                values.Add(false);
                break;
            case "string":
                for (var i = 0; i < fresh; i++)
                {
                    values.Add(FreshText(s));
                }

                break;
            case "array":
                values.Add(new JsonArray());
                if (Item() is { } item && item.Valid(1).FirstOrDefault() is { } one)
                {
                    values.Add(new JsonArray(one.DeepClone()));
                }

                break;
            case "object":
                values.Add(FreshObject());
                break;
        }

        return Distinct(values.Where(v => Fits(s, v)));
    }

    /// <summary>The values worth sending once each: enum members, the default, the ends of the range, the doc's sample, a value seen in an answer.</summary>
    public List<JsonNode?> Notable()
    {
        var s = Resolved;
        if (s["enum"] is JsonArray members)
        {
            return Distinct(members.Select(m => m?.DeepClone()));
        }

        var values = new List<JsonNode?> { s["default"]?.DeepClone() };
        if (Type is "integer" or "number")
        {
            values.AddRange(new[] { Number(s, "minimum"), Number(s, "maximum") }.OfType<decimal>().Select(n => Numeric(n)));
        }

        if (Type == "string" && Number(s, "maxLength") is { } longest && longest < 10_000)
        {
            values.Add(JsonValue.Create(new string('长', (int)longest)));
        }

        values.Add(sample?.DeepClone());
        values.AddRange(seen.Take(1).Select(v => (JsonNode?)JsonValue.Create(v)));
        return Distinct(values.Where(v => v is not null && Fits(s, v)));
    }

    /// <summary>The empty value of the field's type ("" [] {}), for "optional field empty" and "required field empty".</summary>
    public JsonNode? Empty() => Type switch
    {
        "string" => JsonValue.Create(""),
        "array" => new JsonArray(),
        "object" => new JsonObject(),
        _ => null,
    };

    /// <summary>A value of another JSON type than the schema's: text for numbers, a number for text.</summary>
    public JsonNode? WrongType() => Type switch
    {
        "string" when !Types().Contains("integer") && !Types().Contains("number") => JsonValue.Create(12345),
        "integer" or "number" or "boolean" or "array" => JsonValue.Create("不是" + Type),
        "object" when Resolved["additionalProperties"] is null || Resolved["properties"] is JsonObject => JsonValue.Create("不是object"),
        _ => null,
    };

    /// <summary>Values just past the schema's bounds (minimum − 1, maximum + 1, one character too long).</summary>
    public IEnumerable<(string What, JsonNode Value)> OutOfRange()
    {
        var s = Resolved;
        if (Type is "integer" or "number")
        {
            if (Number(s, "minimum") is { } min)
            {
                yield return ("below minimum", Numeric(min - 1));
            }

            if (Number(s, "maximum") is { } max)
            {
                yield return ("above maximum", Numeric(max + 1));
            }
        }

        if (Type == "string" && Number(s, "maxLength") is { } longest && longest < 10_000)
        {
            yield return ("too long", JsonValue.Create(new string('长', (int)longest + 1)));
        }

        if (s["enum"] is JsonArray members && members.All(m => m?.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.String))
        {
            var numbers = members.Where(m => m?.GetValueKind() == System.Text.Json.JsonValueKind.Number).Select(m => Decimal(m!)).ToList();
            yield return ("not in enum", numbers.Count > 0 ? Numeric(numbers.Max() + 1) : JsonValue.Create("不在枚举中"));
        }
    }

    private IEnumerable<string> Types() => Resolved["type"] switch
    {
        JsonValue one => [one.GetValue<string>()],
        JsonArray many => many.Select(t => t?.GetValue<string>()).OfType<string>(),
        _ => Resolved["anyOf"] is JsonArray any
            ? any.OfType<JsonObject>().SelectMany(b => new FieldValues(b, root, null, [], random, depth).Types())
            : [],
    };

    private JsonNode FreshText(JsonObject s)
    {
        if (s["format"]?.ToString() is { } name && HouseFormats.ByName(name) is { Pattern: not null } format)
        {
            var instant = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddSeconds(random.Next(0, 7 * 365 * 86400));
            return JsonValue.Create(format.Format(instant));
        }

        // An id keeps the shape of the ids the docs and answers show (u0001 + 32 hex), not their value.
        // Each fresh one imitates a model picked at random: chat ids come in more than one shape (u0001 + hex, + digits).
        var models = seen.Concat(sample is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? [text] : []).ToList();
        var fresh = models.Count > 0 ? Alike(models[random.Next(models.Count)]) : random.Next(3) == 0 ? "测试" + random.Next(1000) : "t" + random.Next(100_000);
        var (least, most) = ((int?)Number(s, "minLength") ?? 0, (int?)Number(s, "maxLength") ?? int.MaxValue);
        fresh = fresh.Length > most ? fresh[..most] : fresh.PadRight(least, 'x');
        return JsonValue.Create(fresh);
    }

    /// <summary>Same length, same prefix, each other character replaced by one of its kind (hex, digit, letter).</summary>
    private string Alike(string model)
    {
        var keep = Math.Min(model.Length / 2, model.TakeWhile(char.IsAsciiLetter).Count() + model.SkipWhile(char.IsAsciiLetter).TakeWhile(char.IsAsciiDigit).Take(4).Count());
        var hex = model[keep..].All(char.IsAsciiHexDigitLower);
        var text = new StringBuilder(model[..keep]);
        foreach (var c in model[keep..])
        {
            text.Append(c switch
            {
                _ when hex => "0123456789abcdef"[random.Next(16)],
                _ when char.IsAsciiDigit(c) => (char)('0' + random.Next(10)),
                _ when char.IsAsciiLetterLower(c) => (char)('a' + random.Next(26)),
                _ when char.IsAsciiLetterUpper(c) => (char)('A' + random.Next(26)),
                _ => c,
            });
        }

        return text.ToString();
    }

    private JsonObject FreshObject()
    {
        var s = Resolved;
        var value = new JsonObject();
        if (depth >= MaxDepth || s["properties"] is not JsonObject properties)
        {
            return value;
        }

        var required = CaseClassifier.Required(s);
        foreach (var (name, field) in properties)
        {
            if (field is JsonObject inner && (required.Contains(name) || random.Next(2) == 0)
                && new FieldValues(inner, root, null, [], random, depth + 1).Valid(1) is [var first, ..])
            {
                value[name] = first?.DeepClone();
            }
        }

        return value;
    }

    private FieldValues? Item() =>
        depth < MaxDepth && Resolved["items"] is JsonObject items ? new FieldValues(items, root, null, [], random, depth + 1) : null;

    private decimal RandomBetween(decimal min, decimal max) => min + (decimal)random.NextDouble() * (max - min);

    private JsonNode Numeric(decimal min, decimal max) => Numeric(Type == "integer" ? Math.Floor(RandomBetween(min, max)) : Math.Round(RandomBetween(min, max), 2));

    private JsonNode Numeric(decimal value) =>
        Type == "integer" && value == Math.Floor(value) && value is >= long.MinValue and <= long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create(value);

    private static decimal? Number(JsonObject s, string key) => s[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? Decimal(v) : null;

    /// <summary>A JSON number as written, whether the node holds a long, a double or a parsed element.</summary>
    private static decimal Decimal(JsonNode number) =>
        decimal.TryParse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>Whether a value keeps within the bounds this generator reads; the classifier has the last word.</summary>
    private bool Fits(JsonObject s, JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && Type is "integer" or "number")
        {
            var n = Decimal(v);
            return n >= (Number(s, "minimum") ?? decimal.MinValue) && n <= (Number(s, "maximum") ?? decimal.MaxValue) && (Type == "number" || n == Math.Floor(n));
        }

        if (value is JsonValue t && t.TryGetValue<string>(out var text) && Type == "string")
        {
            return text.Length >= (Number(s, "minLength") ?? 0) && text.Length <= (Number(s, "maxLength") ?? int.MaxValue);
        }

        return value is not null && Type switch
        {
            "string" => value.GetValueKind() == System.Text.Json.JsonValueKind.String,
            "integer" or "number" => value.GetValueKind() == System.Text.Json.JsonValueKind.Number,
            "boolean" => value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            "array" => value is JsonArray,
            "object" => value is JsonObject,
            _ => true,
        };
    }

    private static List<JsonNode?> Distinct(IEnumerable<JsonNode?> values) =>
        [.. values.DistinctBy(v => OpJson.ToCompactText(v), StringComparer.Ordinal)];

    /// <summary>Follows a $ref (#/definitions/X) and the $ref branch of a nullable anyOf.</summary>
    private static JsonObject Resolve(JsonObject schema, JsonObject root)
    {
        for (var hops = 0; hops < 8; hops++)
        {
            if (schema["$ref"]?.ToString() is { } reference && reference.StartsWith("#/definitions/", StringComparison.Ordinal)
                && root["definitions"]?[reference["#/definitions/".Length..]] is JsonObject target)
            {
                schema = target;
            }
            else if (schema["anyOf"] is JsonArray any && any.OfType<JsonObject>().FirstOrDefault(b => b["$ref"] is not null) is { } branch)
            {
                schema = branch;
            }
            else
            {
                break;
            }
        }

        return schema;
    }
}
