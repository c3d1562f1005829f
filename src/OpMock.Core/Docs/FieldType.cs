namespace OpMock.Core.Docs;

internal enum FieldKind
{
    String,
    Integer,
    Number,
    Boolean,
    /// <summary>Java's Date: the servers write it as text in the house date format.</summary>
    Date,
    Object,
    Map,
    List,
    /// <summary>The type cell could not be read; a finding says why.</summary>
    Unknown,
}

/// <summary>A field's type as the docs write it (String, int, List&lt;User&gt;, …), read into a kind.</summary>
/// <param name="Raw">The type cell exactly as written, for messages.</param>
/// <param name="Item">For lists: the element type, when the doc names one.</param>
/// <param name="Section">For objects: a section named in the type itself (List&lt;User&gt;, or plain User).</param>
internal sealed record FieldType(FieldKind Kind, string Raw, FieldType? Item = null, string? Section = null)
{
    /// <summary>Long, long and BigInteger: integers that need 64 bits, worth knowing when generating values.</summary>
    public bool IsWide { get; init; }
}
