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

    public bool IsValid(string value, JTokenType tokenType) => tokenType != JTokenType.String || format.IsValid(value);
}
