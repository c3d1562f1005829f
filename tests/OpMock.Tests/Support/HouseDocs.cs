namespace OpMock.Tests.Support;

/// <summary>
/// Docs written for the tests in the house format, with its quirks on purpose: headings without a
/// space, tab padding, separators of another width, a full-width row, a misspelled reference, a
/// section named after its field, List&lt;Section&gt;, and a transfer doc that links to a direct doc.
/// </summary>
internal static class HouseDocs
{
    public const string Orders = """
        * [Op Api接口文档](/markdown/get-op-api) > 3.1

        ##3.1 获取用户订单列表
        ###URL:
        http://10.0.0.1:8080/op/v2/getOrdersByUserId
        ###方式:
        POST
        ###输入参数:
        |字段	 |类型 	|描述 	|可为空 |备注 |
        |:-----|:-----|:------|:-----|
        |userId	|String |用户ID 	|否 |- |
        |pageSize	|int |每页条数 	|是 | |
        |onlyPaid	|boolean |只看已付款 	|是 | |

        ###返回数据:
        |字段		|类型	|描述 		|备注		|
        |:----		|:----	|:----		|:----		|:----|
        |total 	|Long|订单总数 	| 			|
        |orders 		|List<Order>	|订单集合 		|	|
        |updatedAt 		|Date	|更新时间 		|	|
        |shop 		|Object	|店铺 		|详细信息参考`Shpo`	|
        |extra 		|Map	|扩展信息 		|	|

        #Order
        |字段	|类型	|描述 |备注|
        |:----|:----|:----|:----|:----|
        |orderId|String|订单ID| |
        |amount|BigDecimal|金额| |
        |paid|Boolean|是否付款| |
        |payTime|String|付款时间,格式为`yyyy-MM-dd HH:mm:ss`| |
        |items|List|商品|详见`items`|
        ｜count|Integer|件数 | |

        #####商品集合 items ：
        |字段	|类型	|描述 |备注|
        |:----|:----|:----|:----|
        |sku|String|商品编码| |
        |price|Double|单价| |

        #Shop
        |字段	|类型	|描述 |备注|
        |:----|:----|:----|:----|
        |shopId|String|店铺ID| |
        |name|String|店铺名称| |

        ###返回json格式示例：
        ```
        {
          "code": 200,
          "message": "成功",
          "data": {
            "total": 1,
            "orders": [
              {"orderId": "d0001", "amount": 12.5, "paid": true, "payTime": "2016-01-06 10:59:12",
               "items": [{"sku": "A1", "price": 12.5}], "count": 1}
            ],
            "updatedAt": "2016-01-06 10:59:12",
            "shop": {"shopId": "s1", "name": "小店"},
            "extra": {}
          },
          "page": null,
          "foot": {"operationTime": "2016-01-08 14:41:38", "servicePhone": "400800400", "host": "test"}
        }
        ```

        ####测试环境：

        http://10.0.0.1:8080/op/v2/getOrdersByUserId?apiVersion=01&client=c1&token=o0001aa&sign=s1

        ```
        {"userId":"u0001abc"}
        ```

        ###版本历史：

        |版本 |时间 |描述 |操作人 |
        |:----|:------|:------|:------|
        |01 |2016-03-03 |基础版 |测试|
        """;

    public const string OrdersTransfer = """
        ##4.2 获取用户订单列表(中转)
        ###URL:
        http://10.0.0.1:8086/opapp/transfer
        ###方式:
        post
        ###输入参数:
        |字段	 |类型 	|描述 	|可为空 |备注 |
        |:-----|:-----|:------|:-----|:----|
        |reqUrl|String|请求的url|否 | |
        |userId|String|用户ID|否 | |

        ###返回数据:

        参见[OP Api 获取用户订单列表](/markdown/get-op-api/3.1.txt)

        ####测试环境：

        http://10.0.0.1:8086/opapp/transfer?apiVersion=01

        {"reqUrl":"/op/v2/getOrdersByUserId","userId":"u0001abc"}
        """;
}
