using System.Collections.Immutable;

namespace OpMock.Core.Docs;

/// <summary>One row of a field table (输入参数, 返回数据 or a named section).</summary>
/// <param name="Reference">The section named in the 备注 column (详见`X`), as written.</param>
/// <param name="Format">A house format named in the description or remark (格式为`yyyy-MM-dd HH:mm:ss`).</param>
/// <param name="Required">Input: 可为空 否. Response: every documented field, unless an override says not.</param>
/// <param name="Nullable">Input: 可为空 是. Response: true, as the examples are full of nulls.</param>
internal sealed record DocField(
    string Name,
    FieldType Type,
    string Description,
    string Remark,
    string? Reference,
    string? Format,
    bool Required,
    bool Nullable,
    int Line)
{
    /// <summary>The section this field's object or list items follow, once references are resolved.</summary>
    public string? Target { get; init; }

    /// <summary>Enum, range and default read from the description and remark (0-未知 1-男 2-女, 0~5, 默认20).</summary>
    public FieldHints Hints { get; init; } = FieldHints.None;

    /// <summary>Its words say it may be empty text (未打卡为空): a formatted field then also accepts "".</summary>
    public bool MayBeEmpty { get; init; }
}

/// <summary>A nested table under its own heading (#User, #####会话集合 chats ：).</summary>
internal sealed record DocSection(string Name, string Caption, int Line, ImmutableArray<DocField> Fields);

/// <summary>A block of JSON in the doc (fenced or not), kept as text with the line it starts on.</summary>
internal sealed record JsonBlock(string Text, int Line);

/// <summary>The 测试环境 / 开发环境 part: a sample request URL and, sometimes, its JSON body.</summary>
internal sealed record SampleRequest(string Url, ImmutableArray<KeyValuePair<string, string>> Query, JsonBlock? Body, int Line);

/// <summary>A row of the 版本历史 table, kept as metadata.</summary>
internal sealed record VersionEntry(string Version, string Date, string Description, string Author);

/// <summary>"参见[…](/markdown/get-op-api/2.36.txt)": the response is documented in another doc.</summary>
internal sealed record DocLink(string Text, string Target, int Line);

/// <summary>
/// One endpoint doc as written, before cross-doc links are followed.
/// <see cref="Id"/> is the path under the docs folder without extension (get-op-api/2.36).
/// </summary>
internal sealed record ApiDoc
{
    public required string Path { get; init; }
    public required string Number { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public required string Route { get; init; }
    public required string Method { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public ImmutableArray<DocField> Input { get; init; } = [];
    public ImmutableArray<DocField> Output { get; init; } = [];
    public ImmutableArray<DocSection> Sections { get; init; } = [];
    public DocLink? ResponseLink { get; init; }
    public JsonBlock? Example { get; init; }
    public SampleRequest? Sample { get; init; }
    public ImmutableArray<VersionEntry> History { get; init; } = [];

    public string Id => System.IO.Path.ChangeExtension(Path, null).Replace('\\', '/');
}
