using System.Globalization;
using OpMock.Core.Fixtures;

namespace OpMock.Core.OpenApi;

/// <summary>What a fixture scenario does to an answer, in one line of the export's Chinese, from its own settings.</summary>
internal static class ScenarioText
{
    public static string Describe(Scenario scenario)
    {
        var parts = new List<string>();
        if (scenario.Fault != Fault.None)
        {
            parts.Add(scenario.Fault switch
            {
                Fault.EmptyResponse => "连接故障：空应答（没有 HTTP 状态行）",
                Fault.MalformedChunk => "连接故障：损坏的分块应答",
                _ => "连接故障：直接断开连接，没有应答",
            });
        }

        if (scenario.Status is { } status)
        {
            parts.Add($"HTTP {status.ToString(CultureInfo.InvariantCulture)}");
        }

        if (scenario.Code is { } code)
        {
            parts.Add($"code {code.ToString(CultureInfo.InvariantCulture)}" + (scenario.Message is { } message ? $"（{message}）" : ""));
        }
        else if (scenario.Message is { } message)
        {
            parts.Add($"message「{message}」");
        }

        if (scenario.Data.IsSet)
        {
            parts.Add(scenario.Data.Value is null ? "data 为 null" : "data 为场景给定的值");
        }

        if (scenario.EmptyLists)
        {
            parts.Add("所有列表为空");
        }

        if (scenario.Offline)
        {
            parts.Add("OP 离线（isOnline 为 false）");
        }

        if (scenario.DelayMaxMs > 0)
        {
            parts.Add(scenario.DelayMs == scenario.DelayMaxMs
                ? $"延迟 {scenario.DelayMs.ToString(CultureInfo.InvariantCulture)} ms"
                : $"延迟 {scenario.DelayMs.ToString(CultureInfo.InvariantCulture)}–{scenario.DelayMaxMs.ToString(CultureInfo.InvariantCulture)} ms");
        }

        if (scenario.Match.Count > 0)
        {
            parts.Add("请求中 " + string.Join("、", scenario.Match.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}")) + " 时自动使用");
        }

        return parts.Count == 0 ? "正常应答" : string.Join("，", parts);
    }
}
