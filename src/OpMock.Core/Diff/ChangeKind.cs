using System.Collections.Immutable;

namespace OpMock.Core.Diff;

/// <summary>How much a change can hurt a client built against the base docs.</summary>
internal enum ChangeSeverity
{
    Breaking,
    PotentiallyBreaking,
    Safe,
}

/// <summary>Every kind of change `opmock diff` reports; <see cref="ChangeRules"/> gives each its severity.</summary>
internal enum ChangeKind
{
    RouteAdded,
    RouteRemoved,
    UrlChanged,
    MethodChanged,
    TransferTargetChanged,
    RequestFieldAddedRequired,
    RequestFieldAddedOptional,
    RequestFieldRemoved,
    RequestFieldMadeRequired,
    RequestFieldMadeOptional,
    RequestTypeChanged,
    RequestConstraintNarrowed,
    RequestConstraintWidened,
    ResponseFieldAdded,
    ResponseFieldRemoved,
    ResponseFieldRenamed,
    ResponseTypeChanged,
    ResponseMadeNullable,
    ResponseMadeNotNullable,
    ResponseMadeOptional,
    ResponseMadeRequired,
    ResponseConstraintWidened,
    ResponseConstraintNarrowed,
    ResponseFormatChanged,
    DefaultChanged,
    DescriptionChanged,
}

/// <summary>
/// The one table of change kinds: each kind's severity and the words reports use for it. A reviewer reads
/// the whole policy here; nothing elsewhere decides a severity.
/// </summary>
internal static class ChangeRules
{
    private static readonly ImmutableDictionary<ChangeKind, (ChangeSeverity Severity, string Text)> Table = new (ChangeKind Kind, ChangeSeverity Severity, string Text)[]
    {
        (ChangeKind.RouteAdded, ChangeSeverity.Safe, "route added"),
        (ChangeKind.RouteRemoved, ChangeSeverity.Breaking, "route removed"),
        (ChangeKind.UrlChanged, ChangeSeverity.Breaking, "URL changed"),
        (ChangeKind.MethodChanged, ChangeSeverity.Breaking, "method changed"),
        (ChangeKind.TransferTargetChanged, ChangeSeverity.Breaking, "transfer relays to another route"),
        (ChangeKind.RequestFieldAddedRequired, ChangeSeverity.Breaking, "required request field added"),
        (ChangeKind.RequestFieldAddedOptional, ChangeSeverity.Safe, "optional request field added"),
        // Clients that still send it are not refused (requests allow unknown fields), but the server stops reading it.
        (ChangeKind.RequestFieldRemoved, ChangeSeverity.PotentiallyBreaking, "request field removed"),
        (ChangeKind.RequestFieldMadeRequired, ChangeSeverity.Breaking, "request field made required"),
        (ChangeKind.RequestFieldMadeOptional, ChangeSeverity.Safe, "request field made optional"),
        (ChangeKind.RequestTypeChanged, ChangeSeverity.Breaking, "request field retyped"),
        (ChangeKind.RequestConstraintNarrowed, ChangeSeverity.Breaking, "request constraint narrowed"),
        (ChangeKind.RequestConstraintWidened, ChangeSeverity.Safe, "request constraint widened"),
        (ChangeKind.ResponseFieldAdded, ChangeSeverity.Safe, "response field added"),
        (ChangeKind.ResponseFieldRemoved, ChangeSeverity.Breaking, "response field removed"),
        (ChangeKind.ResponseFieldRenamed, ChangeSeverity.Breaking, "response field renamed"),
        (ChangeKind.ResponseTypeChanged, ChangeSeverity.Breaking, "response field retyped"),
        (ChangeKind.ResponseMadeNullable, ChangeSeverity.Breaking, "response field made nullable"),
        (ChangeKind.ResponseMadeNotNullable, ChangeSeverity.Safe, "response field no longer null"),
        // A field that may now be absent breaks a client that reads it, as a removal does.
        (ChangeKind.ResponseMadeOptional, ChangeSeverity.Breaking, "response field may be absent"),
        (ChangeKind.ResponseMadeRequired, ChangeSeverity.Safe, "response field always present"),
        // A strict consumer may not know the new value.
        (ChangeKind.ResponseConstraintWidened, ChangeSeverity.PotentiallyBreaking, "response enum or range widened"),
        (ChangeKind.ResponseConstraintNarrowed, ChangeSeverity.Safe, "response enum or range narrowed"),
        (ChangeKind.ResponseFormatChanged, ChangeSeverity.Breaking, "response format changed"),
        (ChangeKind.DefaultChanged, ChangeSeverity.PotentiallyBreaking, "default changed"),
        (ChangeKind.DescriptionChanged, ChangeSeverity.Safe, "description changed"),
    }.ToImmutableDictionary(r => r.Kind, r => (r.Severity, r.Text));

    public static ChangeSeverity SeverityOf(ChangeKind kind) => Table[kind].Severity;

    public static string TextOf(ChangeKind kind) => Table[kind].Text;

    /// <summary>The word reports and --fail-on use: breaking, potentially-breaking, safe.</summary>
    public static string Name(ChangeSeverity severity) => severity switch
    {
        ChangeSeverity.Breaking => "breaking",
        ChangeSeverity.PotentiallyBreaking => "potentially-breaking",
        _ => "safe",
    };

    public static ChangeSeverity? Parse(string name) => name.ToLowerInvariant() switch
    {
        "breaking" => ChangeSeverity.Breaking,
        "potentially-breaking" => ChangeSeverity.PotentiallyBreaking,
        "safe" => ChangeSeverity.Safe,
        _ => null,
    };

    /// <summary>kebab-case of a kind for JSON and JUnit: response-field-removed.</summary>
    public static string Id(ChangeKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>Every kind has a row; a test holds the table to that.</summary>
    public static IEnumerable<ChangeKind> Kinds => Table.Keys;
}
