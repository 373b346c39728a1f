"""Quantity forms and look-alikes of issue 12, table-driven, with sentences written for the
tests; and a check that every entry of the quantity lexicons (extractor/data/*.tsv) is used."""

from __future__ import annotations

import pytest

from extractor import extract, parse_quantity
from extractor.lexicon import table, words
from extractor.quantity import MEASURE_SHAPE, _Finder
from extractor.ranker import replace_parts, shipped
from extractor.sentences import split_clauses, split_sentences
from extractor.units import UNIT_NORMAL, normal_unit
from tests.lexicon_checks import check_lexicon_file
from tests.quantity_checks import found as _found

#: Why a case below is a strict expected failure (docs/HISTORY.md, thirty-seventh session).
S37 = "the model retrained in the thirty-seventh session"
S44 = "the model retrained in the forty-fourth session"
#: its look-alike filter's operating point chosen by the CV moved from threshold 0.49 to 0.51
S44_DROPS = S44 + " drops it (its look-alike filter: the CV moved the threshold to 0.51)"
S45 = "the model retrained in the forty-fifth session"

# sentence, surface proposed, value, value_max, unit, qualifier, kind
FORMS = [
    # measure words of shipping, transport and administration
    ("今年港口集装箱吞吐量达到860万标箱。", "达到860万标箱", 8.6e6, None, "标箱", "=", "count"),
    ("码头全年完成42万标准箱。", "42万标准箱", 4.2e5, None, "标准箱", "=", "count"),
    ("进出港船舶共计3万艘次。", "3万艘次", 3e4, None, "艘次", "=", "count"),
    ("机场保障航班1200架次。", "1200架次", 1200, None, "架次", "=", "count"),
    ("春运期间加开临客80车次。", "80车次", 80, None, "车次", "=", "count"),
    ("公交公司新增夜班线路15班次。", "15班次", 15, None, "班次", "=", "count"),
    ("新船可提供2000客位。", "2000客位", 2000, None, "客位", "=", "count"),
    ("医院新增床位350床位。", "350床位", 350, None, "床位", "=", "count"),
    ("这艘油轮为30万载重吨。", "30万载重吨", 3e5, None, "载重吨", "=", "weight"),
    ("活动覆盖全国31省市。", "31省市", 31, None, "省市", "=", "count"),
    ("调查走访了25省区市。", "25省区市", 25, None, "省区市", "=", "count"),
    ("产品销往18省份。", "18省份", 18, None, "省份", "=", "count"),
    # an unknown single-character measure word, confirmed by the tagger
    ("美术馆展出8幅作品。", "8幅", 8, None, "幅", "=", "count"),
    ("铁路局加开28趟列车。", "28趟", 28, None, "趟", "=", "count"),
    ("工人们立起10根柱子。", "10根", 10, None, "根", "=", "count"),
    # a space between number and scale or unit
    ("该厂去年售出260 万部手机。", "260 万部", 2.6e6, None, "部", "=", "count"),
    ("共有14 个项目入选。", "14 个", 14, None, "个", "=", "count"),
    ("全年营收3.5\u3000亿元。", "3.5\u3000亿元", 3.5e8, None, "元", "=", "money"),
    # Hong Kong dollars however written; other currencies written before the amount
    ("公司捐出港币1000万元。", "港币1000万元", 1e7, None, "港元", "=", "money"),
    ("大宅以港元约2亿元成交。", "港元约2亿元", 2e8, None, "港元", "~", "money"),
    ("收购作价5亿元港币。", "5亿元港币", 5e8, None, "港元", "=", "money"),
    ("上市集资80亿港币。", "80亿港币", 8e9, None, "港元", "=", "money"),
    ("两地合作基金规模为人民币50亿元。", "人民币50亿元", 5e9, None, "元", "=", "money"),
    ("门票收入300万人民币。", "300万人民币", 3e6, None, "元", "=", "money"),
    ("岛内补贴新台币2000元。", "新台币2000元", 2000, None, "新台币", "=", "money"),
    ("他年薪500万美金。", "500万美金", 5e6, None, "美元", "=", "money"),
    ("他花了800块钱买了一辆旧车。", "800块钱", 800, None, "元", "=", "money"),
    # thousands with a full-width comma
    ("项目总投资5，000万元，其中一半为贷款。", "5，000万元", 5e7, None, "元", "=", "money"),
    ("全市共有12，500家企业。", "12，500家", 12500, None, "家", "=", "count"),
    # a range after a verb of change, the first number without a unit of its own
    ("每月租金要上涨1000至2000元。", "1000至2000元", 1000, 2000, "元", "=", "money"),
    # a space before the decimal point, a typesetting slip
    ("这款手机配备了3 .5英寸的屏幕。", "3 .5英寸", 3.5, None, "英寸", "=", "length"),
    # a population: 人口 after a number counts people
    ("这座城市有110万人口。", "110万人口", 1.1e6, None, "人", "=", "count"),
    # a bare fraction: a share (unit %) whose value the guideline leaves null
    ("今年销量同比增长了2/3，库存见底。", "2/3", None, None, "%", "=", "percent"),
    ("调查显示约有1/4的人支持这一方案。", "约有1/4", None, None, "%", "~", "percent"),
    # a fraction takes the qualifier words around it like any number
    ("规定外籍演员必须超过1/3，本地演员不得超过1/3。", "超过1/3", None, None, "%", ">", "percent"),
    # the thirty-eighth and forty-fourth sessions' models dropped it (their look-alike filter);
    # found by the others since the forty-second's
    pytest.param(
        "规定本地演员不得超过1/3。",
        "不得超过1/3",
        None,
        None,
        "%",
        "<=",
        "percent",
    ),
    ("该区绿地面积占到1/5以上。", "1/5以上", None, None, "%", ">=", "percent"),
    # two ranks in one ordinal
    ("两名选手分获第二三名。", "第二三", 2, 3, "", "=", "other"),
    # units that start with a scale word
    ("这只熊重12千克。", "12千克", 12, None, "千克", "=", "weight"),
    ("全年用电3000千瓦时。", "3000千瓦时", 3000, None, "千瓦时", "=", "other"),
    # scale words counting on their own, approximate digit pairs, halves
    ("店内百余款沙发打折出售。", "百余款", 100, None, "款", ">", "count"),
    ("这篇短文只有数百字。", "数百字", 100, None, "字", ">", "count"),
    # an unknown measure word after a qualified round number in words
    ("百褶裙少则数百褶，多则上千褶。", "数百褶", 100, None, "褶", ">", "count"),
    ("百褶裙少则数百褶，多则上千褶。", "上千褶", 1000, None, "褶", ">=", "count"),
    ("游戏里有万余种道具。", "万余种", 10000, None, "种", ">", "count"),
    ("全年浇筑混凝土一万余方。", "一万余方", 10000, None, "方", ">", "other"),
    ("一年学费需四五万元。", "四五万元", 40000, 50000, "元", "=", "money"),
    ("现场来了三四十人。", "三四十人", 30, 40, "人", "=", "count"),
    ("这次巡演为期半年，共演出80场。", "半年", 0.5, None, "年", "=", "duration"),
    ("这家老店已有二十年历史。", "二十年", 20, None, "年", "=", "duration"),
    ("他们用了两年时间研发新药。", "两年", 2, None, "年", "=", "duration"),
    # sport, heights, top ranks, first of something
    ("他全场12投9中，效率很高。", "12投9中", 12, None, "投", "=", "count"),
    ("这名中锋身高2米16。", "2米16", 2.16, None, "米", "=", "length"),
    ("该品牌连续五年进入销量前三名。", "前三名", 3, None, "", "<=", "other"),
    ("他是第一个登上山顶的人。", "第一个", 1, None, "", "=", "other"),
    # currencies in brackets, rates, negative shares in a list, 成 and a half
    ("这幅画拍出40万(新台币)。", "40万(新台币)", 4e5, None, "新台币", "=", "money"),
    ("相机每秒可连拍8张/秒。", "8张/秒", 8, None, "张/秒", "=", "other"),
    ("三只基金分别下跌-0.5%、-1.2%。", "-1.2%", -1.2, None, "%", "=", "percent"),
    ("公司占据市场四成半。", "四成半", 45, None, "%", "=", "percent"),
    ("新款手机促销1999，限量发售。", "1999", 1999, None, "", "=", "other"),
    # sizes and a unit after a modifier word
    ("机身尺寸为120×60×20mm。", "120×60×20mm", 120, None, "mm", "=", "length"),
    ("屏幕分辨率为1920×1080像素。", "1920×1080像素", 1920, None, "像素", "=", "other"),
    ("镜头尺寸为70×90mm。", "70×90mm", 70, None, "mm", "=", "length"),
    # a space around the sign, a unit after each part, a word after the sizes
    ("也可拍摄640 × 480像素的视频。", "640 × 480像素", 640, None, "像素", "=", "other"),
    ("机身尺寸为96mm×62.1mm×26.7mm。", "96mm×62.1mm×26.7mm", 96, None, "mm", "=", "length"),
    ("最大可拍摄4000*3000分辨率的照片。", "4000*3000", 4000, None, "", "=", "other"),
    ("新机拥有2400万有效像素。", "2400万有效像素", 2.4e7, None, "像素", "=", "other"),
    # season records, unknown measure words before a noun that starts like a unit, changes
    ("火箭队目前战绩为40胜30负。", "40胜", 40, None, "胜", "=", "count"),
    ("火箭队目前战绩为40胜30负。", "30负", 30, None, "负", "=", "count"),
    ("巴特勒以8号种子身份进入四强。", "8号种子", 8, None, "", "=", "other"),
    ("白色牛仔裤 ￥7,800(Gap)", "￥7,800", 7800, None, "元", "=", "money"),
    ("手袋￥19‚950(某品牌)", "￥19‚950", 19950, None, "元", "=", "money"),
    ("门票HK$500一张。", "HK$500", 500, None, "港元", "=", "money"),
    ("他得到22分6篮板5助攻。", "6篮板", 6, None, "篮板", "=", "count"),
    ("这次足足停了半个小时，共3辆车。", "半个小时", 0.5, None, "小时", "=", "duration"),
    ("相伴的一年半时间里，它长了3斤。", "一年半", 1.5, None, "年", "=", "duration"),
    ("他的三分命中率达到了4成2。", "4成2", 42, None, "%", "=", "percent"),
    ("调查显示过半受访者压力大，共3成。", "过半", 50, None, "%", ">", "percent"),
    ("有私家车的仅占一成，共3人。", "一成", 10, None, "%", "=", "percent"),
    # a number written in two scaled parts
    ("今年有8万7千多名参会者。", "8万7千多名", 87000, None, "名", ">", "count"),
    ("公司投资1亿2千万元建厂。", "1亿2千万元", 1.2e8, None, "元", "=", "money"),
    ("约8万7千人到场。", "约8万7千人", 87000, None, "人", "~", "count"),
    # a stat line: each number its own mention, points first
    # a share or a discount in quotes quotes a rule, it names nothing
    ("银行严格执行“首付四成”的规定。", "四成", 40, None, "%", "=", "percent"),
    ("银行暂停“首套房贷七折利率优惠”。", "七折", 7, None, "折", "=", "other"),
    ("球队已锁定14+6猛将。", "14", 14, None, "", "=", "score"),
    ("球队已锁定14+6猛将。", "6", 6, None, "", "=", "count"),
    ("科比砍下22+6+5！", "5", 5, None, "", "=", "count"),
    ("他全场8投仅1中。", "8投仅1中", 8, None, "投", "=", "count"),
    ("他两罚全中。", "两罚全中", 2, None, "", "=", "count"),
    ("科斯蒂奇两罚命中，分差来到13分。", "两罚命中", 2, None, "", "=", "count"),
    ("麦基被犯规，两罚都没进。", "两罚都没进", 2, None, "", "=", "count"),
    ("补贴覆盖电视、冰箱等9类家电产品。", "9类", 9, None, "类", "=", "count"),
    ("干旱的年数由2年上升至6年。", "2年", 2, None, "年", "=", "duration"),
    ("他有在海外2-4年的工作经验。", "2-4年", 2, 4, "年", "=", "duration"),
    # durations followed by what happened in them, levels, anniversaries, trading days
    ("新品上市后2小时卖出一万台。", "2小时", 2, None, "小时", "=", "duration"),
    # (the forty-fourth session's model dropped it: its look-alike filter at threshold 0.51)
    pytest.param(
        "邮件超过时限1小时之后，系统会退回。",
        "1小时",
        1,
        None,
        "小时",
        "=",
        "duration",
    ),
    # seven days that are not round the clock
    ("同期还有为期7天的双倍经验活动。", "7天", 7, None, "天", "=", "duration"),
    ("宠物受孕7天后产仔，共3只。", "7天", 7, None, "天", "=", "duration"),
    ("片方发布了60秒新预告片。", "60秒", 60, None, "秒", "=", "duration"),
    ("他在医院躺了5个月出院。", "5个月", 5, None, "个月", "=", "duration"),
    ("短短十个交易日，指数涨了8%。", "十个交易日", 10, None, "个交易日", "=", "duration"),
    ("审批须在15个工作日办结。", "15个工作日", 15, None, "个工作日", "=", "duration"),
    ("该市昨夜发生4.6级地震。", "4.6级", 4.6, None, "级", "=", "other"),
    ("新版本开放了30到40级的任务。", "30到40级", 30, 40, "级", "=", "other"),
    ("两座城市缔结友好关系20周年。", "20周年", 20, None, "周年", "=", "duration"),
    # measure words of every kind, also after Chinese numerals
    ("这部电影我看了十几遍。", "十几遍", 10, None, "遍", ">", "count"),
    ("论坛已连续举办三届。", "三届", 3, None, "届", "=", "count"),
    ("卫生部等五部委联合发文。", "五部委", 5, None, "部委", "=", "count"),
    ("他每天绕操场跑20圈。", "20圈", 20, None, "圈", "=", "count"),
    ("这部剧共拍了40集。", "40集", 40, None, "集", "=", "count"),
    # ranks with their measure word, top N before 的位置, "only one", 一 with a qualifier
    ("该公司成为国内第32家合资基金公司。", "第32家", 32, None, "", "=", "other"),
    ("他基本锁定了前10的位置，得了3分。", "前10", 10, None, "", "<=", "other"),
    # the thirty-seventh session's model dropped it (一 + a measure word); found by the
    # forty-second and forty-third sessions' retrains
    pytest.param(
        "其媒体只有一个记者名额，共3人。",
        "一个",
        1,
        None,
        "个",
        "=",
        "count",
        marks=pytest.mark.xfail(
            strict=True,
            reason=S44_DROPS + "; the forty-fifth session's drops it too, at threshold 0.49",
        ),
    ),
    ("审批时间在一周左右，共3天。", "一周左右", 1, None, "周", "~", "duration"),
    # a list whose last item alone carries the scale and unit
    ("产销量分别达到6000、7500、8800万平方米。", "7500", 7.5e7, None, "平方米", "=", "area"),
    ("增速分别为1.2、3.4、5.6%。", "1.2", 1.2, None, "%", "=", "percent"),
    # approximate pairs of durations (but 一两年 is vague)
    ("房子已装修过七八年了。", "七八年", 7, 8, "年", "=", "duration"),
    # ranks in a field (standings, sales), a rank described by its noun
    ("球队目前排在西部第二，还剩3场。", "第二", 2, None, "", "=", "other"),
    ("爵士以西部第11名的成绩结束了赛季。", "第11", 11, None, "", "=", "other"),
    # fractions in words, doubles, multiples of one, discounts
    # a fraction has no one value (GUIDELINE: 1/2.3 -> null)
    ("管理费缩水了三分之二。", "三分之二", 200 / 3, None, "%", "=", "percent"),
    ("农民工占全市人口的四分之一。", "四分之一", 25, None, "%", "=", "percent"),
    ("今年奖金是双倍，共发了3次。", "双倍", 2, None, "倍", "=", "other"),
    ("公司收入增加了一倍。", "一倍", 1, None, "倍", "=", "other"),
    ("全场商品6.8折出售。", "6.8折", 6.8, None, "折", "=", "other"),
    ("首套房贷享受七折优惠利率。", "七折", 7, None, "折", "=", "other"),
    ("门票打八五折。", "八五折", 8.5, None, "折", "=", "other"),
    # a space before a Latin-script or Chinese unit
    ("他每天跑30 英里。", "30 英里", 30, None, "英里", "=", "length"),
    # points of an index (a cue or a value no clock has)
    ("沪指下跌24点，收于2245点。", "24点", 24, None, "点", "=", "other"),
    ("股指冲到6000点的高位。", "6000点", 6000, None, "点", "=", "other"),
    # an example with a date is a real event
    ("比如2010年5月在杭州举办的展会吸引了3000名观众。", "3000名", 3000, None, "名", "=", "count"),
    # second pass: the length of a wait, lists sharing a unit, shares and ratios
    ("银行收到材料一个月后放款。", "一个月", 1, None, "个月", "=", "duration"),
    ("新药上市3年后才开始盈利。", "3年", 3, None, "年", "=", "duration"),
    ("三款机型分别售价2.5、3.8和4.6元。", "2.5", 2.5, None, "元", "=", "money"),
    ("三款机型分别售价2.5、3.8和4.6元。", "3.8", 3.8, None, "元", "=", "money"),
    ("他在两场比赛中分别拿下31和28分。", "31", 31, None, "分", "=", "score"),
    ("公司高管年薪在百万上下。", "百万上下", 1e6, None, "", "~", "money"),
    ("约有三分之二的职工参加了培训。", "约有三分之二", 200 / 3, None, "%", "~", "percent"),
    ("两家公司按3：7的比例出资。", "3：7", None, None, "", "=", "other"),
    ("该校男女生比例为1.5比1。", "1.5比1", 1.5, None, "", "=", "other"),
    ("展会吸引了十来个国家的厂商。", "十来个", 10, None, "个", "~", "count"),
    ("他在第五顺位被球队选中。", "第五", 5, None, "", "=", "other"),
    ("这家公司的销量第二，利润第一。", "第二", 2, None, "", "=", "other"),
    ("该厂去年投资了2亿新加坡元。", "2亿新加坡元", 2e8, None, "新加坡元", "=", "money"),
    ("购机即送2G存储卡一张。", "2G", 2, None, "G", "=", "other"),
    ("这台电脑的内存为4G。", "4G", 4, None, "G", "=", "other"),
    ("这名中锋身高7尺1寸。", "7尺1寸", 7, None, "尺", "=", "length"),
    ("公司净利润实现两位数增长。", "两位数", 10, None, "%", ">=", "percent"),  # a rate (s13)
    ("这批球衣的号码都是三位数。", "三位数", 100, None, "", ">=", "other"),
    ("参赛的有5辆车。", "5辆", 5, None, "辆", "=", "count"),
    ("街道已摸排辖内102家小微企业。", "102家", 102, None, "家", "=", "count"),
    ("工商银行[5.08 -0.20%]今天小幅下跌。", "5.08", 5.08, None, "", "=", "money"),
    ("深基指低开3.75点。", "3.75点", 3.75, None, "点", "=", "other"),
    ("主队反超1分之时，客队叫了暂停。", "1分", 1, None, "分", "=", "score"),
    ("工程历时两个多月。", "两个多月", 2, None, "个月", ">", "duration"),
    ("他在这里工作了一年多。", "一年多", 1, None, "年", ">", "duration"),
    ("客流量增长了一倍多。", "一倍多", 1, None, "倍", ">", "other"),
    ("他们等了三个多小时。", "三个多小时", 3, None, "小时", ">", "duration"),
    ("他花了一个半小时才到。", "一个半小时", 1.5, None, "小时", "=", "duration"),
    ("工期为三个半月。", "三个半月", 3.5, None, "个月", "=", "duration"),
    ("两队的差距缩小到一场半。", "一场半", 1.5, None, "场", "=", "count"),
    ("该机的市场售价为8GB 1350元。", "1350元", 1350, None, "元", "=", "money"),
    ("新款售价RMB 3999。", "RMB 3999", 3999, None, "元", "=", "money"),
    ("这款手机价格为人民币2999，已经开售。", "人民币2999", 2999, None, "元", "=", "money"),
    ("该队本赛季只赢了一场。", "一场", 1, None, "场", "=", "count"),
    ("这座桥已有近百年历史。", "近百年", 100, None, "年", "~", "duration"),
    ("这座古城有着千年历史。", "千年", 1000, None, "年", "=", "duration"),
    ("会议持续了整整一天。", "一天", 1, None, "天", "=", "duration"),
    ("这款相机的最大光圈为F/2.8-5.6。", "F/2.8-5.6", 2.8, 5.6, "F", "=", "other"),
    ("最大可拍摄4000×3000的照片。", "4000×3000", 4000, None, "", "=", "other"),
    ("相机的感光度最高可达 ISO 3200。", "ISO 3200", 3200, None, "ISO", "=", "other"),
    ("感光度范围为ISO100-ISO6400。", "ISO100-ISO6400", 100, 6400, "ISO", "=", "other"),
    ("它采用26万色TFT屏幕。", "26万色", 260000, None, "色", "=", "count"),
    ("沪指今天重返3000关口。", "3000", 3000, None, "", "=", "other"),
]


