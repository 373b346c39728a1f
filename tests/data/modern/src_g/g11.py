from h import C, F

ID = "modern-g-11"
CAT = "科技"
TEXT = (
    "诺基亚N97行货到货 报价4699元"
    "新浪科技讯 6月28日消息，诺基亚旗舰智能手机N97日前正式在国内上市，行货官方报价为4699元，"
    "目前北京中关村地区的实际成交价约为4500元左右，部分商家还赠送8GB存储卡。"
    "N97采用了3.5英寸的电阻式触摸屏，分辨率为640×360像素，同时配备一块侧滑式全键盘。"
    "该机内置32GB存储空间，并支持最大16GB的microSD卡扩展，总容量可达48GB。"
    "拍照方面，N97拥有一枚500万像素摄像头，采用卡尔·蔡司镜头并支持双LED闪光灯，可拍摄每秒30帧的VGA视频。"
    "该机搭载S60第五版操作系统，处理器主频为434MHz，内置1500毫安时锂电池，官方公布的GSM通话时间约为6.6小时，"
    "待机时间最长可达430小时。整机尺寸为117.2×55.3×15.9毫米，重量为150克。"
    "据中关村在线ZDC调查数据显示，N97在5月份智能手机关注度排行中位居第一，关注比例达到12.6%，"
    "领先第二名的苹果iPhone 3GS约4个百分点。诺基亚中国区相关负责人表示，N97全球首批出货量超过200万部，"
    "预计国内市场年内销量将突破50万部。另据赛诺数据，今年第一季度诺基亚在中国手机市场的份额为38.7%，"
    "比去年同期下降5.2个百分点，但仍居首位；三星和摩托罗拉分别以19.4%和8.1%位列第二和第三。"
    "业内人士认为，随着3G牌照发放，今年下半年智能手机的价格将进一步下探，3000元以下机型有望成为主流。"
)
P = "诺基亚N97"
ANN = [
    F("N97", "model number (headline)"),
    C("4699元", 4699, "元", "=", P, "报价", None, "money", "headline"),
    F("6月28日", "date"),
    F("N97", "model number"),
    C("4699元", 4699, "元", "=", P, "行货官方报价", "日前", "money"),
    C("4500元左右", 4500, "元", "~", P, "实际成交价", "目前", "money", "约为 before the number, 左右 after"),
    C("8GB", 8, "GB", "=", P, "赠送存储卡（容量）", "目前", "other"),
    F("N97", "model number"),
    C("3.5英寸", 3.5, "英寸", "=", P, "触摸屏尺寸", None, "length"),
    C("640×360像素", 640, "像素", "=", P, "分辨率", None, "other", "A×B resolution; value A"),
    F("一块", "article"),
    C("32GB", 32, "GB", "=", P, "内置存储空间", None, "other"),
    C("16GB", 16, "GB", "<=", P, "支持扩展（microSD卡）", None, "other", "最大 before the number: <="),
    C("48GB", 48, "GB", "=", P, "总容量可达", None, "other"),
    F("N97", "model number"),
    F("一枚", "article"),
    C("500万像素", 5000000, "像素", "=", P, "摄像头", None, "other"),
    C("30帧", 30, "帧", "=", P, "视频拍摄（每秒）", None, "other"),
    F("S60", "platform name"),
    F("第五版", "version ordinal"),
    C("434MHz", 434, "MHz", "=", P, "处理器主频", None, "other"),
    C("1500毫安时", 1500, "毫安时", "=", P, "锂电池容量", None, "other"),
    C("6.6小时", 6.6, "小时", "~", P, "GSM通话时间", None, "duration", "约为 before the number: qualifier ~"),
    C("430小时", 430, "小时", "<=", P, "待机时间", None, "duration", "最长 before the number: <="),
    C("117.2×55.3×15.9毫米", 117.2, "毫米", "=", P, "整机尺寸", None, "length", "three dimensions in one mention; value = the first (like A-B); the owner left 72.4×96mm null but check.py requires a value"),
    C("150克", 150, "克", "=", P, "重量", None, "weight"),
    F("N97", "model number"),
    F("5月份", "month"),
    C("第一", 1, "", "=", P, "关注度排行", "5月份", "other", "rank"),
    C("12.6%", 12.6, "%", "=", P, "关注比例", "5月份", "percent"),
    F("第二名", "rank naming another product (苹果iPhone 3GS's position)"),
    F("iPhone 3GS", "product name with a digit"),
    C("约4个百分点", 4, "个百分点", "~", P, "领先（关注比例）", "5月份", "percent"),
    F("N97", "model number"),
    C("超过200万部", 2000000, "部", ">", P, "全球首批出货量", None, "count"),
    C("50万部", 500000, "部", ">", P, "国内市场年内销量（预计）", "年内", "count", "突破 before the number"),
    F("第一季度", "quarter"),
    C("38.7%", 38.7, "%", "=", "诺基亚", "中国手机市场份额", "今年第一季度", "percent"),
    C("5.2个百分点", 5.2, "个百分点", "=", "诺基亚中国手机市场份额", "下降", "今年第一季度", "percent"),
    F("三星", "company name"),
    C("19.4%", 19.4, "%", "=", "三星", "市场份额", "今年第一季度", "percent"),
    C("8.1%", 8.1, "%", "=", "摩托罗拉", "市场份额", "今年第一季度", "percent"),
    C("第二", 2, "", "=", "三星", "位列", "今年第一季度", "other", "rank"),
    C("第三", 3, "", "=", "摩托罗拉", "位列", "今年第一季度", "other", "rank"),
    F("3G", "technology name"),
    F("3000元以下", "price band (criterion)", "money"),
]
