<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AddNumber</name>
        <message>
            <source>N adds the phone number of a parcel taken in with the label's last 4 digits alone: choose such a parcel (its phone shows only 尾号).</source>
            <translation>N 键为只按尾号入库的包裹补录手机号：请先选中这样的包裹（电话一栏只显示尾号）。</translation>
        </message>
        <message>
            <source>Add the phone number</source>
            <translation>补录手机号</translation>
        </message>
        <message>
            <source>The whole mobile number of {name} (it ends in {tail}); next time their parcels are texted.</source>
            <translation>{name} 的完整手机号（尾号 {tail}）；以后的包裹就能发短信通知。</translation>
        </message>
        <message>
            <source>The phone number was added.</source>
            <translation>手机号已补录。</translation>
        </message>
    </context>
    <context>
        <name>AliyunPanel</name>
        <message>
            <source>AccessKey &amp;ID:</source>
            <translation>AccessKey ID(&amp;I)：</translation>
        </message>
        <message>
            <source>AccessKey S&amp;ecret:</source>
            <translation>AccessKey Secret(&amp;E)：</translation>
        </message>
        <message>
            <source>Template codes</source>
            <translation>模板代码</translation>
        </message>
        <message>
            <source>e.g. SMS_123456789</source>
            <translation>例如 SMS_123456789</translation>
        </message>
        <message>
            <source>Copy the codes from the Aliyun SMS console. Aliyun templates may contain no 【】 and no mobile number.</source>
            <translation>模板代码从阿里云短信控制台复制。阿里云的模板里不能有【】，也不能有手机号码。</translation>
        </message>
    </context>
    <context>
        <name>BatchSetup</name>
        <message>
            <source>Shel&amp;f:</source>
            <translation>货架(&amp;F)：</translation>
        </message>
        <message>
            <source>La&amp;yer:</source>
            <translation>层(&amp;Y)：</translation>
        </message>
        <message>
            <source>C&amp;onsent:</source>
            <translation>同意方式(&amp;O)：</translation>
        </message>
    </context>
    <context>
        <name>CarrierChoice</name>
        <message>
            <source>The carrier cannot be told from this number: press its number.</source>
            <translation>无法从单号判断快递公司：请按对应的数字键选择。</translation>
        </message>
        <message>
            <source>Choose the carrier first: press its number (1 to 9).</source>
            <translation>请先选择快递公司：按数字键 1 到 9。</translation>
        </message>
        <message>
            <source>Type the recipient's mobile number and press Enter.</source>
            <translation>请输入收件人手机号，按 Enter。</translation>
        </message>
    </context>
    <context>
        <name>CarrierGuess</name>
        <message>
            <source>SF and 12–13 digits</source>
            <translation>SF 加 12–13 位数字</translation>
        </message>
        <message>
            <source>starts with SF</source>
            <translation>以 SF 开头</translation>
        </message>
        <message>
            <source>YT and 12–13 digits</source>
            <translation>YT 加 12–13 位数字</translation>
        </message>
        <message>
            <source>JT and 12–13 digits</source>
            <translation>JT 加 12–13 位数字</translation>
        </message>
        <message>
            <source>JD, two letters or digits, and 11 digits</source>
            <translation>JD 加两位字母或数字，再加 11 位数字</translation>
        </message>
        <message>
            <source>JD and 13–15 digits</source>
            <translation>JD 加 13–15 位数字</translation>
        </message>
        <message>
            <source>DPK and 10–13 digits</source>
            <translation>DPK 加 10–13 位数字</translation>
        </message>
        <message>
            <source>international postal form, like RR123456785CN</source>
            <translation>国际邮件格式，如 RR123456785CN</translation>
        </message>
        <message>
            <source>14 digits starting 70–72: a ZTO form</source>
            <translation>以 70–72 开头的 14 位数字：中通格式之一</translation>
        </message>
        <message>
            <source>12 digits starting 7 or 5: a ZTO form</source>
            <translation>以 7 或 5 开头的 12 位数字：中通格式之一</translation>
        </message>
        <message>
            <source>15 digits starting 7: some ZTO numbers</source>
            <translation>以 7 开头的 15 位数字：部分中通单号</translation>
        </message>
        <message>
            <source>12–15 digits starting 77, 88 or 268: the STO form</source>
            <translation>以 77、88 或 268 开头的 12–15 位数字：申通格式</translation>
        </message>
        <message>
            <source>15 digits starting 77, 88 or 268: the STO form</source>
            <translation>以 77、88 或 268 开头的 15 位数字：申通格式</translation>
        </message>
        <message>
            <source>13 or 15 digits starting 3 or 4: the Yunda form</source>
            <translation>以 3 或 4 开头的 13 或 15 位数字：韵达格式</translation>
        </message>
        <message>
            <source>13 or 15 digits starting 5: a Yunda form</source>
            <translation>以 5 开头的 13 或 15 位数字：韵达格式之一</translation>
        </message>
        <message>
            <source>14 digits starting 73–79: the usual ZTO form</source>
            <translation>以 73–79 开头的 14 位数字：中通常见格式</translation>
        </message>
        <message>
            <source>13 digits starting 1, 8 or 9: the China Post form</source>
            <translation>以 1、8 或 9 开头的 13 位数字：邮政格式</translation>
        </message>
        <message>
            <source>13 digits starting 50–52: a China Post form</source>
            <translation>以 50–52 开头的 13 位数字：邮政格式之一</translation>
        </message>
        <message>
            <source>12 digits: an older SF form</source>
            <translation>12 位数字：顺丰旧格式</translation>
        </message>
        <message>
            <source>this station confirmed this carrier for numbers that start the same way</source>
            <translation>本站曾为开头相同的单号确认过这家快递公司</translation>
        </message>
    </context>
    <context>
        <name>ClockWarning</name>
        <message>
            <source>This computer's clock is {amount} minutes behind the county center's. Set the computer's time right.</source>
            <translation>本机时间比县中心慢 {amount} 分钟，请校准电脑时间</translation>
        </message>
        <message>
            <source>This computer's clock is {amount} minutes ahead of the county center's. Set the computer's time right.</source>
            <translation>本机时间比县中心快 {amount} 分钟，请校准电脑时间</translation>
        </message>
        <message>
            <source>This computer's clock is {amount} hours behind the county center's. Set the computer's time right.</source>
            <translation>本机时间比县中心慢 {amount} 小时，请校准电脑时间</translation>
        </message>
        <message>
            <source>This computer's clock is {amount} hours ahead of the county center's. Set the computer's time right.</source>
            <translation>本机时间比县中心快 {amount} 小时，请校准电脑时间</translation>
        </message>
        <message>
            <source>This computer's clock is {amount} days behind the county center's. Set the computer's time right.</source>
            <translation>本机时间比县中心慢 {amount} 天，请校准电脑时间</translation>
        </message>
        <message>
            <source>This computer's clock is {amount} days ahead of the county center's. Set the computer's time right.</source>
            <translation>本机时间比县中心快 {amount} 天，请校准电脑时间</translation>
        </message>
    </context>
    <context>
        <name>ConsignPanel</name>
        <message>
            <source>name, initials, household no. or last 4 digits of the phone</source>
            <translation>姓名、拼音首字母、户编号或手机尾号4位</translation>
        </message>
        <message>
            <source>mobile (optional)</source>
            <translation>手机号（可不填）</translation>
        </message>
        <message>
            <source>yuan per unit</source>
            <translation>每单位元数</translation>
        </message>
        <message>
            <source>% of the proceeds</source>
            <translation>按售款百分比</translation>
        </message>
        <message>
            <source>yuan per unit sold</source>
            <translation>按每单位售出元数</translation>
        </message>
        <message>
            <source>Take in (Enter)</source>
            <translation>收货（回车）</translation>
        </message>
        <message>
            <source>Consignor</source>
            <translation>委托人</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>品名</translation>
        </message>
        <message>
            <source>Taken in</source>
            <translation>收货数量</translation>
        </message>
        <message>
            <source>Sold</source>
            <translation>已售</translation>
        </message>
        <message>
            <source>Settled</source>
            <translation>已结算</translation>
        </message>
        <message>
            <source>Proceeds</source>
            <translation>售款</translation>
        </message>
        <message>
            <source>Settle the lot chosen (Ctrl+J)</source>
            <translation>结算所选批次（Ctrl+J）</translation>
        </message>
        <message>
            <source>Print the slip (Ctrl+P)</source>
            <translation>打印单据（Ctrl+P）</translation>
        </message>
        <message>
            <source>Type what the villager brings to sell; Enter takes it in. Ctrl+J settles.</source>
            <translation>输入村民送来代销的货物，按回车收货；Ctrl+J 结算。</translation>
        </message>
        <message>
            <source>&amp;Consignor:</source>
            <translation>委托人(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Product:</source>
            <translation>品名(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Quantity:</source>
            <translation>数量(&amp;Q)：</translation>
        </message>
        <message>
            <source>&amp;Asking price:</source>
            <translation>期望售价(&amp;A)：</translation>
        </message>
        <message>
            <source>Co&amp;mmission:</source>
            <translation>佣金(&amp;M)：</translation>
        </message>
        <message>
            <source>Consigned lots: to settle, or not sold out</source>
            <translation>代销批次：待结算或未售完</translation>
        </message>
        <message>
            <source>Taken in {quantity} {unit} {product} from {consignor} to sell.</source>
            <translation>已收{consignor}的{product} {quantity}{unit}代销。</translation>
        </message>
        <message>
            <source>Choose a lot in the list first.</source>
            <translation>请先在列表中选择一个批次。</translation>
        </message>
        <message>
            <source>Settled: pay {consignor} {amount} (commission {commission}).</source>
            <translation>已结算：付给{consignor} {amount}（佣金 {commission}）。</translation>
        </message>
        <message>
            <source>Take in or settle a lot first; then Ctrl+P prints.</source>
            <translation>请先收货或结算，再按 Ctrl+P 打印。</translation>
        </message>
        <message>
            <source>This station cannot print consignment slips yet.</source>
            <translation>本站暂时不能打印代销单据。</translation>
        </message>
        <message>
            <source>The slip was printed or saved.</source>
            <translation>单据已打印或保存。</translation>
        </message>
        <message>
            <source>Printing was cancelled.</source>
            <translation>已取消打印。</translation>
        </message>
    </context>
    <context>
        <name>CountyPanel</name>
        <message>
            <source>Texts go out through the county center's SMS service once the station has joined the county center. Until then they stay queued.</source>
            <translation>服务站加入县级中心以后，短信经县级中心的短信服务发出。在此之前短信留在队列里。</translation>
        </message>
    </context>
    <context>
        <name>DoNotTextDialog</name>
        <message>
            <source>Do-not-text list</source>
            <translation>不发短信名单</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>加入时间</translation>
        </message>
        <message>
            <source>the villager's mobile number</source>
            <translation>村民的手机号</translation>
        </message>
        <message>
            <source>e.g. asked at the counter on 11-23</source>
            <translation>例如：11月23日本人在柜台要求</translation>
        </message>
        <message>
            <source>&amp;Mobile:</source>
            <translation>手机号(&amp;M)：</translation>
        </message>
        <message>
            <source>&amp;Why:</source>
            <translation>原因(&amp;W)：</translation>
        </message>
        <message>
            <source>&amp;Add to the list</source>
            <translation>加入名单(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Take off the list (manager)</source>
            <translation>移出名单（站长）(&amp;T)</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <source>Added: this number gets no more texts, and its waiting texts are cancelled.</source>
            <translation>已加入：这个号码不会再收到短信，待发的短信已取消。</translation>
        </message>
        <message>
            <source>Choose a number in the list first.</source>
            <translation>请先在列表中选一个号码。</translation>
        </message>
        <message>
            <source>asked to be texted again</source>
            <translation>本人要求恢复短信</translation>
        </message>
        <message>
            <source>Taken off the list.</source>
            <translation>已移出名单。</translation>
        </message>
    </context>
    <context>
        <name>ErrorDialog</name>
        <message>
            <source>Unexpected error</source>
            <translation>意外错误</translation>
        </message>
        <message>
            <source>(no log file could be written)</source>
            <translation>（无法写入日志文件）</translation>
        </message>
        <message>
            <source>Something unexpected went wrong. Records that were already saved are safe. Write down what you were doing, then close the program and start it again. If it happens again, send this log file to the county center: {path}</source>
            <translation>程序出了意外错误。已经保存的记录不会丢失。请记下您刚才在做什么，然后关闭程序再重新打开。如果再次出现，请把这个日志文件发给县级中心：{path}</translation>
        </message>
    </context>
    <context>
        <name>FilePanel</name>
        <message>
            <source>Texts are written to the file {path} and reach no phone. Use it to try the station out; choose an SMS service to reach the villagers.</source>
            <translation>短信只写入文件 {path}，不会发到任何手机上。用来试用本软件；要让村民收到短信，请选择一个短信服务。</translation>
        </message>
    </context>
    <context>
        <name>HandoverPanel</name>
        <message>
            <source>Today's cut-off for the courier</source>
            <translation>今日交件截止时间</translation>
        </message>
        <message>
            <source>Sent at</source>
            <translation>寄件时间</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>To</source>
            <translation>寄往</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>物品</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>重量</translation>
        </message>
        <message>
            <source>Carriers</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>A&amp;4 sheet</source>
            <translation>A4 纸(&amp;4)</translation>
        </message>
        <message>
            <source>&amp;80 mm roll</source>
            <translation>80 毫米卷纸(&amp;8)</translation>
        </message>
        <message>
            <source>Manifest on:</source>
            <translation>清单打印在：</translation>
        </message>
        <message numerus="yes">
            <source>{carrier}  %n parcel(s)</source>
            <translation>
                <numerusform>{carrier}  %n 件</numerusform>
            </translation>
        </message>
        <message>
            <source>Past {cutoff}: parcels handed over now reach the county tomorrow. Tell the senders.</source>
            <translation>已过 {cutoff}：现在交出的快递明天才能到县里，请告知寄件人。</translation>
        </message>
        <message>
            <source>no label yet</source>
            <translation>未贴面单</translation>
        </message>
        <message>
            <source>{grams} g</source>
            <translation>{grams} 克</translation>
        </message>
        <message numerus="yes">
            <source>Waiting for {carrier}'s courier: %n</source>
            <translation>
                <numerusform>等待{carrier}快递员揽收：%n 件</numerusform>
            </translation>
        </message>
        <message>
            <source>No parcels are waiting for a courier.</source>
            <translation>没有等待交件的快递。</translation>
        </message>
        <message numerus="yes">
            <source>Hand %n parcel(s) to {carrier} and print (Enter)</source>
            <translation>
                <numerusform>交给{carrier} %n 件并打印清单（Enter）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) have no waybill yet: scan their labels on the Sending page first.</source>
            <translation>
                <numerusform>有 %n 件还没有运单号：请先在“寄件”页扫描面单。</numerusform>
            </translation>
        </message>
        <message>
            <source>Up/Down chooses the carrier; Enter hands the parcels over.</source>
            <translation>上下方向键选择快递公司，按 Enter 交件。</translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) handed to {carrier}'s courier.</source>
            <translation>
                <numerusform>已交给{carrier}快递员 %n 件。</numerusform>
            </translation>
        </message>
        <message>
            <source>Printing was cancelled.</source>
            <translation>已取消打印。</translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>Parcels arrived</source>
            <translation>今日到件</translation>
        </message>
        <message>
            <source>Parcels sent</source>
            <translation>今日寄件</translation>
        </message>
        <message>
            <source>Proxy purchases</source>
            <translation>代购订单</translation>
        </message>
        <message>
            <source>Bills paid</source>
            <translation>缴费笔数</translation>
        </message>
        <message>
            <source>Cash taken</source>
            <translation>现金收入</translation>
        </message>
        <message>
            <source>Proxy purchases open</source>
            <translation>代购未完成</translation>
        </message>
        <message>
            <source>Proxy purchases arrived today</source>
            <translation>今日代购到货</translation>
        </message>
        <message>
            <source>Purchases of produce today</source>
            <translation>今日收购笔数</translation>
        </message>
        <message>
            <source>Paid for produce today</source>
            <translation>今日收购金额</translation>
        </message>
        <message>
            <source>Produce bought today (jin)</source>
            <translation>今日收购重量（斤）</translation>
        </message>
        <message>
            <source>Households helped this month</source>
            <translation>本月帮扶户数</translation>
        </message>
        <message>
            <source>Announcements from the county center</source>
            <translation>县级中心公告</translation>
        </message>
        <message>
            <source>Press F1 to F11 to switch pages. The barcode scanner works on every page. Ctrl+L locks the screen.</source>
            <translation>按 F1 至 F11 切换页面。扫码枪在每个页面都能用。按 Ctrl+L 锁定屏幕。</translation>
        </message>
        <message>
            <source>Today, {day}</source>
            <translation>今天：{day}</translation>
        </message>
    </context>
    <context>
        <name>HouseholdLogPanel</name>
        <message>
            <source>Household number, head's or member's name, pinyin initials, phone tail</source>
            <translation>户编号、户主或家庭成员姓名、拼音首字母、手机尾号</translation>
        </message>
        <message>
            <source>Type to find a household (Ctrl+F).</source>
            <translation>输入即可查找建档户（Ctrl+F）。</translation>
        </message>
        <message>
            <source>Print the ledger  Ctrl+D</source>
            <translation>打印台账  Ctrl+D</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>What</source>
            <translation>事项</translation>
        </message>
        <message>
            <source>Goods / money</source>
            <translation>品名 / 款项</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Income brought</source>
            <translation>增收</translation>
        </message>
        <message>
            <source>Fee waived</source>
            <translation>减免费用</translation>
        </message>
        <message>
            <source>Service note</source>
            <translation>服务内容 / 备注</translation>
        </message>
        <message>
            <source>Find a household  Ctrl+F</source>
            <translation>查找建档户  Ctrl+F</translation>
        </message>
        <message>
            <source>Period  Ctrl+P</source>
            <translation>统计期间  Ctrl+P</translation>
        </message>
        <message>
            <source>No registered household matches. Check what you typed.</source>
            <translation>没有相符的建档户。请核对输入的内容。</translation>
        </message>
        <message>
            <source>{count} found: ↓ to choose, Enter takes the first.</source>
            <translation>找到 {count} 户：按 ↓ 选择，按 Enter 选第一户。</translation>
        </message>
        <message>
            <source>{period}: {events} entries, income brought {income}, fees waived {waived}, {services} services.</source>
            <translation>{period}：共 {events} 条，增收 {income}，减免费用 {waived}，帮扶服务 {services} 次。</translation>
        </message>
        <message>
            <source>No household chosen</source>
            <translation>尚未选择农户</translation>
        </message>
        <message>
            <source>Find a household on the left: its log and totals show here.</source>
            <translation>请在左侧查找农户：其帮扶台账和合计显示在这里。</translation>
        </message>
        <message>
            <source>The county's registry no longer lists this household.</source>
            <translation>县里的建档户名单中已没有这一户。</translation>
        </message>
        <message>
            <source>{type}, monitored: {kind}</source>
            <translation>{type}，监测对象：{kind}</translation>
        </message>
        <message>
            <source> (risk cleared)</source>
            <translation>（风险已消除）</translation>
        </message>
        <message>
            <source>none yet</source>
            <translation>暂无</translation>
        </message>
        <message>
            <source>{kind} · {township} {village} {natural} · {members} members · head's ID {id} · phone {phone}
Members met at the station: {met}</source>
            <translation>{kind} · {township} {village} {natural} · {members} 口人 · 户主身份证 {id} · 电话 {phone}
来过本站的家庭成员：{met}</translation>
        </message>
        <message>
            <source>The service is in the household's log.</source>
            <translation>帮扶服务已记入该户台账。</translation>
        </message>
        <message>
            <source>The household's ledger went to the printer.</source>
            <translation>该户的帮扶台账已送去打印。</translation>
        </message>
        <message>
            <source>Printing was cancelled.</source>
            <translation>已取消打印。</translation>
        </message>
    </context>
    <context>
        <name>HouseholdOffer</name>
        <message>
            <source>Registered household: {name}{marker}</source>
            <translation>登记户：{name}{marker}</translation>
        </message>
        <message>
            <source>No. {number}</source>
            <translation>户编号 {number}</translation>
        </message>
        <message>
            <source>Marked  ·  {clear}: not this household</source>
            <translation>已标记  ·  {clear}：不是此户</translation>
        </message>
        <message>
            <source>{accept}: it is this household  ·  {clear}: it is not</source>
            <translation>{accept}：是此户  ·  {clear}：不是</translation>
        </message>
        <message numerus="yes">
            <source>%n more household(s) match: type the name to narrow them</source>
            <translation>
                <numerusform>另有 %n 户相符：输入姓名可缩小范围</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HouseholdWords</name>
        <message>
            <source>Produce bought</source>
            <translation>收购</translation>
        </message>
        <message>
            <source>Goods taken to sell</source>
            <translation>代销收货</translation>
        </message>
        <message>
            <source>Consigned goods sold</source>
            <translation>代销售出</translation>
        </message>
        <message>
            <source>Consignment settled</source>
            <translation>代销结算</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>帮扶服务</translation>
        </message>
        <message>
            <source>Parcel received for them</source>
            <translation>代收快递</translation>
        </message>
        <message>
            <source>Parcel sent for them</source>
            <translation>代寄快递</translation>
        </message>
        <message>
            <source>Proxy purchase</source>
            <translation>代购</translation>
        </message>
        <message>
            <source>Bill</source>
            <translation>缴费</translation>
        </message>
        <message>
            <source>Produce</source>
            <translation>农产品</translation>
        </message>
        <message>
            <source>Parcel</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>培训</translation>
        </message>
        <message>
            <source>Advice</source>
            <translation>咨询</translation>
        </message>
        <message>
            <source>A form filled in</source>
            <translation>代办表格</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Service ({kind})</source>
            <translation>服务：{kind}</translation>
        </message>
        <message>
            <source>paid {amount}</source>
            <translation>付给 {amount}</translation>
        </message>
        <message>
            <source>took {amount}</source>
            <translation>收取 {amount}</translation>
        </message>
        <message>
            <source>This month ({period})</source>
            <translation>本月（{period}）</translation>
        </message>
        <message>
            <source>Month {period}</source>
            <translation>月份 {period}</translation>
        </message>
        <message>
            <source>Quarter {period}</source>
            <translation>季度 {period}</translation>
        </message>
        <message>
            <source>Year {period}</source>
            <translation>年度 {period}</translation>
        </message>
    </context>
    <context>
        <name>HouseholdsPage</name>
        <message>
            <source>Household log</source>
            <translation>帮扶台账</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>查户台账</translation>
        </message>
        <message>
            <source>Station totals</source>
            <translation>全站合计</translation>
        </message>
    </context>
    <context>
        <name>IntakeHouseholds</name>
        <message>
            <source>Marked for the household: press Enter to take the parcel in.</source>
            <translation>已标记为登记户：按 Enter 入库。</translation>
        </message>
    </context>
    <context>
        <name>IntakePanel</name>
        <message>
            <source>Scan the waybill barcode, or type it and press Enter</source>
            <translation>扫描运单条码，或输入单号后按 Enter</translation>
        </message>
        <message>
            <source>Only for a new phone: the name on the waybill (张* is fine)</source>
            <translation>新号码才需填写：面单上的姓名（可写 张*）</translation>
        </message>
        <message>
            <source>&amp;Waybill:</source>
            <translation>运单号(&amp;W)：</translation>
        </message>
        <message>
            <source>&amp;Carrier:</source>
            <translation>快递公司(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Phone:</source>
            <translation>手机号(&amp;P)：</translation>
        </message>
        <message>
            <source>Mobile, or the label's last 4 digits</source>
            <translation>手机号，或标签上的尾号4位</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>姓名(&amp;N)：</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Waybill tail</source>
            <translation>运单尾号</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递</translation>
        </message>
        <message numerus="yes">
            <source>This batch: %n parcel(s)</source>
            <translation>
                <numerusform>本批已入库 %n 件</numerusform>
            </translation>
        </message>
        <message>
            <source>Wait a moment: the last parcel is still being saved.</source>
            <translation>请稍等：上一件还在保存。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is not recorded yet: type its recipient's phone and press Enter, or press Esc to drop it; then scan the next one.</source>
            <translation>运单 {waybill} 还没有入库：请输入收件人手机号并按 Enter，或按 Esc 放弃，然后再扫下一件。</translation>
        </message>
        <message>
            <source>Scan the next parcel's waybill.</source>
            <translation>请扫描下一件快递的运单。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is already on the shelf at {code} (taken in {since}). Do not take it in twice: put this parcel with it and scan the next one.</source>
            <translation>运单 {waybill} 已在货架上，取件码 {code}（{since} 入库）。不要重复入库：把这件和它放在一起，扫描下一件。</translation>
        </message>
        <message>
            <source>Press Enter for the highlighted carrier, or its number to pick another.</source>
            <translation>按 Enter 确认高亮的快递公司，或按数字键选择其他公司。</translation>
        </message>
        <message>
            <source>Choose the carrier first: press its number (1 to 9).</source>
            <translation>请先选择快递公司：按数字键 1 到 9。</translation>
        </message>
        <message>
            <source>household {household}</source>
            <translation>登记户 {household}</translation>
        </message>
        <message>
            <source>Scan the waybill first, then type the phone.</source>
            <translation>请先扫描运单，再输入手机号。</translation>
        </message>
        <message>
            <source>Type the recipient's name as the waybill prints it (张* is fine).</source>
            <translation>请按面单输入收件人姓名（可写 张*）。</translation>
        </message>
        <message>
            <source>A new phone: type the name on the waybill (张* is fine) and press Enter.</source>
            <translation>新号码：请输入面单上的姓名（可写 张*），按 Enter 入库。</translation>
        </message>
        <message>
            <source>Taken in: {code}  ·  {carrier} tail {tail}  ·  {name} {phone}</source>
            <translation>已入库：{code}  ·  {carrier} 尾号{tail}  ·  {name} {phone}</translation>
        </message>
    </context>
    <context>
        <name>IntakeQuestions</name>
        <message>
            <source>Delivered again?</source>
            <translation>再次派送？</translation>
        </message>
        <message>
            <source>Waybill {waybill} was taken in before and left the station on {when}. Did the courier bring it again? Y: yes, take it in again. Enter or Esc: no.</source>
            <translation>运单 {waybill} 以前入库过，已于 {when} 离站。
快递员又送来了吗？
按 Y：是，再次入库；按 Enter 或 Esc：否。</translation>
        </message>
        <message>
            <source>Not taken in. Scan the next parcel's waybill.</source>
            <translation>未入库。请扫描下一件快递的运单。</translation>
        </message>
        <message>
            <source>Keep this number?</source>
            <translation>保留这个号码吗？</translation>
        </message>
        <message>
            <source>{warning}

Is {number} right? Y: yes, keep it. Enter or Esc: no, correct it.</source>
            <translation>{warning}

{number} 确实无误吗？按 Y：是，保留。按 Enter 或 Esc：否，去改号码。</translation>
        </message>
        <message>
            <source>Correct the mobile number and press Enter.</source>
            <translation>请改正手机号，按 Enter。</translation>
        </message>
    </context>
    <context>
        <name>ItemsTable</name>
        <message>
            <source>Item</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Spec</source>
            <translation>规格</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
    </context>
    <context>
        <name>JoinCountyDialog</name>
        <message>
            <source>Join the county center</source>
            <translation>加入县级中心</translation>
        </message>
        <message>
            <source>The county center's letter gives its address and a code for this station. Type both here; the station then sends its records by itself whenever the internet is there.</source>
            <translation>县级中心的来函上有它的地址和本站的加入码。请在这里填写；之后只要有网络，本站会自动上传记录。</translation>
        </message>
        <message>
            <source>e.g. https://county.example.cn</source>
            <translation>例如 https://county.example.cn</translation>
        </message>
        <message>
            <source>e.g. 7KQ2-MX4P-9TNA</source>
            <translation>例如 7KQ2-MX4P-9TNA</translation>
        </message>
        <message>
            <source>County center's &amp;address:</source>
            <translation>县级中心地址(&amp;A)：</translation>
        </message>
        <message>
            <source>&amp;Code for this station:</source>
            <translation>本站加入码(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Join</source>
            <translation>加入(&amp;J)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Asking the county center…</source>
            <translation>正在联系县级中心…</translation>
        </message>
    </context>
    <context>
        <name>KeyEdit</name>
        <message>
            <source>Saved</source>
            <translation>已保存</translation>
        </message>
        <message>
            <source>copy it from the service's console</source>
            <translation>从短信服务的控制台复制</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <source>The screen is locked</source>
            <translation>屏幕已锁定</translation>
        </message>
        <message>
            <source>&amp;PIN:</source>
            <translation>PIN 密码(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation>解锁(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Switch operator</source>
            <translation>切换操作员(&amp;S)</translation>
        </message>
        <message>
            <source>{name} was working here. Type {name}'s PIN to go on.</source>
            <translation>刚才由 {name} 在操作。请输入 {name} 的 PIN 密码继续。</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Choose your name and type your PIN.</source>
            <translation>请选择您的名字，并输入 PIN 密码。</translation>
        </message>
        <message>
            <source>&amp;Operator:</source>
            <translation>操作员(&amp;O)：</translation>
        </message>
        <message>
            <source>&amp;PIN:</source>
            <translation>PIN 密码(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Log in</source>
            <translation>登录(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Home</source>
            <translation>首页</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Proxy purchases</source>
            <translation>代购</translation>
        </message>
        <message>
            <source>Produce</source>
            <translation>代销收购</translation>
        </message>
        <message>
            <source>Bills</source>
            <translation>缴费</translation>
        </message>
        <message>
            <source>Household log</source>
            <translation>帮扶台账</translation>
        </message>
        <message>
            <source>Day close</source>
            <translation>日结</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>同步</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Texts</source>
            <translation>短信</translation>
        </message>
        <message>
            <source>Village Station</source>
            <translation>村级电商服务站</translation>
        </message>
        <message>
            <source>Not joined to a county center</source>
            <translation>未加入县级中心</translation>
        </message>
        <message>
            <source>Scanned {code}</source>
            <translation>扫描到 {code}</translation>
        </message>
        <message>
            <source>manager</source>
            <translation>站长</translation>
        </message>
        <message>
            <source>operator</source>
            <translation>业务员</translation>
        </message>
        <message>
            <source>Operator: {name} ({role})</source>
            <translation>操作员：{name}（{role}）</translation>
        </message>
        <message>
            <source>Waiting to send: {count}</source>
            <translation>待上传：{count} 条</translation>
        </message>
        <message>
            <source>Joined to the county center</source>
            <translation>已加入县级中心</translation>
        </message>
        <message>
            <source>Warning: the station's records fail their check. Someone may have changed them outside this program. Do not close the day; call the county center now. Details for the county center: {problem}</source>
            <translation>警告：本站的记录没有通过校验，可能有人在本程序之外改动过记录。请不要日结，马上联系县级中心。给县级中心的详情：{problem}</translation>
        </message>
    </context>
    <context>
        <name>ModemPanel</name>
        <message>
            <source>e.g. COM3</source>
            <translation>例如 COM3</translation>
        </message>
        <message>
            <source>&amp;Find ports</source>
            <translation>查找端口(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Port:</source>
            <translation>端口(&amp;P)：</translation>
        </message>
        <message>
            <source>Spee&amp;d:</source>
            <translation>速率(&amp;D)：</translation>
        </message>
        <message>
            <source>The modem sends texts with its own SIM card and needs no internet. While it is unplugged, texts wait in the queue.</source>
            <translation>短信猫用自己的 SIM 卡发短信，不需要上网。没插上时，短信在队列里等着。</translation>
        </message>
    </context>
    <context>
        <name>NewOrderPanel</name>
        <message>
            <source>Phone's last 4 digits, name or pinyin initials</source>
            <translation>手机尾号4位、姓名或拼音首字母</translation>
        </message>
        <message>
            <source>e.g. 电压力锅</source>
            <translation>如 电压力锅</translation>
        </message>
        <message>
            <source>Save the order (Enter in the deposit, Ctrl+Enter)</source>
            <translation>保存代购单（定金处回车，或 Ctrl+Enter）</translation>
        </message>
        <message>
            <source>New order (Ctrl+N)</source>
            <translation>新单（Ctrl+N）</translation>
        </message>
        <message>
            <source>Print the order slip (Ctrl+P)</source>
            <translation>打印代购单（Ctrl+P）</translation>
        </message>
        <message>
            <source>&amp;Villager:</source>
            <translation>村民(&amp;V)：</translation>
        </message>
        <message>
            <source>Na&amp;me:</source>
            <translation>姓名(&amp;M)：</translation>
        </message>
        <message>
            <source>P&amp;hone:</source>
            <translation>手机(&amp;H)：</translation>
        </message>
        <message>
            <source>&amp;Item:</source>
            <translation>商品(&amp;I)：</translation>
        </message>
        <message>
            <source>Spec:</source>
            <translation>规格：</translation>
        </message>
        <message>
            <source>Qty:</source>
            <translation>数量：</translation>
        </message>
        <message>
            <source>Unit:</source>
            <translation>单位：</translation>
        </message>
        <message>
            <source>Unit &amp;price ¥:</source>
            <translation>单价(&amp;P) ¥：</translation>
        </message>
        <message>
            <source>Pla&amp;tform:</source>
            <translation>平台(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Deposit ¥:</source>
            <translation>定金(&amp;D) ¥：</translation>
        </message>
        <message>
            <source>taken by:</source>
            <translation>收款方式：</translation>
        </message>
        <message>
            <source>Items (Enter in the price adds one; Del removes)</source>
            <translation>商品（单价处回车加入一件；Del 删除）</translation>
        </message>
        <message>
            <source>New villager: type the name and phone</source>
            <translation>新村民：输入姓名和手机号</translation>
        </message>
        <message>
            <source>Up/Down and Enter choose the villager; the last row is new.</source>
            <translation>上下键和回车选村民；最后一行是新村民。</translation>
        </message>
        <message>
            <source>Type each item and Enter; an empty item's Enter goes on to the platform.</source>
            <translation>逐件输入商品并回车；商品为空时回车转到平台。</translation>
        </message>
        <message>
            <source>the whole mobile number ({masked})</source>
            <translation>完整手机号（{masked}）</translation>
        </message>
        <message>
            <source>Type the item's name, quantity and unit price.</source>
            <translation>请输入商品名称、数量和单价。</translation>
        </message>
        <message>
            <source>Goods {quoted} + service fee {fee} = {total}; still owed {owed}</source>
            <translation>货款 {quoted} + 服务费 {fee} = {total}；尚欠 {owed}</translation>
        </message>
        <message>
            <source>Service fee {fee} waived: a registered household.</source>
            <translation>服务费 {fee} 已减免：登记帮扶户。</translation>
        </message>
        <message>
            <source>Order {no} saved for {name}: still owed {owed}. Ctrl+P prints its slip.</source>
            <translation>代购单 {no} 已为 {name} 保存：尚欠 {owed}。按 Ctrl+P 打印代购单。</translation>
        </message>
        <message>
            <source>Save an order first; then Ctrl+P prints its slip.</source>
            <translation>请先保存代购单，再按 Ctrl+P 打印。</translation>
        </message>
        <message>
            <source>The slip of order {no} was printed or saved.</source>
            <translation>代购单 {no} 已打印或保存。</translation>
        </message>
        <message>
            <source>Printing was cancelled.</source>
            <translation>已取消打印。</translation>
        </message>
        <message>
            <source>mobile number</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Find the villager (Enter), then type each item and Enter; the deposit's Enter saves.</source>
            <translation>先找村民（回车），再逐件输入商品并回车；定金处回车即保存。</translation>
        </message>
    </context>
    <context>
        <name>OfferedSendingForm</name>
        <message>
            <source>Scan or type the waybill of the label</source>
            <translation>扫描或输入面单运单号</translation>
        </message>
        <message>
            <source>Scan or type the waybill of the label on the parcel.</source>
            <translation>请扫描或输入包裹上面单的运单号。</translation>
        </message>
    </context>
    <context>
        <name>OpenOrdersPanel</name>
        <message>
            <source>To place</source>
            <translation>待下单</translation>
        </message>
        <message>
            <source>Placed</source>
            <translation>已下单</translation>
        </message>
        <message>
            <source>Shipped</source>
            <translation>已发货</translation>
        </message>
        <message>
            <source>Arrived</source>
            <translation>已到货</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>超期</translation>
        </message>
        <message>
            <source>On an order: P placed, S shipped, A arrived by hand, L a parcel on the shelf, D delivered, C cancelled, R returned. Ctrl+P prints its slip; U undoes its last step (the manager).</source>
            <translation>选中一单后：P 已下单，S 已发货，A 手动到货，L 关联货架上的快递，D 交付，C 取消，R 退货。Ctrl+P 打印代购单；U 撤销最后一步（站长）。</translation>
        </message>
    </context>
    <context>
        <name>OperatorForm</name>
        <message>
            <source>Add an operator</source>
            <translation>添加操作员</translation>
        </message>
        <message>
            <source>e.g. 玉香</source>
            <translation>例如：玉香</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>业务员</translation>
        </message>
        <message>
            <source>Manager</source>
            <translation>站长</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>姓名(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Role:</source>
            <translation>角色(&amp;R)：</translation>
        </message>
    </context>
    <context>
        <name>OperatorsPanel</name>
        <message>
            <source>Operators</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>&amp;Add operator</source>
            <translation>添加操作员(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Reset PIN</source>
            <translation>重设 PIN(&amp;R)</translation>
        </message>
        <message>
            <source>Switch o&amp;ff</source>
            <translation>停用(&amp;F)</translation>
        </message>
        <message>
            <source>Manager</source>
            <translation>站长</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>业务员</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>在用</translation>
        </message>
        <message>
            <source>Switched off</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>Switch o&amp;n</source>
            <translation>启用(&amp;N)</translation>
        </message>
        <message>
            <source>Click an operator in the list first.</source>
            <translation>请先在列表里点选一位操作员。</translation>
        </message>
        <message>
            <source>Reset PIN</source>
            <translation>重设 PIN 密码</translation>
        </message>
        <message>
            <source>A new PIN for {name}. Tell it to {name} only.</source>
            <translation>为 {name} 设一个新的 PIN 密码。只告诉 {name} 本人。</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
    </context>
    <context>
        <name>OrderDesk</name>
        <message>
            <source>Choose an order first (Up/Down).</source>
            <translation>请先选一单（上下键）。</translation>
        </message>
        <message>
            <source>Order {no}: recorded.</source>
            <translation>代购单 {no}：已记录。</translation>
        </message>
        <message>
            <source>Only a returned order whose goods have not gone back is sent back.</source>
            <translation>只有已退货、商品还没寄回的单才能寄回。</translation>
        </message>
        <message>
            <source>Return {no}</source>
            <translation>退货 {no}</translation>
        </message>
        <message>
            <source>The sending form cannot be opened from here.</source>
            <translation>这里打不开寄件单。</translation>
        </message>
        <message>
            <source>Order {no} is returned; its goods were not sent. B on the order sends them later.</source>
            <translation>代购单 {no} 已退货，商品还没寄回；以后在单上按 B 寄回。</translation>
        </message>
        <message>
            <source>The goods go back by {carrier}, waybill {waybill}.</source>
            <translation>商品已交{carrier}寄回，运单号 {waybill}。</translation>
        </message>
        <message>
            <source>Reason: {reason}.</source>
            <translation>原因：{reason}。</translation>
        </message>
        <message>
            <source>Sent back by {carrier}, waybill {waybill}.</source>
            <translation>已由{carrier}寄回，运单号 {waybill}。</translation>
        </message>
        <message>
            <source>no label yet</source>
            <translation>还没贴面单</translation>
        </message>
        <message>
            <source>The goods have not gone back: B sends them.</source>
            <translation>商品还没寄回：按 B 寄回。</translation>
        </message>
        <message>
            <source>The platform refunded {refunded} of the {paid} paid.</source>
            <translation>平台已退款 {refunded}（下单实付 {paid}）。</translation>
        </message>
        <message>
            <source>No refund from the platform yet: F records it.</source>
            <translation>平台还没退款：退款到账后按 F 登记。</translation>
        </message>
        <message>
            <source>Undo the last step</source>
            <translation>撤销最后一步</translation>
        </message>
        <message>
            <source>Why is the last step of order {no} undone? (e.g. entered twice)</source>
            <translation>为什么撤销代购单 {no} 的最后一步？（例如：录重了）</translation>
        </message>
        <message>
            <source>The order's last step was undone.</source>
            <translation>该单的最后一步已撤销。</translation>
        </message>
        <message>
            <source>The slip of order {no} was printed or saved.</source>
            <translation>代购单 {no} 已打印或保存。</translation>
        </message>
        <message>
            <source>Printing was cancelled.</source>
            <translation>已取消打印。</translation>
        </message>
    </context>
    <context>
        <name>OrderSteps</name>
        <message>
            <source>Placed on the platform</source>
            <translation>已在平台下单</translation>
        </message>
        <message>
            <source>Shipped: the platform's waybill</source>
            <translation>已发货：平台运单号</translation>
        </message>
        <message>
            <source>Arrived by hand</source>
            <translation>手动到货</translation>
        </message>
        <message>
            <source>Arrived: a parcel on the shelf</source>
            <translation>到货：货架上的快递</translation>
        </message>
        <message>
            <source>Deliver to the villager</source>
            <translation>交付村民</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Returned after delivery</source>
            <translation>交付后退货</translation>
        </message>
        <message>
            <source>Refunded by the platform</source>
            <translation>平台退款</translation>
        </message>
        <message>
            <source>Platform's order &amp;number:</source>
            <translation>平台订单号(&amp;N)：</translation>
        </message>
        <message>
            <source>Price &amp;paid ¥:</source>
            <translation>实付(&amp;P) ¥：</translation>
        </message>
        <message>
            <source>Paid &amp;from:</source>
            <translation>付款账户(&amp;F)：</translation>
        </message>
        <message>
            <source>&amp;Waybill (scan it):</source>
            <translation>运单号（扫码）(&amp;W)：</translation>
        </message>
        <message>
            <source>Pickup &amp;code or waybill on the shelf:</source>
            <translation>货架上快递的取件码或运单号(&amp;C)：</translation>
        </message>
        <message>
            <source>To take: {money}</source>
            <translation>应收：{money}</translation>
        </message>
        <message>
            <source>Change to give: {money}</source>
            <translation>应找零：{money}</translation>
        </message>
        <message>
            <source>Balance:</source>
            <translation>尾款：</translation>
        </message>
        <message>
            <source>&amp;How:</source>
            <translation>方式(&amp;H)：</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>原因(&amp;R)：</translation>
        </message>
        <message>
            <source>Re&amp;fund ¥:</source>
            <translation>退款(&amp;F) ¥：</translation>
        </message>
        <message>
            <source>Refunded &amp;by:</source>
            <translation>退款方式(&amp;B)：</translation>
        </message>
        <message>
            <source>&amp;Send the goods back:</source>
            <translation>寄回商品(&amp;S)：</translation>
        </message>
        <message>
            <source>Refunded &amp;to the account ¥:</source>
            <translation>退回账户金额 ¥(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Into:</source>
            <translation>退入账户(&amp;I)：</translation>
        </message>
        <message>
            <source>Yes: fill in the sending form now</source>
            <translation>是：现在填写寄件单</translation>
        </message>
        <message>
            <source>No, or later (B on the order)</source>
            <translation>否，或以后再寄（在单上按 B）</translation>
        </message>
    </context>
    <context>
        <name>OrdersPage</name>
        <message>
            <source>Proxy purchases</source>
            <translation>代购</translation>
        </message>
        <message>
            <source>New order</source>
            <translation>新建代购</translation>
        </message>
        <message>
            <source>Open orders</source>
            <translation>未完成</translation>
        </message>
        <message>
            <source>A villager's orders</source>
            <translation>村民的代购单</translation>
        </message>
    </context>
    <context>
        <name>OrdersTable</name>
        <message>
            <source>Order</source>
            <translation>单号</translation>
        </message>
        <message>
            <source>Villager</source>
            <translation>村民</translation>
        </message>
        <message>
            <source>Items</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>平台</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>Still owed</source>
            <translation>尚欠</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>天数</translation>
        </message>
    </context>
    <context>
        <name>OutboxPanel</name>
        <message>
            <source>Waiting</source>
            <translation>待发送</translation>
        </message>
        <message>
            <source>Sending</source>
            <translation>发送中</translation>
        </message>
        <message>
            <source>At the county center</source>
            <translation>已交县中心</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>已发送</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <source>All texts</source>
            <translation>全部短信</translation>
        </message>
        <message>
            <source>S&amp;how:</source>
            <translation>显示(&amp;H)：</translation>
        </message>
        <message>
            <source>Queued</source>
            <translation>生成时间</translation>
        </message>
        <message>
            <source>To</source>
            <translation>发给</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>长度</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Tries</source>
            <translation>尝试</translation>
        </message>
        <message>
            <source>Why not sent</source>
            <translation>未发出原因</translation>
        </message>
        <message>
            <source>&amp;Retry (R)</source>
            <translation>重试(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Cancel text (Del)</source>
            <translation>取消发送 Del(&amp;C)</translation>
        </message>
        <message>
            <source>Do-not-text list (N)</source>
            <translation>不发短信名单（N）</translation>
        </message>
        <message>
            <source>A text over 70 characters is sent, and paid, as several parts (67 characters each). A failed text is kept: fix the cause, then Retry.</source>
            <translation>超过 70 个字的短信分成几条发送和计费（每条 67 个字）。发送失败的短信会保留：排除原因后按“重试”。</translation>
        </message>
        <message>
            <source>Waiting: {queued} (costing {parts} messages)   Sent: {sent}   Failed: {failed}</source>
            <translation>待发送 {queued} 条（计费 {parts} 条）   已发送 {sent} 条   失败 {failed} 条</translation>
        </message>
        <message>
            <source>At the county center: {relayed}</source>
            <translation>已交县中心 {relayed} 条</translation>
        </message>
        <message numerus="yes">
            <source>{chars} chars, %n part(s)</source>
            <translation>
                <numerusform>{chars} 字，%n 条</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a failed text first; only those can be retried.</source>
            <translation>请先选中一条发送失败的短信；只有失败的短信可以重试。</translation>
        </message>
        <message>
            <source>Choose a waiting text first; only those can be cancelled.</source>
            <translation>请先选中一条待发送的短信；只有待发送的短信可以取消。</translation>
        </message>
        <message>
            <source>The text is queued again.</source>
            <translation>短信已重新排队发送。</translation>
        </message>
        <message>
            <source>The text is cancelled; Retry sends it after all.</source>
            <translation>短信已取消；按“重试”仍可发送。</translation>
        </message>
    </context>
    <context>
        <name>ParcelSettingsDialog</name>
        <message>
            <source>Parcel settings</source>
            <translation>快递设置</translation>
        </message>
        <message>
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <source> min</source>
            <translation> 分钟</translation>
        </message>
        <message>
            <source>S&amp;helves:</source>
            <translation>货架(&amp;H)：</translation>
        </message>
        <message>
            <source>&amp;Overdue after:</source>
            <translation>超过几天算滞留(&amp;O)：</translation>
        </message>
        <message>
            <source>Propose &amp;return after:</source>
            <translation>超过几天建议退回(&amp;R)：</translation>
        </message>
        <message>
            <source>Default &amp;consent:</source>
            <translation>默认同意方式(&amp;C)：</translation>
        </message>
        <message>
            <source>Pickup &amp;fee (yuan):</source>
            <translation>取件费（元）(&amp;F)：</translation>
        </message>
        <message>
            <source>Leave the fee at 0: regulators have ordered refunds where stations charged recipients for pickup (二次收费).</source>
            <translation>取件费请保持为 0：已有服务站因向收件人收取取件费（二次收费）被监管部门责令退款。</translation>
        </message>
        <message>
            <source>Handover c&amp;ut-off:</source>
            <translation>交件截止时间(&amp;U)：</translation>
        </message>
        <message>
            <source>One text per phone &amp;within:</source>
            <translation>同一号码合并短信的时间(&amp;W)：</translation>
        </message>
        <message>
            <source>Days to co&amp;llect (in the text):</source>
            <translation>短信中的领取期限(&amp;L)：</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
    </context>
    <context>
        <name>ParcelWords</name>
        <message>
            <source>On the shelf</source>
            <translation>在架</translation>
        </message>
        <message>
            <source>Picked up</source>
            <translation>已取出</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>已退回</translation>
        </message>
        <message>
            <source>Told by SMS</source>
            <translation>短信告知</translation>
        </message>
        <message>
            <source>Agreed on the phone</source>
            <translation>电话确认</translation>
        </message>
        <message>
            <source>Standing agreement</source>
            <translation>长期同意</translation>
        </message>
        <message>
            <source>Agreed in person</source>
            <translation>当面同意</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Phone number</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>ID card shown</source>
            <translation>出示身份证</translation>
        </message>
        <message>
            <source>Resident ID card</source>
            <translation>居民身份证</translation>
        </message>
        <message>
            <source>Hong Kong/Macao travel permit</source>
            <translation>港澳居民来往内地通行证</translation>
        </message>
        <message>
            <source>Taiwan travel permit</source>
            <translation>台湾居民来往大陆通行证</translation>
        </message>
        <message>
            <source>Passport</source>
            <translation>护照</translation>
        </message>
        <message>
            <source>Foreigner's permanent residence card</source>
            <translation>外国人永久居留身份证</translation>
        </message>
        <message>
            <source>Other document</source>
            <translation>其他证件</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>WeChat Pay</source>
            <translation>微信支付</translation>
        </message>
        <message>
            <source>Alipay</source>
            <translation>支付宝</translation>
        </message>
        <message>
            <source>Monthly account</source>
            <translation>月结</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Daily goods</source>
            <translation>日用品</translation>
        </message>
        <message>
            <source>Clothing and shoes</source>
            <translation>服装鞋帽</translation>
        </message>
        <message>
            <source>Food</source>
            <translation>食品</translation>
        </message>
        <message>
            <source>Farm produce</source>
            <translation>农产品</translation>
        </message>
        <message>
            <source>Electronics</source>
            <translation>电子产品</translation>
        </message>
    </context>
    <context>
        <name>ParcelsPage</name>
        <message>
            <source>Intake</source>
            <translation>到件入库</translation>
        </message>
        <message>
            <source>Pickup</source>
            <translation>取件</translation>
        </message>
        <message>
            <source>Shelves</source>
            <translation>货架</translation>
        </message>
        <message>
            <source>Sending</source>
            <translation>寄件</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>交件</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>快递</translation>
        </message>
    </context>
    <context>
        <name>PickupPanel</name>
        <message>
            <source>Pickup code, last 4 digits of the phone, phone, waybill or name</source>
            <translation>取件码、手机尾号 4 位、手机号、运单号或姓名</translation>
        </message>
        <message>
            <source>Also &amp;picked up (to undo a mistake)</source>
            <translation>包括已取出的（撤销误取用）(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Search:</source>
            <translation>查找(&amp;S)：</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Waybill tail</source>
            <translation>运单尾号</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>在架天数</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Checked by:</source>
            <translation>核验方式：</translation>
        </message>
        <message>
            <source>Pickup &amp;code</source>
            <translation>取件码(&amp;C)</translation>
        </message>
        <message>
            <source>P&amp;hone number</source>
            <translation>手机号(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;ID card shown</source>
            <translation>出示身份证(&amp;I)</translation>
        </message>
        <message>
            <source>name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Collected &amp;for them by:</source>
            <translation>代取人(&amp;F)：</translation>
        </message>
        <message>
            <source>Print slip (Ctrl+P)</source>
            <translation>打印取件单 (Ctrl+P)</translation>
        </message>
        <message>
            <source>N adds the phone number of a parcel whose label showed only 尾号.</source>
            <translation>按 N 为只有尾号的包裹补录手机号。</translation>
        </message>
        <message numerus="yes">
            <source>Handed out %n parcel(s): {codes}. Ctrl+P prints the slip.</source>
            <translation>
                <numerusform>已交付 %n 件：{codes}。按 Ctrl+P 打印取件单。</numerusform>
            </translation>
        </message>
        <message>
            <source>Undo this pickup (U)</source>
            <translation>撤销这次取件 (U)</translation>
        </message>
        <message>
            <source>Scan or type the pickup code, the last 4 digits of the phone, or the name.</source>
            <translation>扫描或输入取件码、手机尾号 4 位，或姓名。</translation>
        </message>
        <message>
            <source>Enter hands out the ticked parcels. Space ticks or unticks one, A all. Esc: new search.</source>
            <translation>按 Enter 交付勾选的快递。空格键勾选或取消一件，A 键全选。Esc：重新查找。</translation>
        </message>
        <message>
            <source>These parcels belong to several people: tick the right ones with Space, then Enter.</source>
            <translation>这些快递属于不同的人：请用空格键勾选要取的件，再按 Enter。</translation>
        </message>
        <message>
            <source>Nothing found for {text}. Check the code or the phone's last 4 digits, or search by the name.</source>
            <translation>没有找到“{text}”。请核对取件码或手机尾号，或按姓名查找。</translation>
        </message>
        <message numerus="yes">
            <source>Hand out %n parcel(s) (Enter)</source>
            <translation>
                <numerusform>交付 %n 件（Enter）</numerusform>
            </translation>
        </message>
        <message>
            <source>Tick the parcels to hand out first: Space ticks one, A ticks all.</source>
            <translation>请先勾选要交付的快递：空格键勾选一件，A 键全选。</translation>
        </message>
    </context>
    <context>
        <name>PickupSlip</name>
        <message>
            <source>Hand out parcels first; then Ctrl+P prints their slip.</source>
            <translation>请先交付快递，再按 Ctrl+P 打印取件单。</translation>
        </message>
        <message>
            <source>The pickup slip was printed or saved.</source>
            <translation>取件单已打印或保存。</translation>
        </message>
        <message>
            <source>Printing was cancelled.</source>
            <translation>已取消打印。</translation>
        </message>
    </context>
    <context>
        <name>PinForm</name>
        <message>
            <source>&amp;OK</source>
            <translation>确定(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>取消(&amp;C)</translation>
        </message>
        <message>
            <source>New &amp;PIN (4–8 digits):</source>
            <translation>新 PIN 密码（4–8 位数字）(&amp;P)：</translation>
        </message>
    </context>
    <context>
        <name>PinTwice</name>
        <message>
            <source>PIN &amp;again:</source>
            <translation>再输一次(&amp;A)：</translation>
        </message>
        <message>
            <source>The two PINs are not the same. Type the same PIN in both fields.</source>
            <translation>两次输入的 PIN 密码不一样。请在两个框里输入相同的密码。</translation>
        </message>
    </context>
    <context>
        <name>PlaceholderPage</name>
        <message>
            <source>Proxy purchases: write down what a villager asks you to buy online, the deposit and the service fee, and follow the order until it is handed over.</source>
            <translation>代购：记下村民要网购的东西、定金和服务费，跟踪订单直到交到村民手上。</translation>
        </message>
        <message>
            <source>Produce: buy farm produce from villagers with a voucher they sign, and record what the station sells on.</source>
            <translation>代销收购：向村民收购农产品并开具收购凭证让其签字，记录本站代销卖出的产品。</translation>
        </message>
        <message>
            <source>Bills: take payments for electricity, water and phone top-ups, and print the receipt.</source>
            <translation>缴费：代收电费、水费和话费充值，并打印凭证。</translation>
        </message>
        <message>
            <source>Household log: what the station bought from and did for each registered poverty household, with the totals the county asks for.</source>
            <translation>帮扶台账：本站向每户建档立卡贫困户收购了什么、为其办了什么，以及县里要的合计数。</translation>
        </message>
        <message>
            <source>Day close: count the cash, compare it with the day's records, and print the day-close sheet.</source>
            <translation>日结：清点现金，与当天的记录核对，并打印日结单。</translation>
        </message>
        <message>
            <source>Reports: the station's figures by day and by month, to print or send to the township.</source>
            <translation>报表：本站按日、按月的数据，可以打印或报送乡镇。</translation>
        </message>
        <message>
            <source>This page comes with a later version of the program.</source>
            <translation>这个页面将在程序的后续版本中提供。</translation>
        </message>
    </context>
    <context>
        <name>Printing</name>
        <message>
            <source>receipt.pdf</source>
            <translation>凭证.pdf</translation>
        </message>
        <message>
            <source>Print receipt</source>
            <translation>打印凭证</translation>
        </message>
        <message>
            <source>Save receipt as PDF</source>
            <translation>将凭证保存为 PDF</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>No printer</source>
            <translation>没有打印机</translation>
        </message>
        <message>
            <source>No printer is installed on this computer. Save the receipt as a PDF file now; you can print it later, or install the printer's driver and print again.</source>
            <translation>这台电脑没有安装打印机。请先把凭证保存为 PDF 文件，以后再打印；或者安装打印机驱动后重新打印。</translation>
        </message>
    </context>
    <context>
        <name>ProducePage</name>
        <message>
            <source>Produce</source>
            <translation>代销收购</translation>
        </message>
        <message>
            <source>Purchase</source>
            <translation>收购</translation>
        </message>
        <message>
            <source>Consignment</source>
            <translation>代销</translation>
        </message>
        <message>
            <source>Sale</source>
            <translation>上行销售</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>微信</translation>
        </message>
        <message>
            <source>Alipay</source>
            <translation>支付宝</translation>
        </message>
        <message>
            <source>Bank</source>
            <translation>银行转账</translation>
        </message>
    </context>
    <context>
        <name>ProduceVoids</name>
        <message>
            <source>Choose one in the list (Tab to it, then Up/Down), then press Ctrl+U.</source>
            <translation>请先在列表中选中一笔（Tab 移到列表，再按上下键），然后按 Ctrl+U。</translation>
        </message>
        <message>
            <source>Void</source>
            <translation>作废</translation>
        </message>
        <message>
            <source>Voided: the list and the stock follow.</source>
            <translation>已作废：列表和库存已随之更新。</translation>
        </message>
    </context>
    <context>
        <name>PurchasePanel</name>
        <message>
            <source>name, initials or last 4 digits of the phone</source>
            <translation>姓名、拼音首字母或手机尾号4位</translation>
        </message>
        <message>
            <source>mobile (optional)</source>
            <translation>手机号（可不填）</translation>
        </message>
        <message>
            <source>catalog name or code, or type a new one</source>
            <translation>目录品名或编码，或直接输入新品名</translation>
        </message>
        <message>
            <source>F8 take the weight · F7 tare · Ctrl+T test</source>
            <translation>F8 取重 · F7 去皮 · Ctrl+T 检测</translation>
        </message>
        <message>
            <source>yuan per unit</source>
            <translation>每单位元数</translation>
        </message>
        <message>
            <source>Save purchase (Enter)</source>
            <translation>保存收购（回车）</translation>
        </message>
        <message>
            <source>Print voucher (Ctrl+P)</source>
            <translation>打印收购凭证（Ctrl+P）</translation>
        </message>
        <message>
            <source>Why is this purchase voided? (e.g. weighed wrong, entered twice)</source>
            <translation>为什么作废这笔收购？（例如：称错了、录重了）</translation>
        </message>
        <message>
            <source>&amp;Seller:</source>
            <translation>卖方(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Product:</source>
            <translation>品名(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Quantity:</source>
            <translation>数量(&amp;Q)：</translation>
        </message>
        <message>
            <source>Unit p&amp;rice:</source>
            <translation>单价(&amp;R)：</translation>
        </message>
        <message>
            <source>Paid by:</source>
            <translation>付款方式：</translation>
        </message>
        <message>
            <source>Type the seller, the product, the quantity and the price; Enter saves.</source>
            <translation>输入卖方、品名、数量和单价，按回车保存。</translation>
        </message>
        <message>
            <source>Reference {price}/{unit}</source>
            <translation>参考价 {price}/{unit}</translation>
        </message>
        <message>
            <source>Bought {quantity} {unit} {product} from {seller}: pay {amount}.</source>
            <translation>已收购{seller}的{product} {quantity}{unit}：应付 {amount}。</translation>
        </message>
        <message>
            <source>Check the price</source>
            <translation>请核对单价</translation>
        </message>
        <message>
            <source>Buy at this price? Y: yes, N: no.</source>
            <translation>按这个价格收购吗？Y：是，N：否。</translation>
        </message>
        <message>
            <source>Save a purchase first; then Ctrl+P prints its voucher.</source>
            <translation>请先保存一笔收购，再按 Ctrl+P 打印凭证。</translation>
        </message>
        <message>
            <source>This station cannot print purchase vouchers yet.</source>
            <translation>本站暂时不能打印收购凭证。</translation>
        </message>
        <message>
            <source>The purchase voucher was printed or saved.</source>
            <translation>收购凭证已打印或保存。</translation>
        </message>
        <message>
            <source>Printing was cancelled.</source>
            <translation>已取消打印。</translation>
        </message>
    </context>
    <context>
        <name>Receipt</name>
        <message>
            <source>Signature</source>
            <translation>签字</translation>
        </message>
        <message>
            <source>{label}:</source>
            <translation>{label}：</translation>
        </message>
        <message>
            <source>Tel. {phone}</source>
            <translation>电话：{phone}</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>打印时间</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Receipt no.</source>
            <translation>凭证号</translation>
        </message>
        <message>
            <source>Page {page} of {pages}</source>
            <translation>第 {page} 页，共 {pages} 页</translation>
        </message>
        <message>
            <source>80 mm roll</source>
            <translation>80毫米卷纸</translation>
        </message>
        <message>
            <source>58 mm roll</source>
            <translation>58毫米卷纸</translation>
        </message>
        <message>
            <source>A4 sheet</source>
            <translation>A4纸</translation>
        </message>
        <message>
            <source>{millimetres} mm printable</source>
            <translation>{millimetres}毫米</translation>
        </message>
        <message>
            <source>Ruler, {millimetres} mm from edge to edge:</source>
            <translation>标尺（两端相距{millimetres}毫米）：</translation>
        </message>
        <message>
            <source>Printer test page</source>
            <translation>打印测试页</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>纸张</translation>
        </message>
        <message>
            <source>Usable width</source>
            <translation>可打印宽度</translation>
        </message>
        <message>
            <source>Characters:</source>
            <translation>字符测试：</translation>
        </message>
        <message>
            <source>Sample amount</source>
            <translation>金额示例</translation>
        </message>
        <message>
            <source>If every line is sharp and the ruler reaches both edges of the paper, the printer is set up right. If the ruler is cut off, choose the narrower paper in the settings.</source>
            <translation>每行字都清晰、标尺两端都完整印在纸上，打印机就设置好了。如果标尺被截断，请在设置里选择更窄的纸张。</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Phone number</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>ID document</source>
            <translation>身份证件</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Checked by</source>
            <translation>核验方式</translation>
        </message>
        <message>
            <source>Collected for them by</source>
            <translation>代取人</translation>
        </message>
        <message>
            <source>Picked up</source>
            <translation>取件时间</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>件数</translation>
        </message>
        <message>
            <source>Pickup fee</source>
            <translation>取件费</translation>
        </message>
        <message>
            <source>No fee of any kind was charged.</source>
            <translation>未收取任何费用。</translation>
        </message>
        <message>
            <source>Check the parcels here at the counter; report any damage before you leave.</source>
            <translation>请当场检查包裹，如有破损请在离站前提出。</translation>
        </message>
        <message>
            <source>Collector's signature</source>
            <translation>取件人签字</translation>
        </message>
        <message>
            <source>Pickup slip</source>
            <translation>取件凭条</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Business day</source>
            <translation>营业日</translation>
        </message>
        <message>
            <source>Parcels in</source>
            <translation>到件</translation>
        </message>
        <message>
            <source>Received today</source>
            <translation>今日到件</translation>
        </message>
        <message>
            <source>Picked up today</source>
            <translation>今日取件</translation>
        </message>
        <message>
            <source>Returned to couriers</source>
            <translation>今日退件</translation>
        </message>
        <message>
            <source>Waiting on the shelves</source>
            <translation>在架待取</translation>
        </message>
        <message>
            <source>Of them overdue</source>
            <translation>其中超期</translation>
        </message>
        <message>
            <source>Parcels out</source>
            <translation>寄件</translation>
        </message>
        <message>
            <source>Sent today</source>
            <translation>今日寄件</translation>
        </message>
        <message>
            <source>Handed to couriers</source>
            <translation>今日交件</translation>
        </message>
        <message>
            <source>By carrier</source>
            <translation>按快递公司</translation>
        </message>
        <message>
            <source>Sending fees</source>
            <translation>寄件运费</translation>
        </message>
        <message>
            <source>Of them in cash</source>
            <translation>其中现金</translation>
        </message>
        <message>
            <source>Pickup fees</source>
            <translation>取件费</translation>
        </message>
        <message>
            <source>none charged</source>
            <translation>未收取</translation>
        </message>
        <message>
            <source>Parcel takings</source>
            <translation>快递收款合计</translation>
        </message>
        <message>
            <source>Day's parcel summary</source>
            <translation>当日快递汇总</translation>
        </message>
        <message>
            <source>Order no.</source>
            <translation>代购单号</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Registered household {number}</source>
            <translation>建档户 {number}</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>平台</translation>
        </message>
        <message>
            <source>Ordered</source>
            <translation>下单时间</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Platform order no.</source>
            <translation>平台订单号</translation>
        </message>
        <message>
            <source>The price on the platform may differ from the quote; you pay what it actually cost. Bring this slip when you collect the goods.</source>
            <translation>平台实际价格可能与报价不同，按实际价格结算。取货时请带上本单。</translation>
        </message>
        <message>
            <source>Customer's signature</source>
            <translation>客户签字</translation>
        </message>
        <message>
            <source>Proxy purchase order</source>
            <translation>代购单</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Goods (price paid)</source>
            <translation>货款（实付）</translation>
        </message>
        <message>
            <source>Goods (quoted)</source>
            <translation>货款（报价）</translation>
        </message>
        <message>
            <source>{amount} waived</source>
            <translation>已减免 {amount}</translation>
        </message>
        <message>
            <source>Service fee</source>
            <translation>服务费</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>Deposit paid</source>
            <translation>已付定金</translation>
        </message>
        <message>
            <source>Paid on delivery</source>
            <translation>取货时已付</translation>
        </message>
        <message>
            <source>Change due to you</source>
            <translation>应找还您</translation>
        </message>
        <message>
            <source>Still owed</source>
            <translation>尚欠金额</translation>
        </message>
        <message>
            <source>In</source>
            <translation>到件</translation>
        </message>
        <message>
            <source>Out</source>
            <translation>寄件</translation>
        </message>
        <message>
            <source>{count} parcels</source>
            <translation>{count} 件</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>交件时间</translation>
        </message>
        <message>
            <source>Cut-off time</source>
            <translation>截单时间</translation>
        </message>
        <message>
            <source>Handed over after the cut-off time: these parcels may leave the county only tomorrow.</source>
            <translation>交件晚于截单时间，这批快递可能次日才能发出。</translation>
        </message>
        <message>
            <source>Items in all</source>
            <translation>物品总数</translation>
        </message>
        <message>
            <source>Weight in all</source>
            <translation>总重量</translation>
        </message>
        <message>
            <source>Fees in all</source>
            <translation>运费合计</translation>
        </message>
        <message>
            <source>The courier counted the parcels above at the station; their number matches this manifest.</source>
            <translation>以上快递已由快递员在站点当面清点，件数与本清单一致。</translation>
        </message>
        <message>
            <source>Courier's signature</source>
            <translation>快递员签字</translation>
        </message>
        <message>
            <source>Station's signature</source>
            <translation>站点经办人签字</translation>
        </message>
        <message>
            <source>Handover manifest</source>
            <translation>交件清单</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>序号</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>物品</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Weight (kg)</source>
            <translation>重量(kg)</translation>
        </message>
        <message>
            <source>To</source>
            <translation>目的地</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>运费</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>退回时间</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>退回原因</translation>
        </message>
        <message>
            <source>The courier took back the parcels above at the station; their number matches this manifest.</source>
            <translation>以上快递已由快递员在站点当面取回，件数与本清单一致。</translation>
        </message>
        <message>
            <source>Return manifest</source>
            <translation>退件清单</translation>
        </message>
        <message>
            <source>Arrived</source>
            <translation>到站日期</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>滞留天数</translation>
        </message>
        <message>
            <source>{carrier}, arrived {day}, waited {days} days</source>
            <translation>{carrier}，{day}到站，滞留{days}天</translation>
        </message>
        <message>
            <source>Household no.</source>
            <translation>户编号</translation>
        </message>
        <message>
            <source>Head of household</source>
            <translation>户主</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Household type</source>
            <translation>户类型</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人数</translation>
        </message>
        <message>
            <source>The county's registry no longer lists this household.</source>
            <translation>县里的登记册已不再列有此户。</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>期间</translation>
        </message>
        <message>
            <source>Entries</source>
            <translation>记录条数</translation>
        </message>
        <message>
            <source>Services</source>
            <translation>帮扶服务（次）</translation>
        </message>
        <message>
            <source>Fees waived</source>
            <translation>减免费用</translation>
        </message>
        <message>
            <source>Income brought</source>
            <translation>增收金额</translation>
        </message>
        <message>
            <source>Station operator's signature</source>
            <translation>服务站经办人签字</translation>
        </message>
        <message>
            <source>Household assistance ledger</source>
            <translation>帮扶台账</translation>
        </message>
        <message>
            <source>Households helped</source>
            <translation>带动户数</translation>
        </message>
        <message>
            <source>People in them</source>
            <translation>带动人数</translation>
        </message>
        <message>
            <source>Bought from them</source>
            <translation>收购金额</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>户类型</translation>
        </message>
        <message>
            <source>What</source>
            <translation>事项</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>品名</translation>
        </message>
        <message>
            <source>Grade</source>
            <translation>等级</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Price (market)</source>
            <translation>单价（市场价）</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Paid by</source>
            <translation>付款方式</translation>
        </message>
        <message>
            <source>Income</source>
            <translation>增收</translation>
        </message>
        <message>
            <source>Fee waived</source>
            <translation>减免</translation>
        </message>
        <message>
            <source>Signature / thumbprint</source>
            <translation>签字/手印</translation>
        </message>
        <message>
            <source>All time</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Seller</source>
            <translation>卖方</translation>
        </message>
        <message>
            <source>Bought</source>
            <translation>收购时间</translation>
        </message>
        <message>
            <source>Amount paid</source>
            <translation>实付金额</translation>
        </message>
        <message>
            <source>The seller has checked the weight and the amount and received the money.</source>
            <translation>卖方已核对重量和金额，款已收讫。</translation>
        </message>
        <message>
            <source>Seller's signature or thumbprint</source>
            <translation>卖方签字或按手印</translation>
        </message>
        <message>
            <source>Purchase voucher</source>
            <translation>收购凭证</translation>
        </message>
        <message>
            <source>Consignor</source>
            <translation>委托人</translation>
        </message>
        <message>
            <source>Taken in</source>
            <translation>收货时间</translation>
        </message>
        <message>
            <source>Asking price</source>
            <translation>委托售价</translation>
        </message>
        <message>
            <source>Commission</source>
            <translation>佣金</translation>
        </message>
        <message>
            <source>No money was paid now. The station sells the goods for you and pays you what they sold for, less the commission, at settlement: keep this slip.</source>
            <translation>本次不付款。服务站代您销售，结算时付给您售出所得扣除佣金后的款项：请保管好本单。</translation>
        </message>
        <message>
            <source>Consignor's signature</source>
            <translation>委托人签字</translation>
        </message>
        <message>
            <source>Consignment slip</source>
            <translation>代销收货单</translation>
        </message>
        <message>
            <source>Settled</source>
            <translation>结算时间</translation>
        </message>
        <message>
            <source>Quantity taken in</source>
            <translation>收货数量</translation>
        </message>
        <message>
            <source>Sold and settled now</source>
            <translation>本次结算数量</translation>
        </message>
        <message>
            <source>Left to sell</source>
            <translation>尚未售出</translation>
        </message>
        <message>
            <source>Sold for</source>
            <translation>售出金额</translation>
        </message>
        <message>
            <source>Commission ({rule})</source>
            <translation>佣金（{rule}）</translation>
        </message>
        <message>
            <source>Paid to you</source>
            <translation>实付给您</translation>
        </message>
        <message>
            <source>Consignment settlement</source>
            <translation>代销结算单</translation>
        </message>
        <message>
            <source>{percent}% of the sale</source>
            <translation>售价的 {percent}%</translation>
        </message>
        <message>
            <source>{price} per {unit} sold</source>
            <translation>每售出 1 {unit} {price}</translation>
        </message>
        <message>
            <source> (monitored: {kind})</source>
            <translation>（监测对象：{kind}）</translation>
        </message>
        <message>
            <source>Gross</source>
            <translation>毛重</translation>
        </message>
        <message>
            <source>Tare</source>
            <translation>皮重</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>净重</translation>
        </message>
        <message>
            <source>(weighed)</source>
            <translation>（过磅）</translation>
        </message>
    </context>
    <context>
        <name>RefusalBox</name>
        <message>
            <source>Problem with the station's data</source>
            <translation>本站数据出了问题</translation>
        </message>
        <message>
            <source>Cannot do that</source>
            <translation>无法完成</translation>
        </message>
    </context>
    <context>
        <name>RestoreFromCounty</name>
        <message>
            <source>Restore this station from the county center</source>
            <translation>从县级中心恢复本站</translation>
        </message>
        <message>
            <source>Ask the county center for a new code for this station (the old PC's key then stops working). Type the county center's address and the new code: the station's records come back over the internet, each one checked.</source>
            <translation>请县级中心为本站重新发一个代码（旧电脑的密钥随即作废）。填写县级中心的地址和新代码，本站的记录会通过网络取回，每一条都会核对。</translation>
        </message>
        <message>
            <source>e.g. https://county.example.cn</source>
            <translation>例如：https://county.example.cn</translation>
        </message>
        <message>
            <source>e.g. 7KQ2-MX4P-9TNA</source>
            <translation>例如：7KQ2-MX4P-9TNA</translation>
        </message>
        <message>
            <source>County center's &amp;address:</source>
            <translation>县级中心地址(&amp;A)：</translation>
        </message>
        <message>
            <source>New &amp;code for this station:</source>
            <translation>本站的新代码(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>返回(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Restore</source>
            <translation>开始恢复(&amp;R)</translation>
        </message>
        <message>
            <source>Bringing the station's records back…</source>
            <translation>正在取回本站的记录…</translation>
        </message>
        <message>
            <source>Asking the county center…</source>
            <translation>正在联系县级中心…</translation>
        </message>
        <message>
            <source>Each record is checked as it comes and kept on this PC. If the network drops or you stop, the next try goes on from where it stopped.</source>
            <translation>每条记录取回时都会核对，并保存在这台电脑上。如果网络断了或您停止了，下次恢复会从停下的地方接着进行。</translation>
        </message>
        <message>
            <source>&amp;Stop</source>
            <translation>停止(&amp;S)</translation>
        </message>
        <message>
            <source>Set the manager's new PIN</source>
            <translation>设置站长的新 PIN 密码</translation>
        </message>
        <message>
            <source>New P&amp;IN (4–8 digits):</source>
            <translation>新 PIN 密码（4–8 位数字）(&amp;I)：</translation>
        </message>
        <message>
            <source>&amp;Open the station</source>
            <translation>打开服务站(&amp;O)</translation>
        </message>
        <message>
            <source>Stopping after this page…</source>
            <translation>取完这一批就停止…</translation>
        </message>
        <message>
            <source>{done} of {total} records have come and were checked.</source>
            <translation>已取回并核对 {done} / {total} 条记录。</translation>
        </message>
        <message>
            <source>A restore of {name} stopped after {done} records. Type the same address and code to go on from there.</source>
            <translation>上次恢复“{name}”在取回 {done} 条记录后中断了。填写同样的地址和代码，即可从那里接着恢复。</translation>
        </message>
        <message>
            <source>The station {name} is back: {count} records, all checked. PINs never leave a PC, so the manager {manager} sets a new PIN now. The manager sets the other operators' PINs again later, in Settings → Operators.</source>
            <translation>服务站“{name}”已恢复：共 {count} 条记录，全部核对无误。PIN 密码从不离开电脑，所以请站长{manager}现在设置新的 PIN 密码。其他操作员的密码由站长之后在“设置 → 操作员”里重新设置。</translation>
        </message>
    </context>
    <context>
        <name>ReturnDialog</name>
        <message>
            <source>Return to the courier</source>
            <translation>退回快递公司</translation>
        </message>
        <message>
            <source>Looking for parcels to return…</source>
            <translation>正在查找需要退回的快递……</translation>
        </message>
        <message>
            <source>&amp;Courier taking them back:</source>
            <translation>取回的快递公司(&amp;C)：</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>在架天数</translation>
        </message>
        <message>
            <source>Not collected in time</source>
            <translation>超期未取</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>退回原因(&amp;R)：</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <source>Space ticks or unticks a parcel. The return manifest is printed for the courier to sign.</source>
            <translation>空格键勾选或取消一件。退件清单会打印出来给快递员签字。</translation>
        </message>
        <message numerus="yes">
            <source>{carrier} (%n)</source>
            <translation>
                <numerusform>{carrier}（%n 件）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) waited more than {days} days</source>
            <translation>
                <numerusform>共 %n 件超过 {days} 天未取</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Return %n parcel(s) and print the manifest (Enter)</source>
            <translation>
                <numerusform>退回 %n 件并打印清单（Enter）</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SaleLines</name>
        <message>
            <source>Goods</source>
            <translation>货物</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
    </context>
    <context>
        <name>SalePanel</name>
        <message>
            <source>yuan per unit</source>
            <translation>每单位元数</translation>
        </message>
        <message>
            <source>Buyer</source>
            <translation>买方</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Goods</source>
            <translation>货物</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>the buyer's name</source>
            <translation>买方姓名</translation>
        </message>
        <message>
            <source>Add the line (Enter)</source>
            <translation>加入这一行（回车）</translation>
        </message>
        <message>
            <source>Save the sale (Ctrl+Enter)</source>
            <translation>保存这笔销售（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Choose the goods, type the quantity and the price; Enter adds the line. Del removes the line chosen; Ctrl+Enter saves the sale.</source>
            <translation>选择货物，输入数量和单价，按回车加入一行；按 Del 删除选中的一行；按 Ctrl+Enter 保存这笔销售。</translation>
        </message>
        <message>
            <source>&amp;Buyer:</source>
            <translation>买方(&amp;B)：</translation>
        </message>
        <message>
            <source>&amp;Goods:</source>
            <translation>货物(&amp;G)：</translation>
        </message>
        <message>
            <source>&amp;Quantity:</source>
            <translation>数量(&amp;Q)：</translation>
        </message>
        <message>
            <source>Unit p&amp;rice:</source>
            <translation>单价(&amp;R)：</translation>
        </message>
        <message>
            <source>Paid by:</source>
            <translation>收款方式：</translation>
        </message>
        <message>
            <source>Only {left} {unit} of {goods} are left for this sale ({taken} {unit} on the lines above); type no more than that.</source>
            <translation>{goods} 只剩 {left}{unit} 可卖（上面几行已占 {taken}{unit}），数量不能超过这个数。</translation>
        </message>
        <message>
            <source>A sale has at most {limit} lines; save this one first.</source>
            <translation>一笔销售最多 {limit} 行，请先保存这一笔。</translation>
        </message>
        <message>
            <source>Add a line first: choose the goods, type the quantity and the price.</source>
            <translation>请先加入一行：选择货物，输入数量和单价。</translation>
        </message>
        <message>
            <source>Sold to {buyer}: {lines} lines, {amount} received.</source>
            <translation>已卖给{buyer}：共 {lines} 行，收款 {amount}。</translation>
        </message>
        <message>
            <source>Why is this sale voided? (e.g. the buyer called it off, entered twice)</source>
            <translation>为什么作废这笔销售？（例如：买家退单、录重了）</translation>
        </message>
        <message>
            <source>This sale (Del: remove a line)</source>
            <translation>本笔销售（Del 删除选中的一行）</translation>
        </message>
        <message>
            <source>Today's sales (Ctrl+U: void)</source>
            <translation>今日销售（Ctrl+U：站长作废选中的一笔）</translation>
        </message>
        <message>
            <source>Consigned by {name}: {product} {grade}, {left} {unit} left</source>
            <translation>{name}代销：{product} {grade}，剩余 {left}{unit}</translation>
        </message>
        <message>
            <source>Own stock: {goods}, {left} {unit} left</source>
            <translation>自有库存：{goods}，剩余 {left}{unit}</translation>
        </message>
        <message>
            <source>Total {amount}, {count} lines</source>
            <translation>合计 {amount}，共 {count} 行</translation>
        </message>
        <message>
            <source>This line: {amount}</source>
            <translation>本行金额 {amount}</translation>
        </message>
        <message>
            <source>There is nothing in stock or consigned to sell.</source>
            <translation>没有库存或代销货物可卖。</translation>
        </message>
    </context>
    <context>
        <name>ScaleKeys</name>
        <message>
            <source>No scale is set up: type the weight.</source>
            <translation>未设置电子秤：请手动输入重量。</translation>
        </message>
        <message>
            <source>Testing the scale on {port}…</source>
            <translation>正在检测 {port} 上的电子秤……</translation>
        </message>
        <message>
            <source>The scale answers: {frames} frames, the last {weight} {unit}.</source>
            <translation>电子秤正常：收到 {frames} 帧，最后读数 {weight} {unit}。</translation>
        </message>
        <message>
            <source>Only jin and kg are weighed: choose the unit first.</source>
            <translation>只有斤和公斤可以称重：请先选择单位。</translation>
        </message>
        <message>
            <source>Tare taken: {weight} {unit}.</source>
            <translation>已去皮：{weight} {unit}。</translation>
        </message>
    </context>
    <context>
        <name>ScaleLabel</name>
        <message>
            <source>Scale: waiting for a weight</source>
            <translation>电子秤：等待读数</translation>
        </message>
        <message>
            <source>overload</source>
            <translation>超载</translation>
        </message>
        <message>
            <source>● stable</source>
            <translation>● 稳定</translation>
        </message>
        <message>
            <source>○ moving</source>
            <translation>○ 不稳定</translation>
        </message>
        <message>
            <source>Scale: {weight}  {mark}</source>
            <translation>电子秤：{weight}  {mark}</translation>
        </message>
    </context>
    <context>
        <name>SendingDialog</name>
        <message>
            <source>Send a parcel</source>
            <translation>寄件</translation>
        </message>
        <message>
            <source>&amp;Label waybill:</source>
            <translation>面单运单号(&amp;L)：</translation>
        </message>
        <message>
            <source>Not now (Esc)</source>
            <translation>以后再寄（Esc）</translation>
        </message>
    </context>
    <context>
        <name>SendingPanel</name>
        <message>
            <source>read it from the card</source>
            <translation>照证件输入</translation>
        </message>
        <message>
            <source>Sender (real name)</source>
            <translation>寄件人（实名）</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>姓名(&amp;N)：</translation>
        </message>
        <message>
            <source>ID &amp;type:</source>
            <translation>证件类型(&amp;T)：</translation>
        </message>
        <message>
            <source>ID n&amp;umber:</source>
            <translation>证件号码(&amp;U)：</translation>
        </message>
        <message>
            <source>e.g. 普洱茶</source>
            <translation>例如：普洱茶</translation>
        </message>
        <message>
            <source>What is sent</source>
            <translation>寄递物品</translation>
        </message>
        <message>
            <source>&amp;Item:</source>
            <translation>物品名称(&amp;I)：</translation>
        </message>
        <message>
            <source>Cate&amp;gory:</source>
            <translation>类别(&amp;G)：</translation>
        </message>
        <message>
            <source>C&amp;ount:</source>
            <translation>件数(&amp;O)：</translation>
        </message>
        <message>
            <source>province, city, street, number</source>
            <translation>省、市、街道、门牌号</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>&amp;Mobile:</source>
            <translation>手机(&amp;M)：</translation>
        </message>
        <message>
            <source>Nam&amp;e:</source>
            <translation>姓名(&amp;E)：</translation>
        </message>
        <message>
            <source>P&amp;hone:</source>
            <translation>电话(&amp;H)：</translation>
        </message>
        <message>
            <source>A&amp;ddress:</source>
            <translation>地址(&amp;D)：</translation>
        </message>
        <message>
            <source> g</source>
            <translation> 克</translation>
        </message>
        <message>
            <source>e.g. 12.5 or 12元5角</source>
            <translation>例如 12.5 或 12元5角</translation>
        </message>
        <message>
            <source>Carriage</source>
            <translation>快递与运费</translation>
        </message>
        <message>
            <source>&amp;Carrier:</source>
            <translation>快递公司(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Weight:</source>
            <translation>重量(&amp;W)：</translation>
        </message>
        <message>
            <source>&amp;Fee (yuan):</source>
            <translation>运费（元）(&amp;F)：</translation>
        </message>
        <message>
            <source>&amp;Paid by:</source>
            <translation>付款方式(&amp;P)：</translation>
        </message>
        <message>
            <source>Record the sending (Ctrl+Enter)</source>
            <translation>登记寄件（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>New form (Ctrl+N)</source>
            <translation>新的一单（Ctrl+N）</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>物品</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Scan the label of the chosen parcel</source>
            <translation>扫描所选快递的面单</translation>
        </message>
        <message>
            <source>&amp;Label waybill:</source>
            <translation>面单运单号(&amp;L)：</translation>
        </message>
        <message>
            <source>Keep this number?</source>
            <translation>保留这个号码吗？</translation>
        </message>
        <message>
            <source>{warning}

Is {number} right? Y: yes, keep it and record the parcel. Enter or Esc: no, correct it.</source>
            <translation>{warning}

{number} 确实无误吗？按 Y：是，保留并登记寄件。按 Enter 或 Esc：否，去改号码。</translation>
        </message>
        <message>
            <source>Recorded: {item} to {name}, {carrier}, fee {fee}. Put the label on and scan its waybill.</source>
            <translation>已登记：{item} 寄给 {name}，{carrier}，运费 {fee}。贴好面单后扫描运单号。</translation>
        </message>
        <message>
            <source>Marked for the household {household}.</source>
            <translation>已标记为登记户 {household}。</translation>
        </message>
        <message>
            <source>no label yet</source>
            <translation>未贴面单</translation>
        </message>
        <message numerus="yes">
            <source>Sent today: %n</source>
            <translation>
                <numerusform>今日寄件 %n 件</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) still need their label: choose one, scan its waybill.</source>
            <translation>
                <numerusform>还有 %n 件没有面单：选中一件，扫描它的运单号。</numerusform>
            </translation>
        </message>
        <message>
            <source>Every parcel sent today has its waybill.</source>
            <translation>今天寄出的快递都已有运单号。</translation>
        </message>
        <message>
            <source>Choose a parcel marked “no label yet” in the list first, then scan.</source>
            <translation>请先在列表中选中一件“未贴面单”的快递，再扫描。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is on the parcel.</source>
            <translation>运单 {waybill} 已登记到这件快递。</translation>
        </message>
    </context>
    <context>
        <name>ServiceForm</name>
        <message>
            <source>What was done, e.g. filled in the insurance form</source>
            <translation>做了什么，例如：帮填医保报销单</translation>
        </message>
        <message>
            <source>Who came (optional)</source>
            <translation>来办事的人（可不填）</translation>
        </message>
        <message>
            <source>Record the service  Ctrl+S</source>
            <translation>记录帮扶服务  Ctrl+S</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>服务类型</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>来人</translation>
        </message>
        <message>
            <source>A service without money  Ctrl+E</source>
            <translation>帮扶服务（不涉及金钱）  Ctrl+E</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Only the station manager can change the settings and the operators. Ask the manager to log in.</source>
            <translation>只有站长可以修改设置和操作员。请让站长登录。</translation>
        </message>
        <message>
            <source>&amp;Save settings</source>
            <translation>保存设置(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Print test page</source>
            <translation>打印测试页(&amp;P)</translation>
        </message>
        <message>
            <source>Save test page as P&amp;DF</source>
            <translation>测试页另存为 PDF(&amp;D)</translation>
        </message>
        <message>
            <source>Change &amp;my PIN</source>
            <translation>修改我的 PIN(&amp;M)</translation>
        </message>
        <message>
            <source>SMS settin&amp;gs…</source>
            <translation>短信设置(&amp;G)…</translation>
        </message>
        <message>
            <source>Parcel settings (&amp;K)…</source>
            <translation>快递设置(&amp;K)…</translation>
        </message>
        <message>
            <source>&amp;Join the county center…</source>
            <translation>加入县级中心(&amp;J)…</translation>
        </message>
        <message>
            <source>The station</source>
            <translation>本站信息</translation>
        </message>
        <message>
            <source>mobile or landline, e.g. 0883-1234567</source>
            <translation>手机或座机，例如 0883-1234567</translation>
        </message>
        <message>
            <source>Station &amp;name:</source>
            <translation>服务站名称(&amp;N)：</translation>
        </message>
        <message>
            <source>Contact p&amp;hone:</source>
            <translation>联系电话(&amp;H)：</translation>
        </message>
        <message>
            <source>Working</source>
            <translation>使用</translation>
        </message>
        <message>
            <source> min</source>
            <translation> 分钟</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从不</translation>
        </message>
        <message>
            <source>80 mm roll</source>
            <translation>80 毫米卷纸</translation>
        </message>
        <message>
            <source>58 mm roll</source>
            <translation>58 毫米卷纸</translation>
        </message>
        <message>
            <source>A4 sheet</source>
            <translation>A4 纸</translation>
        </message>
        <message>
            <source>Ask each time (or save as PDF)</source>
            <translation>每次询问（或保存为 PDF）</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>语言(&amp;L)：</translation>
        </message>
        <message>
            <source>Lock the screen when &amp;idle for:</source>
            <translation>无操作自动锁屏(&amp;I)：</translation>
        </message>
        <message>
            <source>Receipt pap&amp;er:</source>
            <translation>小票纸张(&amp;E)：</translation>
        </message>
        <message>
            <source>Prin&amp;ter:</source>
            <translation>打印机(&amp;T)：</translation>
        </message>
        <message>
            <source>Nothing was changed.</source>
            <translation>没有改动。</translation>
        </message>
        <message>
            <source>Settings saved.</source>
            <translation>设置已保存。</translation>
        </message>
        <message>
            <source>Change my PIN</source>
            <translation>修改我的 PIN 密码</translation>
        </message>
        <message>
            <source>Type your new PIN twice.</source>
            <translation>请输入两次新的 PIN 密码。</translation>
        </message>
        <message>
            <source>Your PIN was changed.</source>
            <translation>您的 PIN 密码已修改。</translation>
        </message>
        <message>
            <source>The test page was printed or saved. If nothing came out, check the printer's power, paper and cable, and the paper setting.</source>
            <translation>测试页已打印或保存。如果没有打出来，请检查打印机的电源、纸张和数据线，以及纸张设置。</translation>
        </message>
        <message>
            <source>Printing was cancelled.</source>
            <translation>已取消打印。</translation>
        </message>
        <message>
            <source>test-page.pdf</source>
            <translation>测试页.pdf</translation>
        </message>
        <message>
            <source>Saved as {path}</source>
            <translation>已保存为 {path}</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <source>Set up the station</source>
            <translation>设置服务站</translation>
        </message>
        <message>
            <source>Welcome! Set up your service station</source>
            <translation>欢迎使用！请先设置您的服务站</translation>
        </message>
        <message>
            <source>Is this a new station, or did it work on another PC that was lost or broke?</source>
            <translation>这是新开的服务站，还是以前在另一台电脑上用过、那台电脑丢了或坏了？</translation>
        </message>
        <message>
            <source>&amp;New station</source>
            <translation>新建服务站(&amp;N)</translation>
        </message>
        <message>
            <source>The first time on any PC: type the station's name and the manager's PIN.</source>
            <translation>第一次使用：填写服务站名称和站长的 PIN 密码。</translation>
        </message>
        <message>
            <source>&amp;Restore this station from the county center</source>
            <translation>从县级中心恢复本站(&amp;R)</translation>
        </message>
        <message>
            <source>The station's PC was lost or broke: its records come back from the county center, with the new code the county center gave.</source>
            <translation>本站原来的电脑丢了或坏了：用县级中心新给的代码，从县级中心取回本站的全部记录。</translation>
        </message>
        <message>
            <source>This is done once. Type the station's name as on its sign, a phone number villagers can call, and the manager's name and PIN. The manager adds the other operators later, in Settings.</source>
            <translation>只需设置一次。请按门牌填写服务站名称，填一个村民能打通的电话，以及站长的姓名和 PIN 密码。其他操作员以后由站长在“设置”里添加。</translation>
        </message>
        <message>
            <source>e.g. 孟定镇芒艾村电商服务站</source>
            <translation>例如：孟定镇芒艾村电商服务站</translation>
        </message>
        <message>
            <source>mobile or landline, e.g. 0883-1234567</source>
            <translation>手机或座机，例如 0883-1234567</translation>
        </message>
        <message>
            <source>e.g. 岩温</source>
            <translation>例如：岩温</translation>
        </message>
        <message>
            <source>Station &amp;name:</source>
            <translation>服务站名称(&amp;N)：</translation>
        </message>
        <message>
            <source>Contact &amp;phone:</source>
            <translation>联系电话(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Manager's name:</source>
            <translation>站长姓名(&amp;M)：</translation>
        </message>
        <message>
            <source>Manager's P&amp;IN (4–8 digits):</source>
            <translation>站长 PIN 密码（4–8 位数字）(&amp;I)：</translation>
        </message>
        <message>
            <source>&amp;Create the station</source>
            <translation>创建服务站(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>返回(&amp;B)</translation>
        </message>
    </context>
    <context>
        <name>ShelfCheckPanel</name>
        <message>
            <source>S&amp;helf to check:</source>
            <translation>盘点货架(&amp;H)：</translation>
        </message>
        <message>
            <source>Scan each parcel on the shelf (waybill or pickup code)</source>
            <translation>逐件扫描货架上的快递（运单号或取件码）</translation>
        </message>
        <message>
            <source>Finish the check (Ctrl+Enter)</source>
            <translation>完成盘点（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Back to the list (Esc)</source>
            <translation>返回列表（Esc）</translation>
        </message>
        <message>
            <source>Shelf check</source>
            <translation>盘点</translation>
        </message>
        <message>
            <source>Scan every parcel on shelf {shelf}, then press Ctrl+Enter.</source>
            <translation>请扫描 {shelf} 号货架上的每一件快递，扫完按 Ctrl+Enter。</translation>
        </message>
        <message>
            <source>{code} was scanned already.</source>
            <translation>{code} 已经扫过了。</translation>
        </message>
        <message numerus="yes">
            <source>Scanned: %n</source>
            <translation>
                <numerusform>已扫描：%n 件</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Missing: %n</source>
            <translation>
                <numerusform>缺少：%n 件</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not expected here: %n</source>
            <translation>
                <numerusform>不该在此：%n 件</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Shelf {shelf} is in order: all %n parcel(s) found.</source>
            <translation>
                <numerusform>{shelf} 号货架无误：%n 件全部找到。</numerusform>
            </translation>
        </message>
        <message>
            <source>Look for the missing parcels, and put the unexpected ones where their pickup code says (search them on the Pickup page).</source>
            <translation>请找回缺少的快递；不该在此的快递请按取件码放回原位（可在“取件”页查找）。</translation>
        </message>
    </context>
    <context>
        <name>ShelfModel</name>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机</translation>
        </message>
        <message>
            <source>Arrived</source>
            <translation>到站时间</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>在架天数</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Reminded</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>today</source>
            <translation>今天</translation>
        </message>
    </context>
    <context>
        <name>ShelfPanel</name>
        <message>
            <source>All shelves</source>
            <translation>全部货架</translation>
        </message>
        <message>
            <source>&amp;Overdue only</source>
            <translation>只看滞留件(&amp;O)</translation>
        </message>
        <message>
            <source>S&amp;helf:</source>
            <translation>货架(&amp;H)：</translation>
        </message>
        <message>
            <source>S&amp;tatus:</source>
            <translation>状态(&amp;T)：</translation>
        </message>
        <message>
            <source>Return proposals (T)</source>
            <translation>建议退回 (T)</translation>
        </message>
        <message>
            <source>Shelf check (K)</source>
            <translation>盘点 (K)</translation>
        </message>
        <message>
            <source>Print today's summary (D)</source>
            <translation>打印今日快递汇总（D）</translation>
        </message>
        <message numerus="yes">
            <source>&amp;Overdue only (more than %n day(s))</source>
            <translation>
                <numerusform>只看滞留件（超过 %n 天）(&amp;O)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s)</source>
            <translation>
                <numerusform>共 %n 件</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Text a reminder to %n (R); each parcel at most once a day</source>
            <translation>
                <numerusform>给 %n 件发提醒短信 (R)，每件每天最多一条</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of the chosen parcels were already reminded today: each parcel gets at most one reminder a day.</source>
            <translation>
                <numerusform>所选快递中有 %n 件今天已提醒过：每件每天最多提醒一次。</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose parcels (Shift+arrows, Ctrl+A for all shown), then R texts a reminder; each parcel gets at most one reminder a day.</source>
            <translation>选择快递（Shift+方向键多选，Ctrl+A 全选），按 R 发提醒短信；每件每天最多提醒一次。</translation>
        </message>
        <message>
            <source>Choose the parcels to remind first (tick Overdue only to see them); parcels reminded today are not texted again.</source>
            <translation>请先选择要提醒的快递（勾选“只看滞留件”查看）；今天已提醒过的不会再发。</translation>
        </message>
        <message numerus="yes">
            <source>A reminder is queued for %n parcel(s).</source>
            <translation>
                <numerusform>已为 %n 件快递排队发送提醒短信。</numerusform>
            </translation>
        </message>
        <message>
            <source>Today's parcel summary was printed or saved.</source>
            <translation>今日快递汇总已打印或保存。</translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) go back to the courier.</source>
            <translation>
                <numerusform>%n 件快递已退回快递公司。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <source>No backup today</source>
            <translation>今天没有备份</translation>
        </message>
        <message>
            <source>Cannot open the station</source>
            <translation>无法打开服务站</translation>
        </message>
    </context>
    <context>
        <name>ShelvesEditor</name>
        <message>
            <source>&amp;Add a shelf</source>
            <translation>添加货架(&amp;A)</translation>
        </message>
        <message>
            <source>Shelf name</source>
            <translation>货架名</translation>
        </message>
        <message>
            <source> layers</source>
            <translation> 层</translation>
        </message>
        <message>
            <source>Layers</source>
            <translation>层数</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Shelf</source>
            <translation>货架</translation>
        </message>
    </context>
    <context>
        <name>Sms</name>
        <message>
            <source>The SMS service says this is not a valid mobile number. Check the number with the villager and correct it; this text will not be sent.</source>
            <translation>短信服务说这不是有效的手机号码。请和村民核对号码后改正；这条短信不会发出。</translation>
        </message>
        <message>
            <source>This number refuses texts (it unsubscribed or is on the operator's block list). Tell the villager in person or by phone; this text will not be sent.</source>
            <translation>这个号码拒收短信（已退订或在运营商的拦截名单上）。请当面或打电话告诉村民；这条短信不会发出。</translation>
        </message>
        <message>
            <source>The SMS service allows only a few texts to one number in a given time, and this number has reached it. The text stays queued and goes out later by itself.</source>
            <translation>短信服务限制一段时间内发给同一号码的条数，这个号码已经到了上限。短信留在待发队列里，稍后会自动发出。</translation>
        </message>
        <message>
            <source>The SMS account has run out of credit. Top it up in the SMS service's console, or call the county center; the texts stay queued.</source>
            <translation>短信账户余额不足。请在短信服务的控制台充值，或打电话给县级服务中心；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>The SMS service rejected the station's keys. Check the keys in the SMS settings (copy them again from the service's console); this text was not sent.</source>
            <translation>短信服务不认本站的密钥。请检查短信设置里的密钥（从服务控制台重新复制）；这条短信没有发出。</translation>
        </message>
        <message>
            <source>The SMS service's keys are not entered yet. Enter them in the SMS settings; the texts stay queued.</source>
            <translation>还没有填写短信服务的密钥。请在短信设置里填写；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>No SMS signature is set. Enter the signature the SMS service approved (like 芒艾村服务站) in the SMS settings; the texts stay queued.</source>
            <translation>还没有设置短信签名。请在短信设置里填写短信服务审核通过的签名（例如：芒艾村服务站）；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>This kind of text has no template code in the SMS settings. Enter the code of the template the SMS service approved for it; this text was not sent.</source>
            <translation>短信设置里没有这类短信的模板编号。请填写短信服务为它审核通过的模板编号；这条短信没有发出。</translation>
        </message>
        <message>
            <source>The SMS service says the signature, template or application ID in the SMS settings is not an approved one, or the template's fields do not match. Check them against the service's console; this text was not sent.</source>
            <translation>短信服务说短信设置里的签名、模板或应用 ID 不是审核通过的，或模板的变量对不上。请对照服务控制台检查；这条短信没有发出。</translation>
        </message>
        <message>
            <source>A value in this text is longer than the SMS template allows (many pickup codes, a long name). Send it in shorter texts or by phone; this text was not sent.</source>
            <translation>短信里有一项内容超过了模板允许的长度（取件码太多、名字太长）。请分成几条短信发送，或打电话通知；这条短信没有发出。</translation>
        </message>
        <message>
            <source>The SMS service refused this text (see the code in the details). Correct the template or the settings, then send it again.</source>
            <translation>短信服务拒绝了这条短信（错误代码见详情）。请改正模板或设置后再发送。</translation>
        </message>
        <message>
            <source>The SMS service refused the request because this computer's date or time is wrong. Set the clock right; the texts stay queued.</source>
            <translation>这台电脑的日期或时间不对，短信服务拒绝了请求。请把时钟调准；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>The SMS service could not be reached (no internet, or the service is down). The text stays queued and is sent again by itself.</source>
            <translation>连不上短信服务（没有网络，或服务暂时不可用）。短信留在待发队列里，会自动重发。</translation>
        </message>
        <message>
            <source>The internet connection answered with a web page instead of the SMS service (a network login page?). Log in to the network in a browser; the text stays queued.</source>
            <translation>网络返回的是一个网页而不是短信服务（需要登录上网？）。请先在浏览器里登录网络；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>The SMS service had a problem of its own. The text stays queued and is sent again later.</source>
            <translation>短信服务自身出了问题。短信留在待发队列里，稍后会重发。</translation>
        </message>
        <message>
            <source>The texts file in the station's folder cannot be written (disk full, or no permission). Free some space or fix the folder; the text stays queued.</source>
            <translation>无法写入本站文件夹里的短信文件（磁盘已满或没有权限）。请腾出空间或修好文件夹；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>The SMS modem is not plugged in, or its port is wrong. Plug it in or choose its port in the SMS settings; the texts stay queued.</source>
            <translation>短信猫没有插上，或端口选错了。请插上短信猫，或在短信设置里选择它的端口；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>Nothing answers like a modem on the chosen port. Choose the modem's port in the SMS settings, or unplug the modem and plug it in again; the texts stay queued.</source>
            <translation>所选端口上没有短信猫应答。请在短信设置里选择短信猫的端口，或拔下短信猫再插上；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>The modem's SIM card is missing, locked with a PIN, or barred. Insert the SIM, remove its PIN in a phone, or check the SIM's credit; the texts stay queued.</source>
            <translation>短信猫的 SIM 卡没插、被 PIN 码锁住或已停机。请插好 SIM 卡、在手机上取消 PIN 码，或查一下卡里的话费；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>The modem has no mobile network right now. Move it near a window or check its antenna; the texts stay queued.</source>
            <translation>短信猫现在没有手机信号。请把它放到窗边或检查天线；短信留在待发队列里。</translation>
        </message>
        <message>
            <source>The modem refused the format of this text. Tell the support staff, with the code in the details; this text will not be sent.</source>
            <translation>短信猫不接受这条短信的格式。请把详情里的代码告诉技术支持人员；这条短信不会发出。</translation>
        </message>
        <message>
            <source>The modem could not send the text this time. It stays queued and is tried again.</source>
            <translation>短信猫这次没能发出短信。短信留在待发队列里，会再试。</translation>
        </message>
        <message>
            <source>The station has not joined a county center yet, so texts cannot go through it; they stay queued. Join the county center in the settings, or choose another way to send texts.</source>
            <translation>本站还没有加入县级服务中心，短信不能经由中心发送；短信留在待发队列里。请在设置里加入县级服务中心，或选择其他发短信的方式。</translation>
        </message>
        <message>
            <source>Texts are written to the file {path}, not sent to phones. Choose an SMS service in the settings to reach the villagers.</source>
            <translation>短信只写入文件 {path}，不会发到手机上。要让村民收到短信，请在设置里选择一个短信服务。</translation>
        </message>
        <message>
            <source>Texts go out through Aliyun SMS, signed 【{signature}】.</source>
            <translation>短信经阿里云短信发出，签名为【{signature}】。</translation>
        </message>
        <message>
            <source>Texts go out through Tencent Cloud SMS, signed 【{signature}】.</source>
            <translation>短信经腾讯云短信发出，签名为【{signature}】。</translation>
        </message>
        <message>
            <source>The {service} keys are not entered yet: enter them in the SMS settings.</source>
            <translation>还没有填写{service}的密钥：请在短信设置里填写。</translation>
        </message>
        <message>
            <source>No SMS signature is set: enter the signature the SMS service approved (like 芒艾村服务站) in the SMS settings.</source>
            <translation>还没有设置短信签名：请在短信设置里填写短信服务审核通过的签名（例如：芒艾村服务站）。</translation>
        </message>
        <message>
            <source>The SmsSdkAppId of the Tencent Cloud SMS application is not entered: copy it from the console into the SMS settings.</source>
            <translation>还没有填写腾讯云短信应用的 SmsSdkAppId：请从控制台复制到短信设置里。</translation>
        </message>
        <message>
            <source>No modem port is chosen: choose the modem's port (like COM3) in the SMS settings.</source>
            <translation>还没有选择短信猫的端口：请在短信设置里选择（例如 COM3）。</translation>
        </message>
        <message>
            <source>No modem on {port}: plug it in, or choose its port in the SMS settings. Texts stay queued.</source>
            <translation>{port} 上没有短信猫：请插上它，或在短信设置里选择它的端口。短信留在待发队列里。</translation>
        </message>
        <message>
            <source>The port {port} exists but cannot be opened: another program (the modem's own dialer?) uses it, or this user account may not open it. Close that program and check again.</source>
            <translation>端口 {port} 存在但打不开：可能被另一个程序（短信猫自带的拨号软件？）占用，或这个用户账号无权打开。请关掉那个程序后再检查。</translation>
        </message>
        <message>
            <source>The port {port} opens but no modem answers on it: choose the modem's port in the SMS settings.</source>
            <translation>端口 {port} 能打开，但没有短信猫应答：请在短信设置里选择短信猫的端口。</translation>
        </message>
        <message>
            <source>The modem on {port} has no usable SIM card (missing or locked with a PIN): insert the SIM or remove its PIN in a phone.</source>
            <translation>{port} 上的短信猫没有可用的 SIM 卡（没插或被 PIN 码锁住）：请插好 SIM 卡，或在手机上取消 PIN 码。</translation>
        </message>
        <message>
            <source>The modem on {port} has no mobile network: move it near a window or check its antenna.</source>
            <translation>{port} 上的短信猫没有手机信号：请把它放到窗边或检查天线。</translation>
        </message>
        <message>
            <source>Modem ready on {port}, signal {signal} of 31; texts need no internet.</source>
            <translation>{port} 上的短信猫已就绪，信号 {signal}（满格 31）；发短信不需要网络。</translation>
        </message>
        <message>
            <source>Not joined to a county center yet: join one in the settings, or choose another way to send texts.</source>
            <translation>还没有加入县级服务中心：请在设置里加入，或选择其他发短信的方式。</translation>
        </message>
        <message>
            <source>Texts are handed to the county center at each sync; it sends them with its own SMS service and reports back.</source>
            <translation>短信在每次同步时交给县级服务中心，由县中心用它的短信服务发出，并回报结果。</translation>
        </message>
        <message>
            <source>The county center stopped while this text was being sent, so it cannot tell whether it went out; it is not sent again by itself. Ask the villager, and press Retry only if it did not arrive.</source>
            <translation>县级服务中心在发送这条短信时中断了，无法确定是否已发出；系统不会自动再发。请问一下村民，只有没收到时才按“重试”。</translation>
        </message>
        <message>
            <source>The county center could not read this text's number or content. Check the number and press Retry; if it fails again, call the county center's support.</source>
            <translation>县级服务中心无法读取这条短信的号码或内容。请核对号码后按“重试”；如果再次失败，请联系县级服务中心的技术支持。</translation>
        </message>
        <message>
            <source>The county center's SMS service refused this text (its keys, signature, template or credit; the code is in the details). Call the county center, and press Retry once they have fixed it.</source>
            <translation>县级服务中心的短信服务拒绝了这条短信（其密钥、签名、模板或余额有问题，代码见详情）。请联系县级服务中心，等他们处理好后再按“重试”。</translation>
        </message>
        <message>
            <source>The county center could not send this text for three days (its SMS service is down or not set up). Tell the villager in person or by phone, or press Retry later.</source>
            <translation>县级服务中心三天内都没能发出这条短信（其短信服务故障或尚未设置）。请当面或打电话通知村民，或稍后再按“重试”。</translation>
        </message>
    </context>
    <context>
        <name>SmsOutbox</name>
        <message>
            <source>Cancelled by an operator. Press Retry to send it after all.</source>
            <translation>已被业务员取消。如仍要发送，请按“重发”。</translation>
        </message>
        <message>
            <source>Not sent: the number was put on the do-not-text list. Tell the villager in person.</source>
            <translation>未发送：这个号码已加入免打扰名单。请当面告知村民。</translation>
        </message>
        <message>
            <source>Not sent: the parcel was picked up before its text went out.</source>
            <translation>未发送：短信发出前包裹已被取走。</translation>
        </message>
        <message>
            <source>Not sent: the parcel went back to the courier before its text went out.</source>
            <translation>未发送：短信发出前包裹已退回快递公司。</translation>
        </message>
        <message>
            <source>Gave up after {attempts} tries; press Retry to try again. Last answer: {reason}</source>
            <translation>已尝试 {attempts} 次，不再自动重发；请按“重发”再试。最后一次的答复：{reason}</translation>
        </message>
        <message>
            <source>Being sent now.</source>
            <translation>正在发送。</translation>
        </message>
        <message>
            <source>One text per 30 seconds to a number: it goes after {time}.</source>
            <translation>同一号码每 30 秒只能发一条：这条将在 {time} 之后发出。</translation>
        </message>
        <message>
            <source>This number has had 10 texts in a day, the most allowed: it goes after {time}.</source>
            <translation>这个号码一天内已收到 10 条短信，已达上限：这条将在 {time} 之后发出。</translation>
        </message>
        <message>
            <source>Try {attempts} did not go through; the next try is at {time}.</source>
            <translation>第 {attempts} 次发送没有成功；下次尝试时间为 {time}。</translation>
        </message>
        <message>
            <source>Held until {time} so that more parcels for this number can join the text.</source>
            <translation>暂留到 {time}，以便这个号码的其他快递合并到同一条短信里。</translation>
        </message>
        <message>
            <source>Waits until {time}.</source>
            <translation>等到 {time} 再发。</translation>
        </message>
        <message>
            <source>Handed to the county center at {time}; it sends the text and reports back at the next sync.</source>
            <translation>已于 {time} 交县级服务中心；由县中心发送，下次同步时回报结果。</translation>
        </message>
        <message>
            <source>Sent by the county center.</source>
            <translation>已由县级服务中心发出。</translation>
        </message>
        <message>
            <source>The county center could not send it: {reason}</source>
            <translation>县级服务中心未能发出：{reason}</translation>
        </message>
    </context>
    <context>
        <name>SmsPage</name>
        <message>
            <source>Texts</source>
            <translation>短信</translation>
        </message>
        <message>
            <source>Outbox</source>
            <translation>发件箱</translation>
        </message>
        <message>
            <source>SMS settings</source>
            <translation>短信设置</translation>
        </message>
    </context>
    <context>
        <name>SmsSettingsDialog</name>
        <message>
            <source>SMS settings</source>
            <translation>短信设置</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>SmsSettingsPage</name>
        <message>
            <source>File (demo)</source>
            <translation>文件（演示）</translation>
        </message>
        <message>
            <source>Aliyun SMS</source>
            <translation>阿里云短信</translation>
        </message>
        <message>
            <source>Tencent Cloud SMS</source>
            <translation>腾讯云短信</translation>
        </message>
        <message>
            <source>SMS modem (USB)</source>
            <translation>短信猫（USB modem）</translation>
        </message>
        <message>
            <source>Through the county center</source>
            <translation>县级中心转发</translation>
        </message>
        <message>
            <source>Parcel arrival notice:</source>
            <translation>到件通知：</translation>
        </message>
        <message>
            <source>Pickup reminder:</source>
            <translation>催领提醒：</translation>
        </message>
        <message>
            <source>Test text:</source>
            <translation>测试短信：</translation>
        </message>
        <message>
            <source>SMS settings</source>
            <translation>短信设置</translation>
        </message>
        <message>
            <source>Every text waits in the SMS outbox and goes out the way chosen here. Keys are kept only on this computer and are never shown again.</source>
            <translation>每条短信先进入短信发件箱，再按这里选的方式发出。密钥只保存在这台电脑上，保存后不再显示。</translation>
        </message>
        <message>
            <source>Only the station manager can change the SMS settings. Ask the manager to log in.</source>
            <translation>只有站长才能修改短信设置。请站长登录。</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>How texts go out</source>
            <translation>短信怎么发</translation>
        </message>
        <message>
            <source>e.g. 芒艾村服务站</source>
            <translation>例如 芒艾村服务站</translation>
        </message>
        <message>
            <source>The signature the SMS service approved, without 【】. Left empty, texts are signed with the station's name.</source>
            <translation>填短信服务审核通过的签名，不要带【】。不填就用服务站名称。</translation>
        </message>
        <message>
            <source>Send texts &amp;through:</source>
            <translation>发送方式(&amp;T)：</translation>
        </message>
        <message>
            <source>Si&amp;gnature:</source>
            <translation>短信签名(&amp;G)：</translation>
        </message>
        <message>
            <source>Can texts go out now?</source>
            <translation>现在能发短信吗？</translation>
        </message>
        <message>
            <source>&amp;Check</source>
            <translation>检查(&amp;C)</translation>
        </message>
        <message>
            <source>Asks the way shown here whether it can send now. No text is sent.</source>
            <translation>问一问这里选的发送方式现在能不能发。不会发出短信。</translation>
        </message>
        <message>
            <source>Send a test text</source>
            <translation>发一条测试短信</translation>
        </message>
        <message>
            <source>mobile number, e.g. 13812345678</source>
            <translation>手机号，例如 13812345678</translation>
        </message>
        <message>
            <source>Se&amp;nd a test text</source>
            <translation>发送测试短信(&amp;N)</translation>
        </message>
        <message>
            <source>Goes out the saved way, through the SMS outbox, like a parcel notice. Save your changes first.</source>
            <translation>和到件通知一样经短信发件箱、按已保存的方式发出。
改了设置请先保存。</translation>
        </message>
        <message>
            <source>&amp;Mobile:</source>
            <translation>手机号(&amp;M)：</translation>
        </message>
        <message>
            <source>Nothing was changed.</source>
            <translation>没有改动。</translation>
        </message>
        <message>
            <source>The SMS settings are saved.</source>
            <translation>短信设置已保存。</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>正在检查…</translation>
        </message>
        <message>
            <source>No serial port found. Plug the modem in, then press Find ports.</source>
            <translation>没有找到串口。请插上短信猫，再按“查找端口”。</translation>
        </message>
        <message>
            <source>Found: {ports}</source>
            <translation>找到：{ports}</translation>
        </message>
        <message>
            <source>Save the settings first: the test text goes out the saved way.</source>
            <translation>请先保存设置：测试短信按已保存的方式发出。</translation>
        </message>
        <message>
            <source>A test text to {number} is queued and goes out within a minute. If it does not arrive, the SMS outbox says why.</source>
            <translation>发给{number}的测试短信已排队，一分钟内发出。如果没收到，短信发件箱里会写明原因。</translation>
        </message>
    </context>
    <context>
        <name>StationTotalsPanel</name>
        <message>
            <source>Households helped</source>
            <translation>带动户数</translation>
        </message>
        <message>
            <source>People in them</source>
            <translation>带动人数</translation>
        </message>
        <message>
            <source>Bought from them</source>
            <translation>收购金额</translation>
        </message>
        <message>
            <source>Income brought</source>
            <translation>增收金额</translation>
        </message>
        <message>
            <source>Fees waived</source>
            <translation>减免费用</translation>
        </message>
        <message>
            <source>Services</source>
            <translation>帮扶服务（次）</translation>
        </message>
        <message>
            <source>Save the household log as XLSX  Ctrl+E</source>
            <translation>导出帮扶台账（XLSX）  Ctrl+E</translation>
        </message>
        <message>
            <source>The station's ledger went to the printer.</source>
            <translation>全站帮扶台账已送去打印。</translation>
        </message>
        <message>
            <source>Printing was cancelled.</source>
            <translation>已取消打印。</translation>
        </message>
        <message>
            <source>Save the household log</source>
            <translation>导出帮扶台账</translation>
        </message>
        <message>
            <source>The household log is saved in {path}</source>
            <translation>帮扶台账已保存到 {path}</translation>
        </message>
        <message>
            <source>Household log saved</source>
            <translation>帮扶台账已导出</translation>
        </message>
        <message>
            <source>Period  Ctrl+P</source>
            <translation>统计期间  Ctrl+P</translation>
        </message>
        <message>
            <source>Print the ledger  Ctrl+D</source>
            <translation>打印台账  Ctrl+D</translation>
        </message>
        <message>
            <source>Choose the period (Ctrl+P): the figures are the station's for it, and Ctrl+E saves its household log (one row per entry, with the signature column) as a workbook; Ctrl+D prints it.</source>
            <translation>选择统计期间（Ctrl+P）看本站合计；按 Ctrl+E 导出该期间的帮扶台账（每条一行，带签字栏），按 Ctrl+D 打印。</translation>
        </message>
        <message>
            <source>What the station did for registered households</source>
            <translation>本站对建档户的帮扶</translation>
        </message>
        <message>
            <source>Workbook (*.xlsx)</source>
            <translation>Excel 表格 (*.xlsx)</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <source>Sync</source>
            <translation>同步</translation>
        </message>
        <message>
            <source>This station has not joined a county center yet. Its records are kept here safely. To send them to the county, join with the address and the code on the county center's letter.</source>
            <translation>本站还没有加入县级中心。记录都安全地保存在本机。要把记录上传到县里，请用县级中心来函上的地址和加入码加入。</translation>
        </message>
        <message>
            <source>Ask the station manager to join the county center.</source>
            <translation>请站长加入县级中心。</translation>
        </message>
        <message>
            <source>&amp;Join the county center…</source>
            <translation>加入县级中心(&amp;J)…</translation>
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation>立即同步(&amp;S)</translation>
        </message>
        <message>
            <source>Ctrl+S</source>
            <translation>Ctrl+S</translation>
        </message>
        <message>
            <source>%v of %m records sent</source>
            <translation>已上传 %v / %m 条记录</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>本次上传</translation>
        </message>
        <message>
            <source>At the county</source>
            <translation>县里已有</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>待上传</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Past rounds</source>
            <translation>同步记录</translation>
        </message>
        <message>
            <source>Joined the county center as {name}.</source>
            <translation>已作为“{name}”加入县级中心。</translation>
        </message>
        <message>
            <source>Not joined to a county center</source>
            <translation>未加入县级中心</translation>
        </message>
        <message>
            <source>Joined to the county center</source>
            <translation>已加入县级中心</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>正在同步…</translation>
        </message>
        <message>
            <source>Not synced since the program started</source>
            <translation>本次开机后还没有同步</translation>
        </message>
        <message>
            <source>Online: the county center answers</source>
            <translation>在线：县级中心有应答</translation>
        </message>
        <message>
            <source>Offline: the county center cannot be reached</source>
            <translation>离线：连不上县级中心</translation>
        </message>
        <message>
            <source>Last sync: {time}</source>
            <translation>上次同步：{time}</translation>
        </message>
        <message>
            <source>Last sync: never</source>
            <translation>上次同步：从未同步</translation>
        </message>
        <message>
            <source>Records waiting to be sent: {count}</source>
            <translation>待上传记录：{count} 条</translation>
        </message>
        <message>
            <source>Station {station_id} at {url}</source>
            <translation>站点编号 {station_id} · 县级中心 {url}</translation>
        </message>
        <message>
            <source>Synced: the county center now holds {count} records of this station.</source>
            <translation>同步完成：县级中心现有本站 {count} 条记录。</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>Stopped</source>
            <translation>中断</translation>
        </message>
    </context>
    <context>
        <name>SyncStatus</name>
        <message>
            <source>Not joined to a county center</source>
            <translation>未加入县级中心</translation>
        </message>
        <message>
            <source>Joined to the county center</source>
            <translation>已加入县级中心</translation>
        </message>
        <message>
            <source>online</source>
            <translation>在线</translation>
        </message>
        <message>
            <source>offline</source>
            <translation>离线</translation>
        </message>
        <message>
            <source>Joined to the county center · {link}</source>
            <translation>已加入县级中心 · {link}</translation>
        </message>
    </context>
    <context>
        <name>TailOffers</name>
        <message>
            <source>No customer known here has a number ending in {tail}: type the name on the label and press Enter. No text can be sent until the number is known.</source>
            <translation>本站没有尾号 {tail} 的老顾客：请输入标签上的姓名并按回车。知道完整号码之前不发短信。</translation>
        </message>
        <message>
            <source>last parcel {day}</source>
            <translation>上次 {day}</translation>
        </message>
        <message>
            <source>0  None of them: type the name on the label</source>
            <translation>0  都不是：输入标签上的姓名</translation>
        </message>
        <message>
            <source>Press Enter for {name}, a row's number for another, 0 for none of them.</source>
            <translation>回车选 {name}，按行号选其他人，按 0 表示都不是。</translation>
        </message>
        <message>
            <source>Type the name on the label and press Enter. No text can be sent until the number is known.</source>
            <translation>请输入标签上的姓名并按回车。知道完整号码之前不发短信。</translation>
        </message>
    </context>
    <context>
        <name>TencentPanel</name>
        <message>
            <source>e.g. 1400006666</source>
            <translation>例如 1400006666</translation>
        </message>
        <message>
            <source>Secret&amp;Id:</source>
            <translation>SecretId(&amp;I)：</translation>
        </message>
        <message>
            <source>Secret&amp;Key:</source>
            <translation>SecretKey(&amp;K)：</translation>
        </message>
        <message>
            <source>Sdk&amp;AppId:</source>
            <translation>SdkAppId(&amp;A)：</translation>
        </message>
        <message>
            <source>&amp;Region:</source>
            <translation>地域(&amp;R)：</translation>
        </message>
        <message>
            <source>Template ID</source>
            <translation>模板 ID</translation>
        </message>
        <message>
            <source>Parameter order</source>
            <translation>参数顺序</translation>
        </message>
        <message>
            <source>e.g. 1234567</source>
            <translation>例如 1234567</translation>
        </message>
        <message>
            <source>Parameter order: the names that fill {1}, {2}… of the Tencent template, separated by commas. Left empty, the order shown in grey is used.</source>
            <translation>参数顺序：依次填入腾讯云模板 {1}、{2}… 的参数名，用逗号分开。不填就按灰色显示的顺序。</translation>
        </message>
    </context>
    <context>
        <name>TodayPanel</name>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Seller</source>
            <translation>卖方</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>品名</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Weighed</source>
            <translation>称重</translation>
        </message>
        <message>
            <source>Grade</source>
            <translation>等级</translation>
        </message>
        <message>
            <source>Own</source>
            <translation>自有库存</translation>
        </message>
        <message>
            <source>Consigned</source>
            <translation>代销库存</translation>
        </message>
        <message>
            <source>Today's purchases (Ctrl+U: the manager voids the one chosen)</source>
            <translation>今日收购（Ctrl+U：站长作废选中的一笔）</translation>
        </message>
        <message>
            <source>Stock</source>
            <translation>库存</translation>
        </message>
        <message>
            <source> (household)</source>
            <translation>（帮扶户）</translation>
        </message>
        <message>
            <source>scale</source>
            <translation>电子秤</translation>
        </message>
        <message>
            <source>typed</source>
            <translation>手输</translation>
        </message>
        <message>
            <source>Today: {count} purchases, {jin} jin ({kg} kg), {amount}, {households} registered households</source>
            <translation>今日：收购 {count} 笔，{jin} 斤（{kg} 公斤），{amount}，登记户 {households} 户</translation>
        </message>
    </context>
    <context>
        <name>UndoPickup</name>
        <message>
            <source>Choose a picked-up parcel in the list (arrow keys), then press U.</source>
            <translation>请在列表中选中一件已取出的快递（方向键），再按 U。</translation>
        </message>
        <message>
            <source>Only the station manager can undo a pickup. Ask the manager to log in.</source>
            <translation>只有站长可以撤销取件。请站长登录。</translation>
        </message>
        <message>
            <source>Undo pickup</source>
            <translation>撤销取件</translation>
        </message>
        <message>
            <source>Why is pickup {code} undone? (e.g. handed to the wrong person)</source>
            <translation>为什么撤销取件 {code}？（例如：交错了人）</translation>
        </message>
        <message>
            <source>The pickup was undone: the parcel is back on the shelf.</source>
            <translation>已撤销取件：快递回到货架上。</translation>
        </message>
    </context>
    <context>
        <name>UserError</name>
        <message>
            <source>{value} is not a time; write it like 2026-11-22T09:30:00+08:00.</source>
            <translation>{value} 不是时间，请写成 2026-11-22T09:30:00+08:00 这样的格式。</translation>
        </message>
        <message>
            <source>The time {value} has no time zone offset; write it like 2026-11-22T09:30:00+08:00.</source>
            <translation>时间 {value} 缺少时区偏移，请写成 2026-11-22T09:30:00+08:00 这样的格式。</translation>
        </message>
        <message>
            <source>is nested deeper than 32 levels</source>
            <translation>嵌套超过 32 层</translation>
        </message>
        <message>
            <source>holds a number that is NaN or infinite</source>
            <translation>含有非数（NaN）或无穷大的数值</translation>
        </message>
        <message>
            <source>holds the character U+0000 (NUL)</source>
            <translation>含有空字符 U+0000（NUL）</translation>
        </message>
        <message>
            <source>holds text that is not valid Unicode</source>
            <translation>含有不是有效 Unicode 的文字</translation>
        </message>
        <message>
            <source>The record to void was not found.</source>
            <translation>找不到要作废的记录。</translation>
        </message>
        <message>
            <source>The record {type} was not written: its data {problem}, which the county center could not give back exactly.</source>
            <translation>记录 {type} 没有写入：其数据{problem}，县级中心无法原样交还。</translation>
        </message>
        <message>
            <source>Write the reason for the correction (at least two characters), e.g. 'entered twice'.</source>
            <translation>请写明更正原因（至少两个字），例如“重复录入”。</translation>
        </message>
        <message>
            <source>No record with id {event_id} was found. Check the id on the receipt.</source>
            <translation>找不到编号为 {event_id} 的记录。请核对小票上的编号。</translation>
        </message>
        <message>
            <source>A correction cannot itself be voided. Record the right state with a new action instead.</source>
            <translation>更正记录本身不能再作废。请用一次新的操作记下正确的情况。</translation>
        </message>
        <message>
            <source>This record was already voided; nothing to do.</source>
            <translation>这条记录已经作废过了，无需再操作。</translation>
        </message>
        <message>
            <source>A record of the kind '{kind}' cannot be voided. Correct it with the page where it was made.</source>
            <translation>“{kind}”类的记录不能作废。请到录入它的页面去更正。</translation>
        </message>
        <message>
            <source>Enter the 18-character ID number from the card.</source>
            <translation>请输入身份证上的 18 位号码。</translation>
        </message>
        <message>
            <source>{number} is an old 15-digit ID number; ask for the current card and enter its 18 characters.</source>
            <translation>{number} 是旧的 15 位身份证号码，请出示现行身份证并输入 18 位号码。</translation>
        </message>
        <message>
            <source>The ID number {number} has {length} characters; a resident ID number has 18 (17 digits and a last digit or X). Re-read the card.</source>
            <translation>身份证号码 {number} 有 {length} 位；居民身份证号码为 18 位（17 位数字加最后一位数字或 X）。请重新核对证件。</translation>
        </message>
        <message>
            <source>The ID number {number} may hold only digits, with X allowed as the last character; re-read the card.</source>
            <translation>身份证号码 {number} 只能由数字组成，最后一位可以是 X。请重新核对证件。</translation>
        </message>
        <message>
            <source>The ID number {number} starts with {code}, which is no province's code; re-read the first digits on the card.</source>
            <translation>身份证号码 {number} 以 {code} 开头，这不是任何省份的代码。请重新核对证件上的前几位数字。</translation>
        </message>
        <message>
            <source>The birth date {birth} in the ID number {number} is not a possible date; re-read the card.</source>
            <translation>身份证号码 {number} 中的出生日期 {birth} 不是有效日期，请重新核对证件。</translation>
        </message>
        <message>
            <source>The check digit of the ID number {number} is wrong, so one of its characters was misread; re-read the card and enter the number again.</source>
            <translation>身份证号码 {number} 的校验位不对，说明有数字看错了。请重新核对证件并再次输入号码。</translation>
        </message>
        <message>
            <source>{value} is not a record id of this app; an id looks like 0190a6e4-3c2b-7a01-9f3e-5d2c1b0a9e8f. Scan the receipt's QR code again.</source>
            <translation>{value} 不是本软件的记录编号，编号形如 0190a6e4-3c2b-7a01-9f3e-5d2c1b0a9e8f。请重新扫描凭条上的二维码。</translation>
        </message>
        <message>
            <source>Enter an amount, like 12.50.</source>
            <translation>请输入金额，例如 12.50。</translation>
        </message>
        <message>
            <source>The amount {amount} has digits other than 0–9 ({digits}); type it again with the digits 0–9.</source>
            <translation>金额 {amount} 里有不是 0–9 的数字（{digits}），请用 0–9 重新输入。</translation>
        </message>
        <message>
            <source>The amount {amount} has more than two decimals; write it like 12.50.</source>
            <translation>金额 {amount} 的小数超过两位，请写成 12.50 这样的格式。</translation>
        </message>
        <message>
            <source>In {amount}, jiao (角) and fen (分) take one digit each, 0 to 9; write it like 12元5角 or 12.50.</source>
            <translation>“{amount}”中的角和分只能各写一位数字（0 到 9），请写成 12元5角 或 12.50。</translation>
        </message>
        <message>
            <source>The amount {amount} is negative; enter it without the minus sign.</source>
            <translation>金额 {amount} 是负数，请去掉负号后重新输入。</translation>
        </message>
        <message>
            <source>The amount cannot be zero here; enter an amount above ¥0.00.</source>
            <translation>此处金额不能为零，请输入大于 ¥0.00 的金额。</translation>
        </message>
        <message>
            <source>{amount} is not an amount; write it like 12.50 or 12元5角.</source>
            <translation>“{amount}”不是金额，请写成 12.50 或 12元5角 这样的格式。</translation>
        </message>
        <message>
            <source>The amount {amount} is more than {limit}; check the digits and enter it again.</source>
            <translation>金额 {amount} 超过了上限 {limit}，请核对数字后重新输入。</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>WeChat Pay</source>
            <translation>微信支付</translation>
        </message>
        <message>
            <source>Alipay</source>
            <translation>支付宝</translation>
        </message>
        <message>
            <source>Bank transfer</source>
            <translation>银行转账</translation>
        </message>
        <message>
            <source>Money must move here: enter at least one amount and its method.</source>
            <translation>这里必须有收付款：请至少填写一笔金额和收付方式。</translation>
        </message>
        <message>
            <source>The refund by {method} is {refund}, more than the {taken} that moved by {method}; give back no more than was paid, by the same method.</source>
            <translation>{method}退款 {refund}，超过了用{method}收付的 {taken}；退款不能超过原来收付的金额，并且要按原来的方式退。</translation>
        </message>
        <message>
            <source>'{method}' is not a way money moves here; use cash, wechat, alipay or bank.</source>
            <translation>“{method}”不是本站的收付方式；请用现金（cash）、微信（wechat）、支付宝（alipay）或银行转账（bank）。</translation>
        </message>
        <message>
            <source>An amount of money is a whole number of fen, not {value}.</source>
            <translation>金额必须是以分为单位的整数，不能是 {value}。</translation>
        </message>
        <message>
            <source>An amount of ¥0.00 by {method} moves no money; leave it out.</source>
            <translation>{method} ¥0.00 没有收付任何钱，请去掉这一笔。</translation>
        </message>
        <message>
            <source>Money is written as a list of entries, each a method and an amount in fen and nothing else.</source>
            <translation>收付款要写成一笔一笔，每笔只有收付方式和以分为单位的金额。</translation>
        </message>
        <message>
            <source>the operator's name</source>
            <translation>操作员姓名</translation>
        </message>
        <message>
            <source>A PIN takes the digits 0–9 only; {digits} are digits of another script. Type the PIN again with 0–9.</source>
            <translation>密码只能用 0–9 这些数字；{digits} 是别的文字的数字。请用 0–9 重新输入密码。</translation>
        </message>
        <message>
            <source>A PIN is 4 to 8 digits (numbers only). Type it again.</source>
            <translation>密码是 4 到 8 位数字（只能是数字）。请重新输入。</translation>
        </message>
        <message>
            <source>Type the operator's name (e.g. 岩温).</source>
            <translation>请输入业务员的姓名（例如：岩温）。</translation>
        </message>
        <message>
            <source>A name has at most 20 characters; shorten it.</source>
            <translation>姓名最多 20 个字，请改短一些。</translation>
        </message>
        <message>
            <source>The role must be operator or manager, not '{role}'.</source>
            <translation>角色只能是业务员或站长，不能是“{role}”。</translation>
        </message>
        <message>
            <source>No such operator. Refresh the list and try again.</source>
            <translation>没有这个业务员。请刷新列表后再试。</translation>
        </message>
        <message>
            <source>Only the manager can reset another operator's PIN.</source>
            <translation>只有站长可以重设别人的密码。</translation>
        </message>
        <message>
            <source>You cannot switch off your own account while logged in.</source>
            <translation>不能停用自己正在登录的账号。</translation>
        </message>
        <message>
            <source>There is no active operator called '{name}'. Pick your name from the list.</source>
            <translation>没有名叫“{name}”的在用业务员。请从列表里选择您的名字。</translation>
        </message>
        <message>
            <source>{name} has no PIN on this computer yet. Ask the manager to set one (设置 → 操作员 → 重设 PIN).</source>
            <translation>{name} 在这台电脑上还没有 PIN。请站长为其设置(设置 → 操作员 → 重设 PIN)。</translation>
        </message>
        <message>
            <source>Too many wrong PINs: {name} is locked. Wait {seconds} seconds and try again, or ask the manager to reset the PIN.</source>
            <translation>密码错误次数太多：{name} 已被锁定。请等 {seconds} 秒后再试，或请站长重设密码。</translation>
        </message>
        <message>
            <source>Wrong PIN, five times: {name} is locked for one minute. Ask the manager if you forgot the PIN.</source>
            <translation>密码已错五次：{name} 锁定一分钟。忘记密码请找站长。</translation>
        </message>
        <message>
            <source>Wrong PIN. {left} tries left before a one-minute lock.</source>
            <translation>密码不对。再错 {left} 次将锁定一分钟。</translation>
        </message>
        <message>
            <source>An operator called '{name}' already exists. Choose another name, e.g. add the village group.</source>
            <translation>已经有名叫“{name}”的业务员。请换一个名字，例如加上村民小组。</translation>
        </message>
        <message>
            <source>Enter a mobile number: 11 digits starting with 1, like 13812345678.</source>
            <translation>请输入手机号码：以 1 开头的 11 位数字，例如 13812345678。</translation>
        </message>
        <message>
            <source>{number} has 13 digits: it is an IoT card number that cannot receive texts; enter the 11-digit mobile number, like 13812345678.</source>
            <translation>{number} 有 13 位，是物联网卡号码，无法接收短信。请输入 11 位手机号码，例如 13812345678。</translation>
        </message>
        <message>
            <source>{number} is a landline, which cannot receive texts; enter the 11-digit mobile number, like 13812345678.</source>
            <translation>{number} 是固定电话，无法接收短信。请输入 11 位手机号码，例如 13812345678。</translation>
        </message>
        <message>
            <source>{number} is not a mobile number; a mobile number has 11 digits and starts with 13 to 19, like 13812345678.</source>
            <translation>{number} 不是手机号码。手机号码为 11 位数字，以 13 至 19 开头，例如 13812345678。</translation>
        </message>
        <message>
            <source>{number} is a data-card number (blocks 140–144, 146, 148, 149), which cannot receive texts; ask for the mobile number the villager uses for calls and texts.</source>
            <translation>{number} 是上网卡号码（140–144、146、148、149 号段），收不到短信；请问村民平时打电话、收短信用的手机号。</translation>
        </message>
        <message>
            <source>{number} is not a mobile number in use as far as this app knows (the block {block} is not assigned, or a digit is wrong). Check it with the villager; keep it only if it is right.</source>
            <translation>{number} 不在本软件已知的在用手机号段里（{block} 号段尚未启用，或有一位输错了）。请和村民核对；确认无误才保留。</translation>
        </message>
        <message>
            <source>{number} has fewer than four digits; enter the whole phone number.</source>
            <translation>{number} 不足四位数字，请输入完整的电话号码。</translation>
        </message>
        <message>
            <source>Enter the station's phone number: a mobile, or a landline with its area code like 0883-1234567.</source>
            <translation>请输入服务站的联系电话：手机号码，或带区号的固定电话，例如 0883-1234567。</translation>
        </message>
        <message>
            <source>{number} has no area code; write the landline with it, like 0883-1234567.</source>
            <translation>{number} 没有区号，请连同区号填写固定电话，例如 0883-1234567。</translation>
        </message>
        <message>
            <source>{number} is not a phone number the station can be reached on; enter a mobile (13812345678), a landline with its area code (0883-1234567) or a 400/95 service number.</source>
            <translation>{number} 不是能联系到本站的电话号码。请输入手机号码（13812345678）、带区号的固定电话（0883-1234567）或 400/95 服务号码。</translation>
        </message>
        <message>
            <source>{number} has {length} digits after the area code {area}, but numbers there have {expected}; check the number.</source>
            <translation>{number} 的区号 {area} 后面有 {length} 位，但那里的电话号码是 {expected} 位；请核对号码。</translation>
        </message>
        <message>
            <source>The file {file} does not exist. Check the name.</source>
            <translation>文件 {file} 不存在。请检查文件名。</translation>
        </message>
        <message>
            <source>The backup {file} is damaged ({problem}); it was not restored. Choose another backup.</source>
            <translation>备份 {file} 已损坏（{problem}），没有恢复。请选择另一个备份。</translation>
        </message>
        <message>
            <source>The file {file} is not a station backup ({reason}). Choose a file from the backups folder.</source>
            <translation>文件 {file} 不是服务站备份（{reason}）。请从 backups 文件夹里选择文件。</translation>
        </message>
        <message>
            <source>The backup {file} does not verify ({problem}); it was not restored. Choose another backup.</source>
            <translation>备份 {file} 校验不通过（{problem}），没有恢复。请选择另一个备份。</translation>
        </message>
        <message>
            <source>The restore could not write to {folder} ({reason}). Nothing was lost.</source>
            <translation>恢复时无法写入 {folder}（{reason}）。没有丢失任何数据。</translation>
        </message>
        <message>
            <source>the sender's name</source>
            <translation>寄件人姓名</translation>
        </message>
        <message>
            <source>the villager's name</source>
            <translation>村民姓名</translation>
        </message>
        <message>
            <source>the item's name</source>
            <translation>物品名称</translation>
        </message>
        <message>
            <source>the item's specification</source>
            <translation>商品规格</translation>
        </message>
        <message>
            <source>the reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>the note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Type the villager's name (at most 20 characters).</source>
            <translation>请输入村民姓名（最多 20 个字）。</translation>
        </message>
        <message>
            <source>Choose the platform: {platforms}.</source>
            <translation>请选择平台：{platforms}。</translation>
        </message>
        <message>
            <source>A quantity is a number above 0 with at most three decimals, like 2 or 1.5; not {quantity}.</source>
            <translation>数量是大于 0、最多三位小数的数，如 2 或 1.5；不能是 {quantity}。</translation>
        </message>
        <message>
            <source>An order has 1 to {most} items; list what to buy.</source>
            <translation>一张代购单有 1 到 {most} 件商品；请列出要买的东西。</translation>
        </message>
        <message>
            <source>Each item needs its name (at most 30 characters); a specification has at most 30.</source>
            <translation>每件商品都要有名称（最多 30 个字）；规格最多 30 个字。</translation>
        </message>
        <message>
            <source>A unit has at most 4 characters, like 件 or 斤.</source>
            <translation>单位最多 4 个字，如 件 或 斤。</translation>
        </message>
        <message>
            <source>The {what} is money taken in: enter each amount above ¥0.00.</source>
            <translation>{what}是收进的钱：每笔金额都要大于 ¥0.00。</translation>
        </message>
        <message>
            <source>The {what} is money paid out: each amount is written below zero (-12.50).</source>
            <translation>{what}是付出的钱：每笔金额写成负数（-12.50）。</translation>
        </message>
        <message>
            <source>Write the reason in 2 to 100 characters, e.g. 'out of stock'.</source>
            <translation>请用 2 到 100 个字写明原因，如“缺货”。</translation>
        </message>
        <message>
            <source>A note has at most 100 characters; shorten it.</source>
            <translation>备注最多 100 个字；请缩短。</translation>
        </message>
        <message>
            <source>the item count</source>
            <translation>物品件数</translation>
        </message>
        <message>
            <source>the recipient's name</source>
            <translation>收件人姓名</translation>
        </message>
        <message>
            <source>the address</source>
            <translation>收件地址</translation>
        </message>
        <message>
            <source>the weight in grams</source>
            <translation>重量（克）</translation>
        </message>
        <message>
            <source>the fee in fen</source>
            <translation>运费（分）</translation>
        </message>
        <message>
            <source>Fill in {what}.</source>
            <translation>请填写{what}。</translation>
        </message>
        <message>
            <source>{what} has at most {limit} characters.</source>
            <translation>{what}最多 {limit} 个字。</translation>
        </message>
        <message>
            <source>Choose one of: {options}.</source>
            <translation>请从这些里选一个：{options}。</translation>
        </message>
        <message>
            <source>The document number should be 5 to 20 letters or digits; read it again from the document.</source>
            <translation>证件号码应为 5 到 20 位字母或数字，请对照证件重新输入。</translation>
        </message>
        <message>
            <source>This parcel was already handed to the courier; its label is fixed.</source>
            <translation>这件快递已经交给快递员，运单号不能再改。</translation>
        </message>
        <message>
            <source>No such sent parcel.</source>
            <translation>找不到这件寄件记录。</translation>
        </message>
        <message>
            <source>No parcels are waiting for {carrier}'s courier.</source>
            <translation>没有等待交给{carrier}快递员的快递。</translation>
        </message>
        <message>
            <source>{count} parcels for {carrier} have no waybill yet: scan their labels first.</source>
            <translation>{carrier}有 {count} 件快递还没有运单号：请先扫描它们的面单。</translation>
        </message>
        <message>
            <source>No such handover batch.</source>
            <translation>找不到这批交件记录。</translation>
        </message>
        <message>
            <source>{what} must be a whole number from {low} to {high}.</source>
            <translation>{what}必须是 {low} 到 {high} 之间的整数。</translation>
        </message>
        <message>
            <source>the station's name</source>
            <translation>站点名称</translation>
        </message>
        <message>
            <source>The idle lock is a number of minutes from 0 (never) to 240, e.g. 10.</source>
            <translation>自动锁屏是 0（从不）到 240 之间的分钟数，例如 10。</translation>
        </message>
        <message>
            <source>Type the station's name, 2 to 40 characters, as on its sign, e.g. 孟定镇芒艾村电商服务站.</source>
            <translation>请按门牌输入服务站名称，2 到 40 个字，例如：孟定镇芒艾村电商服务站。</translation>
        </message>
        <message>
            <source>A service fee is written per platform, an amount or a percentage of the goods, like 淘宝=3.00, 拼多多=5% (at most ¥100.00 or 30%), for the platforms {platforms}.</source>
            <translation>服务费按平台填写，金额或货款的百分比，如 淘宝=3.00, 拼多多=5%（最多 ¥100.00 或 30%），平台为 {platforms}。</translation>
        </message>
        <message>
            <source>Choose yes or no.</source>
            <translation>请选择是或否。</translation>
        </message>
        <message>
            <source>Type a number of days from {low} to {high}.</source>
            <translation>请输入 {low} 到 {high} 之间的天数。</translation>
        </message>
        <message>
            <source>A shelf is a name of 1 to 3 letters or digits and 1 to 20 layers, written like A:4, B:4, 3:5.</source>
            <translation>货架名是 1 到 3 个字母或数字，层数 1 到 20，写成 A:4, B:4, 3:5 这样。</translation>
        </message>
        <message>
            <source>The shelf {name} is listed twice.</source>
            <translation>货架 {name} 写了两次。</translation>
        </message>
        <message>
            <source>Define at least one shelf, e.g. A:4.</source>
            <translation>请至少设一个货架，例如 A:4。</translation>
        </message>
        <message>
            <source>Shelf {shelf} still holds {count} waiting parcels, so it cannot be removed yet. Keep it until they are picked up or returned (the shelf list shows them), then remove it.</source>
            <translation>货架 {shelf} 上还有 {count} 件待取包裹，暂时不能删除。请等这些包裹取走或退回后再删（货架清单里能看到它们）。</translation>
        </message>
        <message>
            <source>Shelf {shelf} still holds {count} waiting parcels above layer {kept}: keep {layers} layers on it until they are picked up or returned.</source>
            <translation>货架 {shelf} 第 {kept} 层以上还有 {count} 件待取包裹：在它们取走或退回之前，请保留 {layers} 层。</translation>
        </message>
        <message>
            <source>Write the time like 14:00 (24-hour clock).</source>
            <translation>请按 24 小时制写时间，例如 14:00。</translation>
        </message>
        <message>
            <source>The pickup fee is in fen, from {low} (no fee, the usual) to {high}.</source>
            <translation>取件费以“分”为单位，从 {low}（不收费，通常如此）到 {high}。</translation>
        </message>
        <message>
            <source>There is no setting called '{key}'.</source>
            <translation>没有名为“{key}”的设置项。</translation>
        </message>
        <message>
            <source>The setting {key} was changed again after this change; change it on the settings page instead.</source>
            <translation>设置项 {key} 在这次修改之后又改过了；请直接到设置页面修改。</translation>
        </message>
        <message>
            <source>Log in first: choose your name and type your PIN.</source>
            <translation>请先登录：选择您的名字并输入密码。</translation>
        </message>
        <message>
            <source>Only the station manager (站长) may do this. Ask the manager to log in.</source>
            <translation>只有站长可以做这个操作。请站长登录。</translation>
        </message>
        <message>
            <source>A station already exists in {folder}. Open it instead, or choose an empty folder for a new station.</source>
            <translation>{folder} 里已经有一个服务站。请直接打开它，或为新服务站选择一个空文件夹。</translation>
        </message>
        <message>
            <source>The station's database could not be opened ({reason}). Restore the latest backup from the backups folder (stationapp restore FILE).</source>
            <translation>无法打开本站数据库（{reason}）。请从 backups 文件夹恢复最近的备份（stationapp restore 文件）。</translation>
        </message>
        <message>
            <source>The station's data folder {folder} is already open in another window or program. Close the other window first; only one may work on the station's records at a time.</source>
            <translation>本站的数据文件夹 {folder} 已经在另一个窗口或程序中打开。请先关闭那个窗口；同一时间只能有一个窗口处理本站的记录。</translation>
        </message>
        <message>
            <source>The station's data folder {folder} cannot be written to (read-only, or no permission). Nothing was changed. Choose a folder you can write to, or ask the person who set up this PC to give write permission.</source>
            <translation>本站的数据文件夹 {folder} 无法写入（只读或没有权限）。没有改动任何数据。请选择一个可以写入的文件夹，或请装这台电脑的人开通写入权限。</translation>
        </message>
        <message>
            <source>The disk that holds the station's data ({folder}) is full. Nothing was saved. Free some space (empty the recycle bin, move photos and videos elsewhere), then try again.</source>
            <translation>存放本站数据的磁盘（{folder}）已满。这次没有保存任何数据。请先腾出空间（清空回收站，把照片和视频移到别处），然后再试一次。</translation>
        </message>
        <message>
            <source>The disk failed while reading or writing the station's data in {folder} ({reason}). Nothing was saved. The disk may be failing: copy a backup to a USB stick now (stationapp backup FILE) and call the county center's support.</source>
            <translation>读写 {folder} 里的本站数据时磁盘出错（{reason}）。这次没有保存任何数据。磁盘可能快坏了：请马上把备份复制到U盘（stationapp backup 文件），并打电话给县级中心的技术支持。</translation>
        </message>
        <message>
            <source>The station's database {path} is damaged ({problem}). Stop working on it. Restore the newest good backup, {name} in the backups folder (stationapp restore {backup}); then sync with the county center to bring back what was recorded after it. Call the county center's support if you are unsure.</source>
            <translation>本站数据库 {path} 已损坏（{problem}）。请停止使用它，恢复最近一份完好的备份：backups 文件夹里的 {name}（stationapp restore {backup}），然后与县级中心同步，取回备份之后记下的记录。拿不准时请打电话给县级中心的技术支持。</translation>
        </message>
        <message>
            <source>The station's database {path} is damaged ({problem}) and there is no good backup in the backups folder. Stop working on it and call the county center's support: they issue a code to restore the station from the county center (stationapp restore --from-county URL --code CODE).</source>
            <translation>本站数据库 {path} 已损坏（{problem}），backups 文件夹里也没有完好的备份。请停止使用它，并打电话给县级中心的技术支持：他们会给一个恢复码，用来从县级中心恢复本站（stationapp restore --from-county 地址 --code 恢复码）。</translation>
        </message>
        <message>
            <source>There is no station in {folder}. Run the setup first (stationapp init), or choose the folder that holds station.db.</source>
            <translation>{folder} 里没有服务站数据。请先完成初始设置（stationapp init），或选择存放 station.db 的文件夹。</translation>
        </message>
        <message>
            <source>The backup could not be written to {file}: the disk there is full. Nothing was changed at the station. Choose another place (a USB stick with free space) or free some space, then try again.</source>
            <translation>备份无法写到 {file}：那里的磁盘已满。本站数据没有任何改动。请换一个地方（有空余空间的U盘），或腾出空间后再试一次。</translation>
        </message>
        <message>
            <source>The backup could not be written to {file}: that place is read-only or may not be written to (a write-protected USB stick?). Nothing was changed at the station. Choose another place.</source>
            <translation>备份无法写到 {file}：那个地方是只读的或没有写入权限（U盘开了写保护？）。本站数据没有任何改动。请换一个地方。</translation>
        </message>
        <message>
            <source>The backup could not be written to {file}: there is no such folder, or a part of the path is a file. Nothing was changed at the station. Name a file in a folder that exists.</source>
            <translation>备份无法写到 {file}：没有这个文件夹，或者路径中有一段是文件而不是文件夹。本站数据没有任何改动。请写一个已有文件夹里的文件名。</translation>
        </message>
        <message>
            <source>The backup could not be written to {file} ({reason}). Nothing was changed at the station. Choose another place.</source>
            <translation>备份无法写到 {file}（{reason}）。本站数据没有任何改动。请换一个地方。</translation>
        </message>
        <message>
            <source>The waybill number is empty; scan the barcode or type the number.</source>
            <translation>运单号为空，请扫描条码或输入单号。</translation>
        </message>
        <message>
            <source>{waybill} is too long for a waybill number ({length} characters, at most 30); scan the waybill's barcode, not a QR code.</source>
            <translation>{waybill} 太长，不是运单号（{length} 个字符，最多 30 个）。请扫描面单上的条形码，不要扫二维码。</translation>
        </message>
        <message>
            <source>The waybill number {waybill} contains "{characters}"; waybill numbers have only letters, digits and '-'. Scan it again or type it from the label.</source>
            <translation>运单号 {waybill} 含有“{characters}”；运单号只由字母、数字和“-”组成。请重新扫描，或照着面单输入。</translation>
        </message>
        <message>
            <source>The waybill number {waybill} is too short ({length} characters, at least 8); scan it again or type all of it.</source>
            <translation>运单号 {waybill} 太短（{length} 个字符，至少 8 个），请重新扫描或输入完整单号。</translation>
        </message>
        <message>
            <source>{waybill} is an international postal number whose check digit (the 9th digit) does not fit the eight before it: a digit was mistyped. Scan it again or type it from the label.</source>
            <translation>{waybill} 是国际邮件单号，但第 9 位校验码与前 8 位数字对不上：有一位输错了。请重新扫描，或照面单重新输入。</translation>
        </message>
        <message>
            <source>This receipt names no record; save the action first, then print its receipt.</source>
            <translation>这张凭证没有对应的记录，请先保存这次操作，再打印凭证。</translation>
        </message>
        <message>
            <source>The paper kind {kind} is unknown; choose one of {kinds}.</source>
            <translation>没有“{kind}”这种纸张，请从以下选择一种：{kinds}。</translation>
        </message>
        <message>
            <source>Shelf {shelf} layer {layer} is full (9999 parcels). Put the parcel on another layer.</source>
            <translation>{shelf} 号货架第 {layer} 层已满（9999 件）。请放到别的层。</translation>
        </message>
        <message>
            <source>the collector's name</source>
            <translation>代取人姓名</translation>
        </message>
        <message>
            <source>No such parcel. Search for it again.</source>
            <translation>找不到这件快递。请重新查找。</translation>
        </message>
        <message>
            <source>Choose how the recipient agreed: {options}.</source>
            <translation>请选择收件人同意代收的方式：{options}。</translation>
        </message>
        <message>
            <source>The label shows only the phone's last four digits: type the name it prints too (张* is fine). No text can be sent until the number is known.</source>
            <translation>标签上只有手机尾号四位：请同时输入标签上印的姓名（张* 也可以）。知道完整号码之前无法发短信。</translation>
        </message>
        <message>
            <source>This phone is new to the station: type the recipient's name as the waybill prints it (张* is fine).</source>
            <translation>这个手机号是第一次来：请按面单输入收件人姓名（写“张*”也可以）。</translation>
        </message>
        <message>
            <source>Unknown carrier '{carrier}'. Choose one from the list.</source>
            <translation>没有“{carrier}”这家快递公司。请从列表中选择。</translation>
        </message>
        <message>
            <source>The carrier of waybill {waybill} cannot be told from its number. Choose the carrier.</source>
            <translation>从运单号 {waybill} 看不出是哪家快递。请选择快递公司。</translation>
        </message>
        <message>
            <source>There is no shelf {shelf}. The shelves are {shelves}; add shelves in Settings.</source>
            <translation>没有 {shelf} 号货架。现有货架：{shelves}；要加货架请到“设置”里改。</translation>
        </message>
        <message>
            <source>Shelf {shelf} has layers 1 to {layers}; choose one of them.</source>
            <translation>{shelf} 号货架只有第 1 到 {layers} 层，请从中选择。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is already on the shelf at {code} (since {since}). Do not take it in twice.</source>
            <translation>运单 {waybill} 已经在货架上，取件码 {code}（{since} 入库）。请不要重复入库。</translation>
        </message>
        <message>
            <source>Waybill {waybill} was taken in before and left the station on {when}. If the courier delivered it again, confirm the re-delivery.</source>
            <translation>运单 {waybill} 以前入库过，已于 {when} 离站。如果是快递员再次派送，请确认“再次到件”。</translation>
        </message>
        <message>
            <source>Parcel {code} already has its recipient's number ({phone}).</source>
            <translation>包裹 {code} 已有收件人号码（{phone}）。</translation>
        </message>
        <message>
            <source>{phone} does not end in {tail}, the tail on parcel {code}'s label. Check the number with the villager.</source>
            <translation>{phone} 的尾号不是 {tail}（包裹 {code} 标签上的尾号）。请和村民核对号码。</translation>
        </message>
        <message>
            <source>Say how the recipient was checked: pickup code, phone or ID.</source>
            <translation>请选择核验方式：取件码、手机号或身份证。</translation>
        </message>
        <message>
            <source>Choose the parcels to hand out first.</source>
            <translation>请先选择要取出的快递。</translation>
        </message>
        <message>
            <source>Someone else is collecting: type their name as well as their phone.</source>
            <translation>有人代取：请同时输入代取人的姓名和手机号。</translation>
        </message>
        <message>
            <source>Parcel {code} (waybill {waybill}) was already picked up by {who} on {when}. It is not on the shelf.</source>
            <translation>快递 {code}（运单 {waybill}）已于 {when} 由 {who} 取走，不在货架上。</translation>
        </message>
        <message>
            <source>Parcel {code} (waybill {waybill}) was returned to the courier on {when}. It is not on the shelf.</source>
            <translation>快递 {code}（运单 {waybill}）已于 {when} 退回快递公司，不在货架上。</translation>
        </message>
        <message>
            <source>Parcel {code} is not picked up; there is nothing to undo.</source>
            <translation>快递 {code} 没有被取走，无需撤销。</translation>
        </message>
        <message>
            <source>A pickup can only be undone on the day it happened ({day}). Call the county center to correct an older one.</source>
            <translation>取件只能在当天（{day}）撤销。更早的取件请联系县级中心更正。</translation>
        </message>
        <message>
            <source>Parcel {code} (waybill {waybill}) is not on the shelf any more; hand out what is there and check the parcel's record.</source>
            <translation>包裹 {code}（运单 {waybill}）已不在货架上；请交付在架的物品，并核对包裹记录。</translation>
        </message>
        <message>
            <source>Write why the parcels go back (at least two characters), e.g. 超期未取.</source>
            <translation>请写明退回原因（至少两个字），例如“超期未取”。</translation>
        </message>
        <message>
            <source>Choose the parcels to return first.</source>
            <translation>请先选择要退回的快递。</translation>
        </message>
        <message>
            <source>There is no shelf {shelf}.</source>
            <translation>没有 {shelf} 号货架。</translation>
        </message>
        <message>
            <source>No text with id {text_id} is in the outbox. Refresh the list.</source>
            <translation>短信发件箱里没有编号为 {text_id} 的短信。请刷新列表。</translation>
        </message>
        <message>
            <source>Only a failed text can be sent again; this one is {status}. Refresh the list.</source>
            <translation>只有发送失败的短信才能重发；这条短信{status}。请刷新列表。</translation>
        </message>
        <message>
            <source>This text was cancelled because its parcel is no longer on the shelf; it is not sent again.</source>
            <translation>这条短信已取消，因为包裹已不在货架上，不会再发送。</translation>
        </message>
        <message>
            <source>{number} is on the do-not-text list. Take it off the list first if the villager wants texts again.</source>
            <translation>{number} 在免打扰名单上。如果村民又愿意收短信，请先把这个号码移出名单。</translation>
        </message>
        <message>
            <source>Only a text still waiting in the queue can be cancelled; this one is {status}.</source>
            <translation>只有还在排队等待的短信才能取消；这条短信{status}。</translation>
        </message>
        <message>
            <source>waiting in the queue</source>
            <translation>正在排队等待</translation>
        </message>
        <message>
            <source>being sent right now</source>
            <translation>正在发送</translation>
        </message>
        <message>
            <source>handed to the county center</source>
            <translation>已交县中心</translation>
        </message>
        <message>
            <source>already sent</source>
            <translation>已发送</translation>
        </message>
        <message>
            <source>marked as failed</source>
            <translation>已标为发送失败</translation>
        </message>
        <message>
            <source>not in this station's outbox</source>
            <translation>不在本站的短信发件箱里</translation>
        </message>
        <message>
            <source>{number} is already on the do-not-text list (since {since}).</source>
            <translation>{number} 已经在免打扰名单上了（自 {since} 起）。</translation>
        </message>
        <message>
            <source>{number} is not on the do-not-text list; nothing to remove.</source>
            <translation>{number} 不在免打扰名单上，无需移除。</translation>
        </message>
        <message>
            <source>Write why (at least two characters), e.g. 'the villager asked for no texts'.</source>
            <translation>请写明原因（至少两个字），例如“村民要求不发短信”。</translation>
        </message>
        <message>
            <source>The text '{template}' needs a value for {fields}. Fill it in and queue the text again.</source>
            <translation>短信“{template}”缺少 {fields} 的内容。请填写后重新加入发送队列。</translation>
        </message>
        <message>
            <source>This text would have {chars} characters; a text may have at most {limit}. Send fewer items in one text.</source>
            <translation>这条短信会有 {chars} 个字，一条短信最多 {limit} 个字。请在一条短信里少写几项。</translation>
        </message>
        <message>
            <source>There is no text template called '{template}'. Choose one of: {known}.</source>
            <translation>没有名为“{template}”的短信模板。请从以下模板中选择：{known}。</translation>
        </message>
        <message>
            <source>The SMS signature is the name the SMS service approved, 2 to 20 characters without 【】, e.g. 芒艾村服务站; leave it empty to sign with the station's name.</source>
            <translation>短信签名是短信服务商审核通过的名称，2 到 20 个字，不带【】，例如 芒艾村服务站；留空则用服务站名称作签名。</translation>
        </message>
        <message>
            <source>Texts to one phone are grouped for a number of minutes from {low} (each parcel its own text) to {high}, e.g. 10.</source>
            <translation>发给同一号码的短信合并等待的分钟数，从 {low}（每个快递单独发一条）到 {high}，例如 10。</translation>
        </message>
        <message>
            <source>At most {limit} characters here.</source>
            <translation>这里最多 {limit} 个字。</translation>
        </message>
        <message>
            <source>Write the service address starting with https://, or leave it empty.</source>
            <translation>请以 https:// 开头填写服务地址，或留空。</translation>
        </message>
        <message>
            <source>Give one value per SMS template.</source>
            <translation>请为每个短信模板各填一个值。</translation>
        </message>
        <message>
            <source>Type a number of seconds from {low} to {high}.</source>
            <translation>请输入 {low} 到 {high} 之间的秒数。</translation>
        </message>
        <message>
            <source>A serial speed from {low} to {high}.</source>
            <translation>串口速率应在 {low} 到 {high} 之间。</translation>
        </message>
        <message>
            <source>This text has already left the outbox and cannot take more parcels; queue a new text instead.</source>
            <translation>这条短信已经离开发件箱，不能再合并更多快递；请另发一条短信。</translation>
        </message>
        <message>
            <source>This text is no longer waiting in the queue, so it cannot be handed to the county center. Refresh the list.</source>
            <translation>这条短信已不在队列中等待，不能再交给县级服务中心。请刷新列表。</translation>
        </message>
        <message>
            <source>This text is no longer waiting to be sent, so it cannot be cancelled. Refresh the list.</source>
            <translation>这条短信已不在等待发送，无法取消。请刷新列表。</translation>
        </message>
        <message>
            <source>A pickup slip needs the parcels that were picked up; choose them.</source>
            <translation>取件凭条要列出取走的快递，请先选择快递。</translation>
        </message>
        <message>
            <source>A return manifest needs the parcels going back; choose them.</source>
            <translation>退件清单要列出退回的快递，请先选择快递。</translation>
        </message>
        <message>
            <source>There is no SMS service called '{name}'. Choose one of: file, aliyun, tencent, modem, county.</source>
            <translation>没有名为“{name}”的短信服务。请从以下选择：file、aliyun、tencent、modem、county。</translation>
        </message>
        <message>
            <source>The number {number} is on the do-not-text list, so no test text was queued. Type another number, or take it off the list first.</source>
            <translation>{number} 在免打扰名单上，测试短信没有排队。请换一个号码，或者先把这个号码移出名单。</translation>
        </message>
        <message>
            <source>The county center cannot be reached (no network?). The records wait here and are sent when the network is back.</source>
            <translation>连不上县级中心（没有网络？）。记录先保存在本机，网络恢复后会自动上传。</translation>
        </message>
        <message>
            <source>The county center did not answer in time (slow network). The station tries again by itself with smaller batches.</source>
            <translation>县级中心没有及时应答（网络较慢）。本站会自动改用更小的批次重试。</translation>
        </message>
        <message>
            <source>Something other than the county center answered (a Wi-Fi login page?). Log in to the network in a browser, then sync again.</source>
            <translation>应答的不是县级中心（可能是 Wi-Fi 登录页面？）。请先在浏览器里登录上网，再重新同步。</translation>
        </message>
        <message>
            <source>The county center had a problem (error {status}). The station tries again later by itself; nothing is lost.</source>
            <translation>县级中心出了问题（错误 {status}）。本站稍后会自动重试，数据不会丢失。</translation>
        </message>
        <message>
            <source>The county center is busy. The station tries again in a few minutes by itself.</source>
            <translation>县级中心正忙。本站几分钟后会自动重试。</translation>
        </message>
        <message>
            <source>The county center did not accept this station's key (a new code may have been issued). Join the county center again with the new code.</source>
            <translation>县级中心不再接受本站的密钥（可能已重新发放了加入码）。请用新的加入码重新加入县级中心。</translation>
        </message>
        <message>
            <source>The county center says this station's key belongs to another station. Join again with this station's own code.</source>
            <translation>县级中心说本站的密钥属于另一个服务站。请用本站自己的加入码重新加入。</translation>
        </message>
        <message>
            <source>The county center needs a newer version of this app. Update the app, then sync again.</source>
            <translation>县级中心需要更新版本的软件。请先更新软件，再重新同步。</translation>
        </message>
        <message>
            <source>The county center refused a record ({detail}). Tell the county center's support; the records wait here.</source>
            <translation>县级中心拒收了一条记录（{detail}）。请告诉县级中心的技术支持；记录先保存在本机。</translation>
        </message>
        <message>
            <source>The county center's copy of this station's records differs from this one at record {seq}. Nothing more was sent. Call the county center's support; do not delete anything.</source>
            <translation>县级中心保存的本站记录与本机的在第 {seq} 条处不一致。已停止上传。请联系县级中心的技术支持，不要删除任何数据。</translation>
        </message>
        <message>
            <source>The county center holds a different history of this station at record {seq} (an old backup was restored here, or records were changed). Nothing was sent. Call the county center's support; do not delete anything.</source>
            <translation>县级中心保存的本站记录在第 {seq} 条处与本机不同（本机恢复过旧备份，或记录被改动过）。没有上传任何数据。请联系县级中心的技术支持，不要删除任何数据。</translation>
        </message>
        <message>
            <source>The records here differ from the county center's at record {seq}, in records that were already sent: they were changed here afterwards. Nothing was sent. Call the county center's support; do not delete anything.</source>
            <translation>本机的记录在第 {seq} 条处与县级中心的不同，而且不同之处在已经上传过的记录里：这些记录上传后在本机被改动过。没有上传任何数据。请联系县级中心的技术支持，不要删除任何数据。</translation>
        </message>
        <message>
            <source>The county center took none of the records sent. The station tries again later; if this stays, call the county center's support.</source>
            <translation>县级中心没有收下发送的记录。本站稍后会重试；如果一直这样，请联系县级中心的技术支持。</translation>
        </message>
        <message>
            <source>Type the code the county center gave for this station (on its letter).</source>
            <translation>请输入县级中心给本站的加入码（见通知函）。</translation>
        </message>
        <message>
            <source>The county center does not know the code {code}. Check it letter by letter, or ask the county center for a new one.</source>
            <translation>县级中心不认识加入码 {code}。请逐个字符核对，或向县级中心索取新的加入码。</translation>
        </message>
        <message>
            <source>The code {code} was already used. Ask the county center to issue a new code for this station.</source>
            <translation>加入码 {code} 已经用过了。请让县级中心为本站重新发放加入码。</translation>
        </message>
        <message>
            <source>The county center at {url} cannot be reached now. Check the network and the address, then try again.</source>
            <translation>现在连不上 {url} 的县级中心。请检查网络和地址，然后再试。</translation>
        </message>
        <message>
            <source>The address {url} did not answer like a county center. Check the address (it is on the county center's letter), then try again.</source>
            <translation>地址 {url} 的应答不像县级中心。请核对地址（见县级中心的通知函），然后再试。</translation>
        </message>
        <message>
            <source>This station is already joined as {current}, but the code is for station {other}. Ask the county center for this station's own code.</source>
            <translation>本站已经以 {current} 的身份加入，但这个加入码属于服务站 {other}。请向县级中心索取本站自己的加入码。</translation>
        </message>
        <message>
            <source>This station has not joined a county center yet. Join it first in the settings (设置 → 加入县级中心) with the code the county center gave.</source>
            <translation>本站还没有加入县级中心。请先在设置里（设置 → 加入县级中心）用县级中心给的加入码加入。</translation>
        </message>
        <message>
            <source>The county center's address {url} is not a web address. Write it like https://county.example.cn (it is on the county center's letter).</source>
            <translation>县级中心的地址 {url} 不是网址。请写成 https://county.example.cn 这样的形式（见县级中心的通知函）。</translation>
        </message>
        <message>
            <source>Restore either from a backup file (stationapp restore FILE) or from the county center (stationapp restore --from-county URL --code CODE), not both.</source>
            <translation>请选择一种恢复方式：从备份文件恢复（stationapp restore 文件），或从县级中心恢复（stationapp restore --from-county 地址 --code 代码），不能同时使用。</translation>
        </message>
        <message>
            <source>Name the backup file to restore (stationapp restore FILE), or restore from the county center (stationapp restore --from-county URL --code CODE).</source>
            <translation>请写明要恢复的备份文件（stationapp restore 文件），或从县级中心恢复（stationapp restore --from-county 地址 --code 代码）。</translation>
        </message>
        <message>
            <source>The two PINs are not the same. Run the same command again: the records that came are kept, only the PIN is asked again.</source>
            <translation>两次输入的 PIN 密码不一样。请再执行一次同样的命令：已取回的记录都保存着，只会重新询问 PIN 密码。</translation>
        </message>
        <message>
            <source>This version of the app cannot act on this kind of county event; it is kept. Update the app.</source>
            <translation>此版本的程序无法处理这类县级中心事件，已保留该事件。请更新程序。</translation>
        </message>
        <message>
            <source>The county center reports on text {text_id}, which is not waiting for it (it is {status}), so nothing was changed. Check the text in the outbox if the villager asks about it.</source>
            <translation>县级服务中心回报了短信 {text_id} 的结果，但这条短信并不在等县中心（它{status}），所以没有做任何更改。如果村民问起，请在短信发件箱里查看这条短信。</translation>
        </message>
        <message>
            <source>This folder ({folder}) already holds the station {name}. Nothing was changed. Restore into a new, empty folder instead.</source>
            <translation>这个文件夹（{folder}）里已经有服务站“{name}”。没有改动任何数据。请改为恢复到一个新的空文件夹。</translation>
        </message>
        <message>
            <source>The station's records have not all come from the county center yet. Run the restore again with the county center's address and code.</source>
            <translation>本站的记录还没有从县级中心全部取回。请用县级中心的地址和代码重新执行恢复。</translation>
        </message>
        <message>
            <source>The restore was stopped after {done} of {total} records. What came is kept: restore again with the same address and code to go on.</source>
            <translation>恢复在取回 {done} / {total} 条记录后停止了。已取回的记录都保存着：用同样的地址和代码再恢复一次即可接着进行。</translation>
        </message>
        <message>
            <source>The county center sent {done} of the {total} records it holds of this station. What came is kept: restore again later to go on; if this stays, call the county center's support.</source>
            <translation>县级中心存有本站 {total} 条记录，只发来了 {done} 条。已取回的记录都保存着：请稍后再恢复一次接着进行；如果一直这样，请打电话给县级中心的技术支持。</translation>
        </message>
        <message>
            <source>The records that came from the county center do not fit together at record {seq} (changed on the way?). Nothing was kept. Try again, on another network if you can; if this stays, call the county center's support.</source>
            <translation>从县级中心取回的记录在第 {seq} 条处对不上（可能在传输途中被改动？）。没有保留任何记录。请再试一次，最好换一个网络；如果一直这样，请打电话给县级中心的技术支持。</translation>
        </message>
        <message>
            <source>The records from the county center do not verify ({problem}). Nothing was kept. Call the county center's support.</source>
            <translation>从县级中心取回的记录核对不通过（{problem}）。没有保留任何记录。请打电话给县级中心的技术支持。</translation>
        </message>
        <message>
            <source>The station's records name no active manager (站长), so no one could log in. Call the county center's support.</source>
            <translation>本站的记录里没有在用的站长账号，恢复后没有人能登录。请打电话给县级中心的技术支持。</translation>
        </message>
        <message>
            <source>The county center no longer accepts this restore (a newer code was issued meanwhile?). Ask the county center for the newest code for this station and type it here; the {done} records that came are kept.</source>
            <translation>县级中心不再接受这次恢复（期间又发了新代码？）。请向县级中心要本站最新的代码并在这里输入；已取回的 {done} 条记录都保存着。</translation>
        </message>
        <message>
            <source>The county center needs a newer version of this app. Update the app, then restore again; the {done} records that came are kept.</source>
            <translation>县级中心要求使用新版本的软件。请先升级软件，再重新恢复；已取回的 {done} 条记录都保存着。</translation>
        </message>
        <message>
            <source>Something other than the county center answered (a Wi-Fi login page?). Log in to the network in a browser, then restore again with the same address and code; the {done} records that came are kept.</source>
            <translation>应答的不是县级中心（可能是 Wi-Fi 登录页面？）。请先在浏览器里登录上网，再用同样的地址和代码重新恢复；已取回的 {done} 条记录都保存着。</translation>
        </message>
        <message>
            <source>The connection to the county center was lost after {done} of {total} records. What came is kept: check the network, then restore again with the same address and code to go on.</source>
            <translation>取回 {done} / {total} 条记录后，与县级中心的连接断了。已取回的记录都保存着：请检查网络，再用同样的地址和代码恢复一次即可接着进行。</translation>
        </message>
        <message>
            <source>The station's records name the station {other}, but this station is {station}. The records were not changed. Call the county center's support; a copy made before this update is in the backups folder.</source>
            <translation>本站的记录写的是服务站 {other}，但本站是 {station}。记录没有改动。请联系县级中心的技术支持；更新前的备份在 backups 文件夹里。</translation>
        </message>
        <message>
            <source>{what} contains a hidden text-direction mark ({code}) that makes it read backwards on screens and receipts. Delete the name and type it again.</source>
            <translation>{what}里有一个看不见的文字方向控制符（{code}），会让名字在屏幕和小票上倒着显示。请删掉后重新输入。</translation>
        </message>
        <message>
            <source>{what} contains a control character ({code}) that a keyboard does not type (it was pasted or scanned in). Delete the name and type it again.</source>
            <translation>{what}里有一个键盘打不出的控制字符（{code}），多半是粘贴或扫描带进来的。请删掉后重新输入。</translation>
        </message>
        <message>
            <source>{what} contains an invisible or invalid character ({code}). Delete the name and type it again.</source>
            <translation>{what}里有一个看不见或无效的字符（{code}）。请删掉后重新输入。</translation>
        </message>
        <message>
            <source>{what} has only invisible characters (zero-width spaces); type the name.</source>
            <translation>{what}里只有看不见的字符（零宽空格），请输入真正的名字。</translation>
        </message>
        <message>
            <source>No registered household has the number {household_no}. Find the household by its number, the head's name or a phone tail and choose it from the list.</source>
            <translation>没有户编号为 {household_no} 的建档户。请按户编号、户主姓名或手机尾号查找，并从列表中选择。</translation>
        </message>
        <message>
            <source>Choose what the service was: training, advice, a form filled in, or other.</source>
            <translation>请选择服务类型：培训、咨询、代办表格或其他。</translation>
        </message>
        <message>
            <source>Write what was done for the household in 2 to 200 characters, e.g. 'filled in the medical insurance claim form'.</source>
            <translation>请用 2 到 200 个字写明为该户做了什么，例如“帮填医保报销单”。</translation>
        </message>
        <message>
            <source>The person's name is too long: write at most 30 characters.</source>
            <translation>姓名太长：最多填写 30 个字。</translation>
        </message>
        <message>
            <source>Give the period as a month (2026-11), a quarter (2026-Q4) or a year (2026).</source>
            <translation>请按月（2026-11）、季度（2026-Q4）或年（2026）填写期间。</translation>
        </message>
        <message>
            <source>waiting to be placed</source>
            <translation>待下单</translation>
        </message>
        <message>
            <source>placed</source>
            <translation>已下单</translation>
        </message>
        <message>
            <source>shipped</source>
            <translation>已发货</translation>
        </message>
        <message>
            <source>arrived</source>
            <translation>已到货</translation>
        </message>
        <message>
            <source>delivered</source>
            <translation>已交付</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>returned</source>
            <translation>已退货</translation>
        </message>
        <message>
            <source>voided</source>
            <translation>已作废</translation>
        </message>
        <message>
            <source>A later step of this order depends on the one to void; void the later steps first, the last one first.</source>
            <translation>这张代购单后面的步骤依赖要作废的这一步；请先从最后一步起作废后面的步骤。</translation>
        </message>
        <message>
            <source>the seller's name</source>
            <translation>卖方姓名</translation>
        </message>
        <message>
            <source>the consignor's name</source>
            <translation>委托人姓名</translation>
        </message>
        <message>
            <source>the product</source>
            <translation>品名</translation>
        </message>
        <message>
            <source>the commission percent</source>
            <translation>佣金比例</translation>
        </message>
        <message>
            <source>No registered household is numbered {number}; check the 户编号.</source>
            <translation>没有户编号为 {number} 的登记户，请核对户编号。</translation>
        </message>
        <message>
            <source>The price {price} per {unit} is more than {percent}% away from the catalog's reference price {reference}; check it, or confirm the price.</source>
            <translation>单价每{unit} {price} 与目录参考价 {reference} 相差超过 {percent}%；请核对，或确认此价格。</translation>
        </message>
        <message>
            <source>This purchase comes to ¥0.00; check the figures.</source>
            <translation>这笔收购金额为 ¥0.00，请核对数字。</translation>
        </message>
        <message>
            <source>Give the commission as a percent or as an amount per unit, one of the two.</source>
            <translation>佣金请填比例或每单位金额，二者选其一。</translation>
        </message>
        <message>
            <source>A commission percent is 0 to 100 with two decimals at most.</source>
            <translation>佣金比例为 0 到 100，最多两位小数。</translation>
        </message>
        <message>
            <source>the quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>the gross weight</source>
            <translation>毛重</translation>
        </message>
        <message>
            <source>the tare</source>
            <translation>皮重</translation>
        </message>
        <message>
            <source>the net weight</source>
            <translation>净重</translation>
        </message>
        <message>
            <source>Type {what} as a number, like 52.3.</source>
            <translation>{what}请填数字，如 52.3。</translation>
        </message>
        <message>
            <source>{what} must be more than zero.</source>
            <translation>{what}必须大于零。</translation>
        </message>
        <message>
            <source>{what} has at most three decimals, like 52.375.</source>
            <translation>{what}最多三位小数，如 52.375。</translation>
        </message>
        <message>
            <source>{what} is more than {limit}; check the digits.</source>
            <translation>{what}超过 {limit}，请核对数字。</translation>
        </message>
        <message>
            <source>'{unit}' is not a unit here; use one of: {units}.</source>
            <translation>“{unit}”不是可用的单位，请用：{units}。</translation>
        </message>
        <message>
            <source>Goods counted in {unit} come in whole numbers.</source>
            <translation>按{unit}计的货品数量须为整数。</translation>
        </message>
        <message>
            <source>'{grade}' is not a grade here; use one of: {grades}.</source>
            <translation>“{grade}”不是可用的等级，请用：{grades}。</translation>
        </message>
        <message>
            <source>'{channel}' is not a sales channel; use one of: {channels}.</source>
            <translation>“{channel}”不是销售渠道，请用：{channels}。</translation>
        </message>
        <message>
            <source>A weight comes from the scale or is typed.</source>
            <translation>重量来自电子秤或手工录入。</translation>
        </message>
        <message>
            <source>Goods counted in {unit} are not weighed.</source>
            <translation>按{unit}计的货品不过秤。</translation>
        </message>
        <message>
            <source>The net weight {net} is not gross {gross} less tare {tare}; weigh again or correct the figures.</source>
            <translation>净重 {net} 不等于毛重 {gross} 减皮重 {tare}；请重新过秤或更正数字。</translation>
        </message>
        <message>
            <source>The net weight {net} is not the quantity {quantity}; use the net.</source>
            <translation>净重 {net} 与数量 {quantity} 不符，请以净重为数量。</translation>
        </message>
        <message>
            <source>A weight from the scale keeps the scale's reading.</source>
            <translation>来自电子秤的重量须保留秤的原始读数。</translation>
        </message>
        <message>
            <source>The money entered comes to {given} but the amount is {amount}.</source>
            <translation>录入的款项合计 {given}，但金额是 {amount}。</translation>
        </message>
        <message>
            <source>the buyer's name</source>
            <translation>买方名称</translation>
        </message>
        <message>
            <source>A sale has 1 to {limit} lines.</source>
            <translation>一笔销售有 1 到 {limit} 行。</translation>
        </message>
        <message>
            <source>Only {left} {unit} of {goods} are there to sell, not {quantity}; sell no more than that.</source>
            <translation>{goods}只有 {left} {unit} 可售，不足 {quantity}；请勿超出。</translation>
        </message>
        <message>
            <source>Nothing of this consigned lot was sold yet; settle after a sale.</source>
            <translation>这批代销货还没有售出，售出后再结算。</translation>
        </message>
        <message>
            <source>What was sold of this lot is settled already; settle again after the next sale.</source>
            <translation>这批代销货已售部分已经结算；下次售出后再结算。</translation>
        </message>
        <message>
            <source>List 1 to 12 different grades of at most 8 characters, like 特级, 一级, 统货.</source>
            <translation>请列出 1 到 12 个不同的等级，每个最多 8 个字，如 特级, 一级, 统货。</translation>
        </message>
        <message>
            <source>A port name is at most 200 characters, like COM3.</source>
            <translation>端口名最多200个字符，例如 COM3。</translation>
        </message>
        <message>
            <source>Choose a baud rate of {rates}.</source>
            <translation>请选择波特率：{rates}。</translation>
        </message>
        <message>
            <source>Type a percent from {low} to {high}.</source>
            <translation>请填 {low} 到 {high} 之间的百分数。</translation>
        </message>
        <message>
            <source>These goods were sold since; void the sale first, then this.</source>
            <translation>这些货品此后已售出；请先作废那笔销售，再作废这笔。</translation>
        </message>
        <message>
            <source>Goods of this consigned lot were sold; void those sales first.</source>
            <translation>这批代销货已有售出；请先作废那些销售。</translation>
        </message>
        <message>
            <source>No such consigned lot.</source>
            <translation>没有这批代销货。</translation>
        </message>
        <message>
            <source>The consignor was paid for these goods since; void the settlement first.</source>
            <translation>这些货品已与委托人结算；请先作废结算。</translation>
        </message>
        <message>
            <source>No such purchase.</source>
            <translation>没有这笔收购。</translation>
        </message>
        <message>
            <source>No such sale.</source>
            <translation>没有这笔销售。</translation>
        </message>
        <message>
            <source>No such purchase or sale.</source>
            <translation>没有这笔收购或销售。</translation>
        </message>
        <message>
            <source>No scale port is set. Enter the scale's port (like COM3 or /dev/ttyUSB0) in the scale settings, or type the weight by hand.</source>
            <translation>还没有设置电子秤的端口。请在电子秤设置里填写电子秤的端口（例如 COM3 或 /dev/ttyUSB0），或者手动输入重量。</translation>
        </message>
        <message>
            <source>There is no port {port} on this computer. Plug the scale's cable in, then choose its port (like COM3 or /dev/ttyUSB0) in the scale settings.</source>
            <translation>这台电脑上没有端口 {port}。请插好电子秤的数据线，然后在电子秤设置里选择它的端口（例如 COM3 或 /dev/ttyUSB0）。</translation>
        </message>
        <message>
            <source>The port {port} is in use by another program (the scale's own tool, the SMS modem). Close that program, or choose the scale's own port in the scale settings.</source>
            <translation>端口 {port} 正被另一个程序占用（电子秤自带的软件、短信猫）。请关闭那个程序，或在电子秤设置里选择电子秤自己的端口。</translation>
        </message>
        <message>
            <source>The scale on {port} stopped answering: its cable came out or it was switched off. Plug it back in and the weight comes back by itself; type the weight by hand meanwhile.</source>
            <translation>{port} 上的电子秤没有响应了：数据线松了或电子秤关机了。插好后重量会自动恢复；在此之前请手动输入重量。</translation>
        </message>
        <message>
            <source>The scale on {port} sends nothing. Check that it is switched on, that its cable is in, and that its output is set to continuous.</source>
            <translation>{port} 上的电子秤没有发送任何数据。请检查电子秤已开机、数据线已插好，并且输出方式设为连续输出。</translation>
        </message>
        <message>
            <source>Data comes from {port} but it cannot be read as weights. The baud rate ({baudrate}) is probably wrong: try 9600, then 1200, in the scale settings.</source>
            <translation>{port} 有数据传来，但读不出重量。波特率（{baudrate}）可能不对：请在电子秤设置里先试 9600，再试 1200。</translation>
        </message>
        <message>
            <source>The scale sends {found} frames, not {model} frames. Choose {found} as the scale model in the scale settings.</source>
            <translation>电子秤发来的是 {found} 格式的数据，不是 {model}。请在电子秤设置里把型号选为 {found}。</translation>
        </message>
        <message>
            <source>There is no scale model {model}. Choose one of: {models}.</source>
            <translation>没有 {model} 这种电子秤型号。请从这些型号中选择：{models}。</translation>
        </message>
        <message>
            <source>{baudrate} is not a baud rate a scale uses. Enter 9600 (the usual one), or 1200, 2400, 4800.</source>
            <translation>{baudrate} 不是电子秤使用的波特率。请填写 9600（最常用），或 1200、2400、4800。</translation>
        </message>
        <message>
            <source>No weight has come from the scale yet. Wait a moment, or type the weight by hand.</source>
            <translation>还没有收到电子秤的重量。请稍等片刻，或手动输入重量。</translation>
        </message>
        <message>
            <source>The scale's last weight is {age_ms} ms old: the scale has gone quiet. Check its cable, or type the weight by hand.</source>
            <translation>电子秤的最后一个重量已经是 {age_ms} 毫秒以前的了：电子秤没有数据了。请检查数据线，或手动输入重量。</translation>
        </message>
        <message>
            <source>The weight is still moving. Wait until the scale shows it steady, then take it again.</source>
            <translation>重量还在变动。请等电子秤显示稳定后再取重量。</translation>
        </message>
        <message>
            <source>The scale shows a weight below zero. Empty the scale and zero it, then weigh again.</source>
            <translation>电子秤显示的重量小于零。请清空秤台并置零，然后重新称重。</translation>
        </message>
        <message>
            <source>The scale is overloaded. Take some off and weigh the produce in parts.</source>
            <translation>电子秤超载了。请拿下一部分，分几次称。</translation>
        </message>
        <message>
            <source>The scale shows zero. Put the produce on the scale, then take the weight.</source>
            <translation>电子秤显示为零。请把农产品放到秤上，再取重量。</translation>
        </message>
        <message>
            <source>deposit</source>
            <translation>定金</translation>
        </message>
        <message>
            <source>refund</source>
            <translation>退款</translation>
        </message>
        <message>
            <source>No registered household {household} is known here; check the number, or leave it empty.</source>
            <translation>本站没有登记户 {household}；请核对户编号，或留空。</translation>
        </message>
        <message>
            <source>The deposit {deposit} is more than the order's {total}; take at most the whole.</source>
            <translation>定金 {deposit} 超过了订单总额 {total}；最多收全额。</translation>
        </message>
        <message>
            <source>Order {order} is {state}; that step cannot be taken now.</source>
            <translation>代购单 {order} 目前{state}，现在不能做这一步。</translation>
        </message>
        <message>
            <source>Type the platform's order number as it shows (4 to 40 characters).</source>
            <translation>请照平台显示输入平台订单号（4 到 40 个字符）。</translation>
        </message>
        <message>
            <source>An order is paid from one of the station's accounts: wechat, alipay or bank.</source>
            <translation>代购要从本站的账户付款：微信、支付宝或银行。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is already order {order}'s; check the number.</source>
            <translation>运单 {waybill} 已属于代购单 {order}；请核对单号。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is already on the shelf at {code}: mark the order arrived with that parcel.</source>
            <translation>运单 {waybill} 已在货架 {code}：请用这个包裹把代购单标为到货。</translation>
        </message>
        <message>
            <source>That parcel is not on the shelf; choose one that is.</source>
            <translation>这个包裹不在货架上；请选在架的包裹。</translation>
        </message>
        <message>
            <source>That parcel is already order {order}'s; choose another.</source>
            <translation>这个包裹已属于代购单 {order}；请选别的包裹。</translation>
        </message>
        <message>
            <source>Order {order} has {balance} still to settle (below zero: change to give); the money entered comes to {moved}.</source>
            <translation>代购单 {order} 还需结清 {balance}（负数为应找零）；录入的金额合计 {moved}。</translation>
        </message>
        <message>
            <source>Order {order} took no money from the villager; refund nothing.</source>
            <translation>代购单 {order} 没有收过村民的钱；无需退款。</translation>
        </message>
        <message>
            <source>A delivery or a return is not undone: record a return or a refund instead.</source>
            <translation>交付和退货不能撤销：请改为登记退货或退款。</translation>
        </message>
        <message>
            <source>There is no order {order}; search for it by the villager.</source>
            <translation>没有代购单 {order}；请按村民查找。</translation>
        </message>
        <message>
            <source>Choose which open orders to show: {states}.</source>
            <translation>请选择要显示的未完成代购单：{states}。</translation>
        </message>
        <message>
            <source>The household log could not be saved in {folder} ({reason}). Choose another folder, e.g. Documents or a USB stick.</source>
            <translation>帮扶台账无法保存到 {folder}（{reason}）。请换一个文件夹，例如“文档”或U盘。</translation>
        </message>
        <message>
            <source>Order {order}'s goods were already sent back ({waybill}); undo that first if it was the wrong sending.</source>
            <translation>代购单 {order} 的商品已经寄回（{waybill}）；如果登记错了寄件，先撤销那一步。</translation>
        </message>
        <message>
            <source>That sending is not recorded; record it on the sending screen first.</source>
            <translation>没有这笔寄件记录；请先在寄件页面登记。</translation>
        </message>
        <message>
            <source>That sending already took back order {order}'s goods.</source>
            <translation>这笔寄件已经是代购单 {order} 的退货寄回。</translation>
        </message>
        <message>
            <source>Order {order} was never placed, so the platform has nothing to refund.</source>
            <translation>代购单 {order} 没有下过单，平台没有钱可退。</translation>
        </message>
        <message>
            <source>The platform refunds into one of the station's accounts: enter one amount above ¥0.00 into wechat, alipay or bank.</source>
            <translation>平台退款退到站点的一个账户：请输入一笔大于 ¥0.00 的金额，退入微信、支付宝或银行。</translation>
        </message>
        <message>
            <source>Order {order} was paid {paid} and {refunded} is already refunded; the platform can refund at most {left}.</source>
            <translation>代购单 {order} 下单实付 {paid}，已退款 {refunded}；平台最多还能退 {left}。</translation>
        </message>
    </context>
    <context>
        <name>VillagerOrdersPanel</name>
        <message>
            <source>Phone's last 4 digits, whole phone, name or initials</source>
            <translation>手机尾号4位、完整手机号、姓名或首字母</translation>
        </message>
        <message>
            <source>On an order: the same letters as on the open orders; R records a return after delivery. Ctrl+P prints its slip.</source>
            <translation>选中一单后：按键与“未完成”页相同；交付后的退货按 R。Ctrl+P 打印代购单。</translation>
        </message>
        <message>
            <source>B sends a returned order's goods back; F records the platform's refund of a cancelled or returned order.</source>
            <translation>B：把已退货的商品寄回；F：登记已取消或已退货订单的平台退款。</translation>
        </message>
        <message>
            <source>&amp;Villager:</source>
            <translation>村民(&amp;V)：</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>No orders found for {text}.</source>
            <translation>没有找到 {text} 的代购单。</translation>
        </message>
        <message>
            <source>New {created} (deposits {deposits}), placed {placed} (paid {paid}), arrived {arrived}, delivered {delivered} (taken {taken}, fees {fees}), cancelled {cancelled}, returned {returned} (refunded {refunded}).</source>
            <translation>新单 {created}（定金 {deposits}），下单 {placed}（实付 {paid}），到货 {arrived}，交付 {delivered}（收尾款 {taken}，服务费 {fees}），取消 {cancelled}，退货 {returned}（退款 {refunded}）。</translation>
        </message>
        <message numerus="yes">
            <source>The platforms refunded {money} to the station's accounts (%n time(s)).</source>
            <translation>
                <numerusform>平台退回站点账户 {money}（%n 笔）。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>cli</name>
        <message>
            <source>Error: </source>
            <translation>错误：</translation>
        </message>
        <message>
            <source>Station '{name}' created in {folder}. Manager: {manager}.</source>
            <translation>服务站“{name}”已建立，数据在 {folder}。站长：{manager}。</translation>
        </message>
        <message>
            <source>All is well: {count} records checked, chain and tables agree.</source>
            <translation>一切正常：已检查 {count} 条记录，记录链与数据表一致。</translation>
        </message>
        <message>
            <source>PROBLEM: the records do not verify ({count} problems). Do not delete anything; call the county center's support with this output.</source>
            <translation>有问题：记录校验不通过（{count} 处问题）。请不要删除任何东西；请把以下内容告诉县级中心的技术支持。</translation>
        </message>
        <message>
            <source>PROBLEM: the station's database file is damaged. Do not delete anything.</source>
            <translation>有问题：本站的数据库文件已损坏。请不要删除任何东西。</translation>
        </message>
        <message>
            <source>Backup written to {file}.</source>
            <translation>备份已保存到 {file}。</translation>
        </message>
        <message>
            <source>Restored from {file}. The database it replaced was kept as {saved}.</source>
            <translation>已从 {file} 恢复。被替换的数据库已另存为 {saved}。</translation>
        </message>
        <message>
            <source>Restored {done} of {total} records.</source>
            <translation>已取回 {done} / {total} 条记录。</translation>
        </message>
        <message>
            <source>Station '{name}' ({station_id}) restored from the county center into {folder}: {count} records, verified. The manager {manager} logs in with the new PIN and sets the other operators' PINs again (设置 → 操作员).</source>
            <translation>服务站“{name}”（{station_id}）已从县级中心恢复到 {folder}：共 {count} 条记录，核对无误。站长{manager}用新的 PIN 密码登录，再重新设置其他操作员的密码（设置 → 操作员）。</translation>
        </message>
        <message>
            <source>New PIN for the manager {manager} (4 to 8 digits): </source>
            <translation>站长{manager}的新 PIN 密码（4–8 位数字）：</translation>
        </message>
        <message>
            <source>The same PIN again: </source>
            <translation>再输一次 PIN 密码：</translation>
        </message>
        <message>
            <source>Joined the county center as {name} ({township} {village}), id {station_id}.</source>
            <translation>已加入县级中心：{name}（{township}{village}），站点编号 {station_id}。</translation>
        </message>
        <message>
            <source>Sent {done} of {total} records.</source>
            <translation>已上传 {done} / {total} 条记录。</translation>
        </message>
        <message>
            <source>Synced: the county holds {head} records of this station ({accepted} new); {waiting} waiting.</source>
            <translation>已同步：县级中心已有本站 {head} 条记录（本次新增 {accepted} 条）；还有 {waiting} 条待上传。</translation>
        </message>
    </context>
</TS>
