using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>States that speak of validity and the end time they name (a coupon's 未使用/已过期 and its expireTime).</summary>
public sealed class ValidityTests
{
    [Theory]
    [InlineData("未使用", "Valid")]
    [InlineData("待使用", "Valid")]
    [InlineData("有效", "Valid")]
    [InlineData("可用", "Valid")]
    [InlineData("未过期", "Valid")]
    [InlineData("已过期", "Expired")]
    [InlineData("已失效", "Expired")]
    [InlineData("已到期", "Expired")]
    [InlineData("无效", "Expired")]
    [InlineData("已使用", "Nothing")]
    [InlineData("已冻结", "Nothing")]
    [InlineData("处理中", "Nothing")]
    public void Say_StateLabel_IsWhatItSaysOfValidity(string label, string says) => Validity.Say(label).ShouldBe(Enum.Parse<Validity.Says>(says));

    [Theory]
    [InlineData("expireTime:String:过期时间", true)]
    [InlineData("expiredAt:Long:失效于", true)]
    [InlineData("endTime:String:有效期截止", true)]
    [InlineData("deadlineTime:String:截止时间", true)]
    [InlineData("receiveTime:String:领取时间", false)]
    [InlineData("createTime:String:创建时间", false)]
    [InlineData("expireDays:Integer:有效天数", false)]
    public void IsEnd_Field_IsWhetherItHoldsTheEndOfValidity(string field, bool end) => Validity.IsEnd(RuleFields.Read(field)[0]).ShouldBe(end);

    [Theory]
    [InlineData("couponId:Long:券ID|state:Integer:券状态:1-未使用 2-已使用 3-已过期|receiveTime:String:领取时间|expireTime:String:过期时间", 1, 3)]
    [InlineData("cardStatus:Integer:卡状态:0:有效 1:已冻结 2:已失效|cardEndTime:String:有效期至", 0, 1)]
    public void Of_StateSpeakingOfValidityBesideAnEnd_IsTheirRule(string fields, int state, int end)
    {
        var rule = Validity.Of(RuleFields.Read(fields)).ShouldNotBeNull();

        (rule.State, rule.End).ShouldBe((state, end));
    }

    [Theory]
    [InlineData("status:Integer:工单状态:0:待处理 1:处理中 2:已解决|expireTime:String:过期时间")]
    [InlineData("state:Integer:券状态:1-未使用 3-已过期|receiveTime:String:领取时间")]
    [InlineData("state:Integer:券状态|expireTime:String:过期时间")]
    public void Of_NoValidityStateOrNoEnd_IsNoRule(string fields) => Validity.Of(RuleFields.Read(fields)).ShouldBeNull();
}
