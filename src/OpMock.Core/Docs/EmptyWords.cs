using System.Text.RegularExpressions;

namespace OpMock.Core.Docs;

/// <summary>
/// Whether a field's words say its value may be empty text: 未打卡为空, 待审核时为空, 无则返回空字符串 — as the servers
/// write "" for a time that has not happened. 不能为空 and 不可为空 say the opposite.
/// </summary>
internal static partial class EmptyWords
{
    public static bool MayBeEmpty(string description, string remark) =>
        Empty().IsMatch(description) || Empty().IsMatch(remark);

    [GeneratedRegex(@"(?<!不|不能|不可|不得|不会|非)为空|空字符串|空串")]
    private static partial Regex Empty();
}
