<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>CarrierGuess</name>
        <message>
            <source>SF and 13 digits</source>
            <translation>SF 加 13 位数字</translation>
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
            <source>DPK and 12 digits</source>
            <translation>DPK 加 12 位数字</translation>
        </message>
        <message>
            <source>international postal form, like RR123456789CN</source>
            <translation>国际邮件格式，如 RR123456789CN</translation>
        </message>
        <message>
            <source>14 digits starting 73–79: the usual ZTO form</source>
            <translation>以 73–79 开头的 14 位数字：中通常见格式</translation>
        </message>
        <message>
            <source>15 digits starting 73–79: some ZTO numbers</source>
            <translation>以 73–79 开头的 15 位数字：部分中通单号</translation>
        </message>
        <message>
            <source>starts with 77 or 43, 14–17 digits: the STO form</source>
            <translation>以 77 或 43 开头的 14–17 位数字：申通格式</translation>
        </message>
        <message>
            <source>15 digits starting 77 or 43: the STO form</source>
            <translation>以 77 或 43 开头的 15 位数字：申通格式</translation>
        </message>
        <message>
            <source>15 digits starting 3 or 4: the Yunda form</source>
            <translation>以 3 或 4 开头的 15 位数字：韵达格式</translation>
        </message>
        <message>
            <source>13 digits starting 5: a Yunda form</source>
            <translation>以 5 开头的 13 位数字：韵达格式之一</translation>
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
            <source>Press F1 to F10 to switch pages. The barcode scanner works on every page. Ctrl+L locks the screen.</source>
            <translation>按 F1 至 F10 切换页面。扫码枪在每个页面都能用。按 Ctrl+L 锁定屏幕。</translation>
        </message>
        <message>
            <source>Today, {day}</source>
            <translation>今天：{day}</translation>
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
            <source>Parcels: scan a parcel's waybill when it arrives, give it a pickup code and text the villager; hand it over by code or phone number; send parcels with the sender's ID checked.</source>
            <translation>快递：包裹到站时扫描运单号，生成取件码并短信通知村民；凭取件码或手机号交件；寄件时查验寄件人身份证。</translation>
        </message>
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
            <source>Sync: join the county center, and send the station's records whenever the internet is there.</source>
            <translation>同步：加入县级中心，有网络时把本站的记录上传。</translation>
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
    </context>
    <context>
        <name>RefusalBox</name>
        <message>
            <source>Cannot do that</source>
            <translation>无法完成</translation>
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
            <source>Receipt pape&amp;r:</source>
            <translation>小票纸张(&amp;R)：</translation>
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
            <source>PIN &amp;again:</source>
            <translation>再输一次(&amp;A)：</translation>
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
            <source>The two PINs are not the same. Type the same PIN in both fields.</source>
            <translation>两次输入的 PIN 密码不一样。请在两个框里输入相同的密码。</translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <source>Cannot open the station</source>
            <translation>无法打开服务站</translation>
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
            <source>The record to void was not found.</source>
            <translation>找不到要作废的记录。</translation>
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
            <source>The file {file} does not exist. Check the name.</source>
            <translation>文件 {file} 不存在。请检查文件名。</translation>
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
            <source>Choose one of: {options}.</source>
            <translation>请从这些里选一个：{options}。</translation>
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
            <source>There is no station in {folder}. Run the setup first (stationapp init), or choose the folder that holds station.db.</source>
            <translation>{folder} 里没有服务站数据。请先完成初始设置（stationapp init），或选择存放 station.db 的文件夹。</translation>
        </message>
        <message>
            <source>The station's database {path} is damaged or is not a station database ({reason}). Restore the latest backup from the backups folder (stationapp restore FILE).</source>
            <translation>本站数据库 {path} 已损坏或不是服务站数据库（{reason}）。请从 backups 文件夹恢复最近的备份（stationapp restore 文件）。</translation>
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
            <source>This receipt names no record; save the action first, then print its receipt.</source>
            <translation>这张凭证没有对应的记录，请先保存这次操作，再打印凭证。</translation>
        </message>
        <message>
            <source>The paper kind {kind} is unknown; choose one of {kinds}.</source>
            <translation>没有“{kind}”这种纸张，请从以下选择一种：{kinds}。</translation>
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
            <source>Backup written to {file}.</source>
            <translation>备份已保存到 {file}。</translation>
        </message>
        <message>
            <source>Restored from {file}. The database it replaced was kept as {saved}.</source>
            <translation>已从 {file} 恢复。被替换的数据库已另存为 {saved}。</translation>
        </message>
    </context>
</TS>
