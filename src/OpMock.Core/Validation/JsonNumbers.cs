using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace OpMock.Core.Validation;

/// <summary>
/// Numbers JSON allows and .NET's readers choke on, made checkable without losing what the body wrote. An
/// integer past 64 bits (`9223372036854775808`) is read as a BigInteger, which NJsonSchema cannot compare
/// (InvalidCastException: "Object must implement IConvertible"), so the whole response used to be "could not be
/// checked"; `1e400` does not fit the decimal the checker reads numbers as, so it used to be "not valid JSON".
/// Here such a number keeps its written text (<see cref="Written"/>, which findings show) and gets a stand-in
/// value of the same kind and side (an integer past 2^63 checks as long.MaxValue: still an integer, still over
/// every documented maximum, in no enum; `1e400` as infinity); <see cref="JavaRanges"/> then says which
/// documented type it does not fit.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>A number as the body wrote it, on a token whose value stands in for it.</summary>
    internal sealed record Written(string Text);

    /// <summary>Marks a body holding a number beyond Java's int: only those bodies are checked against the documented types' ranges.</summary>
    internal sealed class Wide
    {
        public static readonly Wide Instance = new();
    }

    /// <summary>The number as written when it was stood in for, else its value as JSON text.</summary>
    public static string Text(JValue value) =>
        value.Annotation<Written>()?.Text ?? Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "null";

    /// <summary>
    /// After a body that does not fit decimal was read with doubles: each number keeps its written text (the
    /// body is scanned again, in order; numbers are matched one for one with the tokens).
    /// </summary>
    public static void KeepWritten(JToken root, string body)
    {
        var written = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 1024 });
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.Number)
                {
                    written.Add(Encoding.UTF8.GetString(reader.ValueSpan));
                }
            }
        }
        catch (JsonException)
        {
            // Newtonsoft read what System.Text.Json does not (NaN, bare names): the values' own text will do.
            return;
        }

        var numbers = Numbers(root).ToList();
        if (numbers.Count != written.Count)
        {
            return;
        }

        foreach (var (value, text) in numbers.Zip(written))
        {
            if (value.Type == JTokenType.Float && !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                value.AddAnnotation(new Written(text));
            }
        }
    }

    /// <summary>Stands in for integers past 64 bits, and marks the body when any number is beyond Java's int.</summary>
    public static void Prepare(JToken root)
    {
        var wide = false;
        foreach (var value in Numbers(root))
        {
            switch (value.Value)
            {
                case BigInteger big:
                    value.AddAnnotation(new Written(big.ToString(CultureInfo.InvariantCulture)));
                    value.Value = big.Sign > 0 ? long.MaxValue : long.MinValue;
                    wide = true;
                    break;
                case long integer when integer is > int.MaxValue or < int.MinValue:
                case double real when !double.IsFinite(real) || Math.Abs(real) > int.MaxValue:
                case decimal exact when Math.Abs(exact) > int.MaxValue:
                    wide = true;
                    break;
            }
        }

        if (wide)
        {
            root.AddAnnotation(Wide.Instance);
        }
    }

    /// <summary>The number's value as an integer, when it is one that fits no bounds but its own (1e400 is none: it is a float).</summary>
    public static BigInteger? Integer(JValue value) =>
        value.Type != JTokenType.Integer ? null
        : value.Annotation<Written>() is { } written && BigInteger.TryParse(written.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big) ? big
        : value.Value is long integer ? integer
        : value.Value is BigInteger other ? other
        : null;

    /// <summary>The number as a double (infinite when past double's range), for floats and integers alike.</summary>
    public static double Real(JValue value) =>
        value.Annotation<Written>() is { } written && double.TryParse(written.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : Convert.ToDouble(value.Value, CultureInfo.InvariantCulture);

    private static IEnumerable<JValue> Numbers(JToken root) =>
        (root is JContainer container ? container.DescendantsAndSelf() : [root]).OfType<JValue>().Where(v => v.Type is JTokenType.Integer or JTokenType.Float);
}
