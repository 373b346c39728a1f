from h import C, F

ID = "modern-o-20"
CAT = "中華職棒"
TEXT = (
    "中職》兄弟8比3擊退獅 林志翔敲3安貢獻5打點"
    "〔記者陳冠宇／台中報導〕中職中信兄弟今天在台中洲際球場迎戰統一7-ELEVEn獅，靠著第3局一口氣攻下5分的大局，終場以8比3獲勝，終止3連敗，"
    "本季戰績來到38勝29敗2和，與第2名的樂天桃猿勝差縮小至1.5場。"
    "兄弟第4棒林志翔4打數3安打，包括1支3分全壘打，單場貢獻5分打點，本季打擊率提升至0.327，暫居聯盟第2；他本季已累積15轟、58分打點，全壘打數並列聯盟第1。"
    "先發投手吳承叡主投7局，用了98球，被敲5支安打、失2分，送出8次三振，拿下本季第9勝，防禦率降至2.64。"
    "獅隊先發洋投布雷克僅投2.2局就失6分，吞下本季第7敗；獅隊全場共有3次失誤。"
    "本場比賽吸引1萬2,316名球迷進場，為本季單場第3高；兄弟本季主場累計入場人數已突破38萬人次，平均每場約1萬1,200人。比賽歷時3小時12分。兄弟總教練賽後表示，球隊本季還剩51場比賽，將以每月至少15勝為目標，力拚下半季冠軍。另外，味全龍今天在台北天母以4比6不敵富邦悍將，吞下5連敗。"
)
B = "中信兄弟"
L = "統一7-ELEVEn獅"
P = "林志翔"
W = "吳承叡"
T = "今天"
S = "本季"
ANN = [
    C("8比3", 8, "", "=", B, "擊退統一7-ELEVEn獅", None, "score", "headline; A比B: one score mention, value A"),
    C("3安", 3, "安", "=", P, "敲", None, "count", "headline; hits"),
    C("5打點", 5, "打點", "=", P, "貢獻", None, "count", "headline; runs batted in are a stat: count"),
    F("7-ELEVEn", "number inside a team name"),
    F("第3局", "inning ordinal"),
    C("5分", 5, "分", "=", B, "一口氣攻下", "第3局", "score", "runs in one inning"),
    C("8比3", 8, "", "=", B, "終場獲勝", T, "score"),
    C("3連敗", 3, "連敗", "=", B, "終止", T, "count", "losing streak (as K's 三連勝)"),
    C("38勝29敗2和", 38, "", "=", B, "本季戰績來到", S, "score", "season record: one score mention, value A"),
    C("第2名", 2, "", "=", "樂天桃猿", "排名", S, "other", "rank"),
    C("1.5場", 1.5, "場", "=", B + "與樂天桃猿", "勝差縮小至", S, "other", "games behind"),
    F("第4棒", "batting-order slot"),
    C("4打數", 4, "打數", "=", P, "打數", T, "count", "4打數3安打: two stats with their own units, two mentions"),
    C("3安打", 3, "安打", "=", P, "安打", T, "count"),
    C("1支", 1, "支", "=", P, "全壘打", T, "count"),
    C("3分", 3, "分", "=", P, "全壘打", T, "score", "3分全壘打 = a three-run home run"),
    C("5分", 5, "分", "=", P, "單場貢獻打點", T, "count", "runs batted in: count"),
    C("0.327", 0.327, "", "=", P, "本季打擊率提升至", S, "other", "batting average, no unit written"),
    C("第2", 2, "", "=", P, "打擊率暫居聯盟", S, "other", "rank"),
    C("15轟", 15, "轟", "=", P, "本季已累積全壘打", S, "count"),
    C("58分", 58, "分", "=", P, "本季已累積打點", S, "count", "runs batted in: count"),
    C("第1", 1, "", "=", P, "全壘打數並列聯盟", S, "other", "rank (tied)"),
    C("7局", 7, "局", "=", W, "主投", T, "count", "innings pitched"),
    C("98球", 98, "球", "=", W, "用了", T, "count", "pitch count"),
    C("5支", 5, "支", "=", W, "被敲安打", T, "count"),
    C("2分", 2, "分", "=", W, "失", T, "score", "runs allowed"),
    C("8次", 8, "次", "=", W, "送出三振", T, "count"),
    C("第9勝", 9, "勝", "=", W, "拿下本季", S, "count", "ordinal that counts (9th win so far)"),
    C("2.64", 2.64, "", "=", W, "防禦率降至", S, "other", "earned run average, no unit written"),
    C("2.2局", 2.2, "局", "=", "布雷克", "僅投", T, "count", "innings pitched as written (2.2 = two and two-thirds)"),
    C("6分", 6, "分", "=", "布雷克", "失", T, "score", "runs allowed"),
    C("第7敗", 7, "敗", "=", "布雷克", "吞下本季", S, "count", "ordinal that counts (7th loss so far)"),
    C("3次", 3, "次", "=", L, "全場失誤", T, "count"),
    C("1萬2,316名", 12316, "名", "=", "本場比賽", "吸引球迷進場", T, "count"),
    C("第3高", 3, "", "=", "本場比賽入場人數", "為本季單場", S, "other", "rank"),
    C("突破38萬人次", 3.8e5, "人次", ">", B + "主場", "本季累計入場人數", S, "count"),
    C("約1萬1,200人", 11200, "人", "~", B + "主場", "平均每場入場人數", S, "count"),
    C("3小時12分", 3.2, "小時", "=", "本場比賽", "歷時", T, "duration", "3小時12分 = 3.2 hours"),
    C("51場", 51, "場", "=", B, "本季還剩比賽", S, "count"),
    C("至少15勝", 15, "勝", ">=", B, "每月目標", S, "count", "target of the head coach"),
    C("4比6", 4, "", "=", "味全龍", "不敵富邦悍將", T, "score", "A比B: one score mention, value A"),
    C("5連敗", 5, "連敗", "=", "味全龍", "吞下", T, "count", "losing streak")
]