@pytest.mark.parametrize(("text", "surface", "value", "vmax", "unit", "qual", "kind"), FORMS)
def test_new_forms_are_found(text, surface, value, vmax, unit, qual, kind) -> None:
    found = _found(text)
    assert surface in found, (text, list(found))
    c = found[surface]
    expected = pytest.approx(value) if isinstance(value, float) else value
    assert (c.value, c.value_max, c.unit, c.qualifier, c.kind) == (expected, vmax, unit, qual, kind)


# sentence, the text of a look-alike that must not be proposed (no candidate overlaps it)
LOOKALIKES = [
    # team and product names, classes
    ("费城76人主场迎战凯尔特人。", "76人"),
    ("76人队昨天输了球。", "76人"),
    ("上一场比赛不敌76人之后，球队调整了阵容。", "76人"),
    ("本赛季76人队战绩不佳，76人能否翻身还难说。", "76人能"),
    ("他被送进当地一家三甲医院。", "三甲"),
    ("九价疫苗供不应求。", "九价"),
    ("00后员工越来越多。", "00后"),
    ("一线城市房价上涨。", "一线"),
    ("中国队闯入四强。", "四强"),
    ("第5代战机已经服役。", "5代"),
    ("新款3系轿车上市。", "3系"),
    ("3维打印技术日趋成熟。", "3维"),
    ("这是一款1房户型。", "1房"),
    # figures of speech
    ("赢了球，大家开心10倍。", "10倍"),
    ("全队信心百倍地迎接决赛。", "百倍"),
    ("他的态度来了个180度转变。", "180度"),
    ("政策出现180度的大转弯。", "180度"),
    ("对这个结果我一百个放心。", "一百个"),
    # thresholds and criteria
    ("90平米以下住房契税减半。", "90平米以下"),
    ("重5公斤以上包裹另行收费。", "5公斤以上"),
    ("工作不足两年的员工不能参评。", "不足两年"),
    ("未满18岁的人不得入内。", "18岁"),
    ("单笔1000万元以上项目须报批。", "1000万元以上"),
    # questions about a number
    ("今年销量能否突破100万辆？", "100万辆"),
    ("房价会不会再涨10%？", "10%"),
    ("今年卖了80万辆，明年能否突破100万辆？", "100万辆"),
    ("难道票价真要涨到500元?", "500元"),
    # time frames
    ("过去2年，公司利润增长了一倍。", "2年"),
    ("未来5年内，公司将投资100亿元。", "5年"),
    ("今后三年，全市要新建学校。", "三年"),
    ("前两个月，出口形势严峻。", "两个月"),
    ("近3年来，公司扭亏为盈。", "3年"),
    # vague and relative durations, codes, ranks as conditions, names in quotes and titles
    ("他打算再干一两年就退休。", "一两年"),
    ("工程三四个月前已经完工。", "三四个月"),
    ("这座桥建于80年前。", "80年"),
    ("热线电话：400-820-1234。", "820"),
    ("第一名的选手将获得奖金。", "第一名"),
    ("会议讨论了打击“三股势力”的办法，三股势力危害很大。", "三股势力危害"),
    ("电影《第一大总统》今天上映。", "第一"),
    ("累计净值超过“3元”的基金有11只。", "3元"),
    ("评比分为一年、两年、三年的三个档次。", "两年"),
    # scopes of a statistic and criteria before 的
    pytest.param(
        "统计的230只股票型基金中，180只下跌。",
        "230只",
    ),
    # the thirty-seventh session's model kept it; dropped again since the forty-fourth's
    ("120只股票型基金的平均仓位为80%。", "120只"),
    pytest.param(
        "仓位最高的5只基金都满仓了。",
        "5只",
    ),
    ("须开发过不少于建筑面积50万平方米的项目。", "50万平方米"),
    ("涨幅超过五成的个股有几十只。", "超过五成"),
    # durations as the scope of another figure or round the clock, conditions, occasions
    ("在那里读本科3年学费要40万元。", "3年"),
    ("他们4年毕业需要花费更多。", "4年"),
    ("客服中心24小时值班接听电话。", "24小时"),
    ("比赛还有12秒时主队领先。", "12秒"),
    ("玩家到30级时可以转职。", "30级"),
    ("角色升到50级的时候会解锁坐骑。", "50级"),
    ("40级以后升级变慢。", "40级"),
    ("这部影片是纪念建校一百周年的献礼。", "一百周年"),
    ("全市举行活动庆祝建市六十周年。", "六十周年"),
    # a count that sums up the list before it, people already named, brackets of a share
    pytest.param(
        "北京、天津、重庆三座城市入选。",
        "三座",
        marks=pytest.mark.xfail(strict=True, reason=S44 + " keeps it (list_summary is soft now)"),
    ),
    pytest.param(
        "甲基金、乙基金两只基金表现最好。",
        "两只",
        marks=pytest.mark.xfail(strict=True, reason=S44 + " keeps it (list_summary is soft now)"),
    ),
    ("两人在合作中结下友谊。", "两人"),
    ("记者与两位主演聊了聊。", "两位"),
    ("尽管三人的组合很年轻，前景仍被看好。", "三人"),
    ("月薪5000~8000元的占12.5%。", "5000~8000元"),
    ("月薪20000元以上(含20000元)的占3%。", "20000元以上"),
    # tiers, designs, vague stretches of time, numerals inside names
    ("二三级城市的房价也在上涨。", "二三级"),
    ("镜头采用两段式设计。", "两段"),
    ("近一段时间以来，股价波动很大。", "一段"),
    ("会议确定马英九回任主席。", "九回"),
    # moments on a game clock, years written with two digits, N-year highs
    ("比赛还剩7.5秒时主队领先。", "7.5秒"),
    ("终场前15秒他投进关键球。", "15秒"),
    ("从97年企业创立以来，公司发展很快。", "97年"),
    ("沪指创3年新高。", "3年"),
    # features named by a multiple, idioms
    ("玩家可领取双倍经验卡，共3张。", "双倍"),
    ("他的婚事一波三折。", "三折"),
    ("他一年半载也回不来，共3人。", "一年半"),
    ("他希望40岁前当爸爸，今年35岁。", "40岁"),
    ("2009年的第二个交易月，基金涨了3%。", "第二个"),
    ("把地产和卖场结合在一起，共3家。", "一起"),
    ("2006、2007、2008年连续增长5%。", "2006"),
    ("愿游戏成为亿万手机用户的明珠，有3人。", "亿万"),
    ("1984年国庆35周年阅兵，只有12枚导弹。", "35周年"),
    # clock times written N点
    ("会议定于上午10点开始。", "10点"),
    ("他每天18点下班。", "18点"),
    ("比赛在19点开始。", "19点"),
    # words made of numerals, coordinates, classes bounded by 以内, samples of a survey
    ("万一下雨，比赛就推迟。", "万一"),
    ("震中位于北纬31.2度。", "31.2度"),
    ("公司很少接5万元以内的工程。", "5万元以内"),
    ("记者采访了50名购房者，多数人持观望态度。", "50名"),
    # model and version numbers, clock times, sums
    ("新机支持USB 2.0接口。", "2.0"),
    ("发布会9:30许开始。", "30许"),
    ("有的项目采用2+2形式。", "2+2"),
    # second pass: vague spans, dates before 前, network generations, thresholds of a rule,
    # face values, brackets after a share, measure words glued to the next word
    ("这座老厂已经运转了十几年。", "十几年"),
    ("村里住了十来年的老屋都要翻修。", "十来年"),
    ("这项技术已经发展了数十年。", "数十年"),
    ("他一个月前曾到过上海。", "一个月"),
    ("运营商今年将推出3G手机。", "3G"),
    ("面积大于90平方米的住房，就要按新标准缴税。", "90平方米"),
    ("单笔消费超过500元，即可获得一份礼品。", "500元"),
    ("玩家凭50元充值卡可兑换金币。", "50元"),
    ("有人想中五百万元彩票。", "五百万元"),
    ("出价300元者可以改动成绩。", "300元"),
    ("活动期间消费满100元，将赠送一张会员卡。", "100元"),
    ("受访者中，35.2%每月存下2000元以上。", "2000元以上"),
    ("会议讨论了3方面的问题。", "3方"),
    ("账号须包含两元素。", "两元"),
    ("他在医院躺了3个月。不过这3个月让他错过了考试。", "这3个月"),
    pytest.param(
        "投资者分别认购优先和进取两个产品。",
        "两个",
        marks=pytest.mark.xfail(
            strict=True,
            reason=S45 + " keeps it (its look-alike filter: the CV moved its threshold to 0.49)",
        ),
    ),
    ("改分分为450元和2500元两个价位。", "两个"),
    ("举例说，某投资者认购了1万份基金。", "1万份"),
    ("试想一下，顾客买到一片300元左右的瓷砖。", "300元左右"),
    ("他用50元或100元充值卡为游戏充值。", "50元"),
    ("比如老张每月存300元，那么一年能存3600元。", "300元"),
    ("例如一家店满100元，就会返还20元。", "100元"),
    ("这一年多次举办比赛。", "一年多"),
    ("过去一年多的时间里，他很忙。", "一年多"),
    ("会议取得了成果：第一，双方同意合作3年。", "第一"),
    ("她成了晚会上万众瞩目的焦点。", "上万"),
    ("工厂通过了ISO9001标准认证。", "9001"),
    ("两人不欢而散。一个月后，他又回到了公司。", "一个月"),
    ("3个月后，他向警方报了案。", "3个月"),
    ("在公司成立三周年之际，公司发布了新品牌。", "三周年"),
    ("今年以来涨幅超过30%的基金共有25只。", "超过30%"),
    ("假如每月存300元，一年能存3600元。", "300元"),
    ("这只基金排在同类前1/4的位置。", "1/4"),
    ("风险有两个。第二个风险是房价上涨过快。", "第二个"),
    ("大桥预计二0一五年完工。", "五年"),
    ("公司近3年的利润都在增长。", "近3年"),
    ("他数了数，共3 .这是第二段。", "3"),
    ("工程将于二0一0年八月展开，二0一五至一六年完工。", "0年"),
    ("工程将于二0一0年八月展开，二0一五至一六年完工。", "五至一六年"),
    ("原因有几点，第一个是成本上升。", "第一个"),
    ("他于2010/05离开公司。", "05"),
    ("会议定在5/12日召开。", "5/12"),
]


