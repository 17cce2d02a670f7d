"""Word lists the demo generator draws from: places, company words, people, products, notes."""

from __future__ import annotations

# (region, city in Chinese, city in English)
CITIES: tuple[tuple[str, str, str], ...] = (
    ("华东", "上海", "Shanghai"), ("华东", "杭州", "Hangzhou"), ("华东", "南京", "Nanjing"),
    ("华东", "苏州", "Suzhou"), ("华东", "宁波", "Ningbo"), ("华东", "合肥", "Hefei"),
    ("华东", "济南", "Jinan"), ("华东", "青岛", "Qingdao"), ("华东", "厦门", "Xiamen"),
    ("华东", "福州", "Fuzhou"), ("华南", "广州", "Guangzhou"), ("华南", "深圳", "Shenzhen"),
    ("华南", "东莞", "Dongguan"), ("华南", "佛山", "Foshan"), ("华南", "南宁", "Nanning"),
    ("华北", "北京", "Beijing"), ("华北", "天津", "Tianjin"), ("华北", "石家庄", "Shijiazhuang"),
    ("华北", "太原", "Taiyuan"), ("华中", "武汉", "Wuhan"), ("华中", "长沙", "Changsha"),
    ("华中", "郑州", "Zhengzhou"), ("华中", "南昌", "Nanchang"), ("西南", "成都", "Chengdu"),
    ("西南", "重庆", "Chongqing"), ("西南", "昆明", "Kunming"), ("西南", "贵阳", "Guiyang"),
    ("西北", "西安", "Xi'an"), ("西北", "兰州", "Lanzhou"), ("东北", "沈阳", "Shenyang"),
    ("东北", "大连", "Dalian"), ("东北", "哈尔滨", "Harbin"), ("东北", "长春", "Changchun"),
)

# Two-character brand words for Chinese company names.
BRAND_CHARS_A = "华中长恒永新盛鑫宏远泰安金银瑞祥嘉德信达通明光辉汇联宇天正海博诚润丰鼎"
BRAND_CHARS_B = "科创力源泰成达信通利发隆华业盛兴昌顺和美佳能宝伟腾飞锐智星"

# (industry code used in the book, Chinese business word, English business word)
INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("制造", "机械制造", "Machinery"), ("电子", "电子科技", "Electronics"),
    ("零售", "商贸", "Retail"), ("医药", "医药", "Pharma"), ("化工", "化工", "Chemicals"),
    ("建筑", "建设工程", "Construction"), ("物流", "物流", "Logistics"),
    ("食品", "食品", "Foods"), ("汽车", "汽车零部件", "Auto Parts"),
    ("能源", "新能源", "Energy"), ("软件", "软件", "Software"), ("纺织", "纺织", "Textiles"),
    ("教育", "教育科技", "Education"), ("医疗器械", "医疗器械", "Medical Devices"),
)

ZH_SUFFIXES = ("有限公司", "有限公司", "股份有限公司", "集团有限公司", "实业有限公司")

EN_WORDS_A = (
    "North", "Blue", "Silver", "Pacific", "Golden", "Summit", "Harbor", "Evergreen", "Bright",
    "Crescent", "Oak", "Riverside", "Granite", "Pioneer", "Apex", "Cedar", "Falcon", "Meridian",
    "Orchid", "Lotus", "Jade", "Crown", "Atlas", "Nova", "Vertex", "Beacon", "Sterling",
)
EN_WORDS_B = (
    "wind", "stone", "field", "bridge", "point", "line", "gate", "way", "ridge", "light",
    "star", "bay", "peak", "works", "path", "crest", "dale", "ford", "mark", "view",
)
EN_SUFFIXES = ("Co., Ltd.", "Ltd.", "Group", "Inc.", "Trading Co.", "Holdings")

ZH_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
ZH_GIVEN = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "志强", "晓东",
    "海燕", "建国", "玉兰", "鹏", "婷", "斌", "宇", "浩", "凯", "晨", "欣怡", "子涵", "思远",
)
EN_FIRST = (
    "James", "Mary", "John", "Linda", "David", "Susan", "Michael", "Karen", "Daniel", "Emma",
    "Peter", "Laura", "Thomas", "Anna", "Paul", "Grace", "Mark", "Helen", "Simon", "Claire",
)
EN_LAST = (
    "Smith", "Brown", "Wilson", "Taylor", "Clark", "Walker", "Hall", "Young", "King", "Wright",
    "Green", "Baker", "Hill", "Scott", "Adams", "Turner", "Parker", "Evans", "Collins", "Reed",
)

