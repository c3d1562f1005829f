namespace OpMock.Tests.Support;

/// <summary>
/// Docs written for the value-kind tests, as a new author on the wiki writes them: a user's service orders with their
/// items, an OP's profile with groups, skills and a shop, a member profile with codes. Their words (服务名称, 项目名称,
/// 分组名称, 单价, 数量) and examples (201601061102350017, i1001, g0001) are what the world must read.
/// </summary>
internal static class ValueDocs
{
    public const string OrdersRoute = "/op/v2/getServiceOrders";
    public const string ProfileRoute = "/op/v2/getStaffProfile";
    public const string MemberRoute = "/op/v2/getMemberProfile";

    public const string Orders = """
        * [Op Api接口文档](/markdown/get-op-api) > 7.1

        ##7.1 获取用户服务订单
        ###URL:
        http://10.0.0.1:8080/op/v2/getServiceOrders
        ###方式:
        POST
        ###输入参数:
        |字段	 |类型 	|描述 	|可为空 |备注 |
        |:-----|:-----|:------|:-----|:-----|
        |userId	|String |用户ID 	|否 | |

        ###返回数据:
        |字段		|类型	|描述 		|备注		|
        |:----		|:----	|:----		|:----		|
        |userId 	|String|用户ID 	| 			|
        |totalAmount 	|BigDecimal|订单总金额(元) 	| 			|
        |orders 		|List<Order>	|服务订单 		|	|

        #Order
        |字段	|类型	|描述 |备注|
        |:----|:----|:----|:----|
        |orderId|String|订单号| |
        |serviceName|String|服务名称| |
        |orderStatus|Integer|订单状态|`1`:待服务 `2`:服务中 `3`:已完成|
        |amount|BigDecimal|订单金额| |
        |serviceAddress|String|服务地址| |
        |masterName|String|服务师傅| |
        |masterPhone|String|师傅电话| |
        |duration|Integer|服务时长，单位分钟| |
        |orderTime|String|下单时间，格式为`yyyy-MM-dd HH:mm:ss`| |
        |items|List<Item>|服务项目明细| |
        |remark|String|备注| |

        #Item
        |字段	|类型	|描述 |备注|
        |:----|:----|:----|:----|
        |itemId|String|项目ID| |
        |name|String|项目名称| |
        |price|BigDecimal|单价| |
        |quantity|Integer|数量| |
        |pic|String|项目图片| |

        ###返回json格式示例：
        ```
        {
          "code": 200,
          "message": "成功",
          "data": {
            "userId": "u0001aa00000000000000000000000000000001",
            "totalAmount": 298.00,
            "orders": [
              {"orderId": "201601061102350017", "serviceName": "空调清洗", "orderStatus": 3, "amount": 298.00,
               "serviceAddress": "北京市海淀区知春路12号", "masterName": "王建国", "masterPhone": "13812345678", "duration": 90,
               "orderTime": "2016-01-06 11:02:35",
               "items": [{"itemId": "i1001", "name": "挂机空调清洗", "price": 99.00, "quantity": 1, "pic": "http://img.example.com/i1001.png"},
                         {"itemId": "i1002", "name": "柜机空调清洗", "price": 99.50, "quantity": 2, "pic": "http://img.example.com/i1002.png"}],
               "remark": "家"}
            ]
          },
          "page": null,
          "foot": {"operationTime": "2016-01-08 14:41:38", "servicePhone": "400800400", "host": "test"}
        }
        ```

        ####测试环境：

        http://10.0.0.1:8080/op/v2/getServiceOrders?apiVersion=01&token=o0001aa&sign=s1

        ```
        {"userId":"u0001aa00000000000000000000000000000001"}
        ```
        """;