@pytest.mark.parametrize(("text", "lookalike"), LOOKALIKES)
def test_lookalikes_are_not_proposed(text: str, lookalike: str) -> None:
    start = text.index(lookalike)
    end = start + len(lookalike)
    for c in extract(text):
        assert not (c.start < end and start < c.end), (text, c.quantity_text, c.rule)


# the same shapes where they are claims
CONTROLS = [
    ("公司现有员工76人。", "76人"),
    ("球队共有15名球员。", "15名"),
    ("该项目历时近3年完成。", "近3年"),
    ("今年利润增长了10倍。", "10倍"),
    ("气温升高了3度。", "3度"),
    ("出口增长10%以上。", "10%以上"),
    ("70%以上的问题来自设备老化。", "70%以上"),
    ("一支球队配备5个中锋够不够？", "5个"),
    # a clause before the question's states its number
    ("他的命中率达到惊人的56.9%，你能相信这是外线球员的数据吗？", "56.9%"),
    ("今年卖了80万辆，明年能否突破100万辆？", "80万辆"),
    ("全场他贡献了21分。", "21分"),
    ("这种电池充电2小时即可充满。", "2小时"),
    ("他40岁时离开了球队。", "40岁"),
    ("公司连续工作72小时抢修线路。", "72小时"),
    ("这家店已有85年历史。", "85年"),
    ("他只打了25分钟，得了7分。", "25分钟"),
    ("北京、天津等三座城市入选。", "三座"),
    ("全市有北京路、上海路两条主干道和五座桥。", "五座"),
    ("事故造成两人受伤。", "两人"),
    ("当天气温升高了5度。", "5度"),
    ("全市有50名记者参加采访。", "50名"),
    ("月薪超过8000元的员工占比为12%。", "12%"),
    # second pass: the same shapes as the new look-alikes, where they are claims
    ("这家工厂已经运转了13年。", "13年"),
    ("他在工厂干了10多年。", "10多年"),
    ("这3起事故都发生在夜间。", "3起"),
    ("新款手机的内存为2G。", "2G"),
    ("住房面积大于90平方米。", "大于90平方米"),
    ("不到5分钟就能上四环。", "不到5分钟"),
    ("充值卡售价为50元。", "50元"),
    ("他每月存下2000元以上。", "2000元以上"),
    ("会议讨论了3个问题。", "3个"),
    ("他买了两元钱的糖。", "两元"),
    # third pass: real cases after 比如/例如, held quantities, 最近的
    ("例如乙银行规定，二套房首付不低于40%。", "不低于40%"),
    ("比如丙公司，去年营收增长了12%。", "12%"),
    ("这家网站已经积累了超过800万的注册用户。", "超过800万"),
    ("这家工厂拥有超过500亩的厂房。", "超过500亩"),
    ("该基金以超过15%的收益排名第一。", "超过15%"),
    ("球队最近的6场比赛赢了5场。", "6场"),
    ("这是公司在海外的第一个工厂。", "第一个"),
    ("这套房子空置了近1年才卖出。", "近1年"),
    ("工作室制作了近20分钟的动画短片。", "近20分钟"),
    ("钢材价格在每吨人民币六6万元左右波动。", "6万元左右"),
]