OWNERS = ("王磊", "李娜", "张伟", "陈静", "刘洋", "赵敏", "Chen Jie", "Li Ming", "周涛", "孙丽")
ZH_OWNERS = ("王磊", "李娜", "张伟", "陈静", "刘洋", "赵敏", "陈杰", "李明", "周涛", "孙丽")
EN_OWNERS = ("Wang Lei", "Li Na", "Zhang Wei", "Chen Jing", "Liu Yang", "Zhao Min", "Chen Jie",
             "Li Ming", "Zhou Tao", "Sun Li")

ZH_TITLES = ("总经理", "副总经理", "采购总监", "采购经理", "技术总监", "财务经理", "生产经理",
             "项目经理", "工程师", "采购专员", "董事长", "运营总监")
EN_TITLES = ("CEO", "General Manager", "Purchasing Director", "Buyer", "CTO", "Finance Manager",
             "Operations Manager", "Project Manager", "Engineer", "Procurement Specialist")
# Buying roles matched to titles by index band: senior titles decide, buyers buy, ...
TITLE_ROLES = ("decision_maker", "decision_maker", "economic_buyer", "economic_buyer",
               "technical_evaluator", "influencer", "user", "influencer", "user", "gatekeeper",
               "decision_maker", "influencer")

PRODUCTS_ZH = ("标准件", "定制件", "年度服务", "备品备件", "技术支持", "设备升级", "耗材",
               "软件许可", "培训服务", "整机")
PRODUCTS_EN = ("Standard parts", "Custom parts", "Annual service", "Spare parts",
               "Technical support", "Equipment upgrade", "Consumables", "Software licence",
               "Training", "Complete unit")

TAGS_ZH = ("老客户", "价格敏感", "决策慢", "有扩产计划", "国企", "外资", "上市公司", "重点跟进",
           "竞争对手在接触", "付款慢")
TAGS_EN = ("long-standing", "price-sensitive", "slow decisions", "expanding", "state-owned",
           "foreign-owned", "listed", "follow closely", "competitor active", "slow payer")

ZH_SUMMARIES = (
    "拜访采购部，了解下季度采购计划", "电话沟通交期问题", "与技术团队讨论新产品方案",
    "年度合作回顾会议", "介绍新推出的服务套餐", "处理上批次质量反馈", "商务谈判：价格与返利",
    "邀请参加行业展会", "培训客户操作人员", "高层互访，探讨战略合作",
)
EN_SUMMARIES = (
    "Visited purchasing to review next quarter's plan", "Call about delivery times",
    "Discussed a new product design with engineering", "Annual business review",
    "Presented the new service package", "Followed up the quality issue on the last batch",
    "Negotiated prices and rebates", "Invited them to the trade fair",
    "Trained the customer's operators", "Executive visit on strategic cooperation",
)
ZH_FEEDBACK = ("对交期满意", "认为价格偏高", "希望提供更多技术支持", "对服务响应速度表示认可",
               "暂无明确意向", "计划扩大采购量", "")
EN_FEEDBACK = ("Happy with delivery times", "Finds our prices high", "Wants more technical support",
               "Praised our response time", "No clear intention yet", "Plans to buy more", "")
ZH_NEXT_STEPS = ("发送报价单", "安排技术交流", "回访确认需求", "提交合作方案", "跟进付款",
                 "邀请高层会面", "寄送样品")
EN_NEXT_STEPS = ("Send the quotation", "Arrange a technical session", "Call back to confirm needs",
                 "Submit a cooperation proposal", "Chase the payment",
                 "Set up an executive meeting", "Send samples")
ZH_NEEDS = {
    "requirement": ("希望缩短交货周期", "需要定制包装", "要求提供月度对账单", "需要现场技术支持",
                    "希望获得更长账期"),
    "complaint": ("上批货物有质量问题", "发货延迟两周", "发票信息错误", "售后响应太慢",
                  "价格调整未提前通知"),
    "suggestion": ("建议开通线上下单", "建议增加产品培训", "建议定期回访", "建议优化包装设计"),
}
EN_NEEDS = {
    "requirement": ("Shorter lead times", "Custom packaging", "Monthly statements",
                    "On-site technical support", "Longer payment terms"),
    "complaint": ("Quality problem on the last batch", "Shipment two weeks late",
                  "Wrong invoice details", "After-sales response too slow",
                  "Price change without notice"),
    "suggestion": ("Open online ordering", "More product training", "Regular check-in calls",
                   "Better packaging design"),
}