    public const string Profile = """
        * [Op Api接口文档](/markdown/get-op-api) > 7.2

        ##7.2 获取OP资料
        ###URL:
        http://10.0.0.1:8080/op/v2/getStaffProfile
        ###方式:
        POST
        ###输入参数:
        |字段	 |类型 	|描述 	|可为空 |备注 |
        |:-----|:-----|:------|:-----|:-----|
        |staffId	|String |OP的ID 	|否 | |

        ###返回数据:
        |字段		|类型	|描述 		|备注		|
        |:----		|:----	|:----		|:----		|
        |staffId 	|String|OP的ID 	| 			|
        |name 	|String|OP姓名 	| 			|
        |avatar 	|String|头像 	| 			|
        |level 	|Integer|等级 	| 			|
        |score 	|Double|满意度评分 	| 			|
        |servingCount 	|Integer|接待中会话数 	| 			|
        |city 	|String|所在城市 	| 			|
        |skills 	|List<String>|技能 	| 			|
        |groups 	|List<Group>|所在分组 	| 			|
        |shop 	|Object|所属门店 	|详见`Shop`	|

        #Group
        |字段	|类型	|描述 |备注|
        |:----|:----|:----|:----|
        |groupId|String|分组ID| |
        |groupName|String|分组名称| |
        |memberCount|Integer|组内人数| |

        #Shop
        |字段	|类型	|描述 |备注|
        |:----|:----|:----|:----|
        |shopId|String|门店ID| |
        |name|String|门店名称| |
        |logo|String|门店logo| |

        ###返回json格式示例：
        ```
        {
          "code": 200,
          "message": "成功",
          "data": {
            "staffId": "o0001bb00000000000000000000000000000002",
            "name": "韩梅",
            "avatar": "http://img.example.com/han.png",
            "level": 3,
            "score": 4.8,
            "servingCount": 2,
            "city": "北京市",
            "skills": ["空调清洗", "投诉处理"],
            "groups": [{"groupId": "g0001", "groupName": "售后一组", "memberCount": 12}],
            "shop": {"shopId": "SH-0012", "name": "便民门店", "logo": "http://img.example.com/shop.png"}
          },
          "page": null,
          "foot": {"operationTime": "2016-01-08 14:41:38", "servicePhone": "400800400", "host": "test"}
        }
        ```

        ####测试环境：

        http://10.0.0.1:8080/op/v2/getStaffProfile?apiVersion=01&token=o0001aa&sign=s1

        ```
        {"staffId":"o0001bb00000000000000000000000000000002"}
        ```
        """;

    public const string Member = """
        * [Op Api接口文档](/markdown/get-op-api) > 7.3

        ##7.3 获取会员资料
        ###URL:
        http://10.0.0.1:8080/op/v2/getMemberProfile
        ###方式:
        POST
        ###输入参数:
        |字段	 |类型 	|描述 	|可为空 |备注 |
        |:-----|:-----|:------|:-----|:-----|
        |userId	|String |用户ID 	|否 | |

        ###返回数据:
        |字段		|类型	|描述 		|备注		|
        |:----		|:----	|:----		|:----		|
        |userId 	|String|用户ID 	| 			|
        |userName 	|String|用户姓名 	| 			|
        |memberNo 	|String|会员编号 	| 			|
        |inviteCode 	|String|邀请码 	| 			|
        |points 	|Integer|积分 	| 			|
        |balance 	|BigDecimal|账户余额 	|单位：元	|
        |vipLevel 	|Integer|会员等级 	| 			|
        |cardName 	|String|会员卡名称 	| 			|

        ###返回json格式示例：
        ```
        {
          "code": 200,
          "message": "成功",
          "data": {
            "userId": "u0001cc00000000000000000000000000000003",
            "userName": "李娜",
            "memberNo": "VIP00012345",
            "inviteCode": "KX9QZT",
            "points": 1280,
            "balance": 56.50,
            "vipLevel": 2,
            "cardName": "保洁年卡"
          },
          "page": null,
          "foot": {"operationTime": "2016-01-08 14:41:38", "servicePhone": "400800400", "host": "test"}
        }
        ```

        ####测试环境：

        http://10.0.0.1:8080/op/v2/getMemberProfile?apiVersion=01&token=o0001aa&sign=s1

        ```
        {"userId":"u0001cc00000000000000000000000000000003"}
        ```
        """;

    /// <summary>The three docs as (path, text), for <c>DocSet.FromTexts</c> or a docs folder.</summary>
    public static (string Path, string Text)[] All =>
        [("get-op-api/7.1.txt", Orders), ("get-op-api/7.2.txt", Profile), ("get-op-api/7.3.txt", Member)];
}