@pytest.mark.parametrize(("text", "surface"), CONTROLS)
def test_the_same_shapes_as_claims_are_proposed(text: str, surface: str) -> None:
    assert surface in _found(text), (text, list(_found(text)))


def test_a_team_name_found_once_is_a_name_throughout_the_text() -> None:
    text = "76人队客场获胜。赛后76人继续训练，76人主帅表示满意。"
    assert not [c for c in extract(text) if "76" in c.quantity_text]


def test_a_round_count_repeated_three_times_is_still_a_count() -> None:
    text = "事故造成30人受伤。其中30人已出院。另外30人仍在观察。"
    assert len([c for c in extract(text) if c.quantity_text == "30人"]) == 3


def test_a_number_named_team_repeated_three_times_is_a_name() -> None:
    text = "记者说76人很想签下他。他认为76人有机会。76人今晚出场。"
    assert not [c for c in extract(text) if "76" in c.quantity_text]
    assert "76人" in _found("公司有76人报名。")


def test_an_unknown_measure_word_glued_to_the_next_word_falls_back_to_the_number() -> None:
    # 篮板 and 指数 are words: the character after the number is no measure word.
    found = _found("他场均拿下9.5篮板。")
    assert all(c.rule != MEASURE_SHAPE for c in found.values())
    found = _found("该机仅售2250索尼另一款贵一些。")
    assert "2250" in found and found["2250"].unit == ""


