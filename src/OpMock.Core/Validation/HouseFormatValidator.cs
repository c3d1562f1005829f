using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;
using OpMock.Core.Docs;

namespace OpMock.Core.Validation;

/// <summary>
/// Checks a house format exactly: op-datetime means yyyy-MM-dd HH:mm:ss and a real date, where
/// NJsonSchema's own date-time would accept "2024".
/// </summary>
internal sealed class HouseFormatValidator(HouseFormat format) : IFormatValidator
{
    public string Format => format.Name;

    public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.DateTimeExpected;

    // Empty text is the schema's pattern's to allow or refuse: a field the doc says may be empty (未打卡为空) lets it through.
    public bool IsValid(string value, JTokenType tokenType) => tokenType != JTokenType.String || value.Length == 0 || format.IsValid(value);
}
