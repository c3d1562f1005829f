namespace OpMock.Core.Diff;

/// <summary>One difference between the base docs and the new ones.</summary>
/// <param name="Route">The route (/op/v2/receives), a transfer as `/opapp/transfer → /op/v2/x`, or `(envelope)`.</param>
/// <param name="Where">request, response or route.</param>
/// <param name="Path">The field's path (data.chats[].createTime for a response, userId for a request); empty for the route.</param>
/// <param name="Before">What the base docs say, or empty when the thing is new.</param>
/// <param name="After">What the new docs say, or empty when the thing is gone.</param>
/// <param name="Doc">The doc that says it (the new one, or the base one when it is gone).</param>
internal sealed record Change(string Route, string Where, string Path, ChangeKind Kind, string Before, string After, string Doc)
{
    public const string InRoute = "route";
    public const string InRequest = "request";
    public const string InResponse = "response";

    public ChangeSeverity Severity => ChangeRules.SeverityOf(Kind);

    public string What => ChangeRules.TextOf(Kind);

    public override string ToString() => $"{Route} {Where} {Path}: {What} ({Before} → {After})";
}