def test_thousands_commas_do_not_split_clauses_but_other_commas_do() -> None:
    text = "公司持股4,812万股，投资5，000万元,其中1，2和3，4567"
    clauses = [text[s:e] for s, e in split_clauses(text, 0, len(text))]
    assert clauses == ["公司持股4,812万股", "投资5，000万元", "其中1", "2和3", "4567"]


def test_a_question_mark_inside_a_word_is_a_lost_character_not_a_sentence_end() -> None:
    text = "他在悉尼东面?郊买下大宅，售价2300万澳元。真的吗? 是的。"
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["他在悉尼东面?郊买下大宅，售价2300万澳元。", "真的吗?", "是的。"]
    assert "2300万澳元" in _found(text)


# ------------------------------------------------------------------ every lexicon entry is used

#: The quantity lexicons; each has a test below that exercises every entry.
QUANTITY_LEXICONS = (
    "units",
    "qualifiers",
    "numeral_word_units",
    "currency_before",
    "not_measure_chars",
    "number_name_suffixes",
    "team_cues",
    "figure_of_speech",
    "numeral_chengyu",
    "level_requirement_words",
    "pair_name_nouns",
    "time_frame_words",
    "criterion_words",
    "question_words",
    "discourse_nouns",
    "duration_verbs",
    "duration_nouns",
    "unit_modifiers",
    "rank_verbs",
    "price_words",
    "example_words",
    "ordinal_periods",
    "duration_scope_words",
    "condition_after",
    "occasion_words",
    "reference_words",
    "index_point_cues",
    "half_verbs",
    "money_hint_words",
    "bare_unit_hints",
    "criterion_prefixes",
    "holding_words",
    "plan_words",
    "change_verbs",
    "scope_words",
    "score_verbs",
    "coordinate_words",
    "survey_words",
    "style_suffixes",
    "double_words",
    "game_clock_words",
    "rank_scopes",
    "rank_nouns",
    "numeral_idioms",
    "only_words",
    "memory_cues",
    "threshold_words",
    "denomination_nouns",
    "postposed_measures",
    "margin_words",
    "prize_words",
    "number_name_words",
    "casualty_words",
    "rank_measures",
    "shot_words",  # its entry test: tests/test_extractor_recall_forms.py
    "class_predicates",  # its entry test: tests/test_extractor_recall_s7.py
    "condition_words",  # its entry test: tests/test_extractor_recall_s7.py
    "aspect_ratios",  # its entry test: tests/test_extractor_quantity_s8.py
    "unit_word_starts",  # its entry test: tests/test_extractor_quantity_s8.py
    "implied_numbers",  # its entry test: tests/test_extractor_numbers.py
    "example_frames",  # its entry test: tests/test_extractor_quantity_s9.py
    "frame_opener_words",  # its entry test: tests/test_extractor_quantity_s9.py
    "rank_goal_words",  # its entry test: tests/test_extractor_quantity_s9.py
    "model_price_words",  # its entry test: tests/test_extractor_quantity_s10.py
    "ratio_words",  # its entry test: tests/test_extractor_quantity_s10.py
    "since_event_words",  # its entry test: tests/test_extractor_quantity_s11.py
    "scale_threshold_words",  # its entry test: tests/test_extractor_s36_quantity.py
    "set_size_nouns",  # its entry test: tests/test_extractor_s36_quantity.py
    "foul_words",  # its entry test: tests/test_extractor_s36_quantity.py
    "describe_words",  # its entry test: tests/test_extractor_quantity_s11.py
    "requirement_words",  # its entry test: tests/test_extractor_quantity_s11.py
    "bare_scale_idioms",  # its entry test: tests/test_extractor_quantity_s12.py
    "first_measures",  # its entry test: tests/test_extractor_quantity_s12.py
    "rank_one_words",  # its entry test: tests/test_extractor_quantity_s13.py
    "level_condition_words",  # its entry test: tests/test_extractor_quantity_s13.py
    "point_count_words",  # its entry test: tests/test_extractor_quantity_s16.py
    "per_base_metrics",  # its entry test: tests/test_extractor_quantity_s20.py
    "tally_words",  # its entry test: tests/test_extractor_s24_qty.py
    "bound_words",  # its entry test: tests/test_extractor_s24_qty.py
    "run_words",  # its entry test: tests/test_extractor_s25_qty.py
    "league_names",  # its entry test: tests/test_extractor_s33_qty.py
    "casualty_tally_chars",  # its entry test: tests/test_extractor_s33_qty.py
)


