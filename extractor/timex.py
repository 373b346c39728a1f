"""Time expressions: finding them (4月26日, 截至4月21日, 自3月18日起至今, 目前, 今年一季度,
去年同期) and normalising them to ISO 8601 against the document's date.

Pure regex work, no jieba.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

from .lexicon import table, words
from .numbers import parse_chinese_integer

_CN_D = "零〇一二两三四五六七八九十"
#: The first year of a range written with one 年 (2005-2007年, 2010~2011年): one expression.
_YEAR_FROM = r"(?:(?:1[89]\d\d|20\d\d) ?(?:-{1,2}|—{1,2}|~|至|到) ?(?=(?:1[89]\d\d|20\d\d) ?年))"
_YEAR = rf"(?:{_YEAR_FROM}?(?:1[89]\d\d|20\d\d|[{_CN_D}]{{4}}|(?<![\d.])0\d) ?年)"
#: A month; a space may stand between its number and 月 in typeset text (6 月).
_MONTH = r"(?:(?:(?:1[0-2]|0?[1-9]) ?|十[一二]?|[一二三四五六七八九])月(?:份)?)"
#: A day of the month in digits (1-31).
_DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9])"
_DAY = rf"(?:(?:{_DAY_NUM} ?|[{_CN_D}]{{1,3}})[日号])"
#: The first month of a month range written with one 月 (1-7月, 1至9月): one expression.
_MONTH_FROM = (
    r"(?:(?:1[0-2]|0?[1-9])(?:-{1,2}|—{1,2}|~|至|到|、)(?=(?:1[0-2]|0?[1-9])月)"
    # two neighbouring months in Chinese numerals (四五月份, 九十月份)
    r"|一(?=二月)|二(?=三月)|三(?=四月)|四(?=五月)|五(?=六月)|六(?=七月)|七(?=八月)|八(?=九月)"
    r"|九(?=十月)|十(?=十一月)|十一(?=十二月)"
    # a range of months in Chinese numerals (一至五月, 三到六月)
    r"|(?:十一|十|[一二三四五六七八九])(?:至|到)(?=(?:十[一二]?|[二三四五六七八九])月))"
)
#: A week of a month (9月第二周, 3月份第1周).
_WEEK = r"(?:第[一二三四五1-5]周)"
#: A week of a season or a year written alone (第9周, 第十二周); never an anniversary (第10周年).
_WEEK_ALONE = r"(?:第(?:[1-9]\d?|[一二三四五六七八九十]{1,3})周(?!年))"
#: An hour written right after a day (6月17日18时, 5日8点30分): a clock time even without 许.
_DAY_HOUR = (
    # the hours of a daily bulletin (8月4日0—24时, 4日0时至24时): one stretch of the day
    r"(?:(?:[01]?\d|2[0-4])(?:[时点](?:[0-5]?\d分)?)?(?:-{1,2}|—{1,2}|~|～|至|到)"
    r"(?:[01]?\d|2[0-4])[时点](?:[0-5]?\d分)?(?![\d多余])"
    r"|(?:[01]?\d|2[0-4])[时点](?:[0-5]?\d分)?(?![\d多余]))"
)
#: The first day of a day range written with one 日 (5月28～30日, 4月1至3日): one expression.
_DAY_FROM = rf"(?:{_DAY_NUM}(?:-{{1,2}}|—{{1,2}}|~|～|至|到)(?={_DAY_NUM}[日号]))"
#: What makes a year written alone part of the name of an event (2022年美国网球公开赛男单决赛
#: 在纽约举行, 2008年北京奥运会的: data/event_name_endings.tsv) a few characters on, in its
#: clause; an event set as the frame of what follows (2003年NBA总决赛，…; 2008年奥运会上, 中,
#: 期间) keeps its year, the time of the clause.
_EVENT_NAME_YEAR = (
    r"(?![^，。；,;、：:！？!?\s\d年月日]{0,8}(?:"
    + "|".join(sorted(words("event_name_endings"), key=len, reverse=True))
    + ")(?![，,上中里]|期间))"
)
#: A date; typeset text may set a space between its parts (2022 年 6 月 30 日).
_DATE = (
    rf"(?:{_YEAR}(?: ?{_MONTH_FROM}?{_MONTH}(?: ?(?:{_DAY_FROM}?{_DAY}{_DAY_HOUR}?|{_WEEK}))?"
    rf"|{_EVENT_NAME_YEAR})"
    rf"|{_MONTH_FROM}?{_MONTH}(?: ?(?:{_DAY_FROM}?{_DAY}{_DAY_HOUR}?|{_WEEK}))?)"
)
_QUARTER = (
    r"(?:(?:第|前)?[一二三四1-4]季度(?:末|初)?|[上下]半年"
    # Hong Kong and Taiwan quarters without 度 (第3季, 前3季, 首季, 首三季): never a season of a
    # show or a game (第3季节目 is rare; 季赛, 季军, 季节 are not periods).
    r"|(?:第|前)[一二三四1-4]季(?![度节赛军后])|首[二两三23]?季(?![度节赛军后])"
    # a quarter of a fiscal year (第四财季, 上一财季)
    r"|(?:第|前|上一?|本)[一二三四1-4]?财季(?:度)?"
    # a quarter right after its year (2007年三季末, 2009年四季): written without 度
    r"|(?<=年)[一二三四1-4]季(?![度节赛军后])"
    # 首5个月 (Hong Kong's 前5个月), 前10月 (Taiwan's, without 个).
    r"|(?<![\d一二两三四五六七八九十])首(?:1[0-2]|[1-9]|十[一二]|[一二两三四五六七八九十])个月"
    r"|(?<![\d一二两三四五六七八九十提之此以])前(?:1[0-2]|[2-9])月(?![份底初末中])"
    # 前10个月, 头两个月: the first months of the year, a reporting period like 前三季度
    r"|(?<![\d一二两三四五六七八九十提之此以])[前头](?:1[0-2]|[1-9]|十[一二]|[一二两三四五六七八九十])个月"
    r"|(?<![\d一二两三四五六七八九十几多])(?:年初|年底|年末|年中))"
)
_REL = (
    r"(?:(?:上|本|下)?周[一二三四五六日天]|去年同期|上年同期|今年以来|今年|去年|上年度|上年|(?<![提])前年|明后年|明年|本年度|本年|当年|今天|昨天|前天|明天|今日|昨日|"
    r"次日|当日|当天|今晨|昨晚|前晚|当晚|昨夜|今晚|目前|当前|(?<![出实表体发])现在|日前|近日|近期|本周|上周|下周(?![期边围])|本月|上月(?![球亮])|"
    r"上个月|下个月|下月|(?:上|下)一?个?季度|(?<![合共协])同期(?![待望盼])|上半场|下半场|半场|周末|本赛季|上赛季|新赛季|本场比赛|此役|"
    # The whole game a tally is summed over (全场比赛，…; 全场比赛科比20次出手).
    r"全场比赛|"
    # The moment a plan is set for, named before (…明年3月投产，届时…).
    r"届时|"
    r"全年|半日|早前|隔日|后来|节日期间|最近几年|近几年|近年来|"
    # The present written as one word (如今).
    r"如今|"
    # The period of a report, an event or a game, and the moment a story left (报告期内, 活动
    # 期间, 第四节, 第三战, 上财年, 当时, 此前); 期内 alone or after 在/该/本/其, never the end
    # of a word (短期内, 发行期内).
    r"报告期内|报告期末|报告期|期末|(?:(?<![\u4e00-\u9fff])|(?<=[在于该本其]))期内|活动期间|(?:第[一二三四]|首|末)节|上半时|下半时|"
    r"首战|第[一二三四五六七]战|前[两三四五六]战|上财年|本财年|今个财年|财年[末底初内]|"
    r"过去一[日天周年]|当时|此前|前不久|至今|迄今|"
    # A game of a series named by its order (第三场比赛, 首场, 上一场); digits stay a rank (第45场).
    r"(?:第[一二三四五六七]|首|上一|下一)场(?:比赛)?|"
    # The month or the day of an earlier time (当月, 同日), an opening day (上市首日), the
    # last or the first quarters of a game (最后一节, 前三节).
    r"当月|同日|首日|最后一节|前[两三]节|"
    # Days of the week written with 星期, the present stage, the last few days, last season.
    r"星期[一二三四五六日天]|现阶段|现时|前几[天日]|这几[天日]|近几[天日]|上个赛季|本季(?!度)|"
    # The moment a story has reached or looks back to (至此, 那时, 那个时候).
    r"至此|那时|那个时候|"
    # Today and tomorrow, this year and next, as one stretch (今明两日, 今明两年内).
    r"今明两[年日天](?:内)?|"
    # Recently, written alone (最近，…; 最近推出的; 最近的三连胜); never the nearest (离…最近,
    # 最近对焦距离, 最近处).
    r"(?<![离距近])最近(?!几|一段|一个|一次|的?(?:对焦|距离|处|点))|"
    r"最近一段时间|最近一个时期|"
    # 现 as now, before an adverb or a verb of having (现已, 现正, 现有220种, 现共有); never
    # inside a word (出现, 实现, 表现, 发现) nor before a noun of its own (现有政策, 现金); (at
    # the end of the text: the expression read alone, as :func:`normalise` reads it)
    r"(?<![出实表体发呈展再重涌浮显兑])现(?=已|正在|仍|共有|拥有|有[\d一二两三四五六七八九十几近约逾超]|$))"
)
#: A moment set by an event: before or after a game, a festival, a quake or a battle (赛后,
#: 春节后 -> 节后, 震后, 三战之后); never a word of its own (前锋, 后卫, 前景).
_EVENT = r"(?:[赛节震战](?:之)?[前后](?![卫锋列景途身排面台方线来者]))"
#: The moment of a happening (data/event_onset_words.tsv) that dates what follows it: 案发时,
#: 案发后, 开售首小时, 上市首日, 开盘后 (not 当天: 在开盘当天认购…的话 is as often a condition);
#: never a word of its own after 前/后 (上市后备,
#: 开盘前景).
_ONSET = (
    # (right after a time of its own, 两年多前开盘时, that time stays the expression)
    "(?<![前后时年月日])(?:"
    + "|".join(sorted(words("event_onset_words"), key=len, reverse=True))
    + ")"
    r"(?:之)?(?:首日|首周|首月|首小时|[前后](?![卫锋列景途身排面台方线来者备续果勤援])|时(?![间期代候段刻]))"
)
#: The moment of an event set before a comma, dating the clauses after it (调价后，…;
#: 本轮融资完成后，… -> 完成后; 毕业时，…): a completion or transition verb of
#: data/event_frame_verbs.tsv with 后, 之后, 时 or 前. Inside a clause (完成后续工作, 调整后的
#: 价格) the verb stays a word.
_FRAME = (
    "(?<![前后时年月日])(?:"
    + "|".join(sorted(words("event_frame_verbs"), key=len, reverse=True))
    + r")(?:之后|[后时前])(?=[，,])"
)
#: A stretch of time measured back or forward from the present (近两年, 过去32年里, 未来5年内,
#: 短短八个交易日): the period of a change or a plan. Its number may be a quantity of its own
#: (八个交易日 is a duration claim), so it never blocks one (:attr:`TimeExpr.span`).
_SPAN_NUM = (
    # the first number of a range (3-5年内, 三至五年来) is part of the stretch
    r"(?:(?:[1-9]\d{0,2}|[一二两三四五六七八九十]{1,3})(?:-|—|~|～|至|到))?"
    r"(?:[1-9]\d{0,2}|[一二两三四五六七八九十几]{1,3})(?:多)?(?:个)?(?:多)?"
)
#: What a game of a series is called after its count (过去3场交锋中, 前四场比赛).
_GAME_WORDS = "比赛|交锋|较量|交手|对决|季后赛|常规赛"
_SPAN = (
    rf"(?:(?:过去|未来|短短|最近)(?:的)?{_SPAN_NUM}(?:年|月|天|日|周|星期|小时|交易日|场比赛)"
    rf"|近{_SPAN_NUM}(?:年|月|赛季))(?:里|内|间|来|以来|中)?"
    # A stretch up to now or within a bound, counted without 过去/未来 (四年来, 两个月以来,
    # 3年内, 一年间): never a year (2008年以来) or a day of the month (5日以来).
    rf"|(?<![\d.年月个一二两三四五六七八九十几半百千万])(?:{_SPAN_NUM}|半)"
    rf"(?:年|个月|天|周|个星期|个小时|小时|个赛季)(?:以来|来|之内|内|之间|间)"
    # A moment counted back from the present or forward from an earlier one (两年前,
    # 三个月之前, 一年之后, 8个月后).
    rf"|(?<![\d.年月个一二两三四五六七八九十几半百千万]){_SPAN_NUM}"
    rf"(?:年|个月|个[多余]月|天|周|个星期|个赛季)(?:多|余)?(?:之|以)?"
    r"(?:前(?![往进锋面列夕])|后(?![卫者来]))"
    # The last or the first few games of a series or a season, counted back or from the start
    # (过去22场交锋中, 前四场比赛, 最后两场, 过去3次和国王的交锋中, 在7场比赛中): the stretch a
    # tally is summed over. A bare number of games needs 比赛 and 中/里 (在7场比赛中); a rank
    # (排名前3) never has 场 or 次.
    # (more than one game: 之前一场…的比赛 names a single game)
    rf"|(?<![之此以提])(?:过去|最近|前|头|最后)(?:的)?(?!一场){_SPAN_NUM}场(?:{_GAME_WORDS})?(?:中|里|内)?"
    rf"|(?:过去|最近|最后)(?:的)?{_SPAN_NUM}次(?:和[^，。；,;！？!?\s]{{1,8}}的)?(?:{_GAME_WORDS})(?:中|里)?"
    # (never after 的: 3月份首发的8场比赛中 is the period before it, narrowed)
    rf"|(?<![\d.年月个一二两三四五六七八九十几半百千万第前头的])(?:{_SPAN_NUM})场比赛(?:中|里)"
)
#: A season, school or fiscal year written as two years (2009-10赛季, 2009/2010学年).
_SEASON = (
    r"(?:(?:19|20)\d\d ?(?:-|—|/|／|~|至|到) ?(?:19|20)?\d\d ?(?:赛季|学年|财年|年度|冰雪季|雪季)"
    # A season written with both years short (05-06赛季, 98/99赛季): never a score (98-90战胜).
    r"|(?<![\d.])\d\d ?(?:-|—|/|／|~) ?\d\d ?(?:赛季|学年|财年|年度)"
    r"|(?:19|20)\d\d ?(?:财年|赛季)"
    # a class of a school named by the year it graduates or enters (2022届毕业生, 2021级新生)
    r"|(?<![\d第])(?:19|20)\d\d ?[届级](?=[\u4e00-\u9fff]))"
)
_PART = (
    r"(?:上午|下午|晚上|凌晨|早上|中午|傍晚|夜间|晚间|早间|早盘|午盘|尾盘"
    r"|(?<![小\d.])(?:[01]?\d|2[0-4])[点时](?:[0-5]?\d分|半|许)(?:许|左右)?)"
)
#: A day of the month written alone (讯 20日开放式基金…, ，8日晚…), only where a clause,
#: a dateline or 据 stands right before it, or at the start of the text (a headline such
#: as 20日股票基金跌多涨少): elsewhere 20日 is as often a duration.
#: 从/自/于/在 before it (从20日起, 于8日), or a time zone (北京时间17日), mark it as a day too;
#: never where 日 opens a word (5日均线, 30日元, 日本, 日经, 日产).
_BARE_DAY = (
    rf"(?:(?<=[\s，,。；：讯电据从自于在至])|(?<=时间)|^){_DAY_NUM}日"
    # with the hour of a bulletin (截至25日17时, 8日0时至24时): no month needs to be written
    rf"(?:{_DAY_HOUR}|(?![\d内以来元本经均产]|年化))"
)
#: A day written alone after a name and before a word of the news (data/day_followers.tsv:
#: 国家统计局15日发布, 记者8日从…获悉, 20日晚): a date wherever it stands, but not after a word
#: that makes it a count of days (前15日, 每5日, 住了3日, 近10日, 第2日) or inside a number.
_BARE_DAY_BEFORE_NEWS = (
    rf"(?<![\d.\-~～至到前每第近满了过这那约共数几余多逾超续达期限隔]){_DAY_NUM}日"
    # with an hour of that day (水位9日21时涨至…): a clock time is never a count of days
    rf"(?:{_DAY_HOUR}|(?=" + "|".join(sorted(words("day_followers"), key=len, reverse=True)) + "))"
)
#: What follows a named period to make it a stretch or a moment of time (国庆假期, 春节档,
#: 春运期间, 双11当天, 中秋节前): never a word of its own after 前/后 (前锋, 后卫).
_PERIOD_WORDS = (
    r"(?:小长假|长假|假期|黄金周|期间|档期|档|大促|当天|首日|前夕|过后"
    r"|[前后](?![卫锋列景途身排面台方线来者]))"
)
_NAMED_ROWS = table("named_periods")
_NAMED_ALONE, _NAMED_JOINED = (
    "|".join(sorted((r[0] for r in _NAMED_ROWS if r[1] == where), key=len, reverse=True))
    for where in ("alone", "joined")
)
#: A named period of the calendar (data/named_periods.tsv), quoted or not: a name that is a
#: time alone (元旦, 暑假, 双11期间), or one only with a period word after it (国庆假期,
#: “五一”劳动节假期, 春运期间); never inside a number (三十一期间).
_NAMED = (
    r"(?:(?<![0-9一二三四五六七八九十百千万零〇两])[“\"]?"
    rf"(?:(?:{_NAMED_ALONE})[”\"]?{_PERIOD_WORDS}{{0,2}}"
    rf"|(?:{_NAMED_JOINED})[”\"]?(?:(?:劳动)?节{_PERIOD_WORDS}{{0,2}}|{_PERIOD_WORDS}{{1,2}})))"
)
_ORD_NUM = r"(?:[1-9]\d?|[一二三四五六七八九十]{1,3})"
#: A round, an edition or the first week of a competition, a film's run or a sale (第28轮,
#: 前12轮, 最后8轮, 本轮, 首轮, 本届, 首周, 首月): the period a figure is counted over.
#: A round is never one of an event counted in rounds (第二轮投票, 第三轮区域核酸检测:
#: data/round_event_words.tsv) nor the stage a team reaches (晋级第二轮:
#: data/round_entry_verbs.tsv).
_ROUND_NOT_AFTER = "".join(f"(?<!{w})" for w in words("round_entry_verbs"))
_ROUND_NOT_BEFORE = (
    "(?!" + "|".join(sorted(words("round_event_words"), key=len, reverse=True)) + ")"
)
_STAGE = (
    rf"(?:{_ROUND_NOT_AFTER}(?:第{_ORD_NUM}|前{_ORD_NUM}|最后{_ORD_NUM}|本|首)轮{_ROUND_NOT_BEFORE}"
    r"|本届|首周末?|首月"
    # The final or semi-final a figure was made in (在决赛中贡献了30分, 半决赛第四场); never
    # the event as a name or a subject (决赛圈, 总决赛共吸引了…).
    r"|(?:半|总|四分之一)?决赛(?=[中上里第首]|期间|阶段)"
    r")"
)
#: A season of the year (秋季, 今年秋冬, 冬天; never the Winter Games, 冬季奥运会), the
#: rest of the year (年内; 3年内 is a stretch), and the moment a report was filed (截至发稿时).
_YEAR_PART = (
    r"(?:(?:[春夏秋冬][季天]|春夏|夏秋|秋冬|冬春)(?![奥运])"
    # a season of this year, the last or the next written with one character (今冬, 明春)
    r"|(?<![如至迄])[今去明][春夏秋冬](?![天季装款节])"
    r"|(?<![\d一二两三四五六七八九十几半百千万今去明本当前])年内|[发截]稿时)"
)
#: 昨 or 今 alone at the start of a headline or a paragraph, before a word of the news
#: (昨新增3宗, 今起实施, 今上午发布: data/day_followers.tsv): yesterday or today.
_HEADLINE_DAY = (
    r"(?:^|(?<=\n))[昨今]"
    # (at the end of the text: the expression read alone, as :func:`normalise` reads it)
    r"(?=" + "|".join(sorted(words("day_followers"), key=len, reverse=True)) + "|$)"
)
#: The game clock a play or a score is read at (比赛还剩1分21秒时, 终场前2分46秒, 距终场还有
#: 24秒, 比赛最后1分钟): a moment of the game; its minutes and seconds are never a claim.
_CLOCK_TIME = r"(?:[1-9]?\d分(?:[0-5]?\d秒钟?|钟)?|[1-5]?\d(?:\.\d)?秒钟?)"
_CLOCK = (
    r"(?:(?:比赛|全场)(?:还剩下?|还有|仅剩|只剩下?)(?:最后)?|(?:距离?)?终场(?:前|还剩下?|还有|仅剩)(?:最后)?)"
    rf"{_CLOCK_TIME}时?"
    r"|比赛最后(?:[1-9]?\d分[0-5]?\d秒钟?|[1-9]?\d分钟|[1-5]?\d秒钟?)时?"
)
#: A century, its decade and its part (上世纪90年代末, 本世纪后期, 20世纪, 十六世纪中叶): the
#: period of a figure of history (a decade alone, 90年代, is as often an era of style); never
#: the opening of a name (21世纪经济报道, 20世纪福克斯: data/century_name_words.tsv).
_CENTURY = (
    r"(?:本|上个?|这个|(?<![\d.])(?:1\d|2[01])|(?:二十一?|十[一二三四五六七八九]|[一二三四五六七八九]))世纪"
    r"(?:的?(?:[1-9]0|[一二三四五六七八九]十)年代)?"
    r"(?:初期|末期|中期|后期|前期|中叶|后半叶|前半叶|初|末)?"
    "(?!" + "|".join(sorted(words("century_name_words"), key=len, reverse=True)) + ")"
)
_CORE = (
    rf"(?:{_SPAN}|{_SEASON}|{_DATE}|{_NAMED}|{_REL}|{_QUARTER}|{_PART}|{_BARE_DAY}"
    rf"|{_BARE_DAY_BEFORE_NEWS}|{_WEEK_ALONE}|{_ONSET}|{_FRAME}|{_EVENT}|{_STAGE}|{_YEAR_PART}|{_HEADLINE_DAY}|{_CLOCK}|{_CENTURY})"
)
#: Every character a time expression can start with. The leading lookahead lets the regex
#: engine skip all other positions quickly (about seven times faster on news text).
_FIRST = (
    "周截自从至到北当今去前明本目现日近次同上下凌早中傍夜晚加年第昨新此午尾全半隔后春节黄最"
    "报期活首末过迄如未短那赛震战星这决总财头比距终届"
    "0-9一二三四五六七八九十〇零两夏秋冬发"
    # the first characters of data/named_periods.tsv, quoted or not
    + "".join(sorted({r[0][0] for r in _NAMED_ROWS} | {"“", '"'}))
    # and of data/event_onset_words.tsv and data/event_frame_verbs.tsv
    + "".join(sorted({w[0] for w in words("event_onset_words") + words("event_frame_verbs")}))
)
_TIME_RE = re.compile(
    # 截至 and the like, and a space after them in typeset text (截至 2022 年 6 月末)
    rf"(?=[{_FIRST}])(?P<pre>(?:截至|截止到|截止|自|从|至|到)(?= ?[{_FIRST}]) ?)?"
    r"(?P<zone>北京时间|当地时间)?"
    # 去年的2月份, 2009年的上半年: 的 between a year and a part of it
    rf"(?P<body>(?:{_CORE}(?:的(?=(?:{_MONTH_FROM}?{_MONTH}|{_QUARTER})))?)+)"
    rf"(?P<range>(?:至|到|-{{1,2}}|—{{1,2}}|~)(?:{_DATE}|{_DAY}{_DAY_HOUR}?))?"
    rf"(?P<post>起至今|以来|开始|起|至今|前后|之前|以前|之后|以后|为止|底为止|末为止|底|末|初|中旬|上旬|下旬)?"
)


@dataclass(slots=True)
class TimeExpr:
    """A time expression: its span in the text, the text, and its normalised form."""

    start: int
    end: int
    text: str
    value: str
    #: True for a date or period that pins a moment (4月26日, 2008年); False for 上午 alone.
    anchor: bool
    #: True for a stretch measured from the present (近两年, 过去32年里): its number may be a
    #: quantity of its own, so it blocks none.
    span: bool = False


def _int(s: str) -> int | None:
    s = s.rstrip("年月日号份")
    if s.isdigit():
        return int(s)
    return parse_chinese_integer(s)


def _year(y: str) -> str:
    v = _int(y)
    if v is None:
        return "XXXX"
    if v < 100:
        v += 2000 if v < 50 else 1900
    return f"{v:04d}"


def normalise(expr: str, doc_date: str | None = None) -> str:
    """Normalise a time expression to ISO 8601 (TIMEX3 style for periods).

    With a document date the year and relative words are resolved (4月26日 -> 2022-04-26,
    去年 -> 2021, 目前 -> the document date); without one the unknown parts stay as X
    (4月26日 -> XXXX-04-26). 截至 gives the end of an open interval (../2022-04-21), 自…起至今 an
    interval up to the document date.

    Args:
        expr: the expression as written.
        doc_date: ISO date of the document ("2022-04-27") or None.

    Returns:
        The normalised value, or "" when nothing could be resolved.
    """
    two = _TWO_CLAUSE_RE.fullmatch(expr)
    if two is not None:
        # 从1月17日开始，至2月25日结束: one range written in two clauses
        first = normalise(two.group(1), doc_date).rstrip("/.")
        last = normalise(two.group(2), doc_date).lstrip("./")
        return f"{first}/{last}" if first and last else ""
    if " " in expr:
        expr = expr.replace(" ", "")  # typeset text: 截至 2022 年 6 月末 reads as 截至2022年6月末
    inner = _PAREN_RE.search(expr)
    if inner is not None and inner.start() > 0:
        # 今年春节假期（1月31日至2月6日）, 今日(23日): the date in brackets restates the period
        # before it, more precisely when it can (in the year of the period when it names none).
        outer = normalise(expr[: inner.start()] + expr[inner.end() :], doc_date)
        within = normalise(inner.group(1), doc_date)
        if doc_date and "年" not in inner.group(1) and outer[:4].isdigit():
            within = within.replace(doc_date[:4], outer[:4])
        return within if within and len(within) >= len(outer) else outer
    base: _dt.date | None = None
    if doc_date:
        try:
            base = _dt.date.fromisoformat(doc_date[:10])
        except ValueError:
            base = None
    m = _TIME_RE.fullmatch(expr)
    if m is None:
        return ""
    value = _point(m, base)
    pre, post = m.group("pre") or "", m.group("post") or ""
    rng = (m.group("range") or "").lstrip("至到-—~")
    if rng and value:
        end = normalise(rng, doc_date)
        if "年" not in rng and value[:4].isdigit() and len(end) >= 4 and end[4:5] == "-":
            end = value[:4] + end[4:]  # 2006年1月至5月: the end in the start's year
        day = _BARE_DAY_RE.fullmatch(rng)
        if day is not None and len(value) >= 10 and value[4] == "-" and value[7] == "-":
            end = f"{value[:8]}{int(day.group(1)):02d}"  # 5月9日至15日: the 15th of May
        return f"{value}/{end}" if end else value
    today = base.isoformat() if base else "PRESENT_REF"
    if "/" in value and (post in _OPEN_POSTS or pre in _UP_TO or pre in ("自", "从")):
        # a season (1990/1991) with an open end: from its first year, up to its last
        value = value.split("/")[-1 if post.endswith("为止") or pre in _UP_TO else 0]
    if (pre in _UP_TO or post.endswith("为止")) and value:
        return f"../{value}"  # 截至4月21日, 到三季度为止
    body = m.group("body")
    if value and (
        post in ("起至今", "以来", "至今")
        or (body.endswith(("至今", "迄今")) and len(body) > 2 and value != today)
    ):
        return f"{value}/{today}"  # 自3月18日起至今, 今年1月至今
    if pre in ("自", "从") or post in ("起", "开始", "之后", "以后"):
        return f"{value}/.." if value else ""  # 自3月起, 7月份以后: from then on
    if post in ("之前", "以前") and value:
        return f"../{value}"  # 6月份之前, 2006年以前: up to then
    return value


_Y_RE = re.compile(rf"(1[89]\d\d|20\d\d|[{_CN_D}]{{4}}|0\d) ?年")
_MONTH_RANGE_RE = re.compile(
    r"(1[0-2]|0?[1-9])(?P<sep>-{1,2}|—{1,2}|~|至|到|、)(1[0-2]|0?[1-9])月"
    r"|(十一|十|[一二三四五六七八九])(?P<cn_sep>至|到|、)?(十[一二]?|[二三四五六七八九])月"
)
_M_RE = re.compile(r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月")
_D_RE = re.compile(rf"月份?(3[01]|[12]\d|0?[1-9]|[{_CN_D}]{{1,3}})[日号]")
_BARE_DAY_RE = re.compile(rf"({_DAY_NUM})日")
_DAY_RANGE_RE = re.compile(
    r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?"
    r"(3[01]|[12]\d|0?[1-9])(?:-{1,2}|—{1,2}|~|～|至|到)(3[01]|[12]\d|0?[1-9])[日号]"
)
_Q_RE = re.compile(
    r"(?:第|前)?[一二三四1-4]季度|(?:第|前)[一二三四1-4]季|首[二两三23]?季|[上下]半年"
    r"|(?<=年)[一二三四1-4]季|年初|年底|年末|(?<![\d一二两三四五六七八九十几个])年中"
)
_REL_RE = re.compile(_REL)
_FIRST_MONTHS_RE = re.compile(r"[前头首](1[0-2]|[2-9]|十[一二]?|[二两三四五六七八九])个?月")
_PART_RE = re.compile(_PART)
_SPAN_RE = re.compile(_SPAN)


#: Words naming a year relative to the document's, by how many years they shift it.
_YEAR_SHIFT = {"今年": 0, "本年": 0, "本年度": 0, "当年": 0, "去年": -1, "上年": -1, "上年度": -1,
               "前年": -2, "明年": 1}  # fmt: skip
#: What a relative year may be followed by that names part of it: a month, a quarter, a half.
_WITHIN_YEAR_RE = re.compile(
    r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])个?月|[一二两三四1-4]季|首季|季度|半年"
)

#: Words before a time that end an open interval at it (截至4月21日), and after it.
_UP_TO = ("截至", "截止", "截止到")
_UP_TO_POSTS = ("之前", "以前", "为止", "底为止", "末为止")
#: Words after a time that leave its interval open at one end.
_OPEN_POSTS = ("起", "开始", "之后", "以后", "起至今", "以来", "至今", *_UP_TO_POSTS)

_YEAR_RANGE_RE = re.compile(
    r"(1[89]\d\d|20\d\d) ?(?:-{1,2}|—{1,2}|~|至|到) ?(1[89]\d\d|20\d\d) ?年$"
)
_SEASON_RE = re.compile(r"((?:19|20)\d\d) ?(?:-|—|/|／|~|至|到) ?((?:19|20)?\d\d)")
#: A season written with both years short (05-06赛季); its season word is required, so a
#: range of months (10-12月) is never read as one.
_SHORT_SEASON_RE = re.compile(r"(\d\d) ?(?:-|—|/|／|~) ?(\d\d) ?(?:赛季|学年|财年|年度)")


def _season(first: str, second: str) -> str:
    """A season's two years, ``first`` written whole: a short second year takes the first's
    century, or the next one when it would come before it (1999-00赛季: 1999/2000)."""
    if len(second) == 2:
        year = int(first[:2] + second)
        second = str(year + 100 if year < int(first) else year)
    return f"{first}/{second}"


def _point(m: re.Match[str], base: _dt.date | None) -> str:
    body = m.group("body")
    if _SPAN_RE.fullmatch(body):
        return ""  # 近三月, 过去两年中: a stretch back from now, no point of the calendar
    season = _SEASON_RE.match(body)
    if season:
        return _season(season.group(1), season.group(2))
    short = _SHORT_SEASON_RE.match(body)
    if short:
        return _season(_year(short.group(1)), short.group(2))  # 05-06赛季: 2005/2006
    yr = _YEAR_RANGE_RE.match(body)
    if yr:
        return f"{yr.group(1)}/{yr.group(2)}"
    ym = _Y_RE.search(body)
    year = _year(ym.group(1)) if ym else (f"{base.year:04d}" if base else "XXXX")
    if body in ("昨", "今"):
        return _relative("昨天" if body == "昨" else "今天", body, base)  # 昨新增3宗
    rel = _REL_RE.search(body)
    if rel and rel.start() > 0 and rel.group(0) in ("至今", "迄今"):
        body = body[: rel.start()]  # 8月至今: the point is 8月 (normalise adds the open end)
        rel = _REL_RE.search(body)
    if rel and not ym:
        shift = _YEAR_SHIFT.get(rel.group(0))
        if shift is None or not _WITHIN_YEAR_RE.search(body, rel.end()):
            return _relative(rel.group(0), body, base)
        # 今年3月, 去年12月31日, 今年1到3月, 今年上半年: the relative word gives the year, the
        # rest reads as it does after a written year (2022年3月).
        year = f"{base.year + shift:04d}" if base else "XXXX"
    first = _FIRST_MONTHS_RE.search(body)
    if first and (months := _int(first.group(1))) and 2 <= months <= 12:
        # 前10月 (Taiwan: the first ten months, written without 个), 前9个月, 今年头两个月
        return f"{year}-01/{year}-{months:02d}"
    mr = _MONTH_RANGE_RE.search(body)
    if mr:
        a, b = _int(mr.group(1) or mr.group(4)) or 0, _int(mr.group(3) or mr.group(6)) or 0
        listed = (mr.group("sep") or mr.group("cn_sep") or "、") == "、"
        # 1-7月, 1至9月; a pair only of neighbours (7、8月份, 四五月份: not 十二月)
        if 1 <= a < b <= 12 and (b == a + 1 or not listed):
            return f"{year}-{a:02d}/{year}-{b:02d}"
    dr = _DAY_RANGE_RE.search(body)
    if dr:
        mv, d1, d2 = _int(dr.group(1)), int(dr.group(2)), int(dr.group(3))
        if mv and 1 <= mv <= 12 and 1 <= d1 < d2 <= 31:
            return f"{year}-{mv:02d}-{d1:02d}/{year}-{mv:02d}-{d2:02d}"  # 5月28～30日
    mm = _M_RE.search(body)
    if mm:
        mv = _int(mm.group(1))
        if mv is None or not 1 <= mv <= 12:
            return ""
        dd = _D_RE.search(body)
        if dd:
            dv = _int(dd.group(1))
            if dv is None or not 1 <= dv <= 31:
                return ""
            return f"{year}-{mv:02d}-{dv:02d}"
        return f"{year}-{mv:02d}"
    bare = _BARE_DAY_RE.match(body)
    if bare and not ym:
        return _bare_day(int(bare.group(1)), base)
    qm = _Q_RE.search(body)
    if qm:
        q = qm.group(0)
        if "半年" in q:
            return f"{year}-H{1 if q.startswith('上') else 2}"
        if q in ("年初", "年底", "年末", "年中"):
            return year
        digit = re.search(r"[一二两三四1-4]", q)
        n = (_int(digit.group(0)) if digit else 0) or 0
        if q.startswith("首"):
            return f"{year}-Q1/{year}-Q{n}" if n > 1 else f"{year}-Q1"  # 首季, 首三季
        if q.startswith("前"):
            return f"{year}-Q1/{year}-Q{n}"
        return f"{year}-Q{n}"
    if ym or rel:
        return year  # (a relative word here names the year: 今年 before a part read above)
    return ""


def _bare_day(day: int, base: _dt.date | None) -> str:
    """A day of the month written alone (15日) in a document of date ``base``: that day of the
    document's month, or of the month before when the day is still to come (28日 in a report of
    4月3日 is 3月28日); XXXX-XX-15 without a date."""
    if base is None:
        return f"XXXX-XX-{day:02d}"
    year, month = base.year, base.month
    if day > base.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return ""  # 31日 of a month without one


def _relative(rel: str, body: str, base: _dt.date | None) -> str:
    if rel in (
        "目前",
        "当前",
        "现在",
        "今天",
        "今日",
        "当日",
        "当天",
        "今晨",
        "今晚",
        "日前",
        "近日",
        "近期",
        "最近",
        "现",
        "最近一段时间",
        "最近一个时期",
    ):
        return base.isoformat() if base else "PRESENT_REF"
    if rel in ("昨天", "昨日", "昨晚", "昨夜"):
        return (base - _dt.timedelta(days=1)).isoformat() if base else "PAST_REF"
    if rel in ("前天", "前晚"):
        return (base - _dt.timedelta(days=2)).isoformat() if base else "PAST_REF"
    if rel in ("明天", "次日"):
        return (base + _dt.timedelta(days=1)).isoformat() if base else "FUTURE_REF"
    if rel in ("今年", "本年", "本年度", "当年", "今年以来"):
        year = f"{base.year:04d}" if base else "XXXX"
        quarter = re.search(r"(首)?([一二两三四1-4])?季", body)
        if quarter and (quarter.group(1) or quarter.group(2)):
            n = (_int(quarter.group(2)) if quarter.group(2) else 1) or 1
            if quarter.group(1) and n > 1:
                return f"{year}-Q1/{year}-Q{n}"  # 今年首三季
            return f"{year}-Q{n}"
        return year
    if rel in ("去年", "去年同期", "上年", "上年同期", "上年度"):
        return f"{base.year - 1:04d}" if base else "XXXX"
    if rel == "前年":
        return f"{base.year - 2:04d}" if base else "XXXX"
    if rel == "明年":
        return f"{base.year + 1:04d}" if base else "XXXX"
    if rel in ("本月",):
        return f"{base.year:04d}-{base.month:02d}" if base else "XXXX-XX"
    if rel in ("上月", "上个月"):
        if base:
            first = base.replace(day=1) - _dt.timedelta(days=1)
            return f"{first.year:04d}-{first.month:02d}"
        return "XXXX-XX"
    if rel in ("本周", "上周", "下周") and base:
        shift = {"本周": 0, "上周": -7, "下周": 7}[rel]
        iso = (base + _dt.timedelta(days=shift)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return ""


#: The regex of one time expression (for callers that test a stretch of text).
TIME_RE = _TIME_RE


#: Characters read on each side of a time expression for the title marks around it.
_TITLE_REACH = 30


def _in_title(norm: str, start: int, end: int) -> bool:
    """Whether ``norm[start:end]`` stands inside title marks (《十月围城》)."""
    k = norm.rfind("《", max(0, start - _TITLE_REACH), start)
    if k < 0 or "》" in norm[k:start]:
        return False
    close = norm.find("》", end, end + _TITLE_REACH)
    return close >= 0 and "《" not in norm[end:close]


#: The last characters of verbs of change that take 至/到 (降至, 升至, 增至, 跌至, 提高到, 扩大至,
#: 回落至, 放缓至, 收窄至): after them 至 is the verb's, not the start of a time.
_CHANGE_VERB_ENDS = frozenset("降升增跌减涨高低缩扩大小落缓窄加")


#: 离 or 距 a little before 最近 (离市中心最近, 距离我们最近的): the nearest place, no time.
_NEAREST_RE = re.compile(r"[离距][^，。；,;！？!?]*$")
_NEAREST_REACH = 12


def find_times(norm: str) -> list[TimeExpr]:
    """Find the time expressions of a normalised text (see :data:`extractor.numbers.FULLWIDTH`).

    Returns:
        Non-overlapping expressions in text order; values are normalised later, when the
        document date is known.
    """
    out: list[TimeExpr] = []
    for m in _TIME_RE.finditer(norm):
        s, e = m.span()
        if s == e:
            continue
        body = m.group("body")
        pre = (m.group("pre") or "").rstrip()
        if s > 0 and norm[s - 1] == "个" and not pre:
            continue  # 三个月 is a duration, never matched whole; be safe with 个月份
        if pre == "从" and m.group("post") not in ("起", "开始", "以来"):
            # 从目前的40%: 从 only belongs to the time when 起/开始 closes it
            s += len(m.group("pre"))
        elif pre in ("至", "到") and s > 0 and norm[s - 1] in _CHANGE_VERB_ENDS:
            # 下降至8月至10月的2.7%: 至 is the verb's (降至, 升至, 增加到), not "until"
            s += len(m.group("pre"))
        if _in_title(norm, s, e):
            continue  # 《十月围城》, 《2012》: a title names a work, not a time
        if body.startswith("最近") and _NEAREST_RE.search(norm, max(0, s - _NEAREST_REACH), s):
            continue  # 离市中心最近的地铁站: the nearest, not recently
        anchor = not _PART_RE.fullmatch(body)
        span = _SPAN_RE.fullmatch(body) is not None
        out.append(TimeExpr(s, e, norm[s:e], "", anchor, span))
    out = _with_brackets(norm, out)
    out = _two_clause_ranges(norm, out)
    extra = _event_periods(norm, out) + _days_of_dates(norm, out)
    if extra:
        out = sorted(out + extra, key=attrgetter("start"))
    return out


#: The day of a date written with its month (新华社11月19日电, 4月3日): what a day written
#: alone later in the text (…19日鸣枪开跑) names.
_DAY_OF_DATE_RE = re.compile(rf"月({_DAY_NUM})[日号]")
#: A day of the month written alone in digits, not after a word that makes it a count of days
#: (前15日, 每5日, 住了3日, 持续3日, 第2日) or inside a number, and not where 日 opens a word
#: (5日均线, 30日元).
_LONE_DAY_RE = re.compile(
    rf"(?<![\d.\-~～至到前每第近满了过这那约共数几余多逾超续达期限隔])({_DAY_NUM})日"
    r"(?![\d内以来元本经均产]|年化)"
)


def _days_of_dates(norm: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """Days written alone that repeat the day of a full date written before them (the
    dateline's 11月19日, then 城南马拉松19日鸣枪开跑): that date, whatever word follows. Elsewhere a
    lone day needs a word of the news after it (``_BARE_DAY_BEFORE_NEWS``)."""
    first: dict[int, int] = {}
    for x in found:
        for m in _DAY_OF_DATE_RE.finditer(x.text):
            first.setdefault(int(m.group(1)), x.end)
    if not first:
        return []
    taken = [(x.start, x.end) for x in found]
    out: list[TimeExpr] = []
    for m in _LONE_DAY_RE.finditer(norm):
        s, e = m.span()
        at = first.get(int(m.group(1)))
        if at is None or at > s or any(a < e and s < b for a, b in taken):
            continue
        if _in_title(norm, s, e):
            continue
        out.append(TimeExpr(s, e, norm[s:e], "", True, False))
    return out


#: A range written in two clauses (从1月17日开始，至2月25日结束; 自3月1日起，到5月31日止): its start
#: opened by 从/自 and closed by 开始/起, a comma, and its end opened by 至/到 and closed by
#: 结束/止 or nothing; read as one expression, never its end alone (至2月25日).
_TWO_CLAUSE_RE = re.compile(r"((?:从|自)[^，,]+(?:开始|起))[，,]((?:至|到)[^，,]+?)(?:结束|止)?")


def _two_clause_ranges(norm: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """The expressions with each range written in two clauses joined into one (see
    :data:`_TWO_CLAUSE_RE`). Linear in the expressions."""
    out: list[TimeExpr] = []
    k = 0
    while k < len(found):
        t = found[k]
        k += 1
        nxt = found[k] if k < len(found) else None
        if (
            nxt is not None
            and t.text.startswith(("从", "自"))
            and t.text.endswith(("开始", "起"))
            and nxt.start == t.end + 1
            and norm[t.end] in "，,"
            and nxt.text.startswith(("至", "到"))
        ):
            end = nxt.end
            if norm.startswith("结束", end):
                end += 2
            elif norm.startswith("止", end):
                end += 1
            out.append(TimeExpr(t.start, end, norm[t.start : end], "", True, False))
            k += 1
            continue
        out.append(t)
    return out


#: The bracket inside a time expression that restates it: （1月31日至2月6日）, (23日).
_PAREN_RE = re.compile(r"[（(]([^（()）]{1,20})[）)]")
#: A day of the month alone in brackets after a time expression: 今日(23日).
_PAREN_DAY_RE = re.compile(rf"[（(](?:{_DAY_NUM}|[{_CN_D}]{{1,3}})[日号][）)]")


def _with_brackets(norm: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """Time expressions with the bracket that restates them joined in (今年春节假期（1月31日至
    2月6日）, 今日(23日)), and a part of the day written right after the bracket (今日(21日)下午):
    one expression, whichever of the two a reader quotes. Linear in the expressions."""
    out: list[TimeExpr] = []
    k = 0
    while k < len(found):
        t = found[k]
        k += 1
        end = t.end
        if end < len(norm) and norm[end] in "（(":
            nxt = found[k] if k < len(found) else None
            if (
                nxt is not None
                and nxt.start == end + 1
                and nxt.end < len(norm)
                and norm[nxt.end] in "）)"
            ):
                end = nxt.end + 1
                k += 1
            else:
                m = _PAREN_DAY_RE.match(norm, end)
                if m is not None:
                    end = m.end()
        if end == t.end:
            out.append(t)
            continue
        if k < len(found) and found[k].start == end and not found[k].anchor:
            end = found[k].end  # 今日(21日)|下午
            k += 1
        out.append(TimeExpr(t.start, end, norm[t.start : end], "", t.anchor, t.span))
    return out


#: The words that close the period of an event named before them (施工期间, 上线以来).
_EVENT_TAIL_RE = re.compile("期间|以来")
#: Characters that, right before 期间 or 以来, make the two before them no event (在此期间,
#: 这期间, 三年以来: a count of years is read elsewhere).
_NOT_EVENT = frozenset("此这该其那同一二两三四五六七八九十百千万零几多年月日天周")


#: The last characters of the names of events three characters long (冬奥会, 艺术节, 锦标赛): the
#: period before 期间 or 以来 is read from the third character back, unless its last two are an
#: event's word of their own (data/event_words.tsv: 大会, 车展, 比赛).
_EVENT_ENDS = frozenset("会节展赛")
_EVENT_WORDS = frozenset(words("event_words"))


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _event_periods(norm: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """The periods of an event closed by 期间 or 以来 that the expressions ``found`` (in text
    order, none overlapping) do not cover: a quoted name (“十四五”期间) or the two characters
    before the tail (施工期间, 春耕期间, 上线以来), with 自/从 before them (自成立以来). A longer
    name (央视播出期间) is read by its last word, which is what a reviewer keeps or widens.
    One pass in text order, each tail checked against the expressions by bisection: linear in
    the text."""
    ends = [t.end for t in found]
    out: list[TimeExpr] = []
    for m in _EVENT_TAIL_RE.finditer(norm):
        i, end = m.start(), m.end()
        start = -1
        if i >= 3 and norm[i - 1] == "”":
            k = norm.rfind("“", max(0, i - 10), i - 1)
            if k >= 0 and "”" not in norm[k + 1 : i - 1]:
                start = k
        elif (
            i >= 2
            and _is_ideograph(norm[i - 2])
            and _is_ideograph(norm[i - 1])
            and norm[i - 2] not in _NOT_EVENT
            and norm[i - 1] not in _NOT_EVENT
        ):
            start = i - 2
            if (
                norm[i - 1] in _EVENT_ENDS
                and i >= 3
                and norm[i - 2 : i] not in _EVENT_WORDS
                and _is_ideograph(norm[i - 3])
                and norm[i - 3] not in _NOT_EVENT
            ):
                start = i - 3  # 冬奥会期间, 艺术节期间: the event's word whole, not 奥会
            if m.group(0) == "以来" and start >= 1 and norm[start - 1] in "自从":
                start -= 1
        if start < 0 or (out and out[-1].end > start):
            continue
        k = bisect_right(ends, start)  # the first expression ending after ``start``
        if k < len(found) and found[k].start < end:
            continue  # covered by an expression read before (今年以来, 活动期间)
        out.append(TimeExpr(start, end, norm[start:end], "", True, False))
    return out
