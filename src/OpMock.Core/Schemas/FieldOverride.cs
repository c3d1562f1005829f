namespace OpMock.Core.Schemas;

/// <summary>
/// A decision, written once in overrides.yaml, on a field whose doc contradicts itself
/// (2.36's createTime is documented as text, but the captured response has epoch millis).
/// </summary>
/// <param name="Doc">The doc whose tables define the field (get-op-api/2.36).</param>
/// <param name="Path">The field under data: createTime, user.serviceCount, chats[].userGradeChatCount.</param>
internal sealed record FieldOverride(
    string Doc,
    string Path,
    string? Type,
    string? Format,
    bool? Required,
    bool? Nullable,
    string Reason,
    string File,
    int Line);