def test_each_quantity_lexicon_opens_with_one_comment_and_has_no_duplicates() -> None:
    for name in QUANTITY_LEXICONS:
        check_lexicon_file(name)


def test_every_unit_is_read_with_its_kind_and_stored_form() -> None:
    for row in table("units"):
        unit, kind = row[0], row[1]
        parsed = parse_quantity("12" + unit)
        assert parsed is not None and parsed["unit"] == normal_unit(unit), unit
        assert parsed["kind"] == kind, unit
        # 点 at 24 or below is a clock time unless an index cue stands before it.
        cue = "指数上涨" if unit == "点" else ""
        found = [
            c for c in extract(f"今年公司{cue}共计有12{unit}。") if c.quantity_text.startswith("12")
        ]
        assert found and found[0].unit == normal_unit(unit), unit
    assert all(len(row) == 3 for row in table("units") if row[0] in UNIT_NORMAL)


def test_every_qualifier_word_gives_its_qualifier() -> None:
    for word, side, qual, *note in table("qualifiers"):
        number = "万" if note == ["scale"] else ("一" if note == ["one"] else "30")
        if side == "before":
            span = f"{word}{number}成" if note == ["one"] else f"{word}{number}名"
        else:
            span = f"30名{word}"
        parsed = parse_quantity(span)
        assert parsed is not None and parsed["qualifier"] == qual, (word, span, parsed)
        found = _found(f"公司现有员工{span}。")
        assert any(c.quantity_text == span and c.qualifier == qual for c in found.values()), (
            word,
            list(found),
        )


def test_every_numeral_word_unit_blocks_chinese_numerals_only() -> None:
    for unit in words("numeral_word_units"):
        assert not [c for c in extract(f"他说三{unit}。") if c.unit == normal_unit(unit)], unit
        assert parse_quantity(f"三{unit}") is not None, unit


def test_every_currency_written_before_an_amount_names_its_unit() -> None:
    for word, unit in table("currency_before"):
        found = _found(f"公司出资{word}1000万元。")
        # the currency word is part of the amount's surface (never the predicate's end)
        assert found[f"{word}1000万元"].unit == unit, word


def test_every_not_measure_character_and_name_suffix_stops_the_measure_rule() -> None:
    chars = words("not_measure_chars") + words("number_name_suffixes")
    assert len(set(chars)) == len(chars)
    for ch in chars:
        text = f"共8{ch}作品"
        finder = _Finder(text, [])
        assert finder._measure_shape(2) == "", ch
        assert _Finder("共8幅作品", [])._measure_shape(2) == "幅"
    for suffix in words("number_name_suffixes"):
        assert not _found(f"公司有一批8{suffix}员工。"), suffix


def test_every_team_cue_marks_a_number_named_team() -> None:
    for cue, side in table("team_cues"):
        texts = []
        if side in ("after", "both"):
            texts.append(f"76人{cue}今晚出场。")
        if side in ("before", "both"):
            texts.append(f"昨晚{cue}76人。")
        for text in texts:
            assert not [c for c in extract(text) if "76" in c.quantity_text], text


def test_every_figure_of_speech_cue_is_a_lookalike() -> None:
    for unit, side, cue in table("figure_of_speech"):
        number = "一百" if unit == "个" else "180" if unit == "度" else "10"
        text = f"大家{cue}{number}{unit}。" if side == "before" else f"来了{number}{unit}{cue}。"
        assert not [c for c in extract(text) if c.quantity_text.endswith(unit)], text
        control = f"今年利润增长{number}{unit}。"
        assert parse_quantity(control) is not None


def test_every_time_frame_word_frames_a_duration() -> None:
    for word, when in table("time_frame_words"):
        if when == "always":
            text = f"{word}2年，公司利润增长了20%。"
        else:
            text = f"{word}2年来，公司利润增长了20%。"
            assert f"{word}2年" in _found(f"该工程历时{word}2年。"), word
        found = _found(text)
        assert list(found) == ["20%"], (text, list(found))


def test_every_criterion_word_makes_a_duration_a_condition() -> None:
    for word in words("criterion_words"):
        text = f"工作{word}两年的员工不能参评。"
        assert not [c for c in extract(text) if c.kind == "duration"], text


def test_every_question_word_makes_its_numbers_lookalikes() -> None:
    for word in words("question_words"):
        text = f"今年销量突破100万辆{word}？" if word in "吗呢" else f"今年销量{word}突破100万辆？"
        assert not extract(text), text
    assert _found("今年销量突破100万辆？")


def test_every_discourse_noun_makes_a_small_count_a_lookalike() -> None:
    for noun in words("discourse_nouns"):
        assert not _found(f"这个计划有三个{noun}。"), noun
        assert "三十个" in _found(f"这个计划有三十个{noun}。"), noun


def test_every_duration_verb_measures_a_duration() -> None:
    for verb in words("duration_verbs"):
        found = _found(f"项目{verb}近3年，共投入5亿元。")
        assert "近3年" in found, (verb, list(found))
        assert "半年" in _found(f"活动{verb}半年，共接待游客5万人。"), verb
    assert "近3年" not in _found("近3年，共投入5亿元。")


def test_every_duration_noun_makes_a_duration_a_fact() -> None:
    for noun in words("duration_nouns"):
        assert "十三年" in _found(f"这家工厂已有十三年{noun}。"), noun
    assert "3年" not in _found("他读了3年毕业。")


def test_every_unit_modifier_passes_the_unit_on() -> None:
    for word in words("unit_modifiers"):
        found = _found(f"相机拥有1200万{word}像素。")
        assert found[f"1200万{word}像素"].unit == "像素", word


def test_every_rank_verb_makes_an_ordinal_a_rank() -> None:
    for verb in words("rank_verbs"):
        found = _found(f"球队{verb}第四，")
        assert "第四" in found and found["第四"].value == 4, (verb, list(found))
    assert not _found("球队第四，")


def test_every_price_word_makes_a_bare_number_a_price() -> None:
    for word in words("price_words"):
        found = _found(f"这台相机{word}2250，很划算。")
        assert "2250" in found, (word, list(found))
    assert not _found("这台相机型号2250，很划算。")


def test_every_example_word_makes_its_numbers_illustrations() -> None:
    for word, kind in table("example_words"):
        if kind == "then":
            # what a supposed case goes on to: 比如…，那么…
            assert not _found(f"比如一位顾客存了2000元，{word}到年底有24000元。"), word
            continue
        if kind == "supposition":
            assert not _found(f"{word}每月存2000元，一年就有24000元。"), word
        else:
            # an instance word brings a real case unless the sentence goes on to what follows
            assert not _found(f"{word}一位顾客存了2000元，将获赠100元。"), word
            real = _found(f"{word}甲银行规定，首付不低于20%。")
            assert "不低于20%" in real, (word, list(real))
        dated = _found(f"{word}2009年7月5日，公司捐出2000元。")
        assert "2000元" in dated, word


