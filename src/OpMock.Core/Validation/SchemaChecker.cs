using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.Schemas;

namespace OpMock.Core.Validation;

/// <summary>
/// Checks JSON text against one generated schema with NJsonSchema and turns its errors into
/// violations a person can act on: the JSON path, what was expected, and the value found.
/// Compile once per schema and reuse: NJsonSchema validators are safe to share between threads.
/// </summary>
internal sealed class SchemaChecker
{
    private static readonly JsonSchemaValidatorSettings Settings = new()
    {
        FormatValidators = [.. new JsonSchemaValidatorSettings().FormatValidators,
            .. HouseFormats.All.Where(f => f.Regex is not null).Select(f => new HouseFormatValidator(f))],
    };

    private readonly Lazy<JsonSchema> schema;

    private readonly RequestShape shape;

    private SchemaChecker(Lazy<JsonSchema> schema, RequestShape shape)
    {
        this.schema = schema;
        this.shape = shape;
    }

    public static async Task<SchemaChecker> CompileAsync(JsonObject schema) =>
        new(new Lazy<JsonSchema>(await JsonSchema.FromJsonAsync(schema.ToJsonString())), RequestShape.Compile(schema));

    /// <summary>
    /// A checker whose NJsonSchema schema is compiled when it is first needed: by <see cref="FirstError"/> for a body
    /// its compiled shape cannot prove valid, or by <see cref="Check(string)"/>. The server's request checks, where most
    /// bodies never need it: compiling every request schema with NJsonSchema (Newtonsoft reading it, with code generated
    /// at run time) was a sixth of the cold start (bench/README.md, "Cold start").
    /// </summary>
    public static SchemaChecker Deferred(JsonObject schema)
    {
        var text = schema.ToJsonString();
        // No external references in a generated schema: the load completes without waiting on anything.
        return new(new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication),
            RequestShape.Compile(schema));
    }

    /// <summary>
    /// The first error in a parsed body, or null: none at once when the schema's compiled shape proves it valid (the
    /// server's path: no text written and read back), else NJsonSchema's first, as <see cref="Check(string)"/> finds it.
    /// </summary>
    public Violation? FirstError(JsonNode body) =>
        shape.Valid(body) ? null : Check(OpJson.ToCompactText(body)).FirstOrDefault(v => v.Severity == Severity.Error);

    /// <summary>
    /// Checks a body. A body that is empty, HTML or broken JSON yields one violation at the root,
    /// never an exception. Undocumented fields are warnings; everything else is an error.
    /// </summary>
    public ImmutableArray<Violation> Check(string body) => Parse(body, out var token) is { } notJson ? [notJson] : Check(token!);

    /// <summary>Checks JSON already parsed by <see cref="Parse"/>, so callers that look at it first parse once.</summary>
    internal ImmutableArray<Violation> Check(JToken token)
    {
        var errors = new JsonSchemaValidator(Settings).Validate(token, schema.Value);
        return [.. errors.SelectMany(Flatten).Select(e => ToViolation(e, token)).Concat(JavaRanges.Check(token, schema.Value))
            .Distinct().OrderBy(v => v.Line).ThenBy(v => v.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Parses a body as the checker reads it (lines kept, dates and decimals as written). A number past
    /// decimal's range (`1e400`) is no reason to call the body broken: it is read again with doubles. Numbers
    /// .NET cannot compare are stood in for, keeping their text (<see cref="JsonNumbers"/>).
    /// </summary>
    /// <returns>Null when the body is JSON; otherwise the one violation that says what it is instead.</returns>
    internal static Violation? Parse(string body, out JToken? token)
    {
        token = null;
        var notJson = Read(body, FloatParseHandling.Decimal, out token);
        if (notJson is not null && Read(body, FloatParseHandling.Double, out var lenient) is null)
        {
            (notJson, token) = (null, lenient);
            JsonNumbers.KeepWritten(token!, body);
        }

        if (token is not null && notJson is null)
        {
            JsonNumbers.Prepare(token);
        }

        return notJson;
    }

    private static Violation? Read(string body, FloatParseHandling numbers, out JToken? token)
    {
        token = null;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = numbers };
            token = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            return reader.Read() && reader.TokenType != JsonToken.Comment ? NotJson(body, "text after the JSON value") : null;
        }
        catch (JsonReaderException e)
        {
            token = null;
            return NotJson(body, e.Message, e.LineNumber);
        }
    }

    private static Violation NotJson(string body, string reason, int line = 0)
    {
        var what = BodyText.Describe(body) is var kind && kind == "JSON" ? $"not valid JSON ({reason})" : kind;
        return new Violation("$", "a JSON object", BodyText.Sample(body), Severity.Error, $"the body is {what}", line);
    }

    /// <summary>
    /// Reports the innermost errors: an array item or a nested object that failed says which field did.
    /// A nullable section is anyOf [$ref, null]: report why the $ref branch failed, not "not any of".
    /// </summary>
    private static IEnumerable<ValidationError> Flatten(ValidationError error)
    {
        // "type": ["array", "null"] fails as a whole; the branch of the value's own type says what is inside.
        if (error is MultiTypeValidationError multi)
        {
            var inside = multi.Errors.Values.FirstOrDefault(b => b.Count > 0 && !b.Any(IsTypeMismatch));
            return inside is null ? [error] : inside.SelectMany(Flatten);
        }

        if (error is not ChildSchemaValidationError child)
        {
            return [error];
        }

        if (error.Kind is ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf)
        {
            var branch = child.Errors.Where(b => b.Key.Type != JsonObjectType.Null).Select(b => b.Value).FirstOrDefault();
            return branch is { Count: > 0 } && !branch.All(e => e.Kind == ValidationErrorKind.ObjectExpected)
                ? branch.SelectMany(Flatten)
                : [error];
        }

        var inner = child.Errors.SelectMany(b => b.Value).ToList();
        return inner.Count > 0 ? inner.SelectMany(Flatten) : [error];
    }

    private static bool IsTypeMismatch(ValidationError error) => error.Kind is ValidationErrorKind.StringExpected
        or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected
        or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NullExpected;

    private static Violation ToViolation(ValidationError error, JToken root)
    {
        var path = ReadPath(error.Path);
        var line = error.HasLineInfo ? error.LineNumber : 0;
        switch (error.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
                var missing = Join(path, error.Property);
                return new Violation(missing, "present", "missing", Severity.Error, $"documented field `{error.Property}` is missing", line);
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                return new Violation(path, "absent", Show(root, path), Severity.Warning, $"`{error.Property}` is not documented", line);
        }

        var actual = Show(root, path);
        var expected = Expected(error);
        var message = actual == "null" && expected != "null"
            ? $"null where {expected} is required"
            : NotARealDate(error, root, path) ? $"{actual} is written as {HouseFormats.ByName(error.Schema.Format!)!.Pattern} but is not a real {(HouseFormats.ByName(error.Schema.Format!)!.Pattern!.Contains('y', StringComparison.Ordinal) ? "date" : "time")}"
            : $"expected {expected}, found {Describe(root, path)} {actual}";
        return new Violation(path, expected, actual, Severity.Error, message, line);
    }

    /// <summary>2026-02-30 has the right shape and no such day: saying "expected yyyy-MM-dd" would send people looking at the format.</summary>
    private static bool NotARealDate(ValidationError error, JToken root, string path) =>
        error.Kind == ValidationErrorKind.DateTimeExpected && error.Schema.Format is { } format
        && HouseFormats.ByName(format) is { Regex: { } shape } && Select(root, path) is JValue { Type: JTokenType.String } value
        && System.Text.RegularExpressions.Regex.IsMatch(value.Value<string>()!, shape);

    private static string Expected(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.DateTimeExpected or ValidationErrorKind.PatternMismatch when error.Schema.Format is { } format =>
            HouseFormats.ByName(format) is { Pattern: { } pattern } ? $"text in the format {pattern}" : $"format {format}",
        ValidationErrorKind.PatternMismatch => $"text matching {error.Schema.Pattern}",
        ValidationErrorKind.StringTooShort => "non-empty text",
        ValidationErrorKind.NotInEnumeration => "one of " + Options(error.Schema),
        ValidationErrorKind.NumberTooBig when error.Schema.Maximum is { } maximum => $"at most {maximum.ToString(CultureInfo.InvariantCulture)}",
        ValidationErrorKind.NumberTooSmall when error.Schema.Minimum is { } minimum => $"at least {minimum.ToString(CultureInfo.InvariantCulture)}",
        _ when error.Schema.Type != JsonObjectType.None => TypeNames(error.Schema.Type),
        _ => error.Kind.ToString(),
    };

    /// <summary>"0 (未知), 1 (男), 2 (女)": the enum's values with the labels the doc gives them (x-enum-labels).</summary>
    private static string Options(JsonSchema schema)
    {
        var labels = schema.ExtensionData?.TryGetValue(HintRules.LabelsKey, out var map) == true && map is not null
            ? JToken.FromObject(map) as JObject : null;
        return string.Join(", ", schema.Enumeration.Where(v => v is not null).Select(v =>
        {
            var text = v switch
            {
                bool flag => flag ? "true" : "false",
                JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) is var raw && value.Type == JTokenType.Boolean ? raw!.ToLowerInvariant() : Convert.ToString(value.Value, CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, CultureInfo.InvariantCulture),
            } ?? "";
            return labels?[text] is JValue { Value: string label } ? $"{text} ({label})" : text;
        }));
    }

    /// <summary>"string or null": the type first, null last, as the docs' readers think of it.</summary>
    private static string TypeNames(JsonObjectType type) =>
        string.Join(" or ", Enum.GetValues<JsonObjectType>()
            .Where(t => t is not JsonObjectType.None and not JsonObjectType.File && type.HasFlag(t))
            .OrderBy(t => t == JsonObjectType.Null)
            .Select(t => t.ToString().ToLowerInvariant()));

    private static string Describe(JToken root, string path) => Select(root, path)?.Type switch
    {
        JTokenType.Integer => "integer",
        JTokenType.Float => "number",
        JTokenType.String => "string",
        JTokenType.Boolean => "boolean",
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        JTokenType.Null => "null",
        _ => "value",
    };

    private static string Show(JToken root, string path)
    {
        var token = Select(root, path);
        var text = token switch
        {
            null => "missing",
            JValue { Type: JTokenType.Integer or JTokenType.Float } number => JsonNumbers.Text(number),
            JContainer container when container.Descendants().OfType<JValue>().Any(v => v.Annotation<JsonNumbers.Written>() is not null) => Written(container),
            _ => OpJson.ToCompactText(JsonNode.Parse(BodyText.Scrub(token.ToString(Formatting.None)))),
        };
        return text.Length > 120 ? text[..120] + "…" : text;
    }

    /// <summary>A part of the body holding stood-in numbers, shown with the numbers as written.</summary>
    private static string Written(JContainer token)
    {
        var copy = (JContainer)token.DeepClone();
        var originals = token.Descendants().OfType<JValue>().ToList();
        var copies = copy.Descendants().OfType<JValue>().ToList();
        foreach (var (original, value) in originals.Zip(copies))
        {
            if (original.Annotation<JsonNumbers.Written>() is { } written)
            {
                value.Replace(new JRaw(written.Text));
            }
        }

        return BodyText.Scrub(copy.ToString(Formatting.None));
    }

    private static JToken? Select(JToken root, string path)
    {
        try
        {
            return path == "$" ? root : root.SelectToken(path);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>NJsonSchema writes "#/data.chats[2].createTime"; people read "data.chats[2].createTime".</summary>
    private static string ReadPath(string? path)
    {
        var text = (path ?? "").TrimStart('#').TrimStart('/');
        return text.Length == 0 ? "$" : text;
    }

    private static string Join(string path, string? property) =>
        property is null ? path : path == "$" ? property : path.EndsWith("." + property, StringComparison.Ordinal) || path == property ? path : $"{path}.{property}";
}
