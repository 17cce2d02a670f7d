"""The column headers each import field is known by: Chinese (simplified and traditional),
Japanese and English, as ERPs (Kingdee, Yonyou, SAP), shops (Tmall, JD), Excel and Power BI
samples and KeyPlan's own exports write them.

Each entry is "CJK words|English words": CJK words separated by spaces (write none inside a
word), English ones by commas. A header matches a word when both are the same once reduced
(``columns.normalise_header``: width, case, spaces, punctuation and a bracketed unit such as
（万元） dropped), so "订单 ID" is 订单id and "Unit_Price" is unit price: a whole header, never a
part of one. Earlier words are better names: where two columns match one field, the one
matching the earlier word feeds it (Description before StockCode for the product).

A word names what the field means *in that kind of file*: "Sales" is an amount in a
transactions file and nothing in a customers file (not the owner: a customers list cut from
an order export keeps its sales column); 担当者 is a customer's owner but a contact's name.
"""

from __future__ import annotations

_CUSTOMER_CODE = ("客户编号 客户代码 客户编码 客户号 客户id 客户账号 会员号 会员编号 客戶編號 "
                  "客戶代碼 客戶編碼 客戶id 顧客コード 顧客番号 顧客id 得意先コード 取引先コード|"
                  "customer code, customer no, customer number, customer id, account code, "
                  "account no, account number, account id, client code, client id, buyer id")
_CUSTOMER_NAME = ("客户名称 客户 客户全称 客户姓名 公司名称 公司 单位名称 单位 购货单位 购买方 "
                  "买家会员名 买家昵称 买家 下单账号 下单帐号 客戶名稱 客戶 客戶全稱 公司名稱 "
                  "購貨單位 買家 顧客名 顧客 取引先名 取引先 得意先名 得意先 会社名|customer, "
                  "customer name, company, company name, account, account name, client, client "
                  "name, buyer, buyer name, bill to, sold to")
_EMAIL = ("邮箱 电子邮件 电子邮箱 邮件 email地址 邮箱地址 電子郵件 電郵 郵箱 メール "
          "メールアドレス|email, e-mail, mail, email address")
_NOTES = ("备注 说明 附注 备注信息 備註 說明 備考 メモ|notes, note, remarks, remark, comment, "
          "comments, memo")

_CUSTOMER_REF = {"customer_code": _CUSTOMER_CODE, "customer_name": _CUSTOMER_NAME}
_CONTACT_FIELDS = {
    "phone": ("电话 联系电话 座机 办公电话 固定电话 電話 聯絡電話 聯繫電話 電話番号|phone, tel, "
              "telephone, office phone, phone number"),
    "mobile": ("手机 手机号 手机号码 移动电话 手機 手機號碼 携帯 携帯電話 携帯番号|mobile, "
               "mobile phone, cell, cellphone, cell phone"),
    "email": _EMAIL,
    "notes": _NOTES,
}

CUSTOMERS: dict[str, str] = {
    "code": ("客户编号 客户代码 客户编码 客户号 客户id 客户账号 会员号 会员编号 客戶編號 "
             "客戶代碼 客戶編碼 客戶id 顧客コード 顧客番号 顧客id 得意先コード 取引先コード 编号 "
             "代码 編號 コード|code, customer code, customer no, customer number, customer id, "
             "account code, account no, account number, account id, client code, client id, "
             "buyer id"),
    "name": ("客户名称 客户 客户全称 客户姓名 公司名称 公司 单位名称 单位 购货单位 购买方 "
             "买家会员名 买家昵称 买家 下单账号 下单帐号 客戶名稱 客戶 客戶全稱 公司名稱 "
             "購貨單位 買家 顧客名 顧客 取引先名 取引先 得意先名 得意先 会社名 名称 名稱 氏名|"
             "customer name, name, full name, customer, company name, company, account name, "
             "account, client name, client, buyer name, buyer, bill to, sold to"),
    "kind": ("客户类型 客户类别 类型 客戶類型 客戶類別 類型 顧客区分|kind, type, customer type"),
    "industry": ("行业 所属行业 行业类别 行業 所屬行業 業種 業界|industry, sector"),
    "region": ("地区 区域 大区 省份 省 省自治区 所在省份 地區 區域 都道府県|region, area, "
               "province, state"),
    "city": ("城市 所在城市 市 縣市 市区町村|city, town"),
    "address": ("地址 详细地址 通讯地址 公司地址 收货地址 詳細地址 通訊地址 住所 所在地|address, "
                "street, street address"),
    "phone": ("电话 联系电话 座机 办公电话 固定电话 電話 聯絡電話 聯繫電話 電話番号 手机 手机号 "
              "手機|phone, tel, telephone, office phone, phone number, mobile"),
    "email": _EMAIL,
    "website": ("网站 网址 官网 主页 網站 網址 官網 ホームページ ウェブサイト|website, web, url, "
                "homepage"),
    "owner": ("负责人 客户经理 销售代表 销售员 业务员 归属销售 跟进人 負責人 客戶經理 業務員 "
              "業務代表 担当者 営業担当 営業担当者|owner, account manager, account owner, sales "
              "rep, salesperson, sales representative"),
    "tags": ("标签 標籤 タグ|tags, tag, labels"),
    "relationship_level": ("关系层次 关系等级 关系级别 關係層次|relationship, relationship level"),
    "price_orientation": ("价格倾向 價格傾向|price orientation"),
    "loyalty_segment": ("忠诚度细分 忠诚度类型 忠誠度細分|loyalty segment"),
    "channel": ("渠道 销售渠道 通路 銷售渠道 チャネル 販売チャネル|channel, sales channel"),
    "notes": _NOTES,
}