def test_every_ordinal_period_word_keeps_the_first_of_from_being_a_rank() -> None:
    for word in words("ordinal_periods"):
        found = _found(f"公司在第一个{word}里卖出3000台。")
        assert not [c for c in found.values() if c.rule == "rank.ordinal"], word
    assert "第一个" in _found("他是第一个到达的人。")


def test_every_duration_scope_word_makes_a_duration_a_lookalike() -> None:
    for word in words("duration_scope_words"):
        text = f"读本科3年{word}的学生。"
        assert not [c for c in extract(text) if c.kind == "duration"], (word, list(_found(text)))
    assert "3年" in _found("他在那里读了3年书。")


def test_every_condition_word_after_a_quantity_makes_it_a_lookalike() -> None:
    for word, *but in table("condition_after"):
        text = f"角色升到50级{word}可以转职。"
        assert not [c for c in extract(text) if "50" in c.quantity_text], (word, text)
        for longer in but[0].split() if but else []:
            found = _found(f"工程用了3年{longer[len(word) :]}来完成，共投资5亿元。")
            assert "5亿元" in found, (word, longer)
            assert "3年" in _found(f"工程历时3年{longer}完成。") or longer not in ("时间",)


def test_every_occasion_word_makes_an_anniversary_a_lookalike() -> None:
    for word in words("occasion_words"):
        before = f"学校举行大会{word}建校一百周年。"
        after = f"学校建校一百周年{word}活动开幕。"
        assert not [c for c in extract(before) if c.unit == "周年"] or not [
            c for c in extract(after) if c.unit == "周年"
        ], word
        assert not [c for c in extract(before) if c.unit == "周年"], before
    assert "100周年" in _found("今年是两校合作100周年。")


def test_every_reference_word_makes_a_small_count_of_people_a_reference() -> None:
    for word in words("reference_words"):
        text = f"记者{word}两位主演聊了聊。"
        assert not [c for c in extract(text) if c.quantity_text == "两位"], (word, text)
    assert "两位" in _found("公司派出两位专家。")
    assert "二十位" in _found("记者与二十位主演聊了聊。")


def test_every_index_point_cue_decides_between_points_and_a_clock_time() -> None:
    for word, side in table("index_point_cues"):
        found = _found(f"当天{word}18点。")
        if side == "index":
            assert any(c.value == 18 and c.unit == "点" for c in found.values()), word
        else:
            assert "18点" not in found and not _found(f"{word}2245点收盘。"), word
    assert "2245点" in _found("当天收盘于2245点。")


def test_every_half_verb_makes_half_a_share() -> None:
    for verb in words("half_verbs"):
        found = _found(f"医保{verb}一半。")
        assert any(c.value == 50 and c.unit == "%" for c in found.values()), (verb, list(found))
    assert not _found("医保一半。")


def test_every_money_hint_word_makes_a_bare_scaled_number_money() -> None:
    for word in words("money_hint_words"):
        found = _found(f"这家公司的{word}为300万。")
        assert found["300万"].kind == "money", (word, list(found))
    assert _found("这家公司的员工为300万。")["300万"].kind != "money"


def test_every_bare_unit_hint_gives_its_unit() -> None:
    for word, *unit in table("bare_unit_hints"):
        found = _found(f"这座城市的{word}为300万。")
        assert found["300万"].unit == (unit[0] if unit else ""), (word, list(found))


def test_every_criterion_prefix_makes_a_quantity_before_de_a_class() -> None:
    for word, where in table("criterion_prefixes"):
        if where in ("prefix", "both"):
            text = f"{word}27公斤的大型犬不能登机。"
            assert not [c for c in extract(text) if c.unit == "公斤"], text
        if where in ("before", "both"):
            text = f"须开发过{word}建筑面积50万平方米的项目。"
            assert not [c for c in extract(text) if c.unit == "平方米"], text
    assert "27公斤" in _found("这只大型犬重27公斤。")


def test_every_change_verb_makes_two_quantities_a_change_not_a_range() -> None:
    for verb in words("change_verbs"):
        found = _found(f"公司{verb}77万股至344万股。")
        assert "344万股" in found and found["344万股"].value_max is None, (verb, list(found))
    assert _found("每股售价为5元至8元。")["5元至8元"].value_max == 8


def test_every_scope_word_makes_the_size_of_a_group_a_lookalike() -> None:
    for word in words("scope_words"):
        text = f"在{word}60只基金中位居第6名。"
        assert not [c for c in extract(text) if c.quantity_text == "60只"], (word, text)
    assert "60只" in _found("公司旗下有60只基金。")


def test_every_score_verb_makes_three_points_scored() -> None:
    for verb in words("score_verbs"):
        found = _found(f"他最后时刻{verb}三分。")
        assert any(c.value == 3 for c in found.values()), (verb, list(found))
    assert not _found("他三分命中率很高。")


def test_every_coordinate_word_makes_degrees_a_position() -> None:
    for word in words("coordinate_words"):
        assert not _found(f"震中位于{word}31.2度。"), word
    assert "31.2度" in _found("当天最高气温31.2度。")


def test_every_survey_word_makes_a_count_the_sample() -> None:
    for word in words("survey_words"):
        for glue in ("", "了", "的"):
            text = f"记者{word}{glue}50名购房者。"
            assert "50名" not in _found(text), text
    assert "50名" in _found("公司录用了50名购房者。")


def test_every_style_suffix_makes_a_quantity_the_name_of_a_design() -> None:
    for suffix in words("style_suffixes"):
        assert not _found(f"镜头采用两段{suffix}设计。"), suffix
    assert "两段" in _found("这首曲子分为两段。")


def test_every_double_word_makes_double_a_multiple() -> None:
    for word in words("double_words"):
        found = _found(f"今年奖金{word}双倍福利，共发了3次。")
        assert any(c.quantity_text == "双倍" for c in found.values()), (word, list(found))
    assert "双倍" not in _found("今年奖金双倍福利，共发了3次。")
    assert "双倍" in _found("共发了3次，奖金双倍。")


def test_every_game_clock_word_makes_seconds_a_moment() -> None:
    for word in words("game_clock_words"):
        text = f"比赛{word}15秒，主队领先3分。"
        assert "15秒" not in _found(text), text
    assert "15秒" in _found("他在台上讲了15秒，主队领先3分。")


def test_every_lexicon_file_is_loaded_and_each_quantity_lexicon_is_tested_here() -> None:
    from pathlib import Path

    import extractor

    root = Path(extractor.__file__).parent
    names = {p.stem for p in (root / "data").glob("*.tsv")}
    source = {p.name: p.read_text("utf-8") for p in root.glob("*.py")}
    everything = "".join(source.values())
    quantity = source["quantity.py"] + source["units.py"]
    for name in names:
        assert f'"{name}"' in everything, f"data/{name}.tsv is loaded by no module"
        if f'"{name}"' in quantity:
            assert name in QUANTITY_LEXICONS, f"data/{name}.tsv has no entry test"


def test_every_rank_scope_makes_an_ordinal_a_rank() -> None:
    for word in words("rank_scopes"):
        found = _found(f"这家公司{word}第二，还剩3家。")
        assert "第二" in found and found["第二"].value == 2, (word, list(found))
    assert "第二" not in _found("这家公司第二，还剩3家。")
    assert not [c for c in extract("全国第一季度GDP增长5%。") if c.rule == "rank.ordinal"]


def test_two_scaled_parts_are_one_number_only_when_the_second_is_smaller() -> None:
    values = [c.value for c in extract("他说3万5万都行，共3人。")]
    assert 35000 not in values and 80000 not in values
    assert 30000 in values and 50000 in values


def test_every_rank_measure_keeps_its_ordinal_a_rank() -> None:
    for measure, where in table("rank_measures"):
        alone = _found(f"这是该公司推出的第11{measure}新产品，共3款。")
        field = _found(f"这是国内第11{measure}新产品，共3款。")
        assert f"第11{measure}" in field and field[f"第11{measure}"].value == 11, measure
        if where == "alone":
            assert f"第11{measure}" in alone, (measure, list(alone))
        elif measure != "个":  # 第N个 alone is "the Nth of" something: its own rule
            assert f"第11{measure}" not in alone, (measure, list(alone))
    # measures of occasions and parts name them: 第二场比赛, 第三次会议, 第3条
    for text in (
        "今晚是两队的第二场比赛，共3场。",
        "大会举行第三次会议，共3天。",
        "依据第3条规定，罚款3万元。",
    ):
        assert not [c for c in extract(text) if c.rule == "rank.ordinal"], text


def test_a_rank_verb_or_field_right_before_an_ordinal_makes_it_a_rank_whatever_follows() -> None:
    for text, surface in (
        ("这家企业是全国销量第一的地板品牌，年销3万平方米。", "第一"),
        ("排在第二的是北卡主帅，他赢了79场。", "第二"),
        ("东部第一碰上东部第八，打了3场。", "第一"),
        ("五所大学分列第二至第五位，学费3万元。", "第二"),
    ):
        assert surface in _found(text), (text, list(_found(text)))
    # a period or a measure word after it makes it something else
    assert not [c for c in extract("公司全国第一季度销售3万台。") if c.rule == "rank.ordinal"]
    assert not [c for c in extract("他获得第一笔融资3万元。") if c.rule == "rank.ordinal"]
    # a rank as a condition (no rank verb before) stays out
    assert "第一名" not in _found("第一名的选手将获得3万元。")


def test_every_rank_noun_keeps_a_rank_before_de_a_rank() -> None:
    for noun in words("rank_nouns"):
        found = _found(f"球队以联盟第三的{noun}结束了赛季，还剩3场。")
        assert "第三" in found, (noun, list(found))
    assert "第一名" not in _found("第一名的选手将获得3万元。")


def test_every_numeral_idiom_is_not_a_number() -> None:
    for idiom in words("numeral_idioms"):
        assert not [c for c in extract(f"这里有{idiom}家庭，共3人。") if idiom in c.quantity_text]
    assert "千万家" in _found("这里有千万家企业，共3人。")


def test_every_only_word_makes_one_a_count() -> None:
    # The rule's reading, before the learned look-alike filter weighs it (the model retrained in
    # the thirty-eighth session drops 只有一个名额: 一 + a measure word is the article hundreds
    # of times in the training data).
    rules_only = replace_parts(shipped(), lookalike=None)
    for word in words("only_words"):
        found = {
            c.quantity_text: c
            for c in extract(f"这家媒体{word}一个名额，共3人。", ranker=rules_only)
        }
        assert "一个" in found and found["一个"].value == 1, (word, list(found))
    plain = extract("这家媒体有一个名额，共3人。", ranker=rules_only)
    assert "一个" not in {c.quantity_text for c in plain}


def test_every_memory_cue_makes_a_small_g_a_memory_size() -> None:
    for word, side in table("memory_cues"):
        text = f"购机即送{word}3G，共3件。" if side == "before" else f"购机即送3G{word}，共3件。"
        assert "3G" in _found(text), (word, text)
    assert "3G" not in _found("运营商将推出3G手机，共3款。")


def test_every_threshold_word_makes_a_quantity_the_threshold_of_a_rule() -> None:
    for word, role in table("threshold_words"):
        if role == "compare":
            text = f"面积{word}90平方米的住房，就要按新标准缴税。"
            if word in ("以上", "以下"):
                text = f"面积90平方米{word}的住房，就要按新标准缴税。"
        else:
            text = f"面积超过90平方米，{word}按新标准缴税。"
        assert not [c for c in extract(text) if c.unit == "平方米"], (word, text)
    assert "超过90平方米" in _found("面积超过90平方米，是去年的两倍。")


def test_every_denomination_noun_makes_an_amount_a_face_value() -> None:
    for noun in words("denomination_nouns"):
        text = f"他用50元{noun}换了3本书。"
        assert "50元" not in _found(text), (noun, text)
    assert "50元" in _found("他用50元换了3本书。")


def test_every_postposed_measure_makes_one_after_its_noun_a_count() -> None:
    for unit in words("postposed_measures"):
        text = f"活动期间消费满3次，将赠送纪念品一{unit}！"
        found = _found(text)
        assert f"一{unit}" in found and found[f"一{unit}"].value == 1, (unit, list(found))
    assert "一次" not in _found("活动期间消费满3次，再看一次！")
    assert "一个" not in _found("这只是许多问题中的一个。")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # one of a contrast or a list of counts with the same measure word
        ("他在片中吃了两次饭，流了一次眼泪，共3场戏。", "一次"),
        ("其中包括两种远程导弹，一种巡航导弹，共3类。", "一种"),
        ("湖人领先小牛一场球，领先雷霆两场球。", "一场"),
        # a frequency: 每 and a period before it
        ("这只基金每年还会打开一次，封闭期3年。", "一次"),
        ("玩家每个小时可以参加一次活动，共3局。", "一次"),
    ],
)
def test_one_with_a_measure_word_counts_beside_a_count_or_after_a_period(
    text: str, surface: str
) -> None:
    found = _found(text)
    assert surface in found and found[surface].value == 1, (text, list(found))


@pytest.mark.parametrize(
    "text",
    ["两国关系发展顺利，贸易额3亿元。", "十里长街送总理，共3天。", "三地政府合作，投资3亿元。"],
)
def test_a_plain_chinese_numeral_and_a_character_is_no_count(text: str) -> None:
    assert [c.quantity_text for c in extract(text) if not c.quantity_text.startswith("3")] == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("活动期间消费满3次，再看一次！", "一次"),  # "once more": no noun after it
        ("两队交手3次，这是一场硬仗。", "一场"),  # 是 takes 一 as "a"
        ("他们史上25次进入决赛，却没有一次夺冠。", "一次"),  # 没有一次: "never"
        ("公司推出两个产品，创造了一个神话。", "一个"),  # 个 counts anything
        ("他吃了一次亏，损失3万元。", "一次"),  # no count beside it
    ],
)
def test_one_stays_the_article_without_a_count_beside_it(text: str, surface: str) -> None:
    assert surface not in _found(text), (text, list(_found(text)))


def test_every_margin_word_makes_one_a_count() -> None:
    for word in words("margin_words"):
        found = _found(f"两队本赛季交手3次，主队{word}一场。")
        assert "一场" in found and found["一场"].value == 1, (word, list(found))
    assert "一场" not in _found("两队本赛季交手3次，这是一场硬仗。")


def test_every_prize_word_makes_a_rank_a_slot_of_a_prize_table() -> None:
    for word in words("prize_words"):
        for glue in ("：", "   ", ""):
            text = f"活动共3轮。第一名{glue}{word}价值400元的军刀。"
            assert not [c for c in extract(text) if c.rule == "rank.ordinal"], text
    assert "第一" in _found("他在得分榜排名第一名，共3轮。")


def test_every_number_name_word_makes_a_number_part_of_a_name() -> None:
    for word in words("number_name_words"):
        text = f"会议在20{word}框架内举行，共3天。"
        assert not [c for c in extract(text) if c.quantity_text.startswith("20")], text
    assert "20国" in _found("全球有20国参加了会议。")


def test_every_casualty_word_makes_one_a_count() -> None:
    for word in words("casualty_words"):
        found = _found(f"事故造成一人{word}，共3辆车受损。")
        assert "一人" in found and found["一人"].value == 1, (word, list(found))
    assert "一人" not in _found("他一人独得30分。")


def test_every_holding_word_makes_a_compared_quantity_a_fact() -> None:
    for word in words("holding_words"):
        text = f"这家网站{word}超过800万的注册用户。"
        assert "超过800万" in _found(text), (word, list(_found(text)))
    # without one, the quantity names a class: the sites whose users exceed 8 million
    assert "超过800万" not in _found("用户超过800万的网站共有12家。")


def test_every_plan_word_makes_an_instance_a_supposition() -> None:
    for word in words("plan_words"):
        text = f"比如一位顾客充了2000元，官方{word}赠送100元。"
        assert not _found(text), (word, list(_found(text)))
    assert "2000元" in _found("比如一位顾客充了2000元，官方赠送了100元。")