CONTACTS: dict[str, str] = {
    **_CUSTOMER_REF,
    "name": ("联系人 联系人姓名 姓名 名字 聯絡人 聯繫人 聯絡人姓名 担当者 担当者名 氏名|contact, "
             "contact name, contact person, name, full name, person"),
    "title": ("职位 职务 头衔 岗位 職位 職務 職稱 役職|title, position, job title, role title"),
    "department": ("部门 所属部门 部門 所屬部門 所属 部署|department, dept"),
    **_CONTACT_FIELDS,
    "role": ("采购角色 角色 决策角色 採購角色|role, buying role"),
    "influence": ("影响力 影響力|influence"),
    "attitude": ("态度 对我方态度 態度|attitude"),
    "is_primary": ("主要联系人 首要联系人 主联系人 主要聯絡人|primary, primary contact, main "
                   "contact"),
}

TRANSACTIONS: dict[str, str] = {
    **_CUSTOMER_REF,
    "date": ("日期 交易日期 开票日期 订单日期 销售日期 单据日期 下单日期 下单时间 订单创建时间 "
             "创建时间 成交时间 业务日期 发货日期 開票日期 訂單日期 銷售日期 單據日期 下單時間 "
             "日付 売上日 注文日 受注日 伝票日付 取引日 請求日|date, invoice date, order date, "
             "transaction date, sale date, sales date, order time, created at, order created"),
    "amount": ("金额 销售额 销售金额 含税金额 价税合计 开票金额 订单金额 实付金额 实付款 "
               "买家实际支付金额 成交金额 支付金额 总金额 订单总金额 应付金额 收入 营业额 銷售額 "
               "銷售金額 含稅金額 訂單金額 實付金額 總金額 營業額 金額 売上 売上高 売上金額 "
               "税込金額 請求金額 合計金額|amount, sales, revenue, sales amount, net sales, "
               "invoice amount, order amount, total amount, line total, amount paid, value"),
    # Not "Margin": KeyPlan's customer export writes a margin rate under it.
    "profit": ("毛利 毛利额 毛利润 利润 利潤 毛利潤 粗利 粗利益 利益|profit, gross profit, "
               "gross margin"),
    "due_date": ("到期日 到期日期 应收日期 应付款日期 付款期限 账期到期日 應收日期 支払期日 "
                 "支払期限 入金予定日|due date, due, payment due"),
    "paid_date": ("付款日 付款日期 付款时间 回款日期 收款日期 实际付款日 到账日期 入金日|paid "
                  "date, payment date, paid on, paid"),
    "reference": ("凭证号 参考号 行号 子订单编号 明细号 行id 憑證號 參考號 明細番号 行番号|"
                  "reference, ref, line id, line no, row id"),
    "order_no": ("订单号 订单编号 订单id 订单 单号 单据号 单据编号 发票号 发票号码 销售单号 "
                 "出库单号 主订单编号 訂單編號 訂單號 訂單id 單號 單據號碼 發票號碼 注文番号 "
                 "受注番号 伝票番号 請求書番号 注文id|order, order id, order no, order number, "
                 "invoice, invoice no, invoice number, invoice id, document no, sales order, "
                 "sales order no"),
    "quantity": ("数量 销售数量 件数 购买数量 商品数量 宝贝数量 數量 銷售數量 購買數量 個数|"
                 "quantity, qty, units, units sold"),
    "unit_price": ("单价 含税单价 销售单价 商品单价 單價 含稅單價 単価 販売単価|unit price, "
                   "price, sale price, sales price"),
    "product": ("产品 产品名称 品名 商品 商品名称 宝贝标题 商品标题 物料名称 物料 货品 产品编号 "
                "商品编号 物料编码 產品 產品名稱 商品名稱 貨品 商品名 品目 製品名 商品コード|"
                "product, product name, item, item name, description, article, sku, product id, "
                "stock code"),
    "notes": _NOTES,
}
