<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Role not known</source>
        <extracomment>Room for one leaf across, and for one level down. Below this zoom a box&apos;s lines cannot be read: a big map opens at it, on its top. Attitude -&gt; (border, fill): green for those with us, orange and red for those against.</extracomment>
        <translation type="vanished">角色未知</translation>
    </message>
    <message>
        <source>never met</source>
        <translation type="vanished">从未见面</translation>
    </message>
    <message>
        <source>Not covered by us</source>
        <translation type="vanished">我方无人对接</translation>
    </message>
</context>
<context>
    <name>ActionForm</name>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>No objective</source>
        <translation>不关联目标</translation>
    </message>
</context>
<context>
    <name>AssessmentForm</name>
    <message>
        <source>Assessment</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Ratings (1 poor … 5 excellent)</source>
        <translation>评分（1 很差 … 5 优秀）</translation>
    </message>
    <message>
        <source>Pays on time and keeps its word on money</source>
        <translation>按时付款，资金上守信用</translation>
    </message>
    <message>
        <source>Needs are clear, reasonable and forward-looking</source>
        <translation>需求明确、合理、有前瞻性</translation>
    </message>
    <message>
        <source>Decisions and answers come quickly and clearly</source>
        <translation>决策和答复快速而清晰</translation>
    </message>
    <message>
        <source>A reference others in the industry follow</source>
        <translation>行业内的标杆，其他企业会效仿</translation>
    </message>
    <message>
        <source>Room to grow its business and its purchases</source>
        <translation>业务和采购量都有增长空间</translation>
    </message>
    <message>
        <source>Stays with us rather than shopping around</source>
        <translation>长期与我们合作，而不是四处比价</translation>
    </message>
    <message>
        <source>Working together strengthens our own business</source>
        <translation>合作能增强我们自身的业务</translation>
    </message>
    <message>
        <source>How content the customer is with us</source>
        <translation>客户对我们的满意程度</translation>
    </message>
</context>
<context>
    <name>AssessmentFormDialog</name>
    <message>
        <source>New assessment</source>
        <translation>新建评估</translation>
    </message>
    <message>
        <source>Assessment of {date}</source>
        <translation>{date} 的评估</translation>
    </message>
</context>
<context>
    <name>AssessmentTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save assessment</source>
        <translation>保存评估</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Assessment of {date} deleted.</source>
        <translation>已删除 {date} 的评估。</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Daily (automatic)</source>
        <translation>每日（自动）</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Replaced by a restore</source>
        <translation>恢复时被替换的客户簿</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Failed its check</source>
        <translation>检查未通过</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Decompressed and passed the integrity check when it was made (sha256 {sha256}).</source>
        <translation>创建时已解压并通过完整性检查（sha256 {sha256}）。</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>KeyPlan backs the book up once a day when it opens, before upgrades and imports. It keeps the newest {daily} daily and {weekly} weekly automatic backups; backups made by hand are never deleted.</source>
        <translation>KeyPlan 每天首次打开客户簿时、升级和导入之前都会自动备份。自动备份保留最近 {daily} 份每日备份和 {weekly} 份每周备份；手动备份永不删除。</translation>
    </message>
    <message>
        <source>Every backup is compressed and checked after it is written. When the backups take more than {budget}, the oldest automatic ones are deleted, never the three newest verified ones.</source>
        <translation>每份备份写入后都会压缩并检查。备份占用超过 {budget} 时，会删除最旧的自动备份，但绝不会删除最新的三份已验证备份。</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>文件夹：{folder}</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复此备份？</translation>
    </message>
    <message>
        <source>Replace the open book with the backup of {when}?</source>
        <translation>用 {when} 的备份替换当前客户簿？</translation>
    </message>
    <message>
        <source>Changes made since then are no longer shown; the current book is kept beside the backups, so nothing is lost.</source>
        <translation>此后所做的修改将不再显示；当前客户簿会保存在备份旁边，不会丢失任何数据。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>BookOpener</name>
    <message>
        <source>KeyPlan books (*.db *.sqlite);;All files (*)</source>
        <translation>KeyPlan 客户簿 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the book</source>
        <translation>无法打开客户簿</translation>
    </message>
    <message>
        <source>The book may have been moved, deleted or lost in a crash. KeyPlan can put back its newest backup that passes the integrity check.</source>
        <translation>客户簿可能已被移动、删除或在崩溃中丢失。KeyPlan 可以恢复它最新一份通过完整性检查的备份。</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>The book was restored from {backup}. The damaged file was kept as {kept}.</source>
        <translation>客户簿已从 {backup} 恢复。损坏的文件已保存为 {kept}。</translation>
    </message>
    <message>
        <source>No backup of this book passes the integrity check.</source>
        <translation>此客户簿没有能通过完整性检查的备份。</translation>
    </message>
    <message>
        <source>You can open another book or start a new, empty one.</source>
        <translation type="vanished">您可以打开另一个客户簿，或新建一个空白客户簿。</translation>
    </message>
    <message>
        <source>Open another…</source>
        <translation>打开其他…</translation>
    </message>
    <message>
        <source>New book…</source>
        <translation>新建客户簿…</translation>
    </message>
    <message>
        <source>Open a book</source>
        <translation>打开客户簿</translation>
    </message>
    <message>
        <source>New book</source>
        <translation>新建客户簿</translation>
    </message>
</context>
<context>
    <name>CalendarExportDialog</name>
    <message>
        <source>Export calendar</source>
        <extracomment>The default range: a month back (done items, to cancel them) to a year ahead.</extracomment>
        <translation>导出日历</translation>
    </message>
    <message>
        <source>Salesperson:</source>
        <translation>销售人员：</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>Include:</source>
        <translation>包括：</translation>
    </message>
    <message>
        <source>Follow-ups (next steps of interactions)</source>
        <translation>跟进事项（互动记录的下一步）</translation>
    </message>
    <message>
        <source>Plan actions</source>
        <translation>计划行动</translation>
    </message>
    <message>
        <source>Plan reviews (by each plan&apos;s review cadence)</source>
        <translation>计划回顾（按各计划的回顾周期）</translation>
    </message>
    <message>
        <source>Needs and complaints to answer (answer-by dates)</source>
        <translation>待答复的需求和投诉（答复期限）</translation>
    </message>
    <message>
        <source>Reminder:</source>
        <translation>提醒：</translation>
    </message>
    <message>
        <source>At 09:00 on the day</source>
        <translation>当天 09:00</translation>
    </message>
    <message>
        <source>At 09:00 the day before</source>
        <translation>前一天 09:00</translation>
    </message>
    <message>
        <source>No reminder</source>
        <translation>不提醒</translation>
    </message>
    <message>
        <source>Done items as cancelled events</source>
        <translation>已完成事项作为已取消的日程</translation>
    </message>
    <message>
        <source>Each item becomes an all-day event on its due date. Import the file in Outlook, Google Calendar or Apple Calendar; importing a later export updates the same events, and done items written as cancelled leave the calendar.</source>
        <translation>每个事项都会成为其到期日的全天日程。请在 Outlook、Google 日历或 Apple 日历中导入该文件；之后再导入新的导出文件会更新同一批日程，标记为已取消的已完成事项会从日历中移除。</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>The last day is before the first.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Choose at least one kind of item.</source>
        <translation>请至少选择一类事项。</translation>
    </message>
    <message>
        <source>keyplan-calendar</source>
        <translation>keyplan-日历</translation>
    </message>
    <message>
        <source>Save the calendar</source>
        <translation>保存日历</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>日历文件 (*.ics)</translation>
    </message>
</context>
<context>
    <name>ChartCanvas</name>
    <message>
        <source>Click to list these customers</source>
        <extracomment>Wait this long after the pointer stops before hit-testing (a 100k-point scatter is slow).</extracomment>
        <translation>点击列出这些客户</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save this chart as a PNG image or an SVG</source>
        <translation>将此图表保存为 PNG 图片或 SVG</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>导出为 SVG…</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Loading chart…</source>
        <extracomment>Exported charts are drawn at this size (pixels at the charts&apos; 100 dpi). The chart is on screen (its figure is ``self.chart.figure``).</extracomment>
        <translation>正在加载图表…</translation>
    </message>
    <message>
        <source>The chart could not be drawn: {error}</source>
        <translation>无法绘制图表：{error}</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>The chart could not be saved: {error}</source>
        <translation>无法保存图表：{error}</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>No customers yet</source>
        <extracomment>From this many customers the matrix is one composited picture, not a marker per point. Characters per line of a note under an axis: it fits a half-width dashboard panel. Characters per line of a category&apos;s name under its bar.</extracomment>
        <translation>还没有客户</translation>
    </message>
    <message>
        <source>Add customers or import them, and the chart appears here.</source>
        <translation>添加或导入客户后，图表会显示在这里。</translation>
    </message>
    <message>
        <source>Not scored yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <source>Rescore the book (View → Rescore, or the score command) to see tiers and classes.</source>
        <translation>重新评分（视图 → 重新评分，或 score 命令）后即可看到分级和分类。</translation>
    </message>
    <message>
        <source>Customers per tier</source>
        <translation>各级客户数</translation>
    </message>
    <message>
        <source>Share of 12-month revenue</source>
        <translation>近12个月销售额占比</translation>
    </message>
    <message>
        <source>{tier}: {customers} customers, {revenue} revenue</source>
        <translation>{tier}：{customers} 个客户，销售额 {revenue}</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>% of revenue</source>
        <translation>销售额占比（%）</translation>
    </message>
    <message>
        <source>{count} customers not scored yet</source>
        <translation>{count} 个客户尚未评分</translation>
    </message>
    <message>
        <source>No revenue in the last 12 months</source>
        <translation>近12个月没有销售额</translation>
    </message>
    <message>
        <source>Record or import transactions to see how concentrated revenue is.</source>
        <translation>录入或导入交易后，即可看到销售额的集中度。</translation>
    </message>
    <message>
        <source>Class {cls}: {share} of customers</source>
        <translation>{cls} 类：占客户的 {share}</translation>
    </message>
    <message>
        <source>{share} of customers bring {target} of revenue</source>
        <translation>{share} 的客户贡献了 {target} 的销售额</translation>
    </message>
    <message>
        <source>Cumulative share of customers (%), largest first</source>
        <translation>客户累计占比（%），按销售额从大到小</translation>
    </message>
    <message>
        <source>Cumulative share of revenue (%)</source>
        <translation>销售额累计占比（%）</translation>
    </message>
    <message>
        <source>Revenue concentration (Pareto)</source>
        <translation>销售额集中度（帕累托）</translation>
    </message>
    <message>
        <source>No growth-potential ratings yet</source>
        <translation>还没有成长潜力评分</translation>
    </message>
    <message>
        <source>Rate customers in an assessment to place them on the value–potential matrix.</source>
        <translation>在客户评估中为客户打分后，即可放入价值—潜力矩阵。</translation>
    </message>
    <message>
        <source>{tier}: {count} customers</source>
        <translation>{tier}：{count} 个客户</translation>
    </message>
    <message>
        <source>Stars: invest</source>
        <translation>明星客户：重点投入</translation>
    </message>
    <message>
        <source>Cash cows: keep</source>
        <translation>现金牛：稳固维护</translation>
    </message>
    <message>
        <source>Rising: develop</source>
        <translation>潜力客户：培育发展</translation>
    </message>
    <message>
        <source>Maintain at low cost</source>
        <translation>低成本维持</translation>
    </message>
    <message>
        <source>Growth potential (points)</source>
        <translation>成长潜力（分）</translation>
    </message>
    <message>
        <source>Value score</source>
        <translation>价值评分</translation>
    </message>
    <message>
        <source>Value–potential matrix</source>
        <translation>价值—潜力矩阵</translation>
    </message>
    <message>
        <source>{count} customers without a growth-potential rating are not shown</source>
        <translation>未显示 {count} 个没有成长潜力评分的客户</translation>
    </message>
    <message>
        <source>Lifecycle stages</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <source>Relationship levels</source>
        <translation>客户关系层次</translation>
    </message>
    <message>
        <source>{name}: {count} customers</source>
        <translation>{name}：{count} 个客户</translation>
    </message>
    <message>
        <source>Rescore the book to see this customer&apos;s value profile.</source>
        <translation>重新评分后即可看到该客户的价值画像。</translation>
    </message>
    <message>
        <source>Average of {tier}</source>
        <translation>{tier}平均</translation>
    </message>
    <message>
        <source>This customer</source>
        <translation>本客户</translation>
    </message>
    <message>
        <source>No data (neutral 50)</source>
        <translation>无数据（按中性值 50 计）</translation>
    </message>
    <message>
        <source>Value profile</source>
        <translation>价值画像</translation>
    </message>
    <message>
        <source>No sales in this period</source>
        <translation>此期间没有销售</translation>
    </message>
    <message>
        <source>Transactions of the last two years appear here.</source>
        <translation>这里显示近两年的交易。</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Trend ({change} per month)</source>
        <translation>趋势（每月 {change}）</translation>
    </message>
    <message>
        <source>Revenue by month</source>
        <translation>月度销售额</translation>
    </message>
    <message>
        <source>No history yet</source>
        <translation>还没有历史记录</translation>
    </message>
    <message>
        <source>Scores are kept per period at each rescore.</source>
        <translation>每次重新评分时都会按期保存评分。</translation>
    </message>
    <message>
        <source>Score per period</source>
        <translation>各期评分</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Score history</source>
        <translation>评分历史</translation>
    </message>
    <message>
        <source>Snapshots are taken at each rescore; backfill past periods with &apos;score --backfill 12&apos;.</source>
        <translation type="vanished">每次重新评分都会保存快照；可用“score --backfill 12”补算过去各期。</translation>
    </message>
    <message>
        <source>Each rescore keeps the month&apos;s tiers (View → Rescore now); the history fills in month by month.</source>
        <translation>每次重新评分都会保存当月的客户等级（视图 → 立即重新评分），历史会逐月累积。</translation>
    </message>
    <message>
        <source>{before} → {after}: {count} customers</source>
        <translation>{before} → {after}：{count} 个客户</translation>
    </message>
    <message>
        <source>Customers (by tier in {period})</source>
        <translation>客户数（按 {period} 的分级）</translation>
    </message>
    <message>
        <source>Tier migration {start} → {end}</source>
        <translation>客户分级变动 {start} → {end}</translation>
    </message>
    <message>
        <source>Tier in {period}</source>
        <translation>{period} 的分级</translation>
    </message>
    <message>
        <source>Moved up: {up}   Moved down: {down}   Unchanged: {same}</source>
        <translation>升级：{up}   降级：{down}   不变：{same}</translation>
    </message>
    <message>
        <source>{period}, {tier}: {revenue}</source>
        <translation>{period}，{tier}：{revenue}</translation>
    </message>
    <message>
        <source>Revenue, 12 months to the period&apos;s end</source>
        <translation>截至期末的12个月销售额</translation>
    </message>
    <message>
        <source>Revenue by tier over time</source>
        <translation>各级客户销售额走势</translation>
    </message>
    <message>
        <source>(no owner)</source>
        <translation>（无负责人）</translation>
    </message>
    <message>
        <source>One salesperson</source>
        <translation>仅一名销售人员</translation>
    </message>
    <message>
        <source>The roll-up compares salespeople: it appears once the customers have more than one owner.</source>
        <translation>汇总图用于比较销售人员：客户有不止一位负责人时才会显示。</translation>
    </message>
    <message>
        <source>{owner}, {tier}: {customers} customers, {revenue} revenue</source>
        <translation>{owner}，{tier}：{customers} 个客户，收入 {revenue}</translation>
    </message>
    <message>
        <source>12-month revenue per salesperson, by tier</source>
        <translation>各销售人员近 12 个月收入（按等级）</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>keyplan: error: {message}</source>
        <translation>keyplan：错误：{message}</translation>
    </message>
    <message>
        <source>keyplan: interrupted</source>
        <translation>keyplan：已中断</translation>
    </message>
    <message>
        <source>keyplan: warning: this book is in a folder that {service} shares; two computers writing one book file there damage it. Keep the book on this computer (the window offers to copy it when it opens it); team sync sends only change files through shared folders.</source>
        <translation>keyplan：警告：此客户簿位于 {service} 共享的文件夹中；两台电脑写入同一个客户簿文件会损坏它。请把客户簿放在本机（窗口打开它时会提议复制）；团队同步只通过共享文件夹传送变更文件。</translation>
    </message>
    <message>
        <source>keyplan: note: this book is also open in KeyPlan ({app}, process {pid} on {host}); both can keep working.</source>
        <translation>keyplan：提示：此客户簿也在 KeyPlan 中打开（{app}，{host} 上的进程 {pid}）；两者都可以继续工作。</translation>
    </message>
    <message>
        <source>row {row}: {message}</source>
        <translation>第 {row} 行：{message}</translation>
    </message>
    <message>
        <source>Wrote {path}: {rows} records on {count} sheets ({sheets}) in {seconds} s.</source>
        <translation>已写入 {path}：{rows} 条记录，共 {count} 张工作表（{sheets}），用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>To bring them into another book: keyplan --db OTHER.db import book {path}</source>
        <translation>导入到另一个客户簿：keyplan --db 其他客户簿.db import book {path}</translation>
    </message>
    <message>
        <source>Imported {created} new and {updated} updated records ({rejected} bad rows left out) in {seconds} s.</source>
        <translation>已导入 {created} 条新记录，更新 {updated} 条（{rejected} 个错误行未导入），用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>{path}: {count} sheets of records.</source>
        <translation>{path}：{count} 张记录工作表。</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>{options}: not for a whole-book import, which reads every sheet as KeyPlan wrote it.</source>
        <translation>{options}：不适用于整本导入，整本导入按 KeyPlan 写出的原样读取每张工作表。</translation>
    </message>
    <message>
        <source>{count} sales lines are already in the book and are not imported again.</source>
        <translation>{count} 条销售明细已在客户簿中，不再重复导入。</translation>
    </message>
    <message>
        <source>Sheets left alone (they hold no kind of record): {sheets}</source>
        <translation>未处理的工作表（不含任何一类记录）：{sheets}</translation>
    </message>
    <message>
        <source>{sheet}: {rows} rows, {created} new, {updated} updated, {bad} bad</source>
        <translation>{sheet}：{rows} 行，新增 {created}，更新 {updated}，错误 {bad}</translation>
    </message>
    <message>
        <source>{sheet}: no records</source>
        <translation>{sheet}：无记录</translation>
    </message>
    <message>
        <source>language of the labels (default: the language of the messages: keyplan --lang, else $KEYPLAN_LANG, else the locale)</source>
        <translation>标签的语言（默认：与提示信息相同：keyplan --lang，否则 $KEYPLAN_LANG，否则按系统区域设置）</translation>
    </message>
    <message>
        <source>changed since the import</source>
        <translation>导入后已被修改</translation>
    </message>
    <message>
        <source>still used by later records</source>
        <translation>仍被之后的记录使用</translation>
    </message>
    <message>
        <source>sheet &apos;{sheet}&apos;</source>
        <translation>工作表“{sheet}”</translation>
    </message>
    <message>
        <source>encoding {encoding}, delimiter {delimiter}</source>
        <translation>编码 {encoding}，分隔符 {delimiter}</translation>
    </message>
    <message>
        <source>{path} ({format}, {where}), header on row {row}</source>
        <translation>{path}（{format}，{where}），表头在第 {row} 行</translation>
    </message>
    <message>
        <source>{rows} rows: {valid} valid, {bad} bad; {skipped} blank or total rows skipped.</source>
        <translation type="vanished">共 {rows} 行：有效 {valid} 行，有问题 {bad} 行；跳过空行或合计行 {skipped} 行。</translation>
    </message>
    <message>
        <source>row {row}, column &apos;{column}&apos;: {message}</source>
        <translation>第 {row} 行，“{column}”列：{message}</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Imported {created} new and {updated} updated {kind} ({rejected} bad rows left out) in {seconds} s.</source>
        <translation>已导入{kind}：新增 {created}，更新 {updated}（跳过有问题的行 {rejected} 行），用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Undid import {batch} ({kind} from {source}, {at}): removed {removed} rows, put back {reverted} records.</source>
        <translation type="vanished">已撤销导入 {batch}（{kind}，来自 {source}，{at}）：删除 {removed} 行，恢复 {reverted} 条记录。</translation>
    </message>
    <message>
        <source>Columns as mapped for files with these headers on {date} (--fresh-mapping to match them from the headers):</source>
        <translation>列的匹配沿用了 {date} 为相同表头的文件保存的设置（用 --fresh-mapping 按表头重新匹配）：</translation>
    </message>
    <message>
        <source>{count} rows left out by --where.</source>
        <translation>--where 排除了 {count} 行。</translation>
    </message>
    <message>
        <source>{count} rows are already in the book (same customer, date, amount and profit to the cent, order or reference, and product) and are not imported again: rows {rows}.</source>
        <translation>{count} 行已在客户簿中（客户、日期、金额与毛利精确到分、订单或单号、产品均相同），不会重复导入：第 {rows} 行。</translation>
    </message>
    <message>
        <source>{creates} customers to create, {updates} to update.</source>
        <translation>将新建 {creates} 个客户，更新 {updates} 个。</translation>
    </message>
    <message>
        <source>{lines} new lines: {orders} orders, {returns} returns and {zero} zero-value lines (no orders).</source>
        <translation type="vanished">新增 {lines} 行：{orders} 个订单，{returns} 笔退货，{zero} 行零金额（不算订单）。</translation>
    </message>
    <message>
        <source>{count} new customers named by the file will be made: {names}.</source>
        <translation>将新建文件中提到的 {count} 个客户：{names}。</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>正在检查</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>试运行：未写入任何内容。</translation>
    </message>
    <message>
        <source>Nothing was imported: {count} bad rows. Fix them, or run again with --skip-invalid to import the valid rows.</source>
        <translation>未导入任何内容：有 {count} 行有问题。请修正，或加 --skip-invalid 重新运行以导入有效的行。</translation>
    </message>
    <message>
        <source>Made {count} new customers the file named.</source>
        <translation>已新建文件中提到的客户 {count} 个。</translation>
    </message>
    <message>
        <source>Import batch {batch}: undo it with &apos;keyplan import --undo {batch}&apos;.</source>
        <translation>导入批次 {batch}：可用“keyplan import --undo {batch}”撤销。</translation>
    </message>
    <message>
        <source>Rescored the book in {seconds} s.</source>
        <translation>已为客户簿重新评分，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Note: the newest sale in the book is from {day}, more than six months ago: scored as of today, every customer counts as lapsed. To see this data as of its own time: keyplan score --as-of {day}</source>
        <translation>提示：客户簿中最新的销售是 {day}，已超过六个月：按今天评分，每个客户都算作流失。要按数据当时的情况查看：keyplan score --as-of {day}</translation>
    </message>
    <message>
        <source>Kept {count} records changed since the import or still in use:</source>
        <translation>保留了 {count} 条导入后被修改或仍在使用的记录：</translation>
    </message>
    <message>
        <source>ignored columns: {columns}</source>
        <translation>忽略的列：{columns}</translation>
    </message>
    <message>
        <source>... and {count} more notes.</source>
        <translation>……另有 {count} 条提示。</translation>
    </message>
    <message>
        <source>... and more problems ({count} bad rows in all).</source>
        <translation>……还有更多问题（共 {count} 行有问题）。</translation>
    </message>
    <message>
        <source>KeyPlan (客户经营计划): customer value and account planning on a local SQLite book. Without a command, opens the desktop application.</source>
        <translation>KeyPlan（客户经营计划）：在本机的 SQLite 客户簿上做客户价值分析和客户经营计划。不带命令时打开桌面应用。</translation>
    </message>
    <message>
        <source>database file (default: keyplan.db in the user data folder)</source>
        <translation>客户簿文件（默认：用户数据文件夹中的 keyplan.db）</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序的版本号并退出</translation>
    </message>
    <message>
        <source>language of the messages and of this help: zh_CN or en (default: a command&apos;s own --lang, else $KEYPLAN_LANG, else the system&apos;s)</source>
        <translation>提示信息和本帮助的语言：zh_CN 或 en（默认：命令自己的 --lang，其次 $KEYPLAN_LANG，再次系统语言）</translation>
    </message>
    <message>
        <source>{prog}: error: {message}</source>
        <translation>{prog}：错误：{message}</translation>
    </message>
    <message>
        <source>keyplan: restore the newest good backup with: {command}</source>
        <translation>keyplan：用这条命令恢复最新的完好备份：{command}</translation>
    </message>
    <message>
        <source>Wrote {path}: {events} events from {since} to {until} ({cancelled} done, written as cancelled) in {seconds} s.</source>
        <translation>已写入 {path}：{since} 至 {until} 的 {events} 个日程（其中 {cancelled} 个已完成，标为已取消），用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>follow-ups, plan actions, plan reviews and needs&apos; answer-by dates as calendar events (.ics) with reminders</source>
        <translation>把跟进事项、计划行动、计划回顾和需求的答复期限导出为带提醒的日历事件（.ics）</translation>
    </message>
    <message>
        <source>Export dated work as an iCalendar file that Outlook, Google Calendar and Apple Calendar import: each item an all-day event on its due date (timed where it has a time) with a reminder at 09:00. Event ids come from the records, so importing a later export updates the events instead of adding them twice; done items are written as cancelled (a re-import takes them off the calendar) unless --done omit.</source>
        <translation>把有日期的工作导出为 iCalendar 文件，可导入 Outlook、Google 日历和 Apple 日历：每一项是到期日当天的全天事件（有具体时间的按时间），09:00 提醒。事件编号取自记录本身，因此导入后来的导出会更新原有事件，不会重复添加；已完成的事项写为“已取消”（再次导入后从日历上撤下），除非使用 --done omit。</translation>
    </message>
    <message>
        <source>the calendar file to write</source>
        <translation>要写入的日历文件</translation>
    </message>
    <message>
        <source>only this salesperson&apos;s items (ME: who you are in the team; default: everyone&apos;s)</source>
        <translation>只导出这位销售人员的事项（ME：你在团队中的身份；默认：所有人的）</translation>
    </message>
    <message>
        <source>first day (default: {days} days ago)</source>
        <translation>起始日期（默认：{days} 天前）</translation>
    </message>
    <message>
        <source>last day (default: {days} days ahead)</source>
        <translation>截止日期（默认：{days} 天后）</translation>
    </message>
    <message>
        <source>only this kind of item (repeatable): {kinds}</source>
        <translation>只导出这一类事项（可重复）：{kinds}</translation>
    </message>
    <message>
        <source>when an all-day item&apos;s reminder rings: 09:00 on the day (default), 09:00 the day before, or no reminder</source>
        <translation>全天事项的提醒时间：当天 09:00（默认）、前一天 09:00，或不提醒</translation>
    </message>
    <message>
        <source>done items: cancelled events (default) or left out</source>
        <translation>已完成的事项：写为已取消的事件（默认）或不导出</translation>
    </message>
    <message>
        <source>language of the events&apos; texts (default: from the locale)</source>
        <translation>事件文字的语言（默认：按系统区域设置）</translation>
    </message>
    <message>
        <source>--to {until} is before --from {since}.</source>
        <translation>--to {until} 早于 --from {since}。</translation>
    </message>
    <message>
        <source>ME is who you are in a team, and this book is in none: give the salesperson&apos;s name (--owner NAME).</source>
        <translation>ME 指您在团队中的身份，而此客户簿不属于任何团队：请给出销售人员的姓名（--owner 姓名）。</translation>
    </message>
    <message>
        <source>draw a chart to a PNG or SVG file</source>
        <translation>把图表绘制为 PNG 或 SVG 文件</translation>
    </message>
    <message>
        <source>Draw one of the dashboard&apos;s charts (tiers, pareto, matrix, migration, lifecycle, relationship, trend) or, with --customer, a customer&apos;s chart (radar, trend, history).</source>
        <translation>绘制仪表盘上的一张图表（tiers、pareto、matrix、migration、lifecycle、relationship、trend），或配合 --customer 绘制某个客户的图表（radar、trend、history）。</translation>
    </message>
    <message>
        <source>one of: {kinds}</source>
        <translation>可选：{kinds}</translation>
    </message>
    <message>
        <source>output file, .png or .svg</source>
        <translation>输出文件，.png 或 .svg</translation>
    </message>
    <message>
        <source>customer id, code or exact name</source>
        <translation>客户 ID、编码或完整名称</translation>
    </message>
    <message>
        <source>migration: first period (default: the one before --to)</source>
        <translation>migration：起始期间（默认：--to 的前一期）</translation>
    </message>
    <message>
        <source>migration: second period (default: the latest snapshot)</source>
        <translation>migration：对比期间（默认：最新快照）</translation>
    </message>
    <message>
        <source>language of the labels (default: the system&apos;s)</source>
        <translation type="vanished">标签的语言（默认：系统语言）</translation>
    </message>
    <message>
        <source>pixel size of a PNG (default 1000x600)</source>
        <translation>PNG 的像素尺寸（默认 1000x600）</translation>
    </message>
    <message>
        <source>Our share of wallet: {ours} % (competitors {theirs} %).</source>
        <translation>我方钱包份额：{ours} %（竞争对手合计 {theirs} %）。</translation>
    </message>
    <message>
        <source>Removed competitor {name} from {customer}.</source>
        <translation>已从 {customer} 删除竞争对手 {name}。</translation>
    </message>
    <message>
        <source>Our share of wallet: unknown (no competitor&apos;s share estimated).</source>
        <translation>我方钱包份额：未知（尚未估计竞争对手的份额）。</translation>
    </message>
    <message>
        <source>an account&apos;s competitors: add, list, remove</source>
        <translation>客户的竞争对手：添加、列出、删除</translation>
    </message>
    <message>
        <source>Who else supplies a customer, their estimated share of its wallet and how much of a threat they are. Our share of wallet is what the competitors&apos; shares leave (once one is estimated); the customer&apos;s yearly spend is our 12 months&apos; revenue over it.</source>
        <translation>还有谁在向客户供货、估计占客户钱包份额多少、威胁有多大。我方钱包份额是竞争对手份额之外剩下的部分（至少估计了一家之后）；客户的年采购额为我方近 12 个月销售额除以我方份额。</translation>
    </message>
    <message>
        <source>add a competitor, or change the one of that name</source>
        <translation>添加竞争对手，或修改同名的竞争对手</translation>
    </message>
    <message>
        <source>Add a competitor to the customer; when it already has one of that name, change the fields given. The competitors&apos; shares may add up to 100 %% at most.</source>
        <translation type="vanished">为客户添加竞争对手；已有同名竞争对手时，修改所给的字段。各竞争对手的份额合计最多 100%%。</translation>
    </message>
    <message>
        <source>the competitor&apos;s name</source>
        <translation>竞争对手名称</translation>
    </message>
    <message>
        <source>what they supply the customer</source>
        <translation>他们向客户供应的产品</translation>
    </message>
    <message>
        <source>their estimated share of the customer&apos;s wallet, 0-100</source>
        <translation>他们在客户钱包中所占份额的估计值，0-100</translation>
    </message>
    <message>
        <source>threat level (new: medium)</source>
        <translation>威胁程度（新建时默认：medium）</translation>
    </message>
    <message>
        <source>what they do well</source>
        <translation>对方的优势</translation>
    </message>
    <message>
        <source>where they are weak</source>
        <translation>对方的劣势</translation>
    </message>
    <message>
        <source>anything else worth knowing about them</source>
        <translation>关于对方的其他值得记下的情况</translation>
    </message>
    <message>
        <source>when the estimate was last reviewed, YYYY-MM-DD (new: today)</source>
        <translation>上次复核估计的日期，YYYY-MM-DD（新建时默认：今天）</translation>
    </message>
    <message>
        <source>the customer&apos;s competitors, the most threatening first, and our share of wallet</source>
        <translation>客户的竞争对手（威胁最大的在前）和我方钱包份额</translation>
    </message>
    <message>
        <source>print JSON</source>
        <translation>输出 JSON</translation>
    </message>
    <message>
        <source>remove a competitor of the customer</source>
        <translation>删除客户的一个竞争对手</translation>
    </message>
    <message>
        <source>Added competitor {name} for {customer}.</source>
        <translation>已为 {customer} 添加竞争对手 {name}。</translation>
    </message>
    <message>
        <source>Updated competitor {name} of {customer}.</source>
        <translation>已更新 {customer} 的竞争对手 {name}。</translation>
    </message>
    <message>
        <source>No competitor recorded for {customer}.</source>
        <translation>{customer} 尚未记录竞争对手。</translation>
    </message>
    <message>
        <source>share unknown</source>
        <translation>份额未知</translation>
    </message>
    <message>
        <source>The customer&apos;s yearly spend: about {total}.</source>
        <translation>客户年采购总额约 {total}。</translation>
    </message>
    <message>
        <source>strengths</source>
        <translation>优势</translation>
    </message>
    <message>
        <source>weaknesses</source>
        <translation>劣势</translation>
    </message>
    <message>
        <source>{customer} has no competitor named {name}.</source>
        <translation>{customer} 没有名为 {name} 的竞争对手。</translation>
    </message>
    <message>
        <source>{label}: {text}</source>
        <translation>{label}：{text}</translation>
    </message>
    <message>
        <source>Added {customers} customers, {contacts} contacts, {transactions} transactions, {interactions} interactions, {needs} needs, {assessments} assessments and {plans} account plans to {path} in {seconds} s.</source>
        <translation>已向 {path} 添加 {customers} 个客户、{contacts} 位联系人、{transactions} 笔交易、{interactions} 条互动记录、{needs} 条需求、{assessments} 份评估和 {plans} 份客户经营计划，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Scored {customers} customers as of {date} ({tiers}) and stored snapshot {snapshot} in {seconds} s.</source>
        <translation>已按 {date} 为 {customers} 个客户评分（{tiers}），并保存快照 {snapshot}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Schema version:</source>
        <translation>结构版本：</translation>
    </message>
    <message>
        <source>File size:</source>
        <translation>文件大小：</translation>
    </message>
    <message>
        <source>fill the database with realistic demo customers</source>
        <translation>在客户簿中生成逼真的演示客户</translation>
    </message>
    <message>
        <source>Add demo customers with three years of history, then score the book as of the anchor and snapshot its month, as &apos;score&apos; does. The same --seed and --anchor give the same data; dates are relative to the anchor (today).</source>
        <translation>添加带三年历史的演示客户，然后像 &apos;score&apos; 一样以基准日为准给客户簿评分并保存当月快照。相同的 --seed 和 --anchor 生成相同的数据；日期都相对于基准日（今天）。</translation>
    </message>
    <message>
        <source>number of customers (default 500)</source>
        <translation>客户数量（默认 500）</translation>
    </message>
    <message>
        <source>random seed (default 1)</source>
        <translation>随机种子（默认 1）</translation>
    </message>
    <message>
        <source>the &apos;today&apos; of the demo history (default: today)</source>
        <translation>演示历史中的“今天”（默认：今天）</translation>
    </message>
    <message>
        <source>write every name and activity in this language (default: a mix, mostly Chinese)</source>
        <translation>所有名称和活动都用这种语言（默认：混合，以中文为主）</translation>
    </message>
    <message>
        <source>add the customers without scoring the book</source>
        <translation>只添加客户，不给客户簿评分</translation>
    </message>
    <message>
        <source>row counts, schema version, file size and path</source>
        <translation>各表行数、数据库结构版本、文件大小和路径</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation>{size} 字节</translation>
    </message>
    <message>
        <source>must be between 1 and 10,000,000</source>
        <translation>必须在 1 到 10,000,000 之间</translation>
    </message>
    <message>
        <source>not a whole number: {text}</source>
        <translation>不是整数：{text}</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD): {text}</source>
        <translation>不是日期（YYYY-MM-DD）：{text}</translation>
    </message>
    <message>
        <source>could not write {path}</source>
        <translation>无法写入 {path}</translation>
    </message>
    <message>
        <source>unknown tab {tab}; choose from {tabs}</source>
        <translation>未知的标签页 {tab}；可选：{tabs}</translation>
    </message>
    <message>
        <source>name the customer: customer:ID, customer:CODE or customer:NAME</source>
        <translation>请指定客户：customer:编号、customer:客户编码 或 customer:名称</translation>
    </message>
    <message>
        <source>Saved {path} ({width}×{height}, {language}); ready in {seconds} s.</source>
        <translation>已保存 {path}（{width}×{height}，{language}）；{seconds} 秒后就绪。</translation>
    </message>
    <message>
        <source>invalid choice: {text} (choose from {views} or customer:ID)</source>
        <translation>无效的选项：{text}（可选 {views} 或 customer:ID）</translation>
    </message>
    <message>
        <source>render the main window offscreen to a PNG</source>
        <translation>在后台渲染主窗口并保存为 PNG</translation>
    </message>
    <message>
        <source>Open the book, render the main window offscreen once it is fully loaded, save it as a PNG and print the time from start to ready.</source>
        <translation>打开客户簿，待主窗口完全加载后在后台渲染，保存为 PNG，并输出从启动到就绪所用的时间。</translation>
    </message>
    <message>
        <source>the PNG file to write</source>
        <translation>要写入的 PNG 文件</translation>
    </message>
    <message>
        <source>which view to show (default: customers); customer:ID shows one customer&apos;s workspace (ID, code or exact name; TAB e.g. score)</source>
        <translation>显示哪个视图（默认：customers）；customer:ID 显示某个客户的工作区（ID、编码或完整名称；TAB 例如 score）</translation>
    </message>
    <message>
        <source>interface language (default: the app&apos;s setting or the system&apos;s)</source>
        <translation>界面语言（默认：应用的设置或系统语言）</translation>
    </message>
    <message>
        <source>window size in pixels (default: 1280x800)</source>
        <translation>窗口像素尺寸（默认：1280x800）</translation>
    </message>
    <message>
        <source>no such database: {path}</source>
        <translation>数据库不存在：{path}</translation>
    </message>
    <message>
        <source>no such folder: {path}</source>
        <translation>文件夹不存在：{path}</translation>
    </message>
    <message>
        <source>not a size like 1280x800: {text}</source>
        <translation>不是 1280x800 这样的尺寸：{text}</translation>
    </message>
    <message>
        <source>width 320–8000 and height 240–8000 pixels</source>
        <translation>宽度须为 320–8000 像素，高度须为 240–8000 像素</translation>
    </message>
    <message>
        <source>Wrote {path} ({count} sheets: {sheets}) in {seconds} s.</source>
        <translation>已写入 {path}（{count} 张工作表：{sheets}），用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Wrote {path}: {count} customers in {seconds} s.</source>
        <translation>已写入 {path}：{count} 个客户，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Wrote {path}: {count} lines and the total in {seconds} s.</source>
        <translation>已写入 {path}：{count} 行及合计，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>{rows} rows: {valid} valid, {bad} bad; blank or total rows skipped: {skipped}.</source>
        <translation>共 {rows} 行：有效 {valid} 行，有问题 {bad} 行；跳过空行或合计行 {skipped} 行。</translation>
    </message>
    <message>
        <source>Created draft plan {period} for {customer} (id {id}): {objectives} objectives, {actions} actions, {measures} support measures, {needs} needs.</source>
        <translation>已为 {customer} 创建 {period} 的计划草稿（id {id}）：{objectives} 个目标，{actions} 项行动，{measures} 项支持措施，{needs} 个需求。</translation>
    </message>
    <message>
        <source>{customer} {period} ({start} to {end}), {elapsed} of the period gone; revenue {revenue}</source>
        <translation>{customer} {period}（{start} 至 {end}），期间已过 {elapsed}；销售额 {revenue}</translation>
    </message>
    <message>
        <source>write an account plan or the portfolio as an Excel workbook</source>
        <translation>把客户经营计划或客户组合导出为 Excel 工作簿</translation>
    </message>
    <message>
        <source>Write .xlsx workbooks that open in Excel and LibreOffice, with native charts. The file is written to a temporary file first and renamed, so a failed export never leaves a broken file or replaces the previous one.</source>
        <translation>生成可在 Excel 和 LibreOffice 中打开、带原生图表的 .xlsx 工作簿。文件先写入临时文件再改名，导出失败时既不会留下损坏的文件，也不会覆盖原来的文件。</translation>
    </message>
    <message>
        <source>one customer&apos;s account plan (Overview, Score, Revenue, Contacts, Interactions, Needs, Plan)</source>
        <translation>一个客户的经营计划（概览、评分、销售额、联系人、互动记录、需求、计划）</translation>
    </message>
    <message>
        <source>Export one customer&apos;s account plan workbook.</source>
        <translation>导出一个客户的经营计划工作簿。</translation>
    </message>
    <message>
        <source>plan period, e.g. 2027-H1 (default: the latest plan)</source>
        <translation>计划期间，例如 2027-H1（默认：最新的计划）</translation>
    </message>
    <message>
        <source>every customer with score, tier, ABC class, lifecycle and dimensions, plus a summary with a Pareto chart</source>
        <translation>所有客户的评分、分级、ABC 类、生命周期和各维度，另附带帕累托图的汇总</translation>
    </message>
    <message>
        <source>Export the portfolio workbook: a Summary sheet (tier and ABC counts, revenue shares, Pareto chart) and a filterable Customers sheet.</source>
        <translation>导出客户组合工作簿：一张汇总表（各分级和 ABC 类的客户数、销售额占比、帕累托图）和一张可筛选的客户表。</translation>
    </message>
    <message>
        <source>only this tier (repeatable): {tiers}</source>
        <translation>只导出这一分级（可重复）：{tiers}</translation>
    </message>
    <message>
        <source>the weekly report (周报): the week&apos;s visits and outcomes, actions done, next week&apos;s actions and follow-ups, tier moves, late complaints</source>
        <translation>周报：本周的拜访及结果、已完成的行动、下周的行动和跟进事项、分级变动、逾期未处理的投诉</translation>
    </message>
    <message>
        <source>Export the weekly report of the week (Monday to Sunday) holding today or --as-of: one print-ready sheet per part.</source>
        <translation>导出今天（或 --as-of 所指日期）所在那一周（周一至周日）的周报：每部分一张可直接打印的工作表。</translation>
    </message>
    <message>
        <source>only this salesperson&apos;s customers and actions (default: all)</source>
        <translation>只包括这位销售人员的客户和行动（默认：全部）</translation>
    </message>
    <message>
        <source>a day of the week to report (default: today)</source>
        <translation>要报告的那一周中的任意一天（默认：今天）</translation>
    </message>
    <message>
        <source>all data: every customer, contact, sale, interaction, need, assessment and account plan, as a workbook &apos;keyplan import book&apos; reads back</source>
        <translation>全部数据：所有客户、联系人、销售记录、互动记录、需求、评估和经营计划，导出为 &apos;keyplan import book&apos; 能读回的工作簿</translation>
    </message>
    <message>
        <source>Export all data: one sheet per kind of record (Customers, Contacts, Transactions, Interactions, Needs, Assessments, Plans and their objectives, support, actions and reviews) under the headers the importer reads. &apos;keyplan import book FILE&apos; brings it into another book as the same records (into an empty book, with the same ids). A kind of more than 1,048,575 records (Excel&apos;s rows) goes on in numbered sheets: Transactions (2) ...</source>
        <translation>导出全部数据：每类记录一张工作表（客户、联系人、交易、互动记录、需求、评估、计划及其目标、支持措施、行动和回顾），表头用导入程序能识别的名称。&apos;keyplan import book FILE&apos; 可把它作为相同的记录导入另一个客户簿（导入空客户簿时 ID 也相同）。某类记录超过 1,048,575 条（Excel 的最大行数）时，续写到编号的工作表中：Transactions (2) ……</translation>
    </message>
    <message>
        <source>the manager&apos;s roll-up: per salesperson, customers per tier, revenue against the year before, plan progress and late work</source>
        <translation>经理汇总表：按销售人员列出各分级客户数、销售额与上一年对比、计划进度和逾期工作</translation>
    </message>
    <message>
        <source>Export the roll-up (sheet &apos;By salesperson&apos; / &apos;按销售人员&apos;): one line per owner (customers nobody owns on a line of their own) and the total: customers per tier, revenue of the last 12 months against the 12 before, share of the book&apos;s revenue, active plans, objectives met, revenue against the plans&apos; targets, actions done, overdue plan actions and follow-ups, open complaints, slipping customers and the last activity.</source>
        <translation>导出汇总表（工作表 &apos;By salesperson&apos; / &apos;按销售人员&apos;）：每位负责人一行（无人负责的客户单独一行），另加合计：各分级客户数、近 12 个月销售额与之前 12 个月对比、占客户簿销售额的比例、进行中的计划、已达成的目标、销售额与计划目标对比、已完成的行动、逾期的计划行动和跟进事项、未解决的投诉、下滑的客户以及最近一次活动。</translation>
    </message>
    <message>
        <source>the day of the figures (default: today)</source>
        <translation>数据截至日期（默认：今天）</translation>
    </message>
    <message>
        <source>only the plans of this period, e.g. 2027-H1 (default: every active plan)</source>
        <translation>只包括这一期间的计划，例如 2027-H1（默认：所有进行中的计划）</translation>
    </message>
    <message>
        <source>import customers, contacts, transactions and the other records from a spreadsheet (.xlsx, .xls, .ods ...) or CSV, or a whole book (import book)</source>
        <translation>从电子表格（.xlsx、.xls、.ods 等）或 CSV 导入客户、联系人、交易及其他记录，或导入整个客户簿（import book）</translation>
    </message>
    <message>
        <source>Import rows from a spreadsheet (.xlsx, .xlsm, .xlsb, .xls or .ods) or a CSV file (comma, semicolon, tab or | between columns; UTF-8, UTF-16, GB18030/GBK, Big5, Shift_JIS, EUC-JP, EUC-KR or Windows-1252, told apart from the text; a file whose encoding cannot be told is refused with the best guesses). Columns are matched from whole Chinese, Japanese and English headers (客户名称, 订单编号, 实付金额, 客戶名稱, 売上, Order ID ...); title rows, blank rows and total rows (合计, Total) are skipped. Customers match existing ones by code, else (without a code) by a name only one customer has, and update them; the rows of one customer are taken once. Contacts and transactions name their customer the same way. The import is one transaction: by default a single bad row means nothing is written (use --skip-invalid to import the valid rows).</source>
        <translation>从电子表格（.xlsx、.xlsm、.xlsb、.xls 或 .ods）或 CSV 文件导入数据行。CSV 的列以逗号、分号、制表符或 | 分隔；编码（UTF-8、UTF-16、GB18030/GBK、Big5、Shift_JIS、EUC-JP、EUC-KR 或 Windows-1252）根据文字内容自动识别，无法确定编码的文件会被拒绝，并列出最可能的几种编码。列按完整的中文、日文和英文表头匹配（客户名称、订单编号、实付金额、客戶名稱、売上、Order ID 等）；标题行、空行和合计行（合计、Total）会被跳过。客户先按编码与已有客户匹配，没有编码时按只有一个客户使用的名称匹配，匹配到的客户会被更新；同一客户的多行只取一次。联系人和交易也按同样的方式指明所属客户。整个导入是一个事务：默认只要有一行有误就什么也不写入（用 --skip-invalid 导入有效的行）。</translation>
    </message>
    <message>
        <source>Fields: {fields}.</source>
        <translation>字段：{fields}。</translation>
    </message>
    <message>
        <source>what the file holds; &apos;book&apos;: a workbook of &apos;keyplan export book&apos;, every sheet imported as its kind of record in one transaction</source>
        <translation>文件中的内容；book：&apos;keyplan export book&apos; 导出的工作簿，每张工作表按其记录类型在同一个事务中导入</translation>
    </message>
    <message>
        <source>the file: .xlsx, .xlsm, .xlsb, .xls, .ods or .csv</source>
        <translation>要导入的文件：.xlsx、.xlsm、.xlsb、.xls、.ods 或 .csv</translation>
    </message>
    <message>
        <source>sheet of a workbook (default: the one whose headers match best)</source>
        <translation>工作簿中的工作表（默认：表头最匹配的那张）</translation>
    </message>
    <message>
        <source>feed FIELD from COLUMN (header text, letter or number); FIELD &apos;ignore&apos; drops a column; repeatable, and one column may feed several fields (--map ID=code --map ID=name)</source>
        <translation>用 COLUMN 列（表头文字、列字母或列号）填充字段 FIELD；FIELD 为 ignore 时忽略该列；可重复，一列可以填充多个字段（--map ID=code --map ID=name）</translation>
    </message>
    <message>
        <source>import only the rows that pass: &apos;COLUMN=VALUE&apos;, &apos;COLUMN!=VALUE&apos;, &apos;COLUMN in A,B&apos; or &apos;COLUMN not in A,B&apos; (e.g. --where 订单状态=已完成); repeatable, all must pass</source>
        <translation>只导入满足条件的行：&apos;COLUMN=VALUE&apos;、&apos;COLUMN!=VALUE&apos;、&apos;COLUMN in A,B&apos; 或 &apos;COLUMN not in A,B&apos;（例如 --where 订单状态=已完成）；可重复，须全部满足</translation>
    </message>
    <message>
        <source>match the columns from the headers, not from the mapping saved for files with these headers (an import with --map saves its mapping, used again next time)</source>
        <translation>按表头匹配列，不使用为相同表头的文件保存的映射（带 --map 的导入会保存其映射，下次再用）</translation>
    </message>
    <message>
        <source>contacts and transactions: make the customers the file names that the book does not have (by code, else by name) instead of refusing their rows</source>
        <translation>contacts 和 transactions：文件中提到而客户簿中没有的客户会被新建（按编码，没有编码时按名称），而不是拒绝这些行</translation>
    </message>
    <message>
        <source>transactions: read dates such as 3/4/2024 day first (dmy) or month first (mdy); needed only when no date in the column tells (a first part above 12 means day first, a second one month first)</source>
        <translation type="vanished">transactions：把 3/4/2024 这样的日期按日在前（dmy）或月在前（mdy）读取；只有当该列中没有能判断顺序的日期时才需要（第一部分大于 12 说明日在前，第二部分大于 12 说明月在前）</translation>
    </message>
    <message>
        <source>check every row and show what would happen; write nothing</source>
        <translation>检查每一行并显示将会发生什么；不写入任何内容</translation>
    </message>
    <message>
        <source>import the valid rows and report the bad ones</source>
        <translation>导入有效的行，并报告有误的行</translation>
    </message>
    <message>
        <source>do not rescore the book after importing (or undoing)</source>
        <translation>导入（或撤销）后不重新给客户簿评分</translation>
    </message>
    <message>
        <source>list the imports (batches), newest first, and exit</source>
        <translation>列出历次导入（批次），最新的在前，然后退出</translation>
    </message>
    <message>
        <source>undo import BATCH (its number, or &apos;last&apos;): remove the rows it added and put back the fields it changed, keeping records changed since; one transaction</source>
        <translation>撤销导入批次 BATCH（批次号，或 last）：删除它添加的行，恢复它修改过的字段，保留此后又改动过的记录；在一个事务中完成</translation>
    </message>
    <message>
        <source>give KIND and FILE (or --undo BATCH, or --list)</source>
        <translation>请给出 KIND 和 FILE（或 --undo BATCH，或 --list）</translation>
    </message>
    <message>
        <source>account plans: new, list, due actions, progress</source>
        <translation>客户经营计划：新建、列表、到期行动、进度</translation>
    </message>
    <message>
        <source>Work with account plans (客户经营计划).</source>
        <translation>处理客户经营计划。</translation>
    </message>
    <message>
        <source>create a draft plan for a period</source>
        <translation>为某一期间新建计划草稿</translation>
    </message>
    <message>
        <source>Create a draft plan. With --from-previous, carry over from the latest earlier plan what is still open: open actions, unmet objectives, still-open needs and open complaints, and the support measures.</source>
        <translation>新建计划草稿。使用 --from-previous 时，从上一份计划中沿用尚未完成的内容：未完成的行动、未达成的目标、仍未解决的需求和投诉，以及支持措施。</translation>
    </message>
    <message>
        <source>2027, 2027-H1, 2027-Q3 or 2027-05</source>
        <translation>2027、2027-H1、2027-Q3 或 2027-05</translation>
    </message>
    <message>
        <source>carry over what is still open from the previous plan</source>
        <translation>沿用上一份计划中尚未完成的内容</translation>
    </message>
    <message>
        <source>start from this playbook (&apos;keyplan playbook list&apos;); auto: the one that fits the customer&apos;s tier and relationship level</source>
        <translation>以这个计划模板为起点（见 &apos;keyplan playbook list&apos;）；auto：选择适合该客户分级和关系层次的模板</translation>
    </message>
    <message>
        <source>plans, those with overdue actions first</source>
        <translation>列出计划，有逾期行动的在前</translation>
    </message>
    <message>
        <source>only this status (repeatable)</source>
        <translation>只列出这一状态（可重复）</translation>
    </message>
    <message>
        <source>only this plan owner</source>
        <translation>只列出这位负责人的计划</translation>
    </message>
    <message>
        <source>open plan actions due soon or overdue</source>
        <translation>即将到期或已逾期的未完成计划行动</translation>
    </message>
    <message>
        <source>due within N days from today (default 7)</source>
        <translation>从今天起 N 天内到期（默认 7）</translation>
    </message>
    <message>
        <source>only actions of this owner</source>
        <translation>只列出这位负责人的行动</translation>
    </message>
    <message>
        <source>a plan&apos;s objectives against actuals</source>
        <translation>计划目标与实际完成情况对比</translation>
    </message>
    <message>
        <source>default: the latest plan</source>
        <translation>默认：最新的计划</translation>
    </message>
    <message>
        <source>--template and --from-previous do not go together: a plan carried over starts from the previous plan.</source>
        <translation>--template 与 --from-previous 不能同时使用：延续的计划以上一期计划为起点。</translation>
    </message>
    <message>
        <source>Playbook: {name}</source>
        <translation>计划模板：{name}</translation>
    </message>
    <message>
        <source>No plans.</source>
        <translation>没有客户经营计划。</translation>
    </message>
    <message>
        <source>No plan actions due.</source>
        <translation>没有到期的计划行动。</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>actions: {open} open ({overdue} overdue), {done} done</source>
        <translation>行动：{open} 项未完成（{overdue} 项逾期），{done} 项已完成</translation>
    </message>
    <message>
        <source>the workbook to write</source>
        <translation>要写入的工作簿</translation>
    </message>
    <message>
        <source>language of sheet names and labels (default: from the locale)</source>
        <translation type="vanished">工作表名称和标签的语言（默认：按系统区域设置）</translation>
    </message>
    <message>
        <source>--map expects COLUMN=FIELD, got {item}</source>
        <translation>--map 的格式应为 列=字段，收到的是 {item}</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>transactions</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>interactions</source>
        <translation>互动记录</translation>
    </message>
    <message>
        <source>needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>assessments</source>
        <translation>定期评估</translation>
    </message>
    <message>
        <source>account plans</source>
        <translation>经营计划</translation>
    </message>
    <message>
        <source>plan objectives</source>
        <translation>计划目标</translation>
    </message>
    <message>
        <source>support measures</source>
        <translation>支持措施</translation>
    </message>
    <message>
        <source>plan actions</source>
        <translation>计划行动</translation>
    </message>
    <message>
        <source>plan reviews</source>
        <translation>计划回顾</translation>
    </message>
    <message>
        <source>{count} OVERDUE</source>
        <translation>{count} 项逾期</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>No imports yet.</source>
        <translation>尚无导入。</translation>
    </message>
    <message>
        <source>--undo expects a batch number or &apos;last&apos;, got {text}</source>
        <translation>--undo 需要批次号或 last，收到的是 {text}</translation>
    </message>
    <message>
        <source>no import to undo</source>
        <translation>没有可撤销的导入</translation>
    </message>
    <message>
        <source>no import batch {batch} (see &apos;keyplan import --list&apos;)</source>
        <translation>没有导入批次 {batch}（见 keyplan import --list）</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>提示：{note}</translation>
    </message>
    <message>
        <source>No playbook fits {customer}: the plan starts empty.</source>
        <translation>没有适合 {customer} 的计划模板：计划从空白开始。</translation>
    </message>
    <message>
        <source>{period} {status} {customer}: {count} open actions, next due {date}</source>
        <translation>{period} {status} {customer}：{count} 项未完成行动，下一项 {date} 到期</translation>
    </message>
    <message>
        <source>{period} {status} {customer}: {count} open actions</source>
        <translation>{period} {status} {customer}：{count} 项未完成行动</translation>
    </message>
    <message>
        <source>{customer} has no plan for {period}</source>
        <translation>{customer} 没有 {period} 的客户经营计划</translation>
    </message>
    <message>
        <source>{customer} has no plan</source>
        <translation>{customer} 没有客户经营计划</translation>
    </message>
    <message>
        <source>actual {actual}</source>
        <translation>实际 {actual}</translation>
    </message>
    <message>
        <source>undone {at}</source>
        <translation>已于 {at} 撤销</translation>
    </message>
    <message>
        <source>{added} added, {updated} updated</source>
        <translation>新增 {added}，更新 {updated}</translation>
    </message>
    <message>
        <source>any level</source>
        <translation>任意层次</translation>
    </message>
    <message>
        <source>one level up</source>
        <translation>提升一个层次</translation>
    </message>
    <message>
        <source>any tier</source>
        <translation>任意等级</translation>
    </message>
    <message>
        <source>For: {tiers}; relationship level {start} → {target}; review every {days} days</source>
        <translation>适用：{tiers}；关系层次 {start} → {target}；每 {days} 天回顾一次</translation>
    </message>
    <message>
        <source>Objectives:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Support measures:</source>
        <translation>支持措施：</translation>
    </message>
    <message>
        <source>Actions:</source>
        <translation>行动：</translation>
    </message>
    <message>
        <source>Wrote {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <source>Imported {file}: {added} playbooks added, {updated} replaced.</source>
        <translation>已导入 {file}：新增 {added} 个计划模板，替换 {updated} 个。</translation>
    </message>
    <message>
        <source>plan templates by tier and relationship level: list, show, export, import</source>
        <translation>按分级和关系层次划分的计划模板：列出、查看、导出、导入</translation>
    </message>
    <message>
        <source>Playbooks are the templates a new account plan starts from (&apos;keyplan plan new CUSTOMER --template NAME|auto&apos;): objectives, support measures, review cadence and actions, for customers of some tiers at some relationship level. The built-in ones come in zh_CN and English.</source>
        <translation>计划模板是新建客户经营计划的起点（&apos;keyplan plan new CUSTOMER --template NAME|auto&apos;）：针对某些分级、处于某个关系层次的客户，给出目标、支持措施、回顾周期和行动。内置模板有中文（zh_CN）和英文两种。</translation>
    </message>
    <message>
        <source>every playbook and whom it is for</source>
        <translation>所有计划模板及其适用对象</translation>
    </message>
    <message>
        <source>one playbook in full</source>
        <translation>查看一个计划模板的全部内容</translation>
    </message>
    <message>
        <source>its name, or a built-in&apos;s key</source>
        <translation>模板名称，或内置模板的键名</translation>
    </message>
    <message>
        <source>write playbooks to a JSON file</source>
        <translation>把计划模板导出为 JSON 文件</translation>
    </message>
    <message>
        <source>Write playbooks to a JSON file that &apos;keyplan playbook import&apos; reads (default: your own and the built-ins you edited).</source>
        <translation>把计划模板写入 &apos;keyplan playbook import&apos; 能读取的 JSON 文件（默认：你自己的模板和你修改过的内置模板）。</translation>
    </message>
    <message>
        <source>only these playbooks</source>
        <translation>只导出这些计划模板</translation>
    </message>
    <message>
        <source>the file to write (default: the screen)</source>
        <translation>要写入的文件（默认：输出到屏幕）</translation>
    </message>
    <message>
        <source>read playbooks from a JSON file</source>
        <translation>从 JSON 文件读取计划模板</translation>
    </message>
    <message>
        <source>Read playbooks from a file &apos;keyplan playbook export&apos; wrote: a built-in&apos;s edit replaces the built-in, one of the same name as yours replaces yours, the others are added. All or nothing.</source>
        <translation>读取 &apos;keyplan playbook export&apos; 写出的文件：修改过的内置模板替换该内置模板，与你的模板同名的替换你的模板，其余的作为新模板添加。要么全部导入，要么全不导入。</translation>
    </message>
    <message>
        <source>the file to read</source>
        <translation>要读取的文件</translation>
    </message>
    <message>
        <source>own</source>
        <translation>自建</translation>
    </message>
    <message>
        <source>{name} [{kind}]: {tiers}; {start} → {target}; {objectives} objectives, {actions} actions</source>
        <translation>{name} [{kind}]：{tiers}；{start} → {target}；{objectives} 个目标，{actions} 项行动</translation>
    </message>
    <message>
        <source>me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>account owner</source>
        <translation>客户负责人</translation>
    </message>
    <message>
        <source>  - day {day}: {what} ({who})</source>
        <translation>  - 第 {day} 天：{what}（{who}）</translation>
    </message>
    <message>
        <source>built-in, edited</source>
        <translation>内置，已修改</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source> (+{n} % on the last 12 months)</source>
        <translation>（比近 12 个月 +{n} %）</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>Backed up to {path} ({size} bytes, integrity checked) in {seconds} s.</source>
        <translation>已备份到 {path}（{size} 字节，已校验完整性），用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>quick check</source>
        <translation>快速检查</translation>
    </message>
    <message>
        <source>integrity check</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <source>{path}: {check} passed in {seconds} s.</source>
        <translation>{path}：{check}通过，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>back up the database (SQLite online backup, compressed, verified)</source>
        <translation>备份客户簿（SQLite 在线备份，压缩并校验）</translation>
    </message>
    <message>
        <source>Back up the book into its backup folder (or to FILE), list the backups, or set how many automatic backups are kept and how much room they may take.</source>
        <translation>把客户簿备份到它的备份文件夹（或备份到 FILE），列出已有备份，或设置自动备份保留多少份、最多占用多少空间。</translation>
    </message>
    <message>
        <source>write the backup to FILE (must not exist; compressed if it ends .zst, else a plain SQLite file)</source>
        <translation>把备份写入 FILE（该文件不能已存在；以 .zst 结尾时压缩，否则为普通 SQLite 文件）</translation>
    </message>
    <message>
        <source>list the backups, newest first, with their check</source>
        <translation>列出备份及其校验结果，最新的在前</translation>
    </message>
    <message>
        <source>keep the newest automatic backup of each of the last N days</source>
        <translation>最近 N 天中每天保留最新的一份自动备份</translation>
    </message>
    <message>
        <source>keep the newest automatic backup of each of the last N weeks</source>
        <translation>最近 N 周中每周保留最新的一份自动备份</translation>
    </message>
    <message>
        <source>room the backup folder may take, e.g. 5GB or 800MB (&apos;auto&apos;: ten times the book, at least 1 GB); the oldest automatic backups go first, never the three newest verified ones</source>
        <translation>备份文件夹最多可占用的空间，例如 5GB 或 800MB（auto：客户簿大小的十倍，至少 1 GB）；超出时先删除最旧的自动备份，最新的三份已校验备份永不删除</translation>
    </message>
    <message>
        <source>replace the database with a checked backup</source>
        <translation>用校验过的备份替换客户簿</translation>
    </message>
    <message>
        <source>Check FILE&apos;s integrity (a .zst backup is decompressed first), keep the current book in the backup folder, then put FILE in its place in one step. Close KeyPlan windows on this book first.</source>
        <translation>检查 FILE 的完整性（.zst 备份先解压），把当前客户簿保存到备份文件夹，然后一步用 FILE 替换它。请先关闭打开此客户簿的 KeyPlan 窗口。</translation>
    </message>
    <message>
        <source>the backup to put in place (.zst or a plain SQLite file)</source>
        <translation>用来替换的备份（.zst 或普通 SQLite 文件）</translation>
    </message>
    <message>
        <source>check the database file for damage (SQLite&apos;s integrity check)</source>
        <translation>检查客户簿文件是否损坏（SQLite 完整性检查）</translation>
    </message>
    <message>
        <source>Run SQLite&apos;s integrity check over the whole book, read-only. It finds structural damage (torn or overwritten pages, broken b-trees, indexes out of step with their rows); a byte changed inside a row&apos;s own data in a page that is still well formed cannot be seen by any SQLite check.</source>
        <translation>以只读方式对整个客户簿运行 SQLite 完整性检查。它能发现结构性损坏（页面被截断或覆盖、B 树损坏、索引与数据行不一致）；如果某页结构仍然完好，只是某行数据中的一个字节被改动，任何 SQLite 检查都发现不了。</translation>
    </message>
    <message>
        <source>PRAGMA quick_check: faster, but does not compare indexes with rows</source>
        <translation>PRAGMA quick_check：更快，但不比对索引和数据行</translation>
    </message>
    <message>
        <source>the full integrity check (the default; kept for scripts)</source>
        <translation>完整的完整性检查（默认；为兼容脚本而保留）</translation>
    </message>
    <message>
        <source>not a size: {text} (try 5GB or 800MB)</source>
        <translation>不是有效的大小：{text}（例如 5GB 或 800MB）</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>校验失败</translation>
    </message>
    <message>
        <source>unchecked</source>
        <translation>未校验</translation>
    </message>
    <message>
        <source>{path} does not exist</source>
        <translation>{path} 不存在</translation>
    </message>
    <message>
        <source>{path} is open in KeyPlan (process {pid}); close it before restoring</source>
        <translation>{path} 正在 KeyPlan 中打开（进程 {pid}）；请先关闭再恢复</translation>
    </message>
    <message>
        <source>Restored {path} from {file} in {seconds} s.</source>
        <translation>已从 {file} 恢复 {path}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Restored {path} from {file} in {seconds} s; the replaced book is kept as {kept}.</source>
        <translation>已从 {file} 恢复 {path}，用时 {seconds} 秒；被替换的客户簿保存为 {kept}。</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>migration</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>before import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>被替换</translation>
    </message>
    <message>
        <source>Keeping {daily} daily and {weekly} weekly automatic backups.</source>
        <translation>保留 {daily} 份每日和 {weekly} 份每周自动备份。</translation>
    </message>
    <message>
        <source>The backup folder may take {size}.</source>
        <translation>备份文件夹最多可占用 {size}。</translation>
    </message>
    <message>
        <source>{path} already exists; choose a new file name</source>
        <translation>{path} 已存在；请换一个文件名</translation>
    </message>
    <message>
        <source>; {count} more problems</source>
        <translation>；另有 {count} 个问题</translation>
    </message>
    <message>
        <source>; 1 more problem</source>
        <translation>；另有 1 个问题</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>Concentration: {percent} % of buying customers ({needed} of {buying}) bring {target} % of revenue.</source>
        <translation>集中度：{percent}% 的有购买客户（{buying} 个中的 {needed} 个）贡献了 {target}% 的销售额。</translation>
    </message>
    <message>
        <source>tier {tier}</source>
        <translation>等级 {tier}</translation>
    </message>
    <message>
        <source>Next tier up: {tier}, {points} points away. Most plausible levers:</source>
        <translation>上一级：{tier}，还差 {points} 分。最可行的提升方向：</translation>
    </message>
    <message>
        <source>Scored {customers} customers as of {date} in {seconds} s.</source>
        <translation>已按 {date} 为 {customers} 个客户评分，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>ABC classes: {counts}</source>
        <translation>ABC 分类：{counts}</translation>
    </message>
    <message>
        <source>Lifecycle: {counts}</source>
        <translation>生命周期：{counts}</translation>
    </message>
    <message>
        <source>Concentration: no revenue in the window.</source>
        <translation>集中度：统计期内没有销售额。</translation>
    </message>
    <message>
        <source>{customer} as of {date}</source>
        <translation>{customer}，截至 {date}</translation>
    </message>
    <message>
        <source> (manual override: {reason}; the score alone gives {tier})</source>
        <translation>（手动调整：{reason}；仅按分数为{tier}）</translation>
    </message>
    <message>
        <source>{stage} (manual override)</source>
        <translation>{stage}（手动调整）</translation>
    </message>
    <message>
        <source>Score {score}, {tier}; ABC class {abc}; lifecycle {lifecycle}.</source>
        <translation>得分 {score}，{tier}；ABC 分类 {abc}；生命周期 {lifecycle}。</translation>
    </message>
    <message>
        <source>Already in the top tier.</source>
        <translation>已是最高等级。</translation>
    </message>
    <message>
        <source>The score reaches {tier}, but the revenue guard keeps it at {computed}: revenue must be in the top share of the book.</source>
        <translation>分数已达到{tier}，但销售额门槛使其保持为{computed}：销售额须位于客户簿的前列。</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>{value}, {days} d late</source>
        <translation>{value}，平均逾期 {days} 天</translation>
    </message>
    <message>
        <source>{value} months</source>
        <translation>{value} 个月</translation>
    </message>
    <message>
        <source>{value} orders</source>
        <translation>{value} 笔订单</translation>
    </message>
    <message>
        <source>Weights (%):</source>
        <translation>权重（%）：</translation>
    </message>
    <message>
        <source>top {percent} %</source>
        <translation>前 {percent}%</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Thresholds: {strategic} {strategic_score}, {key} {key_score}, {standard} {standard_score}; revenue guard: {guard}.</source>
        <translation>等级门槛：{strategic} {strategic_score}，{key} {key_score}，{standard} {standard_score}；销售额门槛：{guard}。</translation>
    </message>
    <message>
        <source>recompute scores, tiers, ABC classes and lifecycle stages</source>
        <translation>重新计算评分、分级、ABC 类和生命周期阶段</translation>
    </message>
    <message>
        <source>Score every customer as of a date, store the result, snapshot the period, and print tier counts, revenue share per tier, the 80/20 concentration and how many customers changed tier.</source>
        <translation>以某个日期为准给每个客户评分，保存结果和该期间的快照，并输出各分级的客户数、各分级的销售额占比、80/20 集中度，以及有多少客户的分级发生了变化。</translation>
    </message>
    <message>
        <source>score as of this date (default: today)</source>
        <translation>以这一天为准评分（默认：今天）</translation>
    </message>
    <message>
        <source>also snapshot the N periods before, from the transaction history</source>
        <translation>同时根据交易历史为之前的 N 个期间保存快照</translation>
    </message>
    <message>
        <source>snapshot period (default: month)</source>
        <translation>快照期间（默认：month）</translation>
    </message>
    <message>
        <source>why a customer has its score and tier</source>
        <translation>说明客户为何得到这个评分和分级</translation>
    </message>
    <message>
        <source>Each dimension&apos;s raw value, points, weight and contribution (they add up to the score), the gap to the next tier and what could close it.</source>
        <translation>列出每个维度的原始值、得分、权重和贡献（贡献之和即为总评分）、与上一级的差距，以及怎样才能弥补这个差距。</translation>
    </message>
    <message>
        <source>as of this date (default: the last rescore)</source>
        <translation>以这一天为准（默认：最近一次重新评分）</translation>
    </message>
    <message>
        <source>show or change the scoring weights and tier thresholds</source>
        <translation>查看或修改评分权重和分级阈值</translation>
    </message>
    <message>
        <source>Without options, show the weights and thresholds. Any change is validated (weights must add up to 100, thresholds must fall from strategic to standard), stored, and re-tiers the whole book at once.</source>
        <translation>不带选项时显示权重和阈值。任何修改都会先经过校验（权重之和必须为 100，阈值必须从 strategic 到 standard 依次降低），然后保存，并立即对整个客户簿重新分级。</translation>
    </message>
    <message>
        <source>use a preset weighting</source>
        <translation>使用预设的权重方案</translation>
    </message>
    <message>
        <source>set weights; dimensions: {dimensions}</source>
        <translation>设置权重；维度：{dimensions}</translation>
    </message>
    <message>
        <source>set tier thresholds (strategic, key, standard)</source>
        <translation>设置分级阈值（strategic、key、standard）</translation>
    </message>
    <message>
        <source>strategic also needs revenue in the top PERCENT %% (off: none)</source>
        <translation>strategic 级还要求销售额位于前 PERCENT%%（off：不要求）</translation>
    </message>
    <message>
        <source>Snapshot {period} stored; backfilled {count} earlier periods ({periods}) in {seconds} s.</source>
        <translation>已保存快照 {period}；补录了之前 {count} 个期间（{periods}），用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Snapshot {period} stored in {seconds} s.</source>
        <translation>已保存快照 {period}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>{changed} customers changed tier, {new} were scored for the first time; {overridden} tiers are manual overrides.</source>
        <translation>{changed} 个客户等级变化，{new} 个客户首次评分；{overridden} 个等级为手动调整。</translation>
    </message>
    <message>
        <source>{changed} customers changed tier; {overridden} tiers are manual overrides.</source>
        <translation>{changed} 个客户等级变化；{overridden} 个等级为手动调整。</translation>
    </message>
    <message>
        <source>Note: this customer&apos;s records changed after the last rescore; run &apos;score&apos;.</source>
        <translation>提示：该客户的记录在上次评分后有改动；请运行 keyplan score。</translation>
    </message>
    <message>
        <source>Missing data, scored at the neutral 50 points: {dimensions}.</source>
        <translation>缺少数据、按中性 50 分计：{dimensions}。</translation>
    </message>
    <message>
        <source>Together, {dimensions} could close the gap.</source>
        <translation>{dimensions} 合起来可以弥补差距。</translation>
    </message>
    <message>
        <source>Tier changed from {before} ({from_period}) to {after} ({to_period}), score {score_before} -&gt; {score_after}; moved most by: {drivers}.</source>
        <translation>等级从{before}（{from_period}）变为{after}（{to_period}），得分 {score_before} -&gt; {score_after}；影响最大的是：{drivers}。</translation>
    </message>
    <message>
        <source>The score reaches {tier}, but the revenue guard keeps it at {computed}: revenue must be in the top share of the book (about {revenue} or more).</source>
        <translation>分数已达到{tier}，但销售额门槛使其保持为{computed}：销售额须位于客户簿的前列（约 {revenue} 或以上）。</translation>
    </message>
    <message>
        <source>Saved; re-tiered {customers} customers as of {date}: {changed} changed tier.</source>
        <translation>已保存；已按 {date} 为 {customers} 个客户重新分级：{changed} 个等级变化。</translation>
    </message>
    <message>
        <source>must be between 0 and 120</source>
        <translation>必须在 0 到 120 之间</translation>
    </message>
    <message>
        <source>  - {dimension}: {points} points now, can add up to {reach}</source>
        <translation>  - {dimension}：现为 {points} 分，最多可增加 {reach}</translation>
    </message>
    <message>
        <source>unknown tier &apos;{name}&apos; in --threshold; use {names}</source>
        <translation>--threshold 中的等级“{name}”未知；请用 {names}</translation>
    </message>
    <message>
        <source>expected NAME=NUMBER, got {text}</source>
        <translation>应为 NAME=NUMBER，实际为 {text}</translation>
    </message>
    <message>
        <source>expected a percentage or &apos;off&apos;, got {text}</source>
        <translation>应为百分比或 off，实际为 {text}</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>rev. share</source>
        <translation>销售额占比</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>raw value</source>
        <translation>原始值</translation>
    </message>
    <message>
        <source>points</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>contrib.</source>
        <translation>贡献</translation>
    </message>
    <message>
        <source>score</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>  - {dimension}: {points} points now, can add up to {reach}; alone it closes the gap at {target} points</source>
        <translation>  - {dimension}：现为 {points} 分，最多可增加 {reach}；单靠它达到 {target} 分即可弥补差距</translation>
    </message>
    <message>
        <source>  - {dimension}: {points} points now, can add up to {reach}; alone it closes the gap at {target} points (about {raw})</source>
        <translation>  - {dimension}：现为 {points} 分，最多可增加 {reach}；单靠它达到 {target} 分（约 {raw}）即可弥补差距</translation>
    </message>
    <message>
        <source>{dimension} {before}→{after} ({change})</source>
        <translation>{dimension} {before}→{after}（{change}）</translation>
    </message>
    <message>
        <source>{dimension} not rated → {points}</source>
        <translation>{dimension} 未评分→{points}</translation>
    </message>
    <message>
        <source>{dimension} {points} → not rated</source>
        <translation>{dimension} {points}→未评分</translation>
    </message>
    <message>
        <source>  {person}: {role}, device {device}, joined {joined}, last packet {seen}</source>
        <translation>  {person}：{role}，设备 {device}，{joined} 加入，最近变更包 {seen}</translation>
    </message>
    <message>
        <source>Team started; this book is device {device}. The team key, shown only this once:</source>
        <translation>团队已创建；本客户簿的设备编号为 {device}。团队密钥仅显示这一次：</translation>
    </message>
    <message>
        <source>Give it to each member (keyplan team join KEY), then sync: keyplan sync FOLDER. Anyone with the key can read the team&apos;s changes: keep it like a password.</source>
        <translation>请把它交给每位成员（keyplan team join 密钥），然后同步：keyplan sync 文件夹。持有密钥的人都能读取团队的变更：请像密码一样保管。</translation>
    </message>
    <message>
        <source>You are {person}, {role}, in the team.</source>
        <translation>您在团队中的身份：{person}，{role}。</translation>
    </message>
    <message>
        <source>; rescored (tiers changed: {tiers})</source>
        <translation>，已重新评分（{tiers} 个分级有变化）</translation>
    </message>
    <message>
        <source>Joined team {team} as device {device}. This book&apos;s records go to the team at the next sync: keyplan sync FOLDER</source>
        <translation type="vanished">已加入团队 {team}，设备编号 {device}。本客户簿的记录将在下次同步时发送给团队：keyplan sync 文件夹</translation>
    </message>
    <message>
        <source>The team has {count} members (key epoch {epoch}):</source>
        <translation>团队共有 {count} 名成员（密钥第 {epoch} 代）：</translation>
    </message>
    <message>
        <source>The team key was replaced (epoch {epoch}). The other members take it at their next sync; nothing for them to type. New members join with the new key, shown only this once:</source>
        <translation>团队密钥已更换（第 {epoch} 代）。其他成员下次同步时会自动取得新密钥，无需输入任何内容。新成员请使用新密钥加入，新密钥仅显示这一次：</translation>
    </message>
    <message>
        <source>What the removed member already had stays with them; what the team sends from now on they cannot read, and what they send is refused.</source>
        <translation>被移出的成员仍保留其已有的数据；此后团队发送的内容他们无法读取，他们发送的内容也会被拒收。</translation>
    </message>
    <message>
        <source>Your name in the team [{default}]: </source>
        <translation>您在团队中的姓名 [{default}]：</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>salesperson</source>
        <translation>销售人员</translation>
    </message>
    <message>
        <source>; started the team</source>
        <translation>；团队创建者</translation>
    </message>
    <message>
        <source>; removed {at} by {by}</source>
        <translation>；已于 {at} 被 {by} 移出</translation>
    </message>
    <message>
        <source> (this book)</source>
        <translation>（本客户簿）</translation>
    </message>
    <message>
        <source>Synced with {folder}: sent {sent} changes in {out} packets, merged {merged} changes from {into} packets ({records} records), {conflicts} conflicts, {waiting} waiting, {refused} refused{rescored}; {seconds} s.</source>
        <translation type="vanished">已与 {folder} 同步：发送 {sent} 项变更（{out} 个变更包），合并 {into} 个变更包中的 {merged} 项变更（{records} 条记录），冲突 {conflicts} 项，等待 {waiting} 项，拒收 {refused} 个{rescored}；用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Team {team}; this book is device {device}.</source>
        <translation type="vanished">团队 {team}；本客户簿的设备编号为 {device}。</translation>
    </message>
    <message>
        <source>To send: {count} changes. Conflicts: {conflicts}. Changes waiting for their record: {waiting}.</source>
        <translation>待发送：{count} 项变更。冲突：{conflicts} 项。等待所属记录的变更：{waiting} 项。</translation>
    </message>
    <message>
        <source>{person} (device {device})</source>
        <translation>{person}（设备编号 {device}）</translation>
    </message>
    <message>
        <source>start a team or join one (books kept in step through a shared folder), list its members, change a role, remove a member</source>
        <translation>创建或加入团队（各成员的客户簿通过共享文件夹保持同步），列出成员、更改角色、移除成员</translation>
    </message>
    <message>
        <source>Start a team with this book (its key is printed once: give it to each member), or join a team with the key a member gives you. Then &apos;keyplan sync FOLDER&apos; keeps the members&apos; books in step. A manager changes roles and removes members; removing one replaces the key.</source>
        <translation>用本客户簿创建团队（团队密钥只显示一次：请交给每位成员），或用成员给你的密钥加入团队。之后用 &apos;keyplan sync FOLDER&apos; 让各成员的客户簿保持同步。销售经理可以更改角色、移除成员；移除成员后会更换密钥。</translation>
    </message>
    <message>
        <source>start a team with this book and print its key</source>
        <translation>用本客户簿创建团队并显示团队密钥</translation>
    </message>
    <message>
        <source>Start a team with this book. Its key is printed once: give it to each member, and keep it like a password (anyone holding it can read the team&apos;s changes). The founder is a manager.</source>
        <translation>用本客户簿创建团队。团队密钥只显示一次：请交给每位成员，并像密码一样妥善保管（持有密钥的人都能读取团队的更改）。创建者为销售经理。</translation>
    </message>
    <message>
        <source>who you are in the team (default: the person this book knows, else your login name; asked when typing at a terminal)</source>
        <translation>你在团队中的身份（默认：本客户簿记录的使用者，否则为你的登录名；在终端中输入时会询问）</translation>
    </message>
    <message>
        <source>your role (default manager)</source>
        <translation>你的角色（默认 manager）</translation>
    </message>
    <message>
        <source>join a team with the key a member gives you</source>
        <translation>用成员给你的密钥加入团队</translation>
    </message>
    <message>
        <source>Join the team of KEY as a salesperson (a manager may change the role). With FOLDER, this book is entered in the team&apos;s roster at once (else at the first sync). This book&apos;s records are sent to the team at the next sync, and the team&apos;s come in.</source>
        <translation>以销售人员身份加入密钥 KEY 对应的团队（销售经理可以更改角色）。给出 FOLDER 时，本客户簿立即登记到团队成员名册中（否则在第一次同步时登记）。下次同步时，本客户簿的记录会发送给团队，团队的记录也会同步进来。</translation>
    </message>
    <message>
        <source>the team key (KP1-...)</source>
        <translation>团队密钥（KP1-...）</translation>
    </message>
    <message>
        <source>the folder the team shares</source>
        <translation>团队共享的文件夹</translation>
    </message>
    <message>
        <source>who you are in the team (default as for init)</source>
        <translation>你在团队中的身份（默认值与 init 相同）</translation>
    </message>
    <message>
        <source>the members, their roles and when each was last seen</source>
        <translation>列出成员、各自的角色和最近一次出现的时间</translation>
    </message>
    <message>
        <source>The team&apos;s members as the roster in FOLDER says: person, role, device, joined, the last packet seen, and whether removed.</source>
        <translation>按 FOLDER 中的成员名册列出团队成员：姓名、角色、设备、加入时间、最近收到的数据包，以及是否已被移除。</translation>
    </message>
    <message>
        <source>remove a member (a manager only); the team key is replaced</source>
        <translation>移除成员（仅限销售经理）；团队密钥随之更换</translation>
    </message>
    <message>
        <source>Remove a member from the team (a manager only). The team key is replaced: the other members take the new one at their next sync; the removed one cannot read what is sent from now on, and what it sends is refused. It keeps what it already had.</source>
        <translation>把成员移出团队（仅限销售经理）。团队密钥随之更换：其他成员在下次同步时取得新密钥；被移除的成员从此读不到新发送的内容，它发送的内容也会被拒收，但它已有的数据仍然保留。</translation>
    </message>
    <message>
        <source>a device id (or its first 8 characters), or a person: all their devices</source>
        <translation>设备 ID（或其前 8 个字符），或某个人：移除其所有设备</translation>
    </message>
    <message>
        <source>make a member a manager or a salesperson (a manager only)</source>
        <translation>把成员设为销售经理或销售人员（仅限销售经理）</translation>
    </message>
    <message>
        <source>Give a member a role (a manager only). The team always keeps at least one manager.</source>
        <translation>为成员指定角色（仅限销售经理）。团队始终至少保留一名销售经理。</translation>
    </message>
    <message>
        <source>the person (or a device id)</source>
        <translation>成员姓名（或设备 ID）</translation>
    </message>
    <message>
        <source>manager or salesperson</source>
        <translation>manager（销售经理）或 salesperson（销售人员）</translation>
    </message>
    <message>
        <source>send this book&apos;s changes to a shared folder and merge the team&apos;s</source>
        <translation>把本客户簿的更改发送到共享文件夹，并合并团队的更改</translation>
    </message>
    <message>
        <source>Write this book&apos;s changes since the last sync into FOLDER/keyplan-sync (encrypted with the team key), then merge every member&apos;s changes found there, field by field: the later edit of a field wins and the other is kept as a conflict. Scores and tiers are worked out again afterwards.</source>
        <translation>把本客户簿自上次同步以来的更改写入 FOLDER/keyplan-sync（用团队密钥加密），然后逐个字段合并其中每位成员的更改：同一字段以较晚的修改为准，另一个保留为冲突。之后重新计算评分和分级。</translation>
    </message>
    <message>
        <source>the folder the team shares (not the folder of the book)</source>
        <translation>团队共享的文件夹（不是客户簿所在的文件夹）</translation>
    </message>
    <message>
        <source>only show the members, when each was last seen, the packets waiting, their checkpoints and the conflicts; change nothing</source>
        <translation>只显示成员、各自最近一次出现的时间、待处理的数据包、检查点和冲突；不做任何更改</translation>
    </message>
    <message>
        <source>send what is left, write this book as a checkpoint into FOLDER (new members load it in bulk) and delete this book&apos;s packets that every member&apos;s latest checkpoint covers and that are older than --keep-days</source>
        <translation>发送剩余的更改，把本客户簿作为检查点写入 FOLDER（新成员可整体载入），并删除本客户簿中已被每位成员最新检查点涵盖且早于 --keep-days 的数据包</translation>
    </message>
    <message>
        <source>this book is a copy of a member&apos;s book (KeyPlan said so): make it a member of its own, with a new device id, then sync</source>
        <translation>本客户簿是某位成员客户簿的副本（KeyPlan 已提示）：用新的设备 ID 把它设为独立成员，然后同步</translation>
    </message>
    <message>
        <source>this book moved to this computer for good (KeyPlan said it was last used on another one): sync from here from now on</source>
        <translation>本客户簿已永久迁移到这台电脑（KeyPlan 提示它上次在另一台电脑上使用）：今后从这里同步</translation>
    </message>
    <message>
        <source>with --compact: keep packets younger than N days (default 30)</source>
        <translation>与 --compact 一起使用：保留不到 N 天的数据包（默认 30）</translation>
    </message>
    <message>
        <source>{person} is in the team&apos;s roster in {folder}, as a salesperson until a manager says otherwise.</source>
        <translation>{person} 已登记在 {folder} 中的团队名册里，角色为销售人员（经理可更改）。</translation>
    </message>
    <message>
        <source>Removed {person} (device {device}) from the team.</source>
        <translation>已将 {person}（设备 {device}）移出团队。</translation>
    </message>
    <message>
        <source>{person} (device {device}) is now {role}.</source>
        <translation>{person}（设备 {device}）现在是{role}。</translation>
    </message>
    <message>
        <source>keyplan: warning: {message}</source>
        <translation>keyplan：警告：{message}</translation>
    </message>
    <message>
        <source>keyplan: error: --keep-days goes with --compact</source>
        <translation>keyplan：错误：--keep-days 只能与 --compact 一起使用</translation>
    </message>
    <message>
        <source>keyplan: note: {count} deleted records came back: a member edited them after the delete. Delete them again if they should stay deleted.</source>
        <translation>keyplan：提示：{count} 条已删除的记录已恢复：有成员在删除之后修改了它们。如果它们应保持删除，请再次删除。</translation>
    </message>
    <message>
        <source>{count} members&apos; checkpoints were loaded (the whole book of each, in bulk).</source>
        <translation>已载入 {count} 位成员的检查点（每个检查点为整本客户簿，批量载入）。</translation>
    </message>
    <message>
        <source>keyplan: note: the packets of {count} members wait: their computer&apos;s clock is more than a day ahead of this one&apos;s ({devices}). They are merged when the clocks agree; check the date and time on both computers.</source>
        <translation>keyplan：提示：{count} 位成员的变更包暂缓合并：其电脑的时钟比本机快一天以上（{devices}）。两台电脑的时钟一致后即会合并；请检查两台电脑的日期和时间。</translation>
    </message>
    <message>
        <source>keyplan: note: {count} members&apos; changes need a newer KeyPlan; update it to merge them.</source>
        <translation>keyplan: 提示：有 {count} 位成员的变更需要更新版本的 KeyPlan；请升级后再合并。</translation>
    </message>
    <message>
        <source>Checkpoint written: {records} records up to packet {number} ({size} MB); {deleted} packets covered by every member&apos;s checkpoint deleted; {seconds} s.</source>
        <translation>已写入检查点：{records} 条记录，截至第 {number} 个变更包（{size} MB）；已删除 {deleted} 个已被每位成员的检查点涵盖的变更包；用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>The latest checkpoint already holds this book (up to packet {number}); {deleted} packets covered by every member&apos;s checkpoint deleted.</source>
        <translation>最新的检查点已包含本客户簿（截至第 {number} 个变更包）；已删除 {deleted} 个已被每位成员的检查点涵盖的变更包。</translation>
    </message>
    <message>
        <source>Team (its members are known after the first sync); this book is device {device}.</source>
        <translation>团队（首次同步后可知其成员）；本客户簿的设备编号为 {device}。</translation>
    </message>
    <message>
        <source>Team started by {founder}, {count} members; this book is {person}, device {device}.</source>
        <translation>团队由 {founder} 创建，共 {count} 名成员；本客户簿属于 {person}，设备编号 {device}。</translation>
    </message>
    <message>
        <source>this book</source>
        <translation>本客户簿</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>the {kind} chart is of the whole book; drop --customer</source>
        <translation>{kind} 图表针对整个客户簿；请去掉 --customer</translation>
    </message>
    <message>
        <source>the {kind} chart needs a customer (--customer)</source>
        <translation>{kind} 图表需要指定客户（--customer）</translation>
    </message>
    <message>
        <source>unknown chart {kind}; choose from {kinds}</source>
        <translation>未知图表 {kind}；可选：{kinds}</translation>
    </message>
    <message>
        <source>no snapshot for period {period} (known: none yet)</source>
        <translation>没有期间 {period} 的快照（目前还没有快照）</translation>
    </message>
    <message>
        <source>no snapshot for period {period} (known: {known})</source>
        <translation>没有期间 {period} 的快照（已有：{known}）</translation>
    </message>
    <message>
        <source>language of the labels (default: the command line&apos;s --lang, else the system&apos;s)</source>
        <translation type="vanished">图中文字的语言（默认：命令行的 --lang，否则为系统语言）</translation>
    </message>
    <message>
        <source>{path}: the file name must end in .png or .svg</source>
        <translation>{path}：文件名必须以 .png 或 .svg 结尾</translation>
    </message>
    <message>
        <source>the folder {path} does not exist</source>
        <translation>文件夹 {path} 不存在</translation>
    </message>
    <message>
        <source>Wrote {kind} chart to {path} (empty state) in {seconds} s.</source>
        <translation>已将 {kind} 图表写入 {path}（暂无数据），用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Wrote {kind} chart to {path} in {seconds} s.</source>
        <translation>已将 {kind} 图表写入 {path}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>--size must be between 200x150 and 8000x8000</source>
        <translation>--size 必须在 200x150 到 8000x8000 之间</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>--size must look like 1000x600, not {text}</source>
        <translation>--size 的格式应如 1000x600，而不是 {text}</translation>
    </message>
    <message>
        <source>Add a competitor to the customer; when it already has one of that name, change the fields given. The competitors&apos; shares may add up to 100 % at most.</source>
        <translation>为客户添加竞争对手；已有同名竞争对手时，修改所给的字段。各竞争对手的份额合计最多 100%。</translation>
    </message>
    <message>
        <source>transactions: read dates such as 3/4/2024 day first (dmy) or month first (mdy); needed only when no date in the column tells (a first part above 12 means day first, a second one month first); ymd reads a two-digit year first, as in 24/12/31, and refuses dates with the year last</source>
        <translation>transactions：把 3/4/2024 这样的日期按日在前（dmy）或月在前（mdy）读取；只有当该列中没有能判断顺序的日期时才需要（第一部分大于 12 说明日在前，第二部分大于 12 说明月在前）；ymd 按两位年份在前读取（如 24/12/31），年份在后的日期将被拒绝</translation>
    </message>
    <message>
        <source>Undid import {batch} ({kind} from {source}, {at}): rows removed: {removed}; records put back: {reverted}.</source>
        <translation>已撤销导入 {batch}（{kind}，来自 {source}，{at}）：删除 {removed} 行，恢复 {reverted} 条记录。</translation>
    </message>
    <message>
        <source>New lines: {lines}; orders: {orders}, returns: {returns}, zero-value lines (no orders): {zero}.</source>
        <translation>新增 {lines} 行：{orders} 个订单，{returns} 笔退货，{zero} 行零金额（不算订单）。</translation>
    </message>
    <message>
        <source>To make the customers this file names that the book does not have, run it again with --create-customers.</source>
        <translation>要新建文件中提到而客户簿中还没有的客户，请加上 --create-customers 重新运行。</translation>
    </message>
    <message>
        <source>language of sheet names and labels (default: the language of the messages: keyplan --lang, else $KEYPLAN_LANG, else the locale)</source>
        <translation>工作表名称和标签的语言（默认：与提示信息相同：keyplan --lang，否则 $KEYPLAN_LANG，否则按系统区域设置）</translation>
    </message>
    <message>
        <source>Joined the team as {person}, device {device}. This book&apos;s records go to the team at the next sync: keyplan sync FOLDER</source>
        <translation>已以 {person} 的身份加入团队，设备编号 {device}。本客户簿的记录将在下次同步时发送给团队：keyplan sync 文件夹</translation>
    </message>
    <message>
        <source>Synced with {folder}: changes sent: {sent} (packets: {out}); changes merged: {merged} (packets: {into}, records: {records}); conflicts: {conflicts}, waiting: {waiting}, refused: {refused}{rescored}; {seconds} s.</source>
        <translation>已与 {folder} 同步：发送 {sent} 项变更（{out} 个变更包），合并 {into} 个变更包中的 {merged} 项变更（{records} 条记录），冲突 {conflicts} 项，等待 {waiting} 项，拒收 {refused} 个{rescored}；用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>  {who}: last packet {seen}; merged {applied} of {available}, {pending} waiting, {refused} refused</source>
        <translation>  {who}：最近的变更包 {seen}；已合并 {available} 个中的 {applied} 个，{pending} 个待合并，{refused} 个被拒收</translation>
    </message>
    <message>
        <source>  refused: packet {number} of {device} ({reason})</source>
        <translation>  已拒收：{device} 的第 {number} 个变更包（{reason}）</translation>
    </message>
    <message>
        <source>This book is now a member of its own: device {device}. The original keeps its device id; what it sent is merged here as a member&apos;s.</source>
        <translation>本客户簿现已成为独立成员：设备编号 {device}。原客户簿保留其设备编号；它发送的变更将作为一位成员的变更合并到这里。</translation>
    </message>
    <message>
        <source>    checkpoint up to its packet {number}</source>
        <translation>    检查点截至其第 {number} 个变更包</translation>
    </message>
    <message>
        <source>This book syncs from this computer from now on (device {device}).</source>
        <translation>从现在起，本客户簿在这台电脑上同步（设备编号 {device}）。</translation>
    </message>
    <message>
        <source>, rescored ({tiers} tiers changed)</source>
        <translation type="vanished">，已重新评分（{tiers} 个分级有变化）</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示本帮助信息并退出</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需的参数：%s</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选项：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多需要一个值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个值</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个值</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>需要以下参数之一：%s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>有歧义的选项：%(option)s 可能是 %(matches)s</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了显式给出的值 %r</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知的命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>意外的选项：%s</translation>
    </message>
    <message>
        <source>about {seconds} s left</source>
        <translation>约剩 {seconds} 秒</translation>
    </message>
    <message>
        <source>about {minutes} min left</source>
        <translation>约剩 {minutes} 分钟</translation>
    </message>
</context>
<context>
    <name>Competition</name>
    <message>
        <source>Us</source>
        <extracomment>Width of the bar in pixels. The narrowest part of the bar that still holds its percentage (&quot;10 %&quot; and its padding).</extracomment>
        <translation>我方</translation>
    </message>
    <message>
        <source>Competition</source>
        <translation>竞争</translation>
    </message>
    <message>
        <source>No competitor recorded yet: who else supplies this customer, and with what share of its spend?</source>
        <translation>尚未记录竞争对手：还有谁在向该客户供货，占其采购额的多少？</translation>
    </message>
    <message>
        <source>And {count} more.</source>
        <translation>另有 {count} 家。</translation>
    </message>
    <message>
        <source>SWOT of the plan {period}</source>
        <translation>{period}经营计划的 SWOT 分析</translation>
    </message>
    <message>
        <source>No SWOT yet: SWOT… on the Plan tab.</source>
        <translation>尚无 SWOT 分析：可在“计划”标签页点击“SWOT…”。</translation>
    </message>
    <message>
        <source>High threat</source>
        <extracomment>The share-of-wallet bar: ours, then each competitor in turn, then what is not estimated. Header colour of each SWOT box (the usual green, red, blue, amber).</extracomment>
        <translation>高威胁</translation>
    </message>
    <message>
        <source>Medium threat</source>
        <translation>中等威胁</translation>
    </message>
    <message>
        <source>Low threat</source>
        <translation>低威胁</translation>
    </message>
    <message>
        <source>Strengths (S)</source>
        <translation>优势（S）</translation>
    </message>
    <message>
        <source>Weaknesses (W)</source>
        <translation>劣势（W）</translation>
    </message>
    <message>
        <source>Opportunities (O)</source>
        <translation>机会（O）</translation>
    </message>
    <message>
        <source>Threats (T)</source>
        <translation>威胁（T）</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Products they supply</source>
        <translation>其供应的产品</translation>
    </message>
    <message>
        <source>Share of wallet %</source>
        <translation>钱包份额 %</translation>
    </message>
    <message>
        <source>Threat</source>
        <translation>威胁</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>优势</translation>
    </message>
    <message>
        <source>Weaknesses</source>
        <translation>劣势</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Last reviewed</source>
        <translation>上次评估</translation>
    </message>
    <message>
        <source>Our share of wallet is unknown until a competitor&apos;s share is estimated.</source>
        <translation>在估计出竞争对手的份额之前，我方的钱包份额未知。</translation>
    </message>
    <message>
        <source>Our share of wallet: {ours} (competitors {theirs}).</source>
        <translation>我方钱包份额：{ours}（竞争对手 {theirs}）。</translation>
    </message>
    <message>
        <source>The customer&apos;s yearly spend: about {total}.</source>
        <translation>该客户的年采购额：约 {total}。</translation>
    </message>
</context>
<context>
    <name>CompetitionTab</name>
    <message>
        <source>Add competitor…</source>
        <translation>添加竞争对手…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No competitor recorded. Note who else supplies this customer, what share of its spend they take and how much of a threat they are.</source>
        <translation>尚未记录竞争对手。请记下还有谁在向该客户供货、占其采购额的多少，以及威胁程度。</translation>
    </message>
    <message>
        <source>Competitor deleted: {name}</source>
        <translation>已删除竞争对手：{name}</translation>
    </message>
</context>
<context>
    <name>CompetitorForm</name>
    <message>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>How they compare</source>
        <translation>对比情况</translation>
    </message>
    <message>
        <source>0–100, empty when unknown</source>
        <translation>0–100，未知时留空</translation>
    </message>
    <message>
        <source>What they sell this customer</source>
        <translation>其向该客户销售的产品</translation>
    </message>
</context>
<context>
    <name>CompetitorFormDialog</name>
    <message>
        <source>New competitor</source>
        <translation>新建竞争对手</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>{kind}: {caption}</source>
        <translation>{kind}：{caption}</translation>
    </message>
    <message>
        <source>Deleted, then edited</source>
        <translation>先删除，后又修改</translation>
    </message>
    <message>
        <source>One side deleted this record and the other edited it later: the record was brought back.</source>
        <translation>一方删除了这条记录，另一方随后又修改了它：记录已恢复。</translation>
    </message>
    <message>
        <source>Both sides added the same record: they were made one.</source>
        <translation>双方添加了同一条记录：已合并为一条。</translation>
    </message>
    <message>
        <source>Both sides changed this field: the later change stands, the other was set aside.</source>
        <translation>双方都修改了这个字段：以较晚的修改为准，另一个值已暂存。</translation>
    </message>
    <message>
        <source>device {id}</source>
        <translation>设备 {id}</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方的值</translation>
    </message>
    <message>
        <source>Keep ours</source>
        <translation>保留我方的值</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Our value</source>
        <translation>我方的值</translation>
    </message>
    <message>
        <source>Their value</source>
        <translation>对方的值</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>One click</source>
        <translation>一键处理</translation>
    </message>
    <message>
        <source>Click to make the value set aside the current one (sent to the team at the next sync)</source>
        <translation>点击即改用暂存的值（下次同步时发送给团队）</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Role in the buying decision</source>
        <translation>在采购决策中的角色</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Weight in the buying decision: 1 low, 5 decisive</source>
        <translation>在采购决策中的分量：1 很小，5 起决定作用</translation>
    </message>
    <message>
        <source>Main contact at this customer</source>
        <translation>该客户的主要联系人</translation>
    </message>
    <message>
        <source>Nobody (top of the map)</source>
        <translation>无（位于关系图顶端）</translation>
    </message>
    <message>
        <source>The colleague on our side who keeps in touch with this person</source>
        <translation>我方负责与此人保持联系的同事</translation>
    </message>
    <message>
        <source>Reports to</source>
        <translation>汇报对象</translation>
    </message>
    <message>
        <source>Covered by (us)</source>
        <translation>我方对接人</translation>
    </message>
</context>
<context>
    <name>ContactFormDialog</name>
    <message>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <source>Contact: {name}</source>
        <translation>联系人：{name}</translation>
    </message>
</context>
<context>
    <name>ContactLevelsView</name>
    <message>
        <source>Raise the level of contact: who we know at each level of the decision, and where we are missing.</source>
        <translation>提高沟通层级：在决策的每个层级我们认识谁，还缺谁。</translation>
    </message>
    <message>
        <source>covered by {name}</source>
        <translation>由 {name} 对接</translation>
    </message>
    <message>
        <source>not covered</source>
        <translation>无人对接</translation>
    </message>
    <message>
        <source>last met {date}</source>
        <translation>最近见面 {date}</translation>
    </message>
    <message>
        <source>never met</source>
        <translation>从未见面</translation>
    </message>
    <message>
        <source>Gap: nobody known at this level.</source>
        <translation>缺口：此层级无已知联系人。</translation>
    </message>
    <message>
        <source>nobody here supports us</source>
        <translation>此处无人支持我们</translation>
    </message>
    <message>
        <source>nobody on our side covers them</source>
        <translation>我方无人对接他们</translation>
    </message>
    <message>
        <source>Gap: {gaps}.</source>
        <translation>缺口：{gaps}。</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Buying role</source>
        <translation>采购角色</translation>
    </message>
    <message>
        <source>Influence</source>
        <translation>影响力</translation>
    </message>
    <message>
        <source>Attitude to us</source>
        <translation>对我方态度</translation>
    </message>
    <message>
        <source>Main contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近接触</translation>
    </message>
    <message>
        <source>Reports to</source>
        <translation>汇报对象</translation>
    </message>
    <message>
        <source>Covered by</source>
        <translation>我方对接人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Add contact…</source>
        <extracomment>The widest a column of the list gets (pixels) when fitted to its contents. A title&apos;s margins and the sorted column&apos;s arrow in the header (pixels).</extracomment>
        <translation>添加联系人…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>关系图</translation>
    </message>
    <message>
        <source>By level</source>
        <translation>按层级</translation>
    </message>
    <message>
        <source>Who reports to whom, as an org chart</source>
        <translation>以组织结构图显示汇报关系</translation>
    </message>
    <message>
        <source>Raise the level of contact: the gaps by level</source>
        <translation>提高沟通层级：各层级的缺口</translation>
    </message>
    <message>
        <source>No contacts yet. Add the people who buy, decide and influence at this customer.</source>
        <translation>还没有联系人。请添加该客户中负责采购、做决策和有影响力的人。</translation>
    </message>
    <message>
        <source>Contact {name} deleted.</source>
        <translation>已删除联系人 {name}。</translation>
    </message>
</context>
<context>
    <name>CustomerBookView</name>
    <message>
        <source>No customer matches the search and filters. Clear them to see the whole book.</source>
        <translation>没有符合搜索和筛选条件的客户。清除条件即可查看全部客户。</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>Customer</source>
        <extracomment>The form&apos;s own field (not the customer&apos;s): why the relationship level moved.</extracomment>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Relationship and segments</source>
        <translation>关系与细分</translation>
    </message>
    <message>
        <source>Manual overrides</source>
        <translation>人工调整</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Computed (no override)</source>
        <translation>系统计算（不调整）</translation>
    </message>
    <message>
        <source>Why the computed tier does not fit</source>
        <translation>为什么系统计算的分级不合适</translation>
    </message>
    <message>
        <source>Why the computed stage does not fit</source>
        <translation>为什么系统计算的阶段不合适</translation>
    </message>
    <message>
        <source>Comma-separated</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>Say why, when you change the level (kept in its history)</source>
        <translation>修改层级时请说明原因（记入其历史）</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <source>Why the level changed</source>
        <translation>层级变更原因</translation>
    </message>
</context>
<context>
    <name>CustomerFormDialog</name>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Customer: {name}</source>
        <translation>客户：{name}</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Customer</source>
        <extracomment>Native value of the cell (float, date, enum rank...), for sorting and tests. The whole :class:`CustomerRow` of the line. Rows read at a time: a screenful and more. Each row is a look-up on a page of its own, and a new search shows rows never read before: a smaller page is on screen sooner. An id query slower than this sends the next ones to the background (seconds). So does a book this large, however quick its first query happened to be. Ids a background answer shows first when the rest would take long (a few screenfuls). The roles :meth:`CustomerTableModel.data` answers (views also ask for fonts, icons...).</extracomment>
        <translation>客户</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>ABC 类</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系层次</translation>
    </message>
    <message>
        <source>Revenue (12 months)</source>
        <translation>近12个月销售额</translation>
    </message>
    <message>
        <source>Last interaction</source>
        <translation>最近互动</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>{tier} (override)</source>
        <extracomment>Light tints of the one tier palette (charts, header, exports use the same hues), readable with dark text. Emitted after the set of rows changed (new query, sort, refresh); carries the count. Emitted once every id of the rows shown is known (right after ``rows_reset`` when the answer came in one piece).
----------
Search once the keystrokes already queued are in (a zero timer coalesces a burst); on a large book each query runs in the background and a newer one interrupts it. What each column typically holds, to size it before the user does.</extracomment>
        <translation>{tier}（人工调整）</translation>
    </message>
    <message>
        <source>The tier was set by hand and overrides the computed one.</source>
        <translation>此分级为人工设定，覆盖了系统计算的分级。</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>CustomerWorkspace</name>
    <message>
        <source>Overview</source>
        <extracomment>The book was written (any save, delete, undo): refresh lists and rescore. The customer itself was deleted (True) or brought back (False). The Plan tab&apos;s Export button: (customer id, plan period) to write as a workbook.</extracomment>
        <translation>总览</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>互动记录</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Competition</source>
        <translation>竞争</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>经营计划</translation>
    </message>
    <message>
        <source>History</source>
        <translation>变更历史</translation>
    </message>
    <message>
        <source>Log an interaction</source>
        <translation>记录互动</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Export chart</source>
        <extracomment>The book&apos;s charts in dashboard order; the wide ones (two panels, a side legend, many periods) take a whole row, the others share one. The roll-up&apos;s chart is its section&apos;s, under them all (built last: the book&apos;s charts come first, whoever looks).</extracomment>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>The chart could not be saved: {reason}</source>
        <translation>无法保存图表：{reason}</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Snapshot period to compare from</source>
        <translation>比较的起始快照期间</translation>
    </message>
    <message>
        <source>Snapshot period to compare with</source>
        <translation>比较的目标快照期间</translation>
    </message>
</context>
<context>
    <name>Dimensions</name>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Gross profit</source>
        <translation type="vanished">毛利</translation>
    </message>
    <message>
        <source>Profit contribution</source>
        <translation>利润贡献</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>Purchase frequency</source>
        <translation>购买频率</translation>
    </message>
    <message>
        <source>Tenure</source>
        <translation>合作期限</translation>
    </message>
    <message>
        <source>Revenue growth</source>
        <translation>成长性</translation>
    </message>
    <message>
        <source>Payment timeliness</source>
        <translation>付款及时性</translation>
    </message>
    <message>
        <source>Payment credit</source>
        <translation>付款信用</translation>
    </message>
    <message>
        <source>Need quality</source>
        <translation>需求质量</translation>
    </message>
    <message>
        <source>Communication efficiency</source>
        <translation>沟通效率</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation type="vanished">沟通效率</translation>
    </message>
    <message>
        <source>Industry influence</source>
        <translation>行业影响力</translation>
    </message>
    <message>
        <source>Growth potential</source>
        <translation>成长潜力</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>忠诚度</translation>
    </message>
    <message>
        <source>Synergy</source>
        <translation>协同效应</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Relationship level</source>
        <translation>关系层次</translation>
    </message>
    <message>
        <source>Price orientation</source>
        <translation>价格/价值导向</translation>
    </message>
    <message>
        <source>Loyalty segment</source>
        <translation>忠诚度细分</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Tier override</source>
        <translation>人工分级</translation>
    </message>
    <message>
        <source>Reason for the tier override</source>
        <translation>人工分级的理由</translation>
    </message>
    <message>
        <source>Lifecycle override</source>
        <translation>人工生命周期阶段</translation>
    </message>
    <message>
        <source>Reason for the lifecycle override</source>
        <translation>人工设定阶段的理由</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Buying role</source>
        <translation>采购角色</translation>
    </message>
    <message>
        <source>Influence</source>
        <translation>影响力</translation>
    </message>
    <message>
        <source>Attitude to us</source>
        <translation>对我方态度</translation>
    </message>
    <message>
        <source>Primary contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>付款日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <source>Contacts present</source>
        <translation>参与的联系人</translation>
    </message>
    <message>
        <source>Customer feedback</source>
        <translation>客户反馈</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>客户情绪</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next step due</source>
        <translation>下一步截止日期</translation>
    </message>
    <message>
        <source>Next step done</source>
        <translation>下一步已完成</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>解决日期</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>应答期限</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Assessed on</source>
        <translation>评估日期</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>Payment credit</source>
        <translation>付款信用</translation>
    </message>
    <message>
        <source>Need quality</source>
        <translation>需求质量</translation>
    </message>
    <message>
        <source>Communication efficiency</source>
        <translation>沟通效率</translation>
    </message>
    <message>
        <source>Industry influence</source>
        <translation>行业影响力</translation>
    </message>
    <message>
        <source>Growth potential</source>
        <translation>成长潜力</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>忠诚度</translation>
    </message>
    <message>
        <source>Synergy</source>
        <translation>协同效应</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>计划期</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>现状分析</translation>
    </message>
    <message>
        <source>Current relationship level</source>
        <translation>当前关系层次</translation>
    </message>
    <message>
        <source>Target relationship level</source>
        <translation>目标关系层次</translation>
    </message>
    <message>
        <source>Review every (days)</source>
        <translation>回顾周期（天）</translation>
    </message>
    <message>
        <source>Needs addressed</source>
        <translation>要解决的需求</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Support measures</source>
        <translation>支持措施</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>回顾</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基准值</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Rate (%)</source>
        <translation>比例（%）</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Reports to</source>
        <translation>汇报对象</translation>
    </message>
    <message>
        <source>Covered by (us)</source>
        <translation>我方对接人</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Reviewed on</source>
        <translation>回顾日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Customer kind</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Account owner</source>
        <translation>客户负责人</translation>
    </message>
    <message>
        <source>Notes on the contact</source>
        <translation>关于此人的备注</translation>
    </message>
    <message>
        <source>Need kind</source>
        <translation>需求类型</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Interaction kind</source>
        <translation>互动方式</translation>
    </message>
    <message>
        <source>Objective kind</source>
        <translation>目标类型</translation>
    </message>
    <message>
        <source>Support kind</source>
        <translation>支持类型</translation>
    </message>
    <message>
        <source>SWOT box</source>
        <translation>SWOT 象限</translation>
    </message>
    <message>
        <source>SWOT line text</source>
        <translation>SWOT 条目内容</translation>
    </message>
    <message>
        <source>Order in its box</source>
        <translation>象限内顺序</translation>
    </message>
    <message>
        <source>Changed on</source>
        <translation>变更日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>变更人</translation>
    </message>
    <message>
        <source>Customer</source>
        <comment>record kind</comment>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contact</source>
        <comment>record kind</comment>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Transaction</source>
        <comment>record kind</comment>
        <translation>交易</translation>
    </message>
    <message>
        <source>Interaction</source>
        <comment>record kind</comment>
        <translation>互动</translation>
    </message>
    <message>
        <source>SWOT line</source>
        <comment>record kind</comment>
        <translation>SWOT 条目</translation>
    </message>
    <message>
        <source>Level change</source>
        <comment>record kind</comment>
        <translation>关系层次变更</translation>
    </message>
    <message>
        <source>Need</source>
        <comment>record kind</comment>
        <translation>需求</translation>
    </message>
    <message>
        <source>Assessment</source>
        <comment>record kind</comment>
        <translation>评估</translation>
    </message>
    <message>
        <source>Account plan</source>
        <comment>record kind</comment>
        <translation>经营计划</translation>
    </message>
    <message>
        <source>Plan objective</source>
        <comment>record kind</comment>
        <translation>计划目标</translation>
    </message>
    <message>
        <source>Support measure</source>
        <comment>record kind</comment>
        <translation>支持措施</translation>
    </message>
    <message>
        <source>Plan action</source>
        <comment>record kind</comment>
        <translation>计划行动</translation>
    </message>
    <message>
        <source>Plan review</source>
        <comment>record kind</comment>
        <translation>计划回顾</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Tier</source>
        <extracomment>Filter dimensions: CustomerQuery field and the enum of its values (owners are plain text). The segments (idea 7), each a submenu of one Segment button. The dimensions with a button of their own, in the bar&apos;s order.</extracomment>
        <translation>分级</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>ABC 类</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系层次</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>细分</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Price or value</source>
        <translation>价格/价值导向</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>忠诚度细分</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Chosen on a chart</source>
        <translation>在图表中选定</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Show every customer again (the search stays)</source>
        <translation>重新显示全部客户（保留搜索）</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to KeyPlan</source>
        <translation>欢迎使用 KeyPlan 客户经营计划</translation>
    </message>
    <message>
        <source>Your customer book is empty.</source>
        <translation>您的客户簿还是空的。</translation>
    </message>
    <message>
        <source>Start with realistic demo customers to explore tiers, scores and account plans, or with an empty book for your own customers. Demo data can be removed by creating a new book later.</source>
        <translation>可以先用逼真的演示客户来体验客户分级、价值评分和客户经营计划，也可以从空白客户簿开始录入您自己的客户。之后新建一个客户簿即可不再使用演示数据。</translation>
    </message>
    <message>
        <source>Your name (you can add it later in Preferences)</source>
        <translation>您的姓名（也可以稍后在偏好设置中填写）</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>您的姓名：</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Empty book</source>
        <translation>空白客户簿</translation>
    </message>
    <message>
        <source>Creating demo customers…</source>
        <translation>正在生成演示客户…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>HelpDialogs</name>
    <message>
        <source>Customer value and account planning on your own computer: see which customers matter most, why, and what to do next.</source>
        <translation>在您自己的电脑上做客户价值分析和客户经营计划：看清哪些客户最重要、为什么重要，以及下一步该做什么。</translation>
    </message>
    <message>
        <source>Everything is kept in one local SQLite file; no server, no account, no connection needed.</source>
        <translation>所有数据都保存在一个本地 SQLite 文件中，无需服务器、无需账号、无需联网。</translation>
    </message>
    <message>
        <source>Current book: {path}</source>
        <translation>当前客户簿：{path}</translation>
    </message>
    <message>
        <source>About KeyPlan</source>
        <translation>关于 KeyPlan</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Transactions from {file}</source>
        <extracomment>Fields that hold another record&apos;s id -&gt; that record&apos;s table: the History shows its name (a competitor&apos;s, a contact&apos;s), a plan&apos;s period or the start of a need or objective.</extracomment>
        <translation>交易（来自 {file}）</translation>
    </message>
    <message>
        <source>{kind} records from {file}</source>
        <translation>{kind}（来自 {file}）</translation>
    </message>
    <message>
        <source>{kind}: {caption}</source>
        <translation>{kind}：{caption}</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Team sync set these values aside ({count} open): the value in bold stands now</source>
        <translation>团队同步暂存了以下值（{count} 个未处理）：粗体的值为当前值</translation>
    </message>
    <message>
        <source>Lines added: {count}</source>
        <translation>新增 {count} 笔</translation>
    </message>
    <message>
        <source>Records added: {count}</source>
        <translation>新增 {count} 条</translation>
    </message>
    <message>
        <source>Lines removed: {count}</source>
        <translation>删除行数：{count}</translation>
    </message>
    <message>
        <source>An import is not undone one customer at a time: restore the backup made just before it (File → Backups), which also takes back every later change</source>
        <translation>导入不能按客户逐个撤销：请恢复导入前自动生成的备份（文件 → 备份管理），这也会撤回其后的所有更改</translation>
    </message>
    <message>
        <source>This import was undone; import the file again to bring its rows back</source>
        <translation>该导入已撤销；如需恢复这些行，请重新导入该文件</translation>
    </message>
    <message>
        <source>Undo the whole import of {file}: its new rows are removed and the records it changed get their earlier values back; records changed since are kept</source>
        <translation>撤销 {file} 的整次导入：删除其新增的行，并将其修改过的记录恢复为原值；此后又被修改的记录保持不变</translation>
    </message>
    <message>
        <source>Use the other value</source>
        <translation>改用另一个值</translation>
    </message>
    <message>
        <source>Make the value set aside the current one; it is sent to the team at the next sync</source>
        <translation>把暂存的值设为当前值；下次同步时发送给团队</translation>
    </message>
    <message>
        <source>Show resolved conflicts</source>
        <translation>显示已解决的冲突</translation>
    </message>
    <message>
        <source>Undo the import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Undo the import of {file} ({when})? The {added} rows it added are removed and the {updated} records it changed get their earlier values back. Records changed since the import, and new customers or contacts that later records use, are kept as they are.</source>
        <translation>撤销 {file}（{when}）的导入？将删除其新增的 {added} 行，并将其修改过的 {updated} 条记录恢复为原值。导入后又被修改的记录，以及被后续记录引用的新客户或联系人，将保持不变。</translation>
    </message>
    <message>
        <source>Undoing the import of {file}…</source>
        <translation>正在撤销 {file} 的导入…</translation>
    </message>
    <message>
        <source>Import of {file} undone: {removed} rows removed, {reverted} records put back.</source>
        <translation>已撤销 {file} 的导入：删除 {removed} 行，恢复 {reverted} 条记录。</translation>
    </message>
    <message>
        <source>Kept as they are, changed since the import or used by later records ({count}): {names}</source>
        <translation>保持不变（导入后被修改或被后续记录引用，共 {count} 条）：{names}</translation>
    </message>
    <message>
        <source>{count} lines added</source>
        <translation type="vanished">新增 {count} 笔</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>An import is not undone one customer at a time: restore the backup made just before it (File → Backups)</source>
        <translation type="vanished">导入不能按客户逐个撤销：请恢复导入前自动生成的备份（文件 → 备份管理）</translation>
    </message>
    <message>
        <source>Undo this change</source>
        <translation>撤销此变更</translation>
    </message>
    <message>
        <source>No changes recorded yet. Records generated in bulk (the demo book) have no history until they are edited.</source>
        <translation>尚无更改记录。批量生成的记录（演示客户簿）在被编辑之前没有历史。</translation>
    </message>
    <message>
        <source>Reverse the selected change (all its fields); the reversal is recorded too</source>
        <translation>撤销所选变更（包括其所有字段）；撤销操作本身也会被记录</translation>
    </message>
    <message>
        <source>No changes recorded yet. Records imported or generated in bulk have no history until they are edited.</source>
        <translation type="vanished">还没有变更记录。批量导入或生成的记录在被编辑之前没有历史。</translation>
    </message>
    <message>
        <source>Every change to this customer and its records, newest first, from this and other windows or computers.</source>
        <translation>该客户及其各项记录的所有变更，最新的在前，包括来自其他窗口或其他电脑的变更。</translation>
    </message>
    <message>
        <source>Undo an older change</source>
        <translation>撤销较早的变更</translation>
    </message>
    <message>
        <source>This record was changed again afterwards. Undoing puts back the values from before this change, overwriting the later ones for these fields.</source>
        <translation>此记录之后又被修改过。撤销会恢复这次变更之前的值，并覆盖这些字段后来的修改。</translation>
    </message>
    <message>
        <source>Undo anyway</source>
        <translation>仍然撤销</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>No customer has the code or name &apos;{key}&apos;.</source>
        <translation>没有编号或名称为“{key}”的客户。</translation>
    </message>
    <message>
        <source>{count} customers are named &apos;{key}&apos;; give the customer code.</source>
        <translation>有 {count} 个客户名为“{key}”，请填写客户编号。</translation>
    </message>
    <message>
        <source>Other rows of this customer ({rows}) give other values for {columns}; the first value given is kept.</source>
        <translation type="vanished">该客户的其他行（{rows}）在{columns}上给出了不同的值；保留最先给出的值。</translation>
    </message>
    <message>
        <source>Other values for {columns} than on this customer&apos;s first row (row {first}), on rows: {rows}; the first row&apos;s values are kept.</source>
        <translation>该客户第 {rows} 行的“{columns}”与其首行（第 {first} 行）不同；保留首行的值。</translation>
    </message>
    <message>
        <source>The code &apos;{key}&apos; is new, so a new customer is made, but {count} customer(s) without a code already have this name. If one of them is meant, give it this code first.</source>
        <translation>编号“{key}”是新的，因此会新建一个客户，但已有 {count} 个没有编号的客户同名。如果指的是其中之一，请先给它填上这个编号。</translation>
    </message>
    <message>
        <source>Not a KeyPlan ID; leave the cell empty for a new record.</source>
        <translation>不是 KeyPlan 编号；新记录请将此单元格留空。</translation>
    </message>
    <message>
        <source>The customer has no contact named &apos;{key}&apos;.</source>
        <translation>该客户没有名为“{key}”的联系人。</translation>
    </message>
    <message>
        <source>The customer has no need &apos;{key}&apos;.</source>
        <translation>该客户没有需求“{key}”。</translation>
    </message>
    <message>
        <source>The customer has no account plan for {period}.</source>
        <translation>该客户没有 {period} 的经营计划。</translation>
    </message>
    <message>
        <source>The plan has no objective &apos;{key}&apos;.</source>
        <translation>该计划没有目标“{key}”。</translation>
    </message>
    <message>
        <source>This row has {count} values under {width} column headers, so its values may have moved: a value holding the column separator without quotes (1,200 in a comma-separated file) splits in two. Put such values in quotes, or save the file again from the spreadsheet.</source>
        <translation>此行有 {count} 个值，而表头只有 {width} 列，各值可能已错位：未加引号且含有列分隔符的值（如逗号分隔文件中的 1,200）会被拆成两个。请给这类值加上引号，或从电子表格重新保存该文件。</translation>
    </message>
    <message>
        <source>The row names no customer: its customer column is empty.</source>
        <translation>此行未指明客户：客户列为空。</translation>
    </message>
    <message>
        <source>No customer has the code &apos;{key}&apos;, and a new customer needs a name, which no column of the file gives.</source>
        <translation>没有编号为“{key}”的客户；新建客户需要名称，但文件中没有给出名称的列。</translation>
    </message>
    <message>
        <source>The same customer as row {row}.</source>
        <translation type="vanished">与第 {row} 行是同一个客户。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Customers</source>
        <extracomment>KeyPlan&apos;s own record ids: a whole-book import reads them; a person never needs to see one. What the file dialog offers (python-calamine reads every one of these).</extracomment>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Transactions (sales)</source>
        <translation>交易（销售记录）</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
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
        <source>KeyPlan ID</source>
        <translation>KeyPlan 编号</translation>
    </message>
    <message>
        <source>KeyPlan customer ID</source>
        <translation>KeyPlan 客户编号</translation>
    </message>
    <message>
        <source>Row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>An .xlsx workbook or a CSV file</source>
        <translation type="vanished">.xlsx 工作簿或 CSV 文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Dates such as {example} are:</source>
        <translation>{example} 这样的日期是：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>It holds:</source>
        <translation>文件内容：</translation>
    </message>
    <message>
        <source>Choose a file to see what it would import.</source>
        <translation>选择文件后即可查看将导入的内容。</translation>
    </message>
    <message>
        <source>Import the valid rows and leave the bad ones out</source>
        <translation>导入有效的行，跳过有问题的行</translation>
    </message>
    <message>
        <source>Columns of the file, and what they feed:</source>
        <translation>文件中的列及其对应的字段：</translation>
    </message>
    <message>
        <source>Rows with problems:</source>
        <translation>有问题的行：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import from</source>
        <translation>从文件导入</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation type="vanished">电子表格 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A workbook (.xlsx, .xls, .ods …) or a CSV file</source>
        <translation>工作簿（.xlsx、.xls、.ods …）或 CSV 文件</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Make the customers this file names that the book does not have yet</source>
        <translation>新建文件中提到而客户簿中尚没有的客户</translation>
    </message>
    <message>
        <source>Day first: 31/12/2024</source>
        <translation>日在前：31/12/2024</translation>
    </message>
    <message>
        <source>Month first: 12/31/2024</source>
        <translation>月在前：12/31/2024</translation>
    </message>
    <message>
        <source>Year first: 24/12/31</source>
        <translation>年在前：24/12/31</translation>
    </message>
    <message>
        <source>Dates such as 3/4/2024 are:</source>
        <translation type="vanished">3/4/2024 这样的日期是：</translation>
    </message>
    <message>
        <source>(every row)</source>
        <translation>（所有行）</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>属于</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>不属于</translation>
    </message>
    <message>
        <source>values, separated by commas</source>
        <translation>值，用逗号分隔</translation>
    </message>
    <message>
        <source>Only rows where:</source>
        <translation>仅导入满足条件的行：</translation>
    </message>
    <message>
        <source>The first rows, as they will be imported:</source>
        <translation>前几行（按导入后的样子）：</translation>
    </message>
    <message>
        <source>Spreadsheets and CSV files ({patterns});;All files (*)</source>
        <translation>电子表格和 CSV 文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>{name} (hidden)</source>
        <translation>{name}（隐藏）</translation>
    </message>
    <message>
        <source>Its columns name no customers, contacts or sales that KeyPlan knows: choose what it holds, then match the columns below.</source>
        <translation>其列名不对应 KeyPlan 认识的客户、联系人或销售数据：请选择文件内容，然后在下方匹配各列。</translation>
    </message>
    <message>
        <source>(told from its column headers)</source>
        <translation>（根据列标题判断）</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在检查每一行…</translation>
    </message>
    <message>
        <source>about {seconds} s left</source>
        <translation>约剩 {seconds} 秒</translation>
    </message>
    <message>
        <source>about {minutes} min left</source>
        <translation>约剩 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; holds dates such as {examples} that read both day-first and month-first, and none of its values tells which: choose which they are in the box above.</source>
        <translation>“{column}”列中的日期（如 {examples}）既可按日在前也可按月在前读取，且没有任何值能说明是哪一种：请在上方的框中选择日期顺序。</translation>
    </message>
    <message>
        <source>{path}, sheet &apos;{sheet}&apos;,</source>
        <translation>{path} 的工作表“{sheet}”</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <source>No column of the file feeds {fields} yet: choose, in the boxes below, the column that holds each.</source>
        <translation>文件中还没有列对应到{fields}：请在下方的框中为每一项选择对应的列。</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between fields no column feeds</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>Rows read: {rows}. Valid: {valid} ({creates} new, {updates} updated). With problems: {bad_rows}. Blank or total rows skipped: {skipped}.</source>
        <translation>读取 {rows} 行。有效 {valid} 行（新增 {creates}，更新 {updates}）。有问题 {bad_rows} 行。跳过空行或合计行 {skipped} 行。</translation>
    </message>
    <message>
        <source>Rows read: {rows}. Valid: {valid} ({creates} new, {updates} updates). With problems: {bad_rows}. Blank or total rows skipped: {skipped}.</source>
        <translation type="vanished">读取 {rows} 行。有效 {valid} 行（新增 {creates}，更新 {updates}）。有问题 {bad_rows} 行。跳过空行或合计行 {skipped} 行。</translation>
    </message>
    <message>
        <source>Already in the book, not imported again: {count} (same customer, date, amount, profit, reference and product; rows {rows}).</source>
        <translation>客户簿中已有、不再重复导入：{count} 行（客户、日期、金额、毛利、单号和产品均相同；第 {rows} 行）。</translation>
    </message>
    <message>
        <source>New customers the file names, to be made: {count}.</source>
        <translation>将新建文件中提到的客户：{count} 个。</translation>
    </message>
    <message>
        <source>Left out by the row filter: {count}.</source>
        <translation>被行筛选排除：{count} 行。</translation>
    </message>
    <message>
        <source>Columns matched as saved for files like this on {date}.</source>
        <translation>列的匹配沿用了 {date} 为同类文件保存的设置。</translation>
    </message>
    <message>
        <source>… and more: fix these first.</source>
        <translation>……还有更多：请先修正以上问题。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between row numbers in a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Also as…</source>
        <translation>同时作为…</translation>
    </message>
    <message>
        <source>Feed one more field from this column, e.g. a customer ID that is also the customer&apos;s name</source>
        <translation>用此列再填充一个字段，例如同时作为客户名称的客户编号</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Backing up, then importing…</source>
        <translation>正在备份，然后导入…</translation>
    </message>
    <message>
        <source>Nothing was imported: some rows have problems.</source>
        <translation>未导入任何数据：部分行有问题。</translation>
    </message>
    <message>
        <source>The newest sale in the book is from {date}, more than six months ago: scored as of today, every customer counts as lapsed, so tiers and lifecycle stages say little about this data.</source>
        <translation>客户簿中最新的销售是 {date}，已超过六个月：按今天评分，每个客户都算作流失，因此等级和生命周期阶段对这些数据意义不大。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rescored {customers} customers: {changed} changed tier.</source>
        <translation>已重新评分 {customers} 个客户，其中 {changed} 个客户的等级有变化。</translation>
    </message>
    <message>
        <source>Imported: {created} new, {updated} updated; bad rows left out: {rejected}.</source>
        <translation>已导入：新增 {created}，更新 {updated}；跳过有问题的行 {rejected} 行。</translation>
    </message>
    <message>
        <source>Already in the book, not imported again: {count}.</source>
        <translation>{count} 行已在客户簿中，未重复导入。</translation>
    </message>
    <message>
        <source>New customers made: {count}.</source>
        <translation>新建客户 {count} 个。</translation>
    </message>
    <message>
        <source>Imported: {created} new, {updated} updated; {rejected} bad rows left out.</source>
        <translation type="vanished">已导入：新增 {created}，更新 {updated}；跳过有问题的行 {rejected} 行。</translation>
    </message>
    <message>
        <source>{count} rows already in the book were not imported again.</source>
        <translation type="vanished">{count} 行已在客户簿中，未重复导入。</translation>
    </message>
    <message>
        <source>{count} new customers made.</source>
        <translation type="vanished">新建客户 {count} 个。</translation>
    </message>
</context>
<context>
    <name>InteractionForm</name>
    <message>
        <source>Interaction</source>
        <translation>互动</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>沟通内容</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>What we do next, e.g. send a quote</source>
        <translation>我们接下来要做什么，例如发送报价</translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="vanished">已完成</translation>
    </message>
    <message>
        <source>Tick everyone who took part</source>
        <translation>勾选所有参与的人</translation>
    </message>
</context>
<context>
    <name>InteractionFormDialog</name>
    <message>
        <source>Log an interaction</source>
        <translation>记录互动</translation>
    </message>
    <message>
        <source>Interaction of {date}</source>
        <translation>{date} 的互动</translation>
    </message>
</context>
<context>
    <name>InteractionsTab</name>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Contacts present</source>
        <translation>参与的联系人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>客户情绪</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Customer feedback</source>
        <translation>客户反馈</translation>
    </message>
    <message>
        <source>Log interaction…</source>
        <translation>记录互动…</translation>
    </message>
    <message>
        <source>Log an interaction (Ctrl+I)</source>
        <translation>记录互动（Ctrl+I）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No interactions yet. Log visits, calls and meetings with Ctrl+I.</source>
        <translation>还没有互动记录。用 Ctrl+I 记录拜访、电话和会议。</translation>
    </message>
    <message>
        <source>Interaction of {date} deleted.</source>
        <translation>已删除 {date} 的互动。</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
    <message>
        <source>The team&apos;s new key, shown only this once. The members&apos; books take it up at their next sync by themselves; give it only to someone who joins from now on:</source>
        <translation>团队的新密钥，仅显示这一次。成员的客户簿会在下次同步时自动采用；今后只需交给新加入的人：</translation>
    </message>
    <message>
        <source>The team key, shown only this once:</source>
        <translation>团队密钥（仅显示这一次）：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Give it to each colleague who should share the customers: in File → Team sync… they choose Join a team and paste it, then choose their copy of the shared folder. Anyone who has this key can read the team&apos;s packets, so send it in private (in person, by phone, a private message) and never put it in the shared folder. KeyPlan keeps it in this book and will not show it again.</source>
        <translation>请把它交给每一位需要共享客户的同事：他们在“文件 → 团队同步…”中选择“加入团队”并粘贴密钥，再选择自己电脑上的共享文件夹。任何持有此密钥的人都能读取团队的数据包，所以请私下传递（当面、电话或私信），切勿放进共享文件夹。KeyPlan 会把它保存在本客户簿中，不会再次显示。</translation>
    </message>
    <message>
        <source>I have given it out</source>
        <translation>我已交给同事</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Strategic</source>
        <comment>tier</comment>
        <translation>战略客户</translation>
    </message>
    <message>
        <source>Key</source>
        <comment>tier</comment>
        <translation>重点客户</translation>
    </message>
    <message>
        <source>Standard</source>
        <comment>tier</comment>
        <translation>普通客户</translation>
    </message>
    <message>
        <source>Low value</source>
        <comment>tier</comment>
        <translation>低价值客户</translation>
    </message>
    <message>
        <source>Potential</source>
        <comment>lifecycle stage</comment>
        <translation>潜在</translation>
    </message>
    <message>
        <source>New</source>
        <comment>lifecycle stage</comment>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Active</source>
        <comment>lifecycle stage</comment>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Churned</source>
        <comment>lifecycle stage</comment>
        <translation>流失</translation>
    </message>
    <message>
        <source>Transactional</source>
        <comment>relationship level</comment>
        <translation>交易型</translation>
    </message>
    <message>
        <source>Dependent</source>
        <comment>relationship level</comment>
        <translation>依赖型</translation>
    </message>
    <message>
        <source>Partnership</source>
        <comment>relationship level</comment>
        <translation>合作共赢</translation>
    </message>
    <message>
        <source>Growth partnership</source>
        <comment>relationship level</comment>
        <translation>共同成长</translation>
    </message>
    <message>
        <source>Organisation</source>
        <comment>customer kind</comment>
        <translation>组织客户</translation>
    </message>
    <message>
        <source>Individual</source>
        <comment>customer kind</comment>
        <translation>个人客户</translation>
    </message>
    <message>
        <source>Price-oriented</source>
        <comment>price orientation</comment>
        <translation>价格导向</translation>
    </message>
    <message>
        <source>Value-oriented</source>
        <comment>price orientation</comment>
        <translation>价值导向</translation>
    </message>
    <message>
        <source>Loyal</source>
        <comment>loyalty segment</comment>
        <translation>忠诚客户</translation>
    </message>
    <message>
        <source>Swing</source>
        <comment>loyalty segment</comment>
        <translation>摇摆客户</translation>
    </message>
    <message>
        <source>Multi-brand</source>
        <comment>loyalty segment</comment>
        <translation>多品牌客户</translation>
    </message>
    <message>
        <source>Direct</source>
        <comment>channel</comment>
        <translation>直销</translation>
    </message>
    <message>
        <source>Distributor</source>
        <comment>channel</comment>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Online</source>
        <comment>channel</comment>
        <translation>线上</translation>
    </message>
    <message>
        <source>Phone</source>
        <comment>channel</comment>
        <translation>电话</translation>
    </message>
    <message>
        <source>Requirement</source>
        <comment>need kind</comment>
        <translation>需求</translation>
    </message>
    <message>
        <source>Complaint</source>
        <comment>need kind</comment>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <comment>need kind</comment>
        <translation>建议</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>need status</comment>
        <translation>待处理</translation>
    </message>
    <message>
        <source>In progress</source>
        <comment>need status</comment>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Met</source>
        <comment>need status</comment>
        <translation>已满足</translation>
    </message>
    <message>
        <source>Declined</source>
        <comment>need status</comment>
        <translation>已婉拒</translation>
    </message>
    <message>
        <source>High</source>
        <comment>priority</comment>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <comment>priority</comment>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <comment>priority</comment>
        <translation>低</translation>
    </message>
    <message>
        <source>Visit</source>
        <comment>interaction kind</comment>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Call</source>
        <comment>interaction kind</comment>
        <translation>电话</translation>
    </message>
    <message>
        <source>Meeting</source>
        <comment>interaction kind</comment>
        <translation>会议</translation>
    </message>
    <message>
        <source>E-mail</source>
        <comment>interaction kind</comment>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Message</source>
        <comment>interaction kind</comment>
        <translation>即时消息</translation>
    </message>
    <message>
        <source>Training</source>
        <comment>interaction kind</comment>
        <translation>培训</translation>
    </message>
    <message>
        <source>Event</source>
        <comment>interaction kind</comment>
        <translation>活动</translation>
    </message>
    <message>
        <source>Positive</source>
        <comment>sentiment</comment>
        <translation>积极</translation>
    </message>
    <message>
        <source>Neutral</source>
        <comment>sentiment</comment>
        <translation>中性</translation>
    </message>
    <message>
        <source>Negative</source>
        <comment>sentiment</comment>
        <translation>消极</translation>
    </message>
    <message>
        <source>Decision maker</source>
        <comment>contact role</comment>
        <translation>决策者</translation>
    </message>
    <message>
        <source>Economic buyer</source>
        <comment>contact role</comment>
        <translation>预算审批人</translation>
    </message>
    <message>
        <source>Influencer</source>
        <comment>contact role</comment>
        <translation>影响者</translation>
    </message>
    <message>
        <source>Technical evaluator</source>
        <comment>contact role</comment>
        <translation>技术评估人</translation>
    </message>
    <message>
        <source>User</source>
        <comment>contact role</comment>
        <translation>使用者</translation>
    </message>
    <message>
        <source>Gatekeeper</source>
        <comment>contact role</comment>
        <translation>把关人</translation>
    </message>
    <message>
        <source>Coach</source>
        <comment>contact role</comment>
        <translation>内线</translation>
    </message>
    <message>
        <source>Champion</source>
        <comment>attitude</comment>
        <translation>坚定支持</translation>
    </message>
    <message>
        <source>Supporter</source>
        <comment>attitude</comment>
        <translation>支持</translation>
    </message>
    <message>
        <source>Neutral</source>
        <comment>attitude</comment>
        <translation>中立</translation>
    </message>
    <message>
        <source>Skeptic</source>
        <comment>attitude</comment>
        <translation>怀疑</translation>
    </message>
    <message>
        <source>Opponent</source>
        <comment>attitude</comment>
        <translation>反对</translation>
    </message>
    <message>
        <source>Draft</source>
        <comment>plan status</comment>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Active</source>
        <comment>plan status</comment>
        <translation>执行中</translation>
    </message>
    <message>
        <source>Closed</source>
        <comment>plan status</comment>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>action status</comment>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <comment>action status</comment>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <comment>action status</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <comment>action status</comment>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Revenue</source>
        <comment>objective kind</comment>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Margin</source>
        <comment>objective kind</comment>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>Share of wallet</source>
        <comment>objective kind</comment>
        <translation>钱包份额</translation>
    </message>
    <message>
        <source>Other objective</source>
        <comment>objective kind</comment>
        <translation>其他目标</translation>
    </message>
    <message>
        <source>Rebate</source>
        <comment>support kind</comment>
        <translation>返利</translation>
    </message>
    <message>
        <source>Purchase discount</source>
        <comment>support kind</comment>
        <translation>进货折扣</translation>
    </message>
    <message>
        <source>Promotion support</source>
        <comment>support kind</comment>
        <translation>促销支持</translation>
    </message>
    <message>
        <source>Priority service</source>
        <comment>support kind</comment>
        <translation>优先服务</translation>
    </message>
    <message>
        <source>Customised service</source>
        <comment>support kind</comment>
        <translation>定制服务</translation>
    </message>
    <message>
        <source>Joint development</source>
        <comment>support kind</comment>
        <translation>联合开发</translation>
    </message>
    <message>
        <source>Month</source>
        <comment>snapshot period</comment>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <comment>snapshot period</comment>
        <translation>季度</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <comment>role</comment>
        <translation>销售人员</translation>
    </message>
    <message>
        <source>Manager</source>
        <comment>role</comment>
        <translation>销售经理</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New book…</source>
        <translation>新建客户簿(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open book…</source>
        <translation>打开客户簿(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export portfolio to Excel…</source>
        <translation>将客户组合导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Export account &amp;plan…</source>
        <translation>导出客户经营计划(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Weekly report…</source>
        <translation>周报(&amp;W)…</translation>
    </message>
    <message>
        <source>Export &amp;calendar…</source>
        <translation>导出日历(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;all data…</source>
        <translation>导出全部数据(&amp;A)…</translation>
    </message>
    <message>
        <source>Import all &amp;data…</source>
        <translation>导入全部数据(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Bac&amp;kups…</source>
        <translation>备份管理(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Team sync…</source>
        <translation>团队同步(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo last change</source>
        <translation>撤销上一次修改(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;New customer…</source>
        <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Log an interaction…	Ctrl+I</source>
        <translation>记录互动(&amp;L)…	Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message>
        <source>Play&amp;books…</source>
        <translation>计划模板(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>今日待办(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation>客户列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表盘(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Plans</source>
        <translation>经营计划(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Search customers</source>
        <translation>搜索客户(&amp;S)</translation>
    </message>
    <message>
        <source>C&amp;lear search and filters</source>
        <translation>清除搜索和筛选(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;score now</source>
        <translation>立即重新评分(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About KeyPlan</source>
        <translation>关于 KeyPlan(&amp;A)</translation>
    </message>
    <message>
        <source>Search</source>
        <extracomment>After the window shows, wait this long before background start-up work (backup, lists). Tables whose rows make Today&apos;s overdue count (the side bar shows it at all times). Tables Today also shows (names, tiers), read again when Today is next on screen. Tables the Plans view lists. The views a change may leave stale until they are next shown.</extracomment>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Name, code, contact, tag or pinyin (e.g. hwjs)</source>
        <translation>名称、编号、联系人、标签或拼音（如 hwjs）</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日待办</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>经营计划</translation>
    </message>
    <message>
        <source>Today ({count})</source>
        <translation>今日待办（{count}）</translation>
    </message>
    <message>
        <source>Changes saved by another program were loaded.</source>
        <translation>已载入其他程序保存的更改。</translation>
    </message>
    <message>
        <source>Customers: {shown} of {total}</source>
        <translation>客户：{shown} / {total}</translation>
    </message>
    <message>
        <source>Customers: {total}</source>
        <translation>客户：{total}</translation>
    </message>
    <message>
        <source>Book: {path}</source>
        <translation>客户簿：{path}</translation>
    </message>
    <message>
        <source>another window</source>
        <translation>另一个窗口</translation>
    </message>
    <message>
        <source>the {command} command</source>
        <translation>{command} 命令</translation>
    </message>
    <message>
        <source>This book is also open in {apps}; both can keep working.</source>
        <translation>此客户簿也在{apps}中打开；双方都可以继续工作。</translation>
    </message>
    <message>
        <source>This book has not been scored yet: scoring it now, in the background.</source>
        <translation>此客户簿尚未评分：正在后台评分。</translation>
    </message>
    <message>
        <source>The book was copied to {path} and opened from there.</source>
        <translation>客户簿已复制到 {path}，现从那里打开。</translation>
    </message>
    <message>
        <source>No other recent books</source>
        <translation>没有其他最近打开的客户簿</translation>
    </message>
    <message>
        <source>KeyPlan</source>
        <extracomment>After an edit, wait this long for more edits before rescoring the book once.</extracomment>
        <translation>KeyPlan</translation>
    </message>
    <message>
        <source>The book is damaged</source>
        <translation>客户簿已损坏</translation>
    </message>
    <message>
        <source>No backup of this book passes the integrity check. Keep working on a copy and do not delete the file: it may still be recovered.</source>
        <translation>该客户簿没有任何备份能通过完整性检查。请在副本上继续工作，不要删除此文件：它仍有可能被修复。</translation>
    </message>
    <message>
        <source>KeyPlan can put back the newest backup that passes the integrity check, made {when}. Changes since then are lost; the damaged book is kept with the backups.</source>
        <translation>KeyPlan 可以恢复最新一份通过完整性检查的备份（创建于 {when}）。此后的更改将丢失；损坏的客户簿会保留在备份文件夹中。</translation>
    </message>
    <message>
        <source>Restore that backup</source>
        <translation>恢复该备份</translation>
    </message>
    <message>
        <source>Rescoring the book…</source>
        <translation>正在重新评分…</translation>
    </message>
    <message>
        <source>Rescored {customers} customers in {seconds} s; {changed} changed tier.</source>
        <translation>已在 {seconds} 秒内为 {customers} 位客户重新评分；{changed} 位客户分级有变化。</translation>
    </message>
    <message>
        <source>Daily backup made: {name}</source>
        <translation>已完成每日备份：{name}</translation>
    </message>
    <message>
        <source>Daily backup…</source>
        <translation>正在每日备份…</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The book is also open in another KeyPlan window or command. Close it there first: a book cannot be replaced while it is in use.</source>
        <translation>此客户簿也在另一个 KeyPlan 窗口或命令中打开。请先在那里关闭它：正在使用的客户簿不能被替换。</translation>
    </message>
    <message>
        <source>Restored {backup}; the replaced book was kept as {kept}.</source>
        <translation>已恢复 {backup}；被替换的客户簿已保存为 {kept}。</translation>
    </message>
    <message>
        <source>Restored {backup}.</source>
        <translation>已恢复 {backup}。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的修改。</translation>
    </message>
    <message>
        <source>Undone: a change to {what}.</source>
        <translation>已撤销对 {what} 的一次修改。</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <source>Export portfolio</source>
        <translation>导出客户组合</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the portfolio…</source>
        <translation>正在导出客户组合…</translation>
    </message>
    <message>
        <source>Wrote {path}: {rows} customers.</source>
        <translation>已写入 {path}：{rows} 位客户。</translation>
    </message>
    <message>
        <source>Export account plan</source>
        <translation>导出客户经营计划</translation>
    </message>
    <message>
        <source>Open a customer, or select one in the customer list, to export its account plan.</source>
        <translation>请先打开一个客户，或在客户列表中选中一个客户，再导出其经营计划。</translation>
    </message>
    <message>
        <source>account-plan-{name}</source>
        <translation>客户经营计划-{name}</translation>
    </message>
    <message>
        <source>Exporting the account plan…</source>
        <translation>正在导出客户经营计划…</translation>
    </message>
    <message>
        <source>Wrote the account plan {path}.</source>
        <translation>已导出客户经营计划：{path}。</translation>
    </message>
    <message>
        <source>Writing the weekly report…</source>
        <translation>正在生成周报…</translation>
    </message>
    <message>
        <source>Wrote the weekly report {path}.</source>
        <translation>已生成周报：{path}。</translation>
    </message>
    <message>
        <source>Exporting the calendar…</source>
        <translation>正在导出日历…</translation>
    </message>
    <message>
        <source>Wrote {path}: {events} events. Import it in Outlook, Google Calendar or Apple Calendar; importing a later export updates the same events.</source>
        <translation>已写入 {path}：{events} 个日程。请在 Outlook、Google 日历或 Apple 日历中导入；之后再导入新的导出文件会更新同一批日程。</translation>
    </message>
    <message>
        <source>Export all data</source>
        <translation>导出全部数据</translation>
    </message>
    <message>
        <source>Exporting all data…</source>
        <translation>正在导出全部数据…</translation>
    </message>
    <message>
        <source>Wrote {path}: {rows} records on {sheets} sheets. File → Import all data… in another book brings them back.</source>
        <translation>已写入 {path}：{rows} 条记录，共 {sheets} 张工作表。在另一个客户簿中用“文件 → 导入全部数据…”即可导回。</translation>
    </message>
    <message>
        <source>Import all data</source>
        <translation>导入全部数据</translation>
    </message>
    <message>
        <source>This book already has {count} customers. Records of the workbook that it has (the same KeyPlan ID or code) are updated, the others added. A backup is made first. Import?</source>
        <translation>此客户簿已有 {count} 个客户。工作簿中客户簿已有的记录（KeyPlan 编号或客户编号相同）将被更新，其余记录将被添加。导入前会先备份。是否导入？</translation>
    </message>
    <message>
        <source>Importing all data…</source>
        <translation>正在导入全部数据…</translation>
    </message>
    <message>
        <source>Imported {created} new and {updated} updated records from {file}.</source>
        <translation>已从 {file} 导入 {created} 条新记录，更新 {updated} 条记录。</translation>
    </message>
    <message>
        <source>Nothing was imported: {count} rows have problems. Fix them in the workbook and import it again.</source>
        <translation>未导入任何数据：{count} 行有问题。请在工作簿中修正后重新导入。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open the workbook</source>
        <translation>打开工作簿</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>偏好设置已保存。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Changed elsewhere</source>
        <translation>已在别处修改</translation>
    </message>
    <message>
        <source>This {kind} was saved in another window or by another program while you were editing it. Changes made there to fields you did not touch are taken over; where both sides changed a field, choose which value to keep.</source>
        <translation>在您编辑期间，此{kind}已在另一个窗口或由另一个程序保存。对您未改动字段的修改会直接采用；双方都修改了的字段，请选择保留哪个值。</translation>
    </message>
    <message>
        <source>Taken from the other save</source>
        <translation>采用另一处保存的修改</translation>
    </message>
    <message>
        <source>Changed in both places: choose</source>
        <translation>两处都修改了：请选择</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>您的值</translation>
    </message>
    <message>
        <source>Value saved elsewhere</source>
        <translation>别处保存的值</translation>
    </message>
    <message>
        <source>Save merged</source>
        <translation>保存合并结果</translation>
    </message>
    <message>
        <source>Back to the form</source>
        <translation>返回表单</translation>
    </message>
</context>
<context>
    <name>NeedForm</name>
    <message>
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>The customer&apos;s owner</source>
        <translation>客户负责人</translation>
    </message>
    <message>
        <source>Left empty, it is set from the priority&apos;s service level (Preferences).</source>
        <translation>留空时按优先级的处理时限自动设置（见偏好设置）。</translation>
    </message>
    <message>
        <source>How it was met, or why it was declined</source>
        <translation>如何满足的，或为什么婉拒</translation>
    </message>
</context>
<context>
    <name>NeedFormDialog</name>
    <message>
        <source>Mark as met</source>
        <translation>标记为已满足</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>婉拒</translation>
    </message>
    <message>
        <source>New need</source>
        <translation>新建需求</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>需求</translation>
    </message>
</context>
<context>
    <name>NeedsTab</name>
    <message>
        <source>Status</source>
        <extracomment>An open need past its answer-by date.</extracomment>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>应答期限</translation>
    </message>
    <message>
        <source>Late: past its answer-by date</source>
        <translation>已逾期：超过应答期限</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解决日期</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Add need…</source>
        <translation>添加需求…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Mark met…</source>
        <translation>标记已满足…</translation>
    </message>
    <message>
        <source>Decline…</source>
        <translation>婉拒…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No needs recorded. Log what the customer asks for, complains about or suggests.</source>
        <translation>还没有需求记录。请记录客户提出的需求、投诉和建议。</translation>
    </message>
    <message>
        <source>{open} open (of which {complaints} complaints), {closed} closed</source>
        <translation>{open} 项未解决（其中投诉 {complaints} 项），{closed} 项已关闭</translation>
    </message>
    <message>
        <source>{kind} deleted: {text}</source>
        <translation>已删除{kind}：{text}</translation>
    </message>
</context>
<context>
    <name>NewPlanDialog</name>
    <message>
        <source>New account plan</source>
        <translation>新建经营计划</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>计划期：</translation>
    </message>
    <message>
        <source>A year (2027), half-year (2027-H1), quarter (2027-Q3) or month (2027-05)</source>
        <translation type="vanished">年度（2027）、半年（2027-H1）、季度（2027-Q3）或月份（2027-05）</translation>
    </message>
    <message>
        <source>A year, half year, quarter or month</source>
        <translation>年度、半年、季度或月度</translation>
    </message>
    <message>
        <source>Carry over what is still open from the last plan</source>
        <translation>从上一期计划中结转尚未完成的内容</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>This customer has a plan for {period} already: open it from the list.</source>
        <translation>该客户已有 {period} 的经营计划：请在列表中打开。</translation>
    </message>
</context>
<context>
    <name>ObjectiveForm</name>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Revenue and margin objectives are measured from the transactions of the period</source>
        <translation>销售额和毛利率目标根据计划期内的交易自动计算</translation>
    </message>
    <message>
        <source>e.g. 1200000, or 25 for 25 %</source>
        <translation>例如 1200000；25 表示 25%</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>客户价值</translation>
    </message>
    <message>
        <source>Not scored yet: rescore the book (View → Rescore now) to see its tier and why.</source>
        <translation>尚未评分：重新评分（视图 → 立即重新评分）后即可看到客户等级及原因。</translation>
    </message>
    <message>
        <source>set by hand</source>
        <translation>人工设定</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Carried by {strong}; weakest: {weak}.</source>
        <translation>主要得分来自{strong}；最弱：{weak}。</translation>
    </message>
    <message>
        <source>{points:.1f} points to {tier}.</source>
        <translation>距{tier}还差 {points:.1f} 分。</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Last 12 months: {revenue} ({change} on the 12 before)</source>
        <translation>近12个月：{revenue}（较之前12个月 {change}）</translation>
    </message>
    <message>
        <source>{month}: {revenue}</source>
        <translation>{month}：{revenue}</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联络</translation>
    </message>
    <message>
        <source>No interaction logged yet.</source>
        <translation>尚无互动记录。</translation>
    </message>
    <message>
        <source>Last: {date} ({days} days ago), {kind}: {summary}</source>
        <translation>最近：{date}（{days} 天前），{kind}：{summary}</translation>
    </message>
    <message>
        <source>Next: {step}, due {date}</source>
        <translation>下一步：{step}，截止 {date}</translation>
    </message>
    <message>
        <source>Open needs and complaints ({count})</source>
        <translation>未解决的需求与投诉（{count}）</translation>
    </message>
    <message>
        <source>None open.</source>
        <translation>没有未解决的。</translation>
    </message>
    <message>
        <source>answer by {date}</source>
        <translation>应答期限 {date}</translation>
    </message>
    <message>
        <source>Account plan</source>
        <translation>客户经营计划</translation>
    </message>
    <message>
        <source>No plan yet: New plan… on the Plan tab.</source>
        <translation>尚无经营计划：请在“经营计划”标签页选择“新建计划…”。</translation>
    </message>
    <message>
        <source>{period}, {status}: {met} of {count} objectives met; {elapsed} of the period gone.</source>
        <translation>{period}，{status}：{count} 个目标中已完成 {met} 个；期间已过 {elapsed}。</translation>
    </message>
    <message>
        <source>Key contacts</source>
        <translation>关键联系人</translation>
    </message>
    <message>
        <source>No contact yet.</source>
        <translation>尚无联系人。</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PartsField</name>
    <message>
        <source>Add…</source>
        <extracomment>Column widths (in digits) of each list of plan parts.</extracomment>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Support measure</source>
        <translation>支持措施</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>回顾</translation>
    </message>
</context>
<context>
    <name>PeriodField</name>
    <message>
        <source>{year}</source>
        <extracomment>How many periods before and after today&apos;s each list offers. A period with less than this share left is &quot;nearly over&quot;: the next one is suggested. A period of each length, for models.plan_periods.period_containing.</extracomment>
        <translation>{year}年</translation>
    </message>
    <message>
        <source>H1 {year}</source>
        <translation>{year}年上半年</translation>
    </message>
    <message>
        <source>H2 {year}</source>
        <translation>{year}年下半年</translation>
    </message>
    <message>
        <source>Q1 {year}</source>
        <translation>{year}年一季度</translation>
    </message>
    <message>
        <source>Q2 {year}</source>
        <translation>{year}年二季度</translation>
    </message>
    <message>
        <source>Q3 {year}</source>
        <translation>{year}年三季度</translation>
    </message>
    <message>
        <source>Q4 {year}</source>
        <translation>{year}年四季度</translation>
    </message>
    <message>
        <source>{month}/{year}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Half year</source>
        <translation>半年</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月度</translation>
    </message>
</context>
<context>
    <name>PlanForm</name>
    <message>
        <source>{kind}: {text}</source>
        <translation>{kind}：{text}</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Relationship and needs</source>
        <translation>关系与需求</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>现状分析</translation>
    </message>
    <message>
        <source>e.g. 2027-H1</source>
        <translation type="vanished">例如 2027-H1</translation>
    </message>
    <message>
        <source>Open needs this plan addresses</source>
        <translation>本计划要解决的未完成需求</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支持措施</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>回顾</translation>
    </message>
</context>
<context>
    <name>PlanFormDialog</name>
    <message>
        <source>Account plan {period}</source>
        <translation>{period} 经营计划</translation>
    </message>
</context>
<context>
    <name>PlanParts</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基准值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支持措施</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>For objective</source>
        <translation>对应目标</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>Period</source>
        <translation>计划期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Open actions</source>
        <translation>未完成行动</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>最近截止</translation>
    </message>
    <message>
        <source>New plan…</source>
        <translation>新建计划…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>SWOT…</source>
        <translation>SWOT…</translation>
    </message>
    <message>
        <source>Strengths, weaknesses, opportunities and threats of the selected plan</source>
        <translation>所选经营计划的优势、劣势、机会和威胁</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出工作簿…</translation>
    </message>
    <message>
        <source>The account plan workbook of this period</source>
        <translation>导出该期间的客户经营计划工作簿</translation>
    </message>
    <message>
        <source>No account plan yet. Create one for the coming period: where the relationship stands, what to reach, how to support the customer and who does what by when.</source>
        <translation>还没有经营计划。为下一期制定一份：关系现状、要达成的目标、如何支持客户，以及谁在何时之前做什么。</translation>
    </message>
    <message>
        <source>Account plan {period}</source>
        <translation>{period} 经营计划</translation>
    </message>
    <message>
        <source>Relationship: {current} → target {target}</source>
        <translation>客户关系：{current} → 目标 {target}</translation>
    </message>
    <message>
        <source>Time elapsed: {share}</source>
        <translation>时间进度：{share}</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基准值</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>完成度</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支持措施</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Needs addressed</source>
        <translation>要解决的需求</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>SWOT</source>
        <translation>SWOT 分析</translation>
    </message>
    <message>
        <source>No SWOT yet: SWOT… above.</source>
        <translation>尚无 SWOT 分析：点击上方“SWOT…”。</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>暂无。</translation>
    </message>
    <message>
        <source>SWOT of the plan {period} saved</source>
        <translation>已保存{period}经营计划的 SWOT 分析</translation>
    </message>
    <message>
        <source>Account plan {period} deleted.</source>
        <translation>已删除 {period} 经营计划。</translation>
    </message>
</context>
<context>
    <name>PlansModel</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Open actions</source>
        <translation>未完成行动</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>下一截止日</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>PlansView</name>
    <message>
        <source>Account plans</source>
        <translation>客户经营计划</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>No account plan with the chosen status. Open a customer and choose New plan… on its Plan tab.</source>
        <translation>没有所选状态的经营计划。请打开一个客户，在其“经营计划”标签页中选择“新建计划…”。</translation>
    </message>
    <message>
        <source>No account plan with the chosen status. A plan is made for a customer and a period in the customer&apos;s workspace, or with the plan command.</source>
        <translation type="vanished">没有所选状态的经营计划。可在客户工作区或用 plan 命令为某位客户和某个期间制定计划。</translation>
    </message>
</context>
<context>
    <name>PlaybookListModel</name>
    <message>
        <source>{name} (edited)</source>
        <translation>{name}（已修改）</translation>
    </message>
</context>
<context>
    <name>PlaybooksDialog</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Playbooks</source>
        <translation>计划模板</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>适用：</translation>
    </message>
    <message>
        <source>Relationship level:</source>
        <translation>关系层次：</translation>
    </message>
    <message>
        <source>Review every (days):</source>
        <translation>回顾周期（天）：</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>概述：</translation>
    </message>
    <message>
        <source>New customers only</source>
        <translation>仅限新客户</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>任意层次</translation>
    </message>
    <message>
        <source>One level up</source>
        <translation>提升一个层次</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Target (%)</source>
        <translation>目标值（%）</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Rate (%)</source>
        <translation>比例（%）</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>第几天</translation>
    </message>
    <message>
        <source>For</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Support measures</source>
        <translation>支持措施</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Reset to built-in</source>
        <translation>恢复为内置</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>A revenue target is growth in percent over the customer&apos;s last 12 months; a margin or share of wallet target is the percentage aimed at.</source>
        <translation>销售额目标为比客户近 12 个月销售额增长的百分比；毛利率或钱包份额目标为要达到的百分比。</translation>
    </message>
    <message>
        <source>Day: days after the plan&apos;s start.</source>
        <translation>第几天：计划开始后的天数。</translation>
    </message>
    <message>
        <source>me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>account owner</source>
        <translation>客户负责人</translation>
    </message>
    <message>
        <source>New playbook</source>
        <translation>新计划模板</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name}（副本）</translation>
    </message>
    <message>
        <source>Delete playbook</source>
        <translation>删除计划模板</translation>
    </message>
    <message>
        <source>Delete the playbook {name}? Plans made from it keep what they took.</source>
        <translation>删除计划模板 {name}？由它创建的计划保留已有内容。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation type="vanished">评分</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>定期回顾</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>You</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>Your name, as customers&apos; owner names you</source>
        <translation>您的姓名（与客户负责人一栏一致）</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>New customers are yours by default, and Today shows your work first. Kept on this computer for this book.</source>
        <translation>新客户默认由您负责，今日待办优先显示您的工作。此设置仅保存在本机、仅对本客户簿有效。</translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <source>Daily backups to keep:</source>
        <translation>保留每日备份数：</translation>
    </message>
    <message>
        <source>Weekly backups to keep:</source>
        <translation>保留每周备份数：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Team sync every:</source>
        <translation>团队同步间隔：</translation>
    </message>
    <message>
        <source>Remind me when follow-ups and plan actions fall due</source>
        <translation>跟进事项和计划行动到期时提醒我</translation>
    </message>
    <message>
        <source>Weights of the value dimensions (they add up to 100 %)</source>
        <translation>价值维度权重（合计须为 100 %）</translation>
    </message>
    <message>
        <source>Apply a preset…</source>
        <translation>套用预设…</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Revenue first</source>
        <translation>销售额优先</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <source>Strategic potential</source>
        <translation>战略潜力</translation>
    </message>
    <message>
        <source>Tier thresholds and classes</source>
        <translation>分级阈值与 ABC 分类</translation>
    </message>
    <message>
        <source>Lowest score for {tier}:</source>
        <translation>{tier}最低得分：</translation>
    </message>
    <message>
        <source>Strategic also needs revenue in the top</source>
        <translation>战略客户的销售额还须位于前</translation>
    </message>
    <message>
        <source>Class A closes at cumulative revenue:</source>
        <translation>A 类截至累计销售额：</translation>
    </message>
    <message>
        <source>Class B closes at cumulative revenue:</source>
        <translation>B 类截至累计销售额：</translation>
    </message>
    <message>
        <source>How often each tier is reviewed, and the longest silence tolerated before the Today view lists the customer.</source>
        <translation>各分级客户的定期回顾间隔，也是“今日待办”列出该客户之前可容忍的最长未联系天数。</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Days to answer a need or complaint, by its priority, from the day it was raised (its due date; Today lists it when late).</source>
        <translation>按优先级设置需求或投诉的处理时限（自提出之日起的天数，即应答期限；逾期后会列入今日待办）。</translation>
    </message>
    <message>
        <source>A customer with no purchase yet is a potential one; new while its first purchase is recent; churned when its last purchase is older than the churn window; active otherwise. Revenue, profit and the other figures are read over the scoring window. Saving a change rescores the book.</source>
        <translation>尚未购买的客户为潜在客户；首次购买不久的为新客户；最近一次购买早于流失期的为流失客户；其余为活跃客户。销售额、利润等数据按评分期统计。保存修改后将重新评分。</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>New for (since the first purchase):</source>
        <translation>新客户期（自首次购买起）：</translation>
    </message>
    <message>
        <source>Churned after (no purchase for):</source>
        <translation>流失期（无购买超过）：</translation>
    </message>
    <message>
        <source>Scoring window:</source>
        <translation>评分期：</translation>
    </message>
    <message>
        <source>Total: {total} %</source>
        <translation>合计：{total} %</translation>
    </message>
</context>
<context>
    <name>ProductsTab</name>
    <message>
        <source>Bought</source>
        <translation>已购买</translation>
    </message>
    <message>
        <source>Lapsed</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Not bought</source>
        <translation>未购买</translation>
    </message>
    <message>
        <source>{buyers} of {peers} ({share})</source>
        <translation>{peers} 家中 {buyers} 家（{share}）</translation>
    </message>
    <message>
        <source>Product line</source>
        <translation>产品线</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Revenue, 12 months</source>
        <translation>近12个月销售额</translation>
    </message>
    <message>
        <source>Last bought</source>
        <translation>最近购买</translation>
    </message>
    <message>
        <source>Peers buying</source>
        <translation>同类客户购买</translation>
    </message>
    <message>
        <source>Peers&apos; median</source>
        <translation>同类客户中位数</translation>
    </message>
    <message>
        <source>Expected a year</source>
        <translation>预期年销售额</translation>
    </message>
    <message>
        <source>Share of peers buying × their median revenue</source>
        <translation>购买的同类客户占比 × 其销售额中位数</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>提升度</translation>
    </message>
    <message>
        <source>How much more often the peers buy it than the whole book</source>
        <translation>同类客户购买的频率是全部客户的多少倍</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Lines to propose, best first</source>
        <translation>建议推荐的产品线（按得分）</translation>
    </message>
    <message>
        <source>not scored yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <source>{tier} · {kind}</source>
        <translation>{tier} · {kind}</translation>
    </message>
    <message>
        <source>{tier}, every kind (too few of its own kind)</source>
        <translation>{tier}，各类型（同类型客户太少）</translation>
    </message>
    <message>
        <source>the whole book (too few in its tier)</source>
        <translation>全部客户（同等级客户太少）</translation>
    </message>
    <message>
        <source>Buys {bought} of {lines} product lines in the 12 months to {day}. Peers: {count} customers, {group}.</source>
        <translation>截至 {day} 的近12个月购买了 {lines} 条产品线中的 {bought} 条。同类客户：{count} 家，{group}。</translation>
    </message>
    <message>
        <source>{line}: {buyers} of {peers} peers ({share}) bought it in the last 12 months, a median of {median} each; offered to this customer that is about {score} a year.</source>
        <translation>{line}：近12个月 {peers} 家同类客户中有 {buyers} 家（{share}）购买，每家销售额中位数 {median}；向该客户推荐，预计每年约 {score}。</translation>
    </message>
    <message>
        <source>Its peers buy it {lift:.1f} times as often as the whole book.</source>
        <translation>同类客户购买它的频率是全部客户的 {lift:.1f} 倍。</translation>
    </message>
    <message>
        <source>It bought it until {day}: win it back.</source>
        <translation>该客户最后一次购买在 {day}：值得争取恢复。</translation>
    </message>
    <message>
        <source>Nothing to propose: it buys every line its peers buy, or its peers buy too little to go by.</source>
        <translation>没有可推荐的：同类客户购买的产品线它都已购买，或同类客户购买太少，无从参考。</translation>
    </message>
</context>
<context>
    <name>ProfileTab</name>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Delete customer…</source>
        <translation>删除客户…</translation>
    </message>
    <message>
        <source>Delete customer</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <source>Delete {name}? Its contacts, interactions and plans stay in the book and come back if you undo.</source>
        <translation>删除 {name}？其联系人、互动记录和计划仍保留在客户档案中，撤销删除后会一并恢复。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Customer {name} deleted.</source>
        <translation>已删除客户 {name}。</translation>
    </message>
</context>
<context>
    <name>ProfitSection</name>
    <message>
        <source>Its support costs more than the profit it brings.</source>
        <translation>给予的支持成本超过了该客户带来的利润。</translation>
    </message>
    <message>
        <source>Last 12 months: revenue {revenue}, profit {profit}.</source>
        <translation>近12个月：销售额 {revenue}，利润 {profit}。</translation>
    </message>
    <message>
        <source>No support granted in its plans in these 12 months.</source>
        <translation>近12个月其经营计划中没有给予支持。</translation>
    </message>
    <message>
        <source>Support granted in its plans: {cost} (1 measure{share}); profit after support: {after}.</source>
        <translation>经营计划中给予的支持：{cost}（1 项措施{share}）；扣除支持后利润：{after}。</translation>
    </message>
    <message>
        <source>Support granted in its plans: {cost} ({count} measures{share}); profit after support: {after}.</source>
        <translation>经营计划中给予的支持：{cost}（{count} 项措施{share}）；扣除支持后利润：{after}。</translation>
    </message>
    <message>
        <source>, {share} of the profit</source>
        <translation>，占利润的 {share}</translation>
    </message>
    <message>
        <source>One of them states neither a cost nor a rate and is not counted.</source>
        <translation>其中 1 项既未注明成本也未注明比例，未计入。</translation>
    </message>
    <message>
        <source>{count} of them state neither a cost nor a rate and are not counted.</source>
        <translation>其中 {count} 项既未注明成本也未注明比例，未计入。</translation>
    </message>
    <message>
        <source>Profit after support</source>
        <translation>扣除支持后利润</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>This form has changes that are not saved. Discard them?</source>
        <translation>此表单有尚未保存的修改。要放弃这些修改吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>QuadrantBox</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Move up (Ctrl+Up)</source>
        <translation>上移（Ctrl+↑）</translation>
    </message>
    <message>
        <source>Move down (Ctrl+Down)</source>
        <translation>下移（Ctrl+↓）</translation>
    </message>
    <message>
        <source>Double-click or Enter edits a line, Delete removes it</source>
        <translation>双击或按 Enter 编辑条目，按 Delete 删除</translation>
    </message>
</context>
<context>
    <name>RecordFormDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
</context>
<context>
    <name>RecordSaver</name>
    <message>
        <source>This record was deleted in another window, so it cannot be saved. Close the form, or undo the delete first.</source>
        <extracomment>The merge dialog was opened (tests and callers may want to look at it).</extracomment>
        <translation>此记录已在另一个窗口中被删除，无法保存。请关闭表单，或先撤销删除。</translation>
    </message>
    <message>
        <source>Another customer already has this code.</source>
        <translation>已有其他客户使用此编号。</translation>
    </message>
    <message>
        <source>This record was deleted in another window, so it cannot be saved.</source>
        <translation>此记录已在另一个窗口中被删除，无法保存。</translation>
    </message>
</context>
<context>
    <name>RelationshipMap</name>
    <message>
        <source>Decision level</source>
        <translation>决策层</translation>
    </message>
    <message>
        <source>Management level</source>
        <translation>管理层</translation>
    </message>
    <message>
        <source>Operational level</source>
        <translation>执行层</translation>
    </message>
    <message>
        <source>Single-threaded: everything of the last six months went through {name}. Widen the contacts beyond one person before their role changes.</source>
        <translation>单线联系：近六个月的往来都经由 {name}。请在其职位变动前拓展更多联系人。</translation>
    </message>
    <message>
        <source>Single-threaded: one contact or none known at this account. Map who decides, who influences and who uses.</source>
        <translation>单线联系：此客户仅有一位或没有已知联系人。请梳理谁决策、谁影响、谁使用。</translation>
    </message>
    <message>
        <source>No contact at decision level: nobody known decides, signs or weighs 5 of 5. Raise the level of contact.</source>
        <translation>决策层无联系人：已知联系人中无人决策、签字或影响力达到 5 分（满分 5）。请提高沟通层级。</translation>
    </message>
    <message>
        <source>No coverage: no colleague on our side is assigned to any contact here.</source>
        <translation>无人对接：我方没有同事负责此处任何联系人。</translation>
    </message>
    <message>
        <source>Single-threaded</source>
        <translation>单线联系</translation>
    </message>
    <message>
        <source>No decision level</source>
        <translation>缺决策层</translation>
    </message>
    <message>
        <source>Not covered</source>
        <translation>无人对接</translation>
    </message>
    <message>
        <source>Role not known</source>
        <translation>角色未知</translation>
    </message>
    <message>
        <source>never met</source>
        <translation>从未见面</translation>
    </message>
    <message>
        <source>Covered by {name}</source>
        <translation>由 {name} 对接</translation>
    </message>
    <message>
        <source>Not covered by us</source>
        <translation>我方无人对接</translation>
    </message>
</context>
<context>
    <name>RelationshipMapPanel</name>
    <message>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>放大（Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>缩小（Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Show the whole map</source>
        <translation>显示整张关系图</translation>
    </message>
    <message>
        <source>Lines: who reports to whom. Colour: attitude to us. Double-click a box to edit.</source>
        <translation>连线：汇报关系。颜色：对我方的态度。双击方框可编辑。</translation>
    </message>
</context>
<context>
    <name>RelationshipSection</name>
    <message>
        <source>Relationship</source>
        <translation>客户关系</translation>
    </message>
    <message>
        <source>{count} contacts; the map raises no flag.</source>
        <translation>{count} 位联系人；关系图未发现问题。</translation>
    </message>
    <message>
        <source>since {date}</source>
        <translation>自 {date} 起</translation>
    </message>
    <message>
        <source>before the history</source>
        <translation>早于历史记录</translation>
    </message>
    <message>
        <source>{date} {level}: {reason}</source>
        <translation>{date} {level}：{reason}</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>KeyPlan: due today</source>
        <extracomment>How often the reminders look (the day&apos;s items change as the user works). The first look after a book opens (the window&apos;s own start-up work goes first). Items named in one notification; more are counted.</extracomment>
        <translation>KeyPlan：今日到期</translation>
    </message>
    <message>
        <source>Open Today</source>
        <translation>打开今日待办</translation>
    </message>
    <message>
        <source>1 item falls due today.</source>
        <translation>今天有 1 项到期。</translation>
    </message>
    <message>
        <source>{count} items fall due today.</source>
        <translation>今天有 {count} 项到期。</translation>
    </message>
    <message>
        <source>1 item became overdue.</source>
        <translation>有 1 项已逾期。</translation>
    </message>
    <message>
        <source>{count} items became overdue.</source>
        <translation>有 {count} 项已逾期。</translation>
    </message>
    <message>
        <source>Review the account plan {period}</source>
        <translation>回顾客户经营计划 {period}</translation>
    </message>
    <message>
        <source>{customer}: {what}</source>
        <translation>{customer}：{what}</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>…… 另有 {count} 项</translation>
    </message>
</context>
<context>
    <name>ReviewForm</name>
    <message>
        <source>Review</source>
        <translation>回顾</translation>
    </message>
</context>
<context>
    <name>RollupModel</name>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>(no owner)</source>
        <translation>（无负责人）</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>销售人员</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Revenue 12 mo.</source>
        <translation>近12个月销售额</translation>
    </message>
    <message>
        <source>The 12 months before: {revenue}</source>
        <translation>上年同期：{revenue}</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>同比</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Active plans</source>
        <translation>执行中计划</translation>
    </message>
    <message>
        <source>Objectives met</source>
        <translation>目标达成</translation>
    </message>
    <message>
        <source>Plan revenue</source>
        <translation>计划销售额</translation>
    </message>
    <message>
        <source>{revenue} of {target} targeted</source>
        <translation>已完成 {revenue}，目标 {target}</translation>
    </message>
    <message>
        <source>Actions done</source>
        <translation>行动完成</translation>
    </message>
    <message>
        <source>{done} of {count} actions done</source>
        <translation>{count} 项行动已完成 {done} 项</translation>
    </message>
    <message>
        <source>Late actions</source>
        <translation>逾期行动</translation>
    </message>
    <message>
        <source>Late follow-ups</source>
        <translation>逾期跟进</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>未解决投诉</translation>
    </message>
    <message>
        <source>Slipping</source>
        <translation>下滑客户</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最近活动</translation>
    </message>
</context>
<context>
    <name>RollupSection</name>
    <message>
        <source>By salesperson</source>
        <translation>按销售人员</translation>
    </message>
    <message>
        <source>Revenue of the last 12 months against the 12 before; the active plans&apos; objectives, revenue against their targets and actions; late work is its own owner&apos;s, else the customer&apos;s owner&apos;s, as Today lists it. Double-click a salesperson to list their customers.</source>
        <translation>近 12 个月收入与之前 12 个月对比；进行中计划的目标、收入与目标对比及行动；逾期事项归其负责人，没有则归客户负责人，与“今日待办”一致。双击某位销售人员可列出其客户。</translation>
    </message>
</context>
<context>
    <name>ScoreTab</name>
    <message>
        <source>{count} invoices</source>
        <translation type="vanished">{count} 张发票</translation>
    </message>
    <message>
        <source>{count} orders</source>
        <translation>{count} 个订单</translation>
    </message>
    <message>
        <source>{months} months</source>
        <translation>{months} 个月</translation>
    </message>
    <message>
        <source>{rating} / 5</source>
        <translation>{rating} / 5</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>原始值</translation>
    </message>
    <message>
        <source>Points (0–100)</source>
        <translation>得分（0–100）</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>贡献</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>missing: scored as 50</source>
        <translation>缺失：按 50 分计</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>已计量</translation>
    </message>
    <message>
        <source>Loading the explanation…</source>
        <translation>正在加载评分说明…</translation>
    </message>
    <message>
        <source>The explanation could not be computed: {error}</source>
        <translation>无法计算评分说明：{error}</translation>
    </message>
    <message>
        <source>Not scored yet: rescore the book to see why this customer has its tier.</source>
        <translation>尚未评分：重新评分后即可看到该客户分级的依据。</translation>
    </message>
    <message>
        <source>Score {score} → {tier}</source>
        <translation>评分 {score} → {tier}</translation>
    </message>
    <message>
        <source>Records changed since the last rescore; these figures are as of {date}.</source>
        <translation>上次评分后记录有变动；以下数字截至 {date}。</translation>
    </message>
    <message>
        <source>Tier set by hand to {tier} (computed: {computed}). Reason: {reason}</source>
        <translation>分级已人工设为{tier}（系统计算：{computed}）。理由：{reason}</translation>
    </message>
    <message>
        <source>Lifecycle stage set by hand. Reason: {reason}</source>
        <translation>生命周期阶段为人工设定。理由：{reason}</translation>
    </message>
    <message>
        <source>Top tier: no higher tier to reach.</source>
        <translation>已是最高级别，没有更高的分级。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{points} points&lt;/b&gt; to {tier}.</source>
        <translation>距{tier}还差 &lt;b&gt;{points} 分&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>The revenue guard holds this customer at Key: strategic customers need at least {revenue} revenue in 12 months.</source>
        <translation>销售额门槛将该客户限制在重点客户：战略客户近12个月销售额至少需要 {revenue}。</translation>
    </message>
    <message>
        <source>What could get it there, most plausible first:</source>
        <translation>可能帮助升级的维度（最可行的在前）：</translation>
    </message>
    <message>
        <source>Together: {dimensions}.</source>
        <translation>组合提升：{dimensions}。</translation>
    </message>
    <message>
        <source>No single dimension can close the gap.</source>
        <translation>没有单个维度能够弥补这个差距。</translation>
    </message>
    <message>
        <source>{dimension}: from {points} to {target} points</source>
        <translation>{dimension}：从 {points} 分提高到 {target} 分</translation>
    </message>
    <message>
        <source> (about {value})</source>
        <translation>（约 {value}）</translation>
    </message>
    <message>
        <source>{dimension}: up to {reach} score points at most</source>
        <translation>{dimension}：最多可增加 {reach} 分</translation>
    </message>
</context>
<context>
    <name>SegmentBreakdown</name>
    <message>
        <source>Customer kind</source>
        <extracomment>Segment column -&gt; the customer list&apos;s filter field (filter_bar.SEGMENT_FIELDS).</extracomment>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Price or value orientation</source>
        <translation>价格/价值导向</translation>
    </message>
    <message>
        <source>Loyalty segment</source>
        <translation>忠诚度细分</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>细分</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Strategic or key</source>
        <translation>战略及重点占比</translation>
    </message>
    <message>
        <source>Revenue 12 mo.</source>
        <translation>近12个月销售额</translation>
    </message>
    <message>
        <source>Tiers by segment</source>
        <translation>按细分看客户分级</translation>
    </message>
    <message>
        <source>Segment:</source>
        <translation>细分：</translation>
    </message>
    <message>
        <source>Scored customers of each segment in each tier, the share of them that are strategic or key, and their revenue of the scoring window. Double-click a row to list its customers.</source>
        <translation>各细分中已评分客户在各级别的数量、战略及重点客户所占比例，以及评分期内的销售额。双击一行可列出其客户。</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Start a team</source>
        <translation>创建团队</translation>
    </message>
    <message>
        <source>This book becomes the team&apos;s first member. You get the team key, shown once: give it to each colleague who should share the customers.</source>
        <translation>本客户簿将成为团队的第一个成员。您会得到团队密钥（只显示一次）：请交给每一位需要共享客户的同事。</translation>
    </message>
    <message>
        <source>Join a team</source>
        <translation>加入团队</translation>
    </message>
    <message>
        <source>Paste the key a member of the team gave you. This book&apos;s customers are sent to the team at the first sync, and the team&apos;s come in.</source>
        <translation>粘贴团队成员给您的密钥。首次同步时，本客户簿的客户会发送给团队，团队的客户也会同步进来。</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>The key is complete.</source>
        <translation>密钥完整无误。</translation>
    </message>
</context>
<context>
    <name>SharedFolderWarning</name>
    <message>
        <source>The book is in a shared folder</source>
        <translation>客户簿位于共享文件夹中</translation>
    </message>
    <message>
        <source>This book is in a folder that {service} shares: {path}</source>
        <translation>此客户簿位于 {service} 共享的文件夹中：{path}</translation>
    </message>
    <message>
        <source>A book file that two computers write through a synced or network folder gets damaged, and a half-synced copy can lose work. Keep the book on this computer: to work as a team, each person keeps their own book and team sync sends only change files through the shared folder.

Copy the book to {target} and open the copy? The file in the shared folder is left as it is.</source>
        <translation>两台电脑通过同步或网络文件夹写入同一个客户簿文件会损坏它，同步到一半的副本还可能丢失数据。请把客户簿放在本机：团队协作时，每人保留自己的客户簿，由团队同步只通过共享文件夹传送变更文件。

要把客户簿复制到 {target} 并打开该副本吗？共享文件夹中的文件保持不变。</translation>
    </message>
    <message>
        <source>The copy takes this book&apos;s place in its team and syncs from this computer; the file left in the shared folder will not sync any more.</source>
        <translation>副本将接替这个客户簿在团队中的位置，今后从这台电脑同步；留在共享文件夹里的文件将不再同步。</translation>
    </message>
    <message>
        <source>Copy to this computer and open it</source>
        <translation>复制到本机并打开</translation>
    </message>
    <message>
        <source>Keep it where it is</source>
        <translation>保持原位</translation>
    </message>
    <message>
        <source>Copying the book to {target}…</source>
        <translation>正在将客户簿复制到 {target}…</translation>
    </message>
    <message>
        <source>Copying the book</source>
        <translation>正在复制客户簿</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>↑ ↓ Page Up/Down</source>
        <translation>↑ ↓ 上翻页/下翻页</translation>
    </message>
    <message>
        <source>Move through the customer list</source>
        <translation>在客户列表中移动</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>Open the selected customer</source>
        <translation>打开选中的客户</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Clear the search (in the search box)</source>
        <translation>清空搜索（在搜索框中）</translation>
    </message>
</context>
<context>
    <name>StartupChecks</name>
    <message>
        <source>Create the folder, or open or start a book somewhere else.</source>
        <translation>请创建该文件夹，或在其他位置打开或新建客户簿。</translation>
    </message>
    <message>
        <source>KeyPlan needs to write beside the book (its journal and backups). Fix the permissions and try again, or open a copy kept in a writable folder.</source>
        <translation>KeyPlan 需要在客户簿旁写入文件（日志和备份）。请修正权限后重试，或打开保存在可写文件夹中的副本。</translation>
    </message>
    <message>
        <source>You can open another book or start a new, empty one.</source>
        <translation>您可以打开其他客户簿，或新建一个空客户簿。</translation>
    </message>
    <message>
        <source>KeyPlan can replace it with the newest backup that passes the integrity check; the damaged file is kept beside the backups.</source>
        <translation>KeyPlan 可以用能通过完整性检查的最新备份替换它；损坏的文件会保存在备份旁边。</translation>
    </message>
    <message>
        <source>Install the newer KeyPlan to open this book, or open another one.</source>
        <translation>请安装较新版本的 KeyPlan 来打开此客户簿，或打开其他客户簿。</translation>
    </message>
    <message>
        <source>Another program holds the book. Close it (or wait for it to finish) and try again.</source>
        <translation>另一个程序正在占用此客户簿。请关闭该程序（或等待其完成）后重试。</translation>
    </message>
    <message>
        <source>Free some disk space and try again.</source>
        <translation>请释放一些磁盘空间后重试。</translation>
    </message>
    <message>
        <source>Create the folder</source>
        <translation>创建文件夹</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Restore the newest good backup</source>
        <translation>恢复最新的完好备份</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checking the backups…</source>
        <translation>正在检查备份…</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>Keep between 1 and 365 backups.</source>
        <translation>保留的备份数量须在 1 到 365 之间。</translation>
    </message>
    <message>
        <source>The backup folder needs at least 10 MB.</source>
        <translation>备份文件夹至少需要 10 MB。</translation>
    </message>
    <message>
        <source>No playbook is called {name}.</source>
        <translation>没有名为 {name} 的计划模板。</translation>
    </message>
    <message>
        <source>{file} is not a playbooks file: {reason}</source>
        <translation>{file} 不是计划模板文件：{reason}</translation>
    </message>
    <message>
        <source>A built-in playbook cannot be deleted; reset it instead.</source>
        <translation>内置计划模板不能删除，可将其恢复为默认。</translation>
    </message>
    <message>
        <source>Sending this book&apos;s changes</source>
        <translation>正在发送本客户簿的更改</translation>
    </message>
    <message>
        <source>Writing this book as a checkpoint</source>
        <translation>正在将本客户簿写为检查点</translation>
    </message>
    <message>
        <source>Merging the team&apos;s changes</source>
        <translation>正在合并团队的更改</translation>
    </message>
    <message>
        <source>The database could not be used: {detail}</source>
        <translation>无法使用该数据库：{detail}</translation>
    </message>
    <message>
        <source>The folder for {path} does not exist. Choose another location or create the folder first.</source>
        <translation>{path} 所在的文件夹不存在。请选择其他位置，或先创建该文件夹。</translation>
    </message>
    <message>
        <source>{path} is read-only. Copy it somewhere writable or change its permissions, then open it again.</source>
        <translation>{path} 是只读的。请将其复制到可写入的位置或修改其权限，然后重新打开。</translation>
    </message>
    <message>
        <source>{path} is not a KeyPlan database (it is not an SQLite file). It was left unchanged.</source>
        <translation>{path} 不是 KeyPlan 数据库（它不是 SQLite 文件）。该文件未被改动。</translation>
    </message>
    <message>
        <source>{path} is damaged ({detail}). It was left unchanged; restore a backup.</source>
        <translation>{path} 已损坏（{detail}）。该文件未被改动，请从备份恢复。</translation>
    </message>
    <message>
        <source>{path} was written by a newer version of KeyPlan (schema {found}, this version knows {known}). Update KeyPlan to open it; the file was left unchanged.</source>
        <translation>{path} 由更新版本的 KeyPlan 写入（数据结构版本 {found}，本版本只支持到 {known}）。请升级 KeyPlan 后再打开；该文件未被改动。</translation>
    </message>
    <message>
        <source>{path} is locked by another program. Close the other program or wait, then try again.</source>
        <translation type="vanished">{path} 已被其他程序锁定。请关闭该程序或稍候，然后重试。</translation>
    </message>
    <message>
        <source>No {kind} matches &apos;{key}&apos;.</source>
        <translation>没有与“{key}”匹配的记录（{kind}）。</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; matches {count} customers; use the customer id or code.</source>
        <translation>“{key}”匹配到 {count} 个客户，请使用客户 ID 或编号。</translation>
    </message>
    <message>
        <source>The lines of an import are not undone one customer at a time. To take back the whole import, restore the backup made just before it (File → Backups).</source>
        <translation type="vanished">导入的明细不能按客户逐个撤销。如需撤回整个导入，请恢复导入前自动生成的备份（文件 → 备份管理）。</translation>
    </message>
    <message>
        <source>The book is in use by another program: {path} stayed locked for {seconds} seconds. Nothing was changed; try again when the other program has finished.</source>
        <translation>客户簿正被其他程序使用：{path} 已被锁定 {seconds} 秒。未做任何更改；请在其他程序完成后重试。</translation>
    </message>
    <message>
        <source>The lines of an import are not undone one customer at a time. To take back the whole import, restore the backup made just before it (File → Backups) while it is still listed; restoring also takes back every change made after that backup.</source>
        <translation>导入的明细不能按客户逐个撤销。如需撤回整个导入，请在导入前自动生成的备份仍在列表中时恢复它（文件 → 备份管理）；恢复也会撤回该备份之后的所有更改。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full. Free some space and try again; nothing was written.</source>
        <translation>{path} 所在的磁盘已满。请释放一些空间后重试；本次未写入任何数据。</translation>
    </message>
    <message>
        <source>The disk holding {path} failed to read or write ({detail}). The change was not saved. Check the drive or network connection, then try again.</source>
        <translation>存放 {path} 的磁盘读写失败（{detail}）。更改未保存。请检查磁盘或网络连接后重试。</translation>
    </message>
    <message>
        <source>You do not have permission to open {path}. Ask whoever owns the file, or copy it into a folder of your own.</source>
        <translation>您没有打开 {path} 的权限。请联系文件所有者，或将其复制到您自己的文件夹中。</translation>
    </message>
    <message>
        <source>{path} has a journal file (-wal) left by a crash or by another program that cannot be used ({detail}). Close other programs using the book and try again; a copy of the journal is kept in the backup folder.</source>
        <translation>{path} 旁有一个因崩溃或其他程序遗留、无法使用的日志文件（-wal）（{detail}）。请关闭正在使用该客户簿的其他程序后重试；日志文件的副本已保存在备份文件夹中。</translation>
    </message>
    <message>
        <source>{path} was moved, replaced or deleted by another program while it was open. Nothing more was written to it; open the book again.</source>
        <translation>{path} 在打开期间被其他程序移动、替换或删除。之后未再写入任何内容；请重新打开客户簿。</translation>
    </message>
    <message>
        <source>{path} is another program&apos;s SQLite database, not a KeyPlan book. It was left unchanged.</source>
        <translation>{path} 是其他程序的 SQLite 数据库，不是 KeyPlan 客户簿。文件未做任何改动。</translation>
    </message>
    <message>
        <source>{path} does not exist, but {count} backups of it do (the newest from {newest}). Restore one instead of starting an empty book.</source>
        <translation>{path} 不存在，但它有 {count} 份备份（最新一份创建于 {newest}）。请恢复备份，而不是新建一个空客户簿。</translation>
    </message>
    <message>
        <source>This {kind} was changed elsewhere since you opened it. Review the other changes before saving.</source>
        <translation>此{kind}在您打开之后已在别处被修改。保存前请先查看这些改动。</translation>
    </message>
    <message>
        <source>{path} is damaged ({detail}), so no backup was made and the existing backups were kept. Restore a good backup (File → Backups, or the restore command).</source>
        <translation>{path} 已损坏（{detail}），因此未创建备份，现有备份均已保留。请恢复一份完好的备份（文件 → 备份，或使用 restore 命令）。</translation>
    </message>
    <message>
        <source>The backup of {path} did not read back the same after it was written ({detail}), so it was deleted. Check the disk and try again.</source>
        <translation>{path} 的备份写入后读回的内容不一致（{detail}），已将其删除。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>The import of {file} ({at}) was already undone on {undone}. To bring its rows back, import the file again.</source>
        <translation>{file}（{at}）的导入已于 {undone} 撤销。如需恢复这些行，请重新导入该文件。</translation>
    </message>
    <message>
        <source>Could not write {path}: {detail}</source>
        <translation>无法写入 {path}：{detail}</translation>
    </message>
    <message>
        <source>Could not write {path}: the folder does not exist.</source>
        <translation>无法写入 {path}：文件夹不存在。</translation>
    </message>
    <message>
        <source>Could not write {path}: the file or its folder is read-only. Choose another location.</source>
        <translation>无法写入 {path}：该文件或其所在文件夹是只读的。请选择其他位置。</translation>
    </message>
    <message>
        <source>Could not write {path}: the file is open in another program (Excel?). Close it and try again; the previous file was left unchanged.</source>
        <translation>无法写入 {path}：该文件已在其他程序（Excel？）中打开。请关闭后重试；原文件未被改动。</translation>
    </message>
    <message>
        <source>Could not write {path}: the disk is full. Nothing was written.</source>
        <translation>无法写入 {path}：磁盘已满。未写入任何内容。</translation>
    </message>
    <message>
        <source>Could not write {path}: it is the open book. Choose another name; nothing was written.</source>
        <translation>无法写入 {path}：它就是当前打开的客户簿。请换一个文件名；未写入任何内容。</translation>
    </message>
    <message>
        <source>Could not write {path}: it is a database, perhaps a KeyPlan book, and an export never replaces one. Choose another name; nothing was written.</source>
        <translation>无法写入 {path}：它是一个数据库（可能是 KeyPlan 客户簿），导出绝不会覆盖数据库。请换一个文件名；未写入任何内容。</translation>
    </message>
    <message>
        <source>Not a date KeyPlan can read (e.g. 2024-03-14, 2024/3/14, 14.03.2024, 3/14/2024, 2024年3月14日).</source>
        <translation>不是 KeyPlan 能识别的日期（例如 2024-03-14、2024/3/14、14.03.2024、3/14/2024、2024年3月14日）。</translation>
    </message>
    <message>
        <source>Not a date and time KeyPlan can read (e.g. 2024-03-14 10:42, 2024/3/14 10:42, 3/14/2024 10:42 AM).</source>
        <translation>不是 KeyPlan 能识别的日期时间（例如 2024-03-14 10:42、2024/3/14 10:42、3/14/2024 10:42 AM）。</translation>
    </message>
    <message>
        <source>Reads both as day/month and as month/day: choose the order of this column.</source>
        <translation>既可读作“日/月”也可读作“月/日”：请为此列选择日期顺序。</translation>
    </message>
    <message>
        <source>Not a valid date in the order of this column (dates like {order}).</source>
        <translation>按此列的日期顺序（如 {order}）不是有效日期。</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; holds dates such as {examples} that read both day-first and month-first, and none of its values tells which. Choose the order: day/month/year or month/day/year (on the command line: --date-order dmy or --date-order mdy).</source>
        <translation type="vanished">“{column}”列中的日期（如 {examples}）既可按日在前也可按月在前读取，且没有任何值能说明是哪一种。请选择顺序：日/月/年 或 月/日/年（命令行：--date-order dmy 或 --date-order mdy）。</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; holds dates such as {examples} that read both day-first and month-first, and none of its values tells which. Choose the order: day/month/year or month/day/year (on the command line: --date-order dmy or --date-order mdy; ymd when the year comes first, as in 24/12/31).</source>
        <translation>“{column}”列中的日期（如 {examples}）既可按日在前也可按月在前读取，且没有任何值能说明是哪一种。请选择顺序：日/月/年 或 月/日/年（命令行：--date-order dmy 或 --date-order mdy；年份在前时用 ymd，如 24/12/31）。</translation>
    </message>
    <message>
        <source>Could not read {path}: {detail}</source>
        <translation>无法读取 {path}：{detail}</translation>
    </message>
    <message>
        <source>The text encoding of {path} could not be told apart: it reads as {guesses}. Save it as CSV UTF-8 (Excel: Save As → CSV UTF-8; WPS: encoding UTF-8) or as an .xlsx workbook and try again.</source>
        <translation>无法确定 {path} 的文字编码：它可读作 {guesses}。请将其另存为 CSV UTF-8（Excel：另存为 → CSV UTF-8；WPS：编码选 UTF-8）或 .xlsx 工作簿后重试。</translation>
    </message>
    <message>
        <source>{path} does not read as text in any encoding KeyPlan knows ({guesses}): is it a CSV file? Save it as CSV UTF-8 (Excel: Save As → CSV UTF-8; WPS: encoding UTF-8) or as an .xlsx workbook and try again.</source>
        <translation>{path} 无法按 KeyPlan 支持的任何一种编码（{guesses}）读作文本：它是 CSV 文件吗？请将其另存为 CSV UTF-8（Excel：另存为 → CSV UTF-8；WPS：编码选 UTF-8）或 .xlsx 工作簿后重试。</translation>
    </message>
    <message>
        <source>{path} is {encoding} text, but not all of it: some bytes do not read as {encoding} (the file may be cut, joined from two files or still being written). Save it again as CSV UTF-8 (Excel: Save As → CSV UTF-8; WPS: encoding UTF-8) or as an .xlsx workbook and try again.</source>
        <translation>{path} 是 {encoding} 编码的文本，但并非全部如此：有些字节无法按 {encoding} 读取（文件可能不完整、由两个文件拼接而成，或仍在写入中）。请将其重新另存为 CSV UTF-8（Excel：另存为 → CSV UTF-8；WPS：编码选 UTF-8）或 .xlsx 工作簿后重试。</translation>
    </message>
    <message>
        <source>{path} is not a readable spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods) or CSV file ({detail}).</source>
        <translation>{path} 不是可读取的电子表格（.xlsx、.xlsm、.xlsb、.xls、.ods）或 CSV 文件（{detail}）。</translation>
    </message>
    <message>
        <source>{path} is protected by a password. Open it in Excel or WPS, remove the password (File → Info → Protect Workbook → Encrypt with Password), save a copy and import that copy.</source>
        <translation>{path} 受密码保护。请在 Excel 或 WPS 中打开它，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密），另存一份副本后导入该副本。</translation>
    </message>
    <message>
        <source>{path} is damaged: a part of it does not unpack as the file says it should, so it was not read. Open it in Excel or WPS and save it again (or ask for the file again), then import the new copy.</source>
        <translation>{path} 已损坏：其中有部分内容无法按文件自身记录的方式解压，因此没有读取。请在 Excel 或 WPS 中打开并重新保存（或重新索取该文件），然后导入新的副本。</translation>
    </message>
    <message>
        <source>{path} shows no sheet with rows to import; its hidden sheets: {sheets}. Choose one of them as the sheet to import.</source>
        <translation>{path} 中没有显示含可导入行的工作表；其隐藏的工作表：{sheets}。请从中选择要导入的工作表。</translation>
    </message>
    <message>
        <source>{path}: no column for {fields}. Columns found: {headers}. Map one with --map COLUMN=FIELD.</source>
        <translation>{path}：没有列对应字段 {fields}。文件中的列：{headers}。请用 --map 列=字段 指定由哪一列填充该字段。</translation>
    </message>
    <message>
        <source>The book could not be copied to {target}: {detail}. It was left where it is, unchanged.</source>
        <translation>无法将客户簿复制到 {target}：{detail}。客户簿留在原处，未作改动。</translation>
    </message>
    <message>
        <source>The clock of the computer of {device} is more than a day ahead of this computer&apos;s: its changes wait until the clocks agree. Check the date and time on both computers.</source>
        <translation>{device} 所在电脑的时钟比本机快了一天以上：其更改将等待两边时钟一致后再合并。请检查两台电脑的日期和时间。</translation>
    </message>
    <message>
        <source>That is not a KeyPlan team key: a character is wrong or missing. Copy the whole key as &apos;keyplan team init&apos; showed it (KP1-...).</source>
        <translation>这不是 KeyPlan 团队密钥：有字符错误或缺失。请完整复制“keyplan team init”显示的密钥（KP1-...）。</translation>
    </message>
    <message>
        <source>This book is not in a team yet. Start one with &apos;keyplan team init&apos;, or join one with &apos;keyplan team join KEY&apos; and the key a member gives you.</source>
        <translation>本客户簿尚未加入团队。请用“keyplan team init”创建团队，或用成员给您的密钥执行“keyplan team join 密钥”加入团队。</translation>
    </message>
    <message>
        <source>This book is already in a team (team {team}). A new team key would cut it off from its members; join another team with &apos;keyplan team join KEY&apos;.</source>
        <translation type="vanished">本客户簿已在一个团队中（团队 {team}）。新的团队密钥会使它与成员断开；如要加入其他团队，请执行“keyplan team join 密钥”。</translation>
    </message>
    <message>
        <source>The sync folder {path} does not exist or is not a folder. Choose the folder your team shares (Syncthing, OneDrive, Dropbox, a network share, a USB stick).</source>
        <translation>同步文件夹 {path} 不存在或不是文件夹。请选择团队共享的文件夹（Syncthing、OneDrive、Dropbox、网络共享或 U 盘）。</translation>
    </message>
    <message>
        <source>{path} holds the changes of another team (team {found}; this book is in team {team}). Choose your team&apos;s folder, or join that team with its key.</source>
        <translation type="vanished">{path} 存放的是另一个团队的变更（团队 {found}；本客户簿属于团队 {team}）。请选择本团队的文件夹，或用那个团队的密钥加入它。</translation>
    </message>
    <message>
        <source>This book is already in a team (members: {members}). A new team key would cut it off from its members; join another team with &apos;keyplan team join KEY&apos;.</source>
        <translation>本客户簿已在一个团队中（成员：{members}）。新的团队密钥会使它与成员断开；如要加入其他团队，请执行“keyplan team join 密钥”。</translation>
    </message>
    <message>
        <source>{path} holds the changes of another team (its members: {members}), not this book&apos;s. Choose your team&apos;s folder, or join that team with its key.</source>
        <translation>{path} 存放的是另一个团队的变更（其成员：{members}），不是本客户簿所在团队的。请选择本团队的文件夹，或用那个团队的密钥加入它。</translation>
    </message>
    <message>
        <source>{path} already exists, though this book did not write it: another book uses this book&apos;s device id (a copy of this book?). Nothing was sent. Join the team again with &apos;keyplan team join KEY&apos; to get a new device id.</source>
        <translation type="vanished">{path} 已存在，但不是本客户簿写入的：另一个客户簿在使用本客户簿的设备编号（可能是本客户簿的副本）。未发送任何内容。请重新执行“keyplan team join 密钥”加入团队，以获得新的设备编号。</translation>
    </message>
    <message>
        <source>{path} already exists, though this book did not write it: another book uses this book&apos;s device id (a copy of this book?). Nothing was sent. If this book is the copy, give it its own device id: keyplan sync FOLDER --new-device</source>
        <translation type="vanished">{path} 已存在，但并非本客户簿所写：另一个客户簿在使用本客户簿的设备编号（本客户簿的副本？）。未发送任何内容。如果本客户簿是副本，请为它分配自己的设备编号：keyplan sync 文件夹 --new-device</translation>
    </message>
    <message>
        <source>{path} already exists, though this book did not write it: another book sends under this book&apos;s device id (a copy of this book), and sent just now. Nothing was sent. Two copies of one book must not sync as one member: give this book its own device id (keyplan sync FOLDER --new-device). What it holds is kept and merged as a new member&apos;s; the other copy keeps the device id.</source>
        <translation type="vanished">{path} 已存在，但并非本客户簿所写：另一个客户簿（本客户簿的副本）正在以本客户簿的设备编号发送变更，刚刚还发送过。未发送任何内容。同一客户簿的两个副本不能作为同一名成员同步：请为本客户簿分配自己的设备编号（keyplan sync 文件夹 --new-device）。本客户簿中的内容都会保留，并作为新成员的内容合并；另一个副本保留原设备编号。</translation>
    </message>
    <message>
        <source>{path} already exists, though this book did not write it: another book sends under this book&apos;s device id (a copy of this book). Nothing was sent or merged. Two copies of one book must not sync as one member: give this book its own device id (keyplan sync FOLDER --new-device). What it holds is kept and merged as a new member&apos;s; the other copy keeps the device id.</source>
        <translation>{path} 已存在，但并非本客户簿所写：另一个客户簿（本客户簿的副本）正在以本客户簿的设备编号同步。未发送或合并任何内容。同一客户簿的两个副本不能作为同一名成员同步：请为本客户簿分配自己的设备编号（keyplan sync 文件夹 --new-device）。本客户簿中的内容都会保留，并作为新成员的内容合并；另一个副本保留原设备编号。</translation>
    </message>
    <message>
        <source>Only a manager of the team may do that. Ask a manager (&apos;keyplan team list FOLDER&apos; shows who is one).</source>
        <translation>只有团队的经理可以这样做。请联系经理（&apos;keyplan team list FOLDER&apos; 可查看谁是经理）。</translation>
    </message>
    <message>
        <source>The team would be left without a manager. Make someone else a manager first: keyplan team role FOLDER PERSON manager</source>
        <translation>这样团队将没有经理。请先把另一位成员设为经理：keyplan team role FOLDER PERSON manager</translation>
    </message>
    <message>
        <source>No member of the team is called {who} (a person or a device id). &apos;keyplan team list FOLDER&apos; shows the members.</source>
        <translation>团队中没有名为 {who} 的成员（人名或设备 ID）。&apos;keyplan team list FOLDER&apos; 可列出成员。</translation>
    </message>
    <message>
        <source>{who} names more than one device ({devices}). Name the device.</source>
        <translation>{who} 对应多台设备（{devices}）。请指明设备。</translation>
    </message>
    <message>
        <source>This book was removed from the team on {at} by {by}. What it sends is no longer merged, and the team&apos;s changes since cannot be read here. To work with the team again, ask a manager for the current key and join again: keyplan team join KEY FOLDER</source>
        <translation>本客户簿已于 {at} 被 {by} 移出团队。它发送的内容不再被合并，此后团队的修改在这里也无法读取。如需重新与团队协作，请向经理索取当前密钥并重新加入：keyplan team join KEY FOLDER</translation>
    </message>
    <message>
        <source>This team has no manager: it was started before KeyPlan knew roles. Only its first member, {person} (device {device}), who started it, can become its manager, on their own book: keyplan team role FOLDER {person} manager</source>
        <translation>该团队没有销售经理：它创建于 KeyPlan 支持角色之前。只有其第一位成员、团队的创建者 {person}（设备 {device}）可以在自己的客户簿上成为销售经理：keyplan team role 文件夹 {person} manager</translation>
    </message>
    <message>
        <source>This team has no manager yet, and devices that sent changes are not in its roster yet ({devices}): each must sync once with this version of KeyPlan before the team&apos;s first member is known for sure.</source>
        <translation>该团队尚无销售经理，且发送过变更的设备尚未列入成员名单（{devices}）：每台设备须先用此版本的 KeyPlan 同步一次，才能确定团队的第一位成员。</translation>
    </message>
    <message>
        <source>The team has a manager already; only a manager gives roles.</source>
        <translation>该团队已有销售经理；只有销售经理可以分配角色。</translation>
    </message>
    <message>
        <source>This book&apos;s team device was last used on the computer {there}; this is {here}. Two copies of one book must not sync as one member: nothing was sent or merged. If this is a copy and the original is still used, give this copy its own device id (keyplan sync FOLDER --new-device). If the book moved here for good, say so (keyplan sync FOLDER --moved-here).</source>
        <translation>此客户簿的团队设备上次在电脑 {there} 上使用；本机是 {here}。同一客户簿的两个副本不能作为同一成员同步：未发送也未合并任何内容。如果这是副本且原客户簿仍在使用，请为此副本分配新的设备编号（keyplan sync FOLDER --new-device）。如果客户簿已永久迁移到本机，请说明（keyplan sync FOLDER --moved-here）。</translation>
    </message>
    <message>
        <source>The book {other} on this computer syncs as this book&apos;s team device: one of the two is a copy of the other. Two copies of one book must not sync as one member: nothing was sent or merged. If this is a copy and the other is still used, give this copy its own device id (keyplan sync FOLDER --new-device). If this file replaces the other for good, say so (keyplan sync FOLDER --moved-here).</source>
        <translation>本机上的客户簿 {other} 正以本客户簿的团队设备身份同步：两者中有一个是另一个的副本。同一客户簿的两个副本不能作为同一成员同步：未发送也未合并任何内容。如果这是副本且另一个仍在使用，请为此副本分配自己的设备编号（keyplan sync 文件夹 --new-device）。如果此文件将永久取代另一个，请说明（keyplan sync 文件夹 --moved-here）。</translation>
    </message>
    <message>
        <source>The shared folder holds packets up to number {number} sent under this book&apos;s team device id, though this book never synced: another copy of it syncs there. Two copies of one book must not sync as one member: nothing was sent or merged. If this is a copy and the other is still used, give this copy its own device id (keyplan sync FOLDER --new-device). If the other is gone for good, say so (keyplan sync FOLDER --moved-here).</source>
        <translation>共享文件夹中有以本客户簿的团队设备编号发送的数据包（直到第 {number} 个），但本客户簿从未同步过：它的另一个副本正在那里同步。同一客户簿的两个副本不能作为同一成员同步：未发送也未合并任何内容。如果这是副本且另一个仍在使用，请为此副本分配自己的设备编号（keyplan sync 文件夹 --new-device）。如果另一个已永久停用，请说明（keyplan sync 文件夹 --moved-here）。</translation>
    </message>
    <message>
        <source>its device was removed from the team (after its packet {cutoff}); what it sends since is not merged</source>
        <translation>其设备已被移出团队（在其数据包 {cutoff} 之后）；此后发送的内容不会被合并</translation>
    </message>
    <message>
        <source>it is sealed with a team key that had been replaced before its device was a confirmed member; that device must join again with the current key</source>
        <translation>它使用的团队密钥在其设备成为正式成员之前就已更换；该设备须使用当前密钥重新加入</translation>
    </message>
    <message>
        <source>this book was removed from the team: it was not given the key that sealed this packet</source>
        <translation>本客户簿已被移出团队：未获得加密此数据包的密钥</translation>
    </message>
    <message>
        <source>not a KeyPlan packet, or cut short</source>
        <translation>不是 KeyPlan 数据包，或内容不完整</translation>
    </message>
    <message>
        <source>its check failed: damaged, cut short, renamed, or sealed with another team key</source>
        <translation>校验失败：已损坏、不完整、被改名，或使用了其他团队的密钥加密</translation>
    </message>
    <message>
        <source>its contents do not decompress: {error}</source>
        <translation>内容无法解压：{error}</translation>
    </message>
    <message>
        <source>its contents are too large</source>
        <translation>内容过大</translation>
    </message>
    <message>
        <source>format {found} is not {format}</source>
        <translation>格式 {found} 不是 {format}</translation>
    </message>
    <message>
        <source>its header names another device or number</source>
        <translation>其文件头标明的是另一台设备或另一个编号</translation>
    </message>
    <message>
        <source>its checksum does not match its contents</source>
        <translation>校验和与内容不符</translation>
    </message>
    <message>
        <source>it does not hold the operations its header counts</source>
        <translation>所含操作与文件头记录的数量不符</translation>
    </message>
    <message>
        <source>its contents are not readable: {error}</source>
        <translation>内容无法读取：{error}</translation>
    </message>
    <message>
        <source>it is sealed with another team key</source>
        <translation>它使用了其他团队的密钥加密</translation>
    </message>
    <message>
        <source>the roster entry of device {device} is not signed by that device, or was changed since: it is ignored</source>
        <translation>设备 {device} 的成员名册条目并非由该设备签名，或签名后被改动：已忽略</translation>
    </message>
    <message>
        <source>the roster entry of device {device} is signed with another key than the one this book knows for it: it is ignored</source>
        <translation>设备 {device} 的成员名册条目所用签名密钥与本客户簿所知的不同：已忽略</translation>
    </message>
    <message>
        <source>founder.json is not signed by the device that started the team, or was changed since: it is ignored</source>
        <translation>founder.json 并非由创建团队的设备签名，或签名后被改动：已忽略</translation>
    </message>
    <message>
        <source>founder.json names {device}, but this book knows another founder: it is ignored</source>
        <translation>founder.json 标明的创建者是 {device}，但本客户簿记录的是另一位创建者：已忽略</translation>
    </message>
    <message>
        <source>the change of the team {name} is not signed by the manager it names, or was changed since: it is ignored</source>
        <translation>团队变更 {name} 并非由其标明的经理签名，或签名后被改动：已忽略</translation>
    </message>
    <message>
        <source>the change of the team {name} was made by {person}, who was not a manager then: it is ignored</source>
        <translation>团队变更 {name} 由 {person} 作出，而其当时并非经理：已忽略</translation>
    </message>
    <message>
        <source>the new team key of {name} does not open with this book&apos;s key: this book cannot read what the team sends from then on</source>
        <translation>{name} 的新团队密钥无法用本客户簿的密钥打开：此后团队发送的内容本客户簿将无法读取</translation>
    </message>
    <message>
        <source>its changes could not be applied: {error}</source>
        <translation>其修改无法应用：{error}</translation>
    </message>
    <message>
        <source>{value} now belongs to another record (a customer code, a plan&apos;s period or a person&apos;s name is used once). Change that record first, or keep the value the merge chose.</source>
        <translation>{value} 现已属于另一条记录（客户编号、计划期间或人员姓名只能使用一次）。请先修改那条记录，或保留合并所选的值。</translation>
    </message>
    <message>
        <source>{path} is neither UTF-8 nor GBK/GB18030 text. Save it as CSV UTF-8 or as an .xlsx workbook and try again.</source>
        <translation type="vanished">{path} 既不是 UTF-8 也不是 GBK/GB18030 文本。请另存为“CSV UTF-8”或 .xlsx 工作簿后重试。</translation>
    </message>
    <message>
        <source>{path} is not a readable .xlsx workbook or CSV file ({detail}).</source>
        <translation type="vanished">{path} 不是可读取的 .xlsx 工作簿或 CSV 文件（{detail}）。</translation>
    </message>
    <message>
        <source>{path} is an old .xls workbook. Open it in Excel or LibreOffice and save it as .xlsx, then import that file.</source>
        <translation type="vanished">{path} 是旧版 .xls 工作簿。请在 Excel 或 LibreOffice 中打开并另存为 .xlsx，再导入该文件。</translation>
    </message>
    <message>
        <source>{path} has no sheet &apos;{sheet}&apos;. Its sheets: {sheets}.</source>
        <translation>{path} 中没有名为“{sheet}”的工作表。现有工作表：{sheets}。</translation>
    </message>
    <message>
        <source>Sheet &apos;{sheet}&apos; of {path} is a chart, not a table. Choose a sheet with rows of data: {sheets}.</source>
        <translation>{path} 的工作表“{sheet}”是图表，不是数据表。请选择含数据行的工作表：{sheets}。</translation>
    </message>
    <message>
        <source>Sheet &apos;{sheet}&apos; of {path} spans A1:{corner} ({cells} cells) because of cells far away from the table. Delete the rows and columns beyond the table (or copy the table into a new workbook), save, and try again.</source>
        <translation>{path} 的工作表“{sheet}”因远离表格的单元格而占据 A1:{corner}（{cells} 个单元格）。请删除表格以外的行和列（或将表格复制到新工作簿），保存后重试。</translation>
    </message>
    <message>
        <source>{path} would expand to {expanded} MB when unpacked, {ratio} times its size: that is not an ordinary workbook, so it was not read.</source>
        <translation>{path} 解压后将达到 {expanded} MB，是其大小的 {ratio} 倍：这不是普通的工作簿，因此未读取。</translation>
    </message>
    <message>
        <source>{path} could not be read within {limit} MB of memory: its sheet is larger than an import can hold. Split it into smaller files or save it as CSV, then import those.</source>
        <translation>无法在 {limit} MB 内存内读取 {path}：其工作表超出导入可容纳的大小。请拆分为较小的文件或另存为 CSV 后再导入。</translation>
    </message>
    <message>
        <source>{path} is a folder. Choose a spreadsheet or CSV file inside it.</source>
        <translation>{path} 是文件夹。请选择其中的电子表格或 CSV 文件。</translation>
    </message>
    <message>
        <source>{path} holds no rows to import.</source>
        <translation>{path} 中没有可导入的行。</translation>
    </message>
    <message>
        <source>{path} has a header row ({headers}) but no rows below it to import.</source>
        <translation>{path} 有表头行（{headers}），但其下没有可导入的数据行。</translation>
    </message>
    <message>
        <source>{path} holds no sheet of a KeyPlan book (Customers, Contacts, Transactions …, as Export all data writes them). Its sheets: {sheets}. Import it as one table of customers, contacts or sales instead.</source>
        <translation>{path} 不含 KeyPlan 客户簿的工作表（客户、联系人、交易……，即“导出全部数据”所写的那些）。其工作表：{sheets}。请改为按客户、联系人或销售数据的单张表导入。</translation>
    </message>
    <message>
        <source>{customer} already has a plan for {period}.</source>
        <translation>{customer} 已有 {period} 的客户经营计划。</translation>
    </message>
    <message>
        <source>{customer} has no plan before {period} to carry over.</source>
        <translation>{customer} 在 {period} 之前没有可沿用的客户经营计划。</translation>
    </message>
</context>
<context>
    <name>SupportForm</name>
    <message>
        <source>Support measure</source>
        <translation>支持措施</translation>
    </message>
</context>
<context>
    <name>SwotDialog</name>
    <message>
        <source>SWOT of the account plan {period}</source>
        <translation>{period}经营计划的 SWOT 分析</translation>
    </message>
    <message>
        <source>Short lines: our strengths and weaknesses at this customer, the opportunities and threats around it. A line may be about a competitor or an open need. Saved together; Edit → Undo takes a save back.</source>
        <translation>每条简短一句：我方在该客户处的优势和劣势，以及外部的机会和威胁。条目可关联某个竞争对手或客户的未结需求。全部一起保存；“编辑 → 撤销”可撤回一次保存。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SwotEditor</name>
    <message>
        <source>{name} (deleted)</source>
        <translation>{name}（已删除）</translation>
    </message>
    <message>
        <source>a removed competitor</source>
        <translation>已删除的竞争对手</translation>
    </message>
    <message>
        <source>Competitor: {name}</source>
        <translation>竞争对手：{name}</translation>
    </message>
    <message>
        <source>A need no longer open</source>
        <translation>已不再开放的需求</translation>
    </message>
    <message>
        <source>{kind}: {text}</source>
        <translation>{kind}：{text}</translation>
    </message>
    <message>
        <source>Nothing in particular</source>
        <translation>无特定对象</translation>
    </message>
</context>
<context>
    <name>SwotItemDialog</name>
    <message>
        <source>New line: {box}</source>
        <extracomment>The longest line a SWOT keeps (models.competition.SwotItem).</extracomment>
        <translation>新条目：{box}</translation>
    </message>
    <message>
        <source>Line: {box}</source>
        <translation>条目：{box}</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>条目：</translation>
    </message>
    <message>
        <source>About:</source>
        <translation>关于：</translation>
    </message>
    <message>
        <source>A few words, e.g. 98 % on-time delivery</source>
        <translation>简短几个字，例如：交货准时率 98%</translation>
    </message>
    <message>
        <source>A competitor or an open need of the customer this line is about (optional)</source>
        <translation>该条目涉及的竞争对手或客户的未结需求（可选）</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SwotSection</name>
    <message>
        <source>Nothing yet.</source>
        <translation>暂无。</translation>
    </message>
    <message>
        <source>{count} lines</source>
        <translation>共 {count} 条</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this work; nothing of it is kept</source>
        <translation>停止此项工作；不保留任何结果</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message>
        <source>Syncing with the team…</source>
        <extracomment>How often to look whether an automatic sync is due (the interval itself is in Preferences).</extracomment>
        <translation>正在与团队同步…</translation>
    </message>
    <message>
        <source>{count} members&apos; changes need a newer KeyPlan; update it to merge them.</source>
        <translation>有 {count} 位成员的修改需要更新版本的 KeyPlan；请升级后再合并。</translation>
    </message>
    <message>
        <source>Team sync merged {changes} changes from the team ({conflicts} conflicts).</source>
        <translation>团队同步合并了团队的 {changes} 项修改（{conflicts} 个冲突）。</translation>
    </message>
    <message>
        <source>Deleted records back: {count}, edited by a colleague after the delete (Team sync, Conflicts).</source>
        <translation>已删除的记录恢复了 {count} 条：同事在删除之后修改了它们（见团队同步的冲突列表）。</translation>
    </message>
    <message>
        <source>{merged} {revived}</source>
        <translation>{merged}{revived}</translation>
    </message>
    <message>
        <source>Team sync: {phase}…</source>
        <translation>团队同步：{phase}…</translation>
    </message>
    <message>
        <source>Team sync was stopped. What it had sent or merged is kept; Sync now goes on from there.</source>
        <translation>团队同步已停止。已发送或已合并的内容都已保留；点“立即同步”可从中断处继续。</translation>
    </message>
    <message>
        <source>Changing the team…</source>
        <translation>正在更改团队…</translation>
    </message>
    <message>
        <source>Team sync: choose the folder</source>
        <translation>团队同步：请选择文件夹</translation>
    </message>
    <message>
        <source>Team sync: syncing…</source>
        <translation>团队同步：正在同步…</translation>
    </message>
    <message>
        <source>Team sync failed</source>
        <translation>团队同步失败</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>同步已停止</translation>
    </message>
    <message>
        <source>Synced {time}</source>
        <translation>{time} 已同步</translation>
    </message>
    <message>
        <source>peers: {count}</source>
        <translation>成员：{count}</translation>
    </message>
    <message>
        <source>conflicts: {count}</source>
        <translation>冲突：{count}</translation>
    </message>
    <message>
        <source>refused packets: {count}</source>
        <translation>拒收的数据包：{count}</translation>
    </message>
    <message>
        <source>Team sync with {folder}</source>
        <translation>通过 {folder} 进行团队同步</translation>
    </message>
    <message>
        <source>No shared folder chosen yet.</source>
        <translation>尚未选择共享文件夹。</translation>
    </message>
    <message>
        <source>The last sync failed: {error}</source>
        <translation>上次同步失败：{error}</translation>
    </message>
    <message>
        <source>Last sync: {time} (changes sent: {sent}, merged: {merged}).</source>
        <translation>上次同步：{time}（已发送变更：{sent}，已合并：{merged}）。</translation>
    </message>
    <message>
        <source>Last sync: {time}; sent {sent}, merged {merged} changes.</source>
        <translation type="vanished">上次同步：{time}；发送 {sent} 项，合并 {merged} 项修改。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>{member}: last packet {seen}, {pending} waiting, {refused} refused</source>
        <translation>{member}：最新数据包 {seen}，{pending} 个待合并，{refused} 个被拒收</translation>
    </message>
    <message>
        <source>To send: {count} changes.</source>
        <translation>待发送：{count} 项修改。</translation>
    </message>
    <message>
        <source>Open conflicts: {count}</source>
        <translation>未处理的冲突：{count}</translation>
    </message>
    <message>
        <source>Click to open Team sync.</source>
        <translation>点击打开团队同步。</translation>
    </message>
    <message>
        <source>That is not a KeyPlan team key: a character is wrong or missing. Paste the whole key as it was shown when the team was started (KP1-…).</source>
        <translation>这不是 KeyPlan 团队密钥：有字符错误或缺失。请粘贴创建团队时显示的完整密钥（KP1-…）。</translation>
    </message>
    <message>
        <source>This book is not in a team yet. In File → Team sync…, start a team or join one with the key a member gives you.</source>
        <translation>本客户簿尚未加入团队。请在“文件 → 团队同步…”中创建团队，或用成员给您的密钥加入团队。</translation>
    </message>
    <message>
        <source>This book is already in a team (team {team}). A new team key would cut it off from its members.</source>
        <translation type="vanished">本客户簿已在一个团队中（团队 {team}）。新的团队密钥会使它与成员断开联系。</translation>
    </message>
    <message>
        <source>This book is already in a team (members: {members}). A new team key would cut it off from its members.</source>
        <translation>本客户簿已在一个团队中（成员：{members}）。新的团队密钥会使它与成员断开联系。</translation>
    </message>
    <message>
        <source>{path} already exists, though this book did not write it: another book uses this book&apos;s device id (a copy of this book?). Nothing was sent. Ask a manager for the team key and join with it from a new book.</source>
        <translation type="vanished">{path} 已存在，但并非本客户簿所写：另一本客户簿在使用本客户簿的设备编号（是本客户簿的副本吗？）。未发送任何内容。请向销售经理索取团队密钥，并用一本新客户簿加入团队。</translation>
    </message>
    <message>
        <source>{path} already exists, though this book did not write it: another book uses this book&apos;s device id (a copy of this book?). Nothing was sent. If this book is the copy, make it a new member below.</source>
        <translation type="vanished">{path} 已存在，但并非本客户簿所写：另一个客户簿在使用本客户簿的设备编号（本客户簿的副本？）。未发送任何内容。如果本客户簿是副本，请在下方将它设为新成员。</translation>
    </message>
    <message>
        <source>{path} already exists, though this book did not write it: another book sends under this book&apos;s device id (a copy of this book), and sent just now. Nothing was sent. Two copies of one book must not sync as one member: make this book a new member below. What it holds is kept and merged as a new member&apos;s; the other copy keeps the device id.</source>
        <translation type="vanished">{path} 已存在，但并非本客户簿所写：另一个客户簿（本客户簿的副本）正在以本客户簿的设备编号发送变更，刚刚还发送过。未发送任何内容。同一客户簿的两个副本不能作为同一名成员同步：请在下方将本客户簿设为新成员。本客户簿中的内容都会保留，并作为新成员的内容合并；另一个副本保留原设备编号。</translation>
    </message>
    <message>
        <source>{path} already exists, though this book did not write it: another book sends under this book&apos;s device id (a copy of this book). Nothing was sent or merged. Two copies of one book must not sync as one member: make this book a new member below. What it holds is kept and merged as a new member&apos;s; the other copy keeps the device id.</source>
        <translation>{path} 已存在，但并非本客户簿所写：另一个客户簿（本客户簿的副本）正在以本客户簿的设备编号同步。未发送或合并任何内容。同一客户簿的两个副本不能作为同一名成员同步：请在下方将本客户簿设为新成员。本客户簿中的内容都会保留，并作为新成员的内容合并；另一个副本保留原设备编号。</translation>
    </message>
    <message>
        <source>Only a manager of the team may do that. The members&apos; list shows who is one.</source>
        <translation>只有团队的销售经理可以执行此操作。成员列表中可以看到谁是销售经理。</translation>
    </message>
    <message>
        <source>The team would be left without a manager. Make someone else a manager first (Make manager, under the members).</source>
        <translation>团队将没有销售经理。请先将另一位成员设为销售经理（在成员列表中点击“设为销售经理”）。</translation>
    </message>
    <message>
        <source>No member of the team is called {who}.</source>
        <translation>团队中没有名为 {who} 的成员。</translation>
    </message>
    <message>
        <source>This book was removed from the team on {at} by {by}. What it sends is no longer merged, and the team&apos;s changes since cannot be read here. To work with the team again, ask a manager for the current key.</source>
        <translation>本客户簿已于 {at} 被 {by} 移出团队。它发送的变更不再被合并，此后团队的变更在这里也无法读取。如需重新与团队协作，请向销售经理索取当前密钥。</translation>
    </message>
    <message>
        <source>This book&apos;s team device was last used on the computer {there}; this is {here}. Two copies of one book must not sync as one member: nothing was sent or merged. Say below whether this is a copy or the book moved here for good.</source>
        <translation>本客户簿的团队设备上次在电脑 {there} 上使用；这台电脑是 {here}。同一客户簿的两个副本不能作为同一成员同步：未发送也未合并任何内容。请在下方说明这是副本，还是客户簿已永久迁移到这台电脑。</translation>
    </message>
    <message>
        <source>The book {other} on this computer syncs as this book&apos;s team device: one of the two is a copy of the other. Two copies of one book must not sync as one member: nothing was sent or merged. Say below whether this is a copy or this file replaces the other for good.</source>
        <translation>本机上的客户簿 {other} 正以本客户簿的团队设备身份同步：两者中有一个是另一个的副本。同一客户簿的两个副本不能作为同一成员同步：未发送也未合并任何内容。请在下方说明这是副本，还是此文件将永久取代另一个。</translation>
    </message>
    <message>
        <source>The shared folder holds packets up to number {number} sent under this book&apos;s team device id, though this book never synced: another copy of it syncs there. Two copies of one book must not sync as one member: nothing was sent or merged. Say below whether this is a copy or the other is gone for good.</source>
        <translation>共享文件夹中有以本客户簿的团队设备编号发送的数据包（直到第 {number} 个），但本客户簿从未同步过：它的另一个副本正在那里同步。同一客户簿的两个副本不能作为同一成员同步：未发送也未合并任何内容。请在下方说明这是副本，还是另一个已永久停用。</translation>
    </message>
</context>
<context>
    <name>TeamSyncDialog</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>{name} (this book)</source>
        <translation>{name}（本客户簿）</translation>
    </message>
    <message>
        <source>Removed {when}</source>
        <translation>已于 {when} 移出</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>this book</source>
        <translation type="vanished">本客户簿</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Last packet</source>
        <translation>最新数据包</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>{applied} of {available}</source>
        <translation>{applied} / {available}</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待合并</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Remove from the team…</source>
        <translation>移出团队…</translation>
    </message>
    <message>
        <source>Make salesperson</source>
        <translation>设为销售人员</translation>
    </message>
    <message>
        <source>Make manager</source>
        <translation>设为销售经理</translation>
    </message>
    <message>
        <source>Remove from the team</source>
        <translation>移出团队</translation>
    </message>
    <message>
        <source>Remove {name} from the team? The team gets a new key: what the others send from now on cannot be read by {name}&apos;s book, and what it sends is no longer merged. What {name} already has stays on that computer.</source>
        <translation>要把 {name} 移出团队吗？团队将启用新密钥：此后其他成员发送的内容，{name} 的客户簿无法读取，其发送的内容也不再被合并。{name} 已有的数据仍留在那台电脑上。</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>移出 {name}</translation>
    </message>
    <message>
        <source>Team sync</source>
        <translation>团队同步</translation>
    </message>
    <message>
        <source>Each member keeps their own book on their own computer. Only change packets, encrypted with the team key, travel through a folder the team already shares (Syncthing, OneDrive, Dropbox, Nutstore, a network share, a USB stick). Two people who change different fields of a customer both keep their change; when both change the same field, the later change stands and the other is listed below to take instead.</source>
        <translation>每位成员在自己的电脑上保存自己的客户簿。只有用团队密钥加密的修改数据包会通过团队已有的共享文件夹传递（Syncthing、OneDrive、Dropbox、坚果云、网络共享或 U 盘）。两人修改同一客户的不同字段，双方的修改都会保留；两人修改同一字段时，以较晚的修改为准，另一个值列在下方，可改用它。</translation>
    </message>
    <message>
        <source>Shared folder:</source>
        <translation>共享文件夹：</translation>
    </message>
    <message>
        <source>Not chosen yet</source>
        <translation>尚未选择</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>团队：</translation>
    </message>
    <message>
        <source>This book:</source>
        <translation>本客户簿：</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>上次同步：</translation>
    </message>
    <message>
        <source>To send:</source>
        <translation>待发送：</translation>
    </message>
    <message>
        <source>Automatic:</source>
        <translation>自动同步：</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>This is a copy: make it a new member</source>
        <translation>这是副本：设为新成员</translation>
    </message>
    <message>
        <source>The book moved here for good</source>
        <translation>客户簿已永久迁移到这里</translation>
    </message>
    <message>
        <source>Team id {team}</source>
        <translation>团队编号 {team}</translation>
    </message>
    <message>
        <source>{person}, {role} ({device})</source>
        <translation>{person}，{role}（{device}）</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方的值</translation>
    </message>
    <message>
        <source>Keep ours</source>
        <translation>保留我方的值</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{person}, {role} (device {device})</source>
        <translation type="vanished">{person}，{role}（设备 {device}）</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>{time} (changes sent: {sent}, merged: {merged})</source>
        <translation>{time}（已发送变更：{sent}，已合并：{merged}）</translation>
    </message>
    <message>
        <source>{time}: sent {sent} changes, merged {merged}</source>
        <translation type="vanished">{time}：发送 {sent} 项修改，合并 {merged} 项</translation>
    </message>
    <message>
        <source>Not yet since the book was opened</source>
        <translation>本次打开客户簿后尚未同步</translation>
    </message>
    <message>
        <source>{count} changes</source>
        <translation>{count} 项修改</translation>
    </message>
    <message>
        <source>When the book opens, every {minutes} minutes (Preferences, General) and as soon as a member&apos;s changes arrive in the folder.</source>
        <translation>打开客户簿时、每 {minutes} 分钟（偏好设置 → 常规），以及成员的修改一到达文件夹时。</translation>
    </message>
    <message>
        <source>Packet {number} of {member} was refused: {reason}</source>
        <translation>{member} 的第 {number} 个数据包被拒收：{reason}</translation>
    </message>
    <message>
        <source>Choose the folder your team shares to start syncing.</source>
        <translation>请选择团队共享的文件夹以开始同步。</translation>
    </message>
    <message>
        <source>(known after the first sync)</source>
        <translation>（首次同步后显示）</translation>
    </message>
    <message>
        <source>Started by {person} · members: {count}</source>
        <translation>由 {person} 创建 · 成员：{count} 人</translation>
    </message>
    <message>
        <source>{count} open. The value in bold stands now; choose the other to use it instead (it is sent to the team at the next sync).</source>
        <translation>{count} 个未处理。粗体的值为当前值；可选择另一个值改用它（下次同步时发送给团队）。</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>没有未处理的冲突。</translation>
    </message>
    <message>
        <source>The folder your team shares</source>
        <translation>团队共享的文件夹</translation>
    </message>
    <message>
        <source>That is the book&apos;s own folder. Choose the folder the team shares; the book stays where it is and only change packets go into the shared folder.</source>
        <translation>这是客户簿本身所在的文件夹。请选择团队共享的文件夹；客户簿留在原处，只有修改数据包会放进共享文件夹。</translation>
    </message>
</context>
<context>
    <name>TemplateChooser</name>
    <message>
        <source>Start from a playbook:</source>
        <extracomment>A first plan opens with the open complaints and needs, whichever the playbook.</extracomment>
        <translation>从计划模板开始：</translation>
    </message>
    <message>
        <source>Empty plan</source>
        <translation>空白计划</translation>
    </message>
    <message>
        <source>{name} (fits this customer)</source>
        <translation>{name}（适合该客户）</translation>
    </message>
    <message>
        <source>A plan carried over starts from the last plan, not from a playbook.</source>
        <translation>延续的计划以上一期计划为起点，不使用计划模板。</translation>
    </message>
    <message>
        <source>An empty draft plan: the current relationship level, one level up as the target, the review cadence of the customer&apos;s tier.</source>
        <translation>空白计划草稿：当前关系层次，目标提升一个层次，回顾周期按客户等级设定。</translation>
    </message>
    <message>
        <source>A customer&apos;s first plan opens with its open complaints, then its open needs.</source>
        <translation>客户的第一份计划首先处理未解决的投诉，然后是未满足的需求。</translation>
    </message>
    <message>
        <source>any level</source>
        <translation>任意层次</translation>
    </message>
    <message>
        <source>one level up</source>
        <translation>提升一个层次</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>适用：</translation>
    </message>
    <message>
        <source>any tier</source>
        <translation>任意等级</translation>
    </message>
    <message>
        <source>review every {days} days</source>
        <translation>每 {days} 天回顾一次</translation>
    </message>
    <message>
        <source> (+{n} % on the last 12 months)</source>
        <translation>（比近 12 个月 +{n} %）</translation>
    </message>
    <message>
        <source>Day {day}: {what} ({who})</source>
        <translation>第 {day} 天：{what}（{who}）</translation>
    </message>
    <message>
        <source>me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>account owner</source>
        <translation>客户负责人</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Support measures</source>
        <translation>支持措施</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>行动</translation>
    </message>
</context>
<context>
    <name>TierChangeSection</name>
    <message>
        <source>{before} → {after} from {start} to {end} (score {score_before:.1f} → {score_after:.1f}).</source>
        <translation>{start} 至 {end}：{before} → {after}（评分 {score_before:.1f} → {score_after:.1f}）。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between two dimensions</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>{dimension} not rated → {points}</source>
        <comment>a dimension without data in the earlier period, rated later</comment>
        <translation>{dimension} 未评分→{points}</translation>
    </message>
    <message>
        <source>{dimension} {points} → not rated</source>
        <comment>a dimension rated in the earlier period, without data later</comment>
        <translation>{dimension} {points}→未评分</translation>
    </message>
    <message>
        <source>{dimension} {before}→{after} ({change})</source>
        <comment>a dimension&apos;s points in the two periods and the signed change</comment>
        <translation>{dimension} {before}→{after}（{change}）</translation>
    </message>
    <message>
        <source>The score was strategic in both; the revenue guard decided: strategic also needs revenue in the book&apos;s top share.</source>
        <translation>两期评分均达到战略客户标准，由销售额门槛决定：战略客户的销售额还须位居客户簿前列。</translation>
    </message>
    <message>
        <source>Moved most by: {drivers}.</source>
        <translation>变化最大的维度：{drivers}。</translation>
    </message>
    <message>
        <source>No dimension moved: the tier thresholds did.</source>
        <translation>各维度未变，是分级门槛发生了变化。</translation>
    </message>
    <message>
        <source>Why the tier changed</source>
        <translation>级别变化原因</translation>
    </message>
    <message>
        <source>And {count} earlier changes.</source>
        <translation>另有 {count} 次更早的级别变化。</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <source>Overdue follow-ups</source>
        <translation type="vanished">已逾期的跟进</translation>
    </message>
    <message>
        <source>Follow-ups in the next {days} days</source>
        <translation type="vanished">未来 {days} 天内的跟进</translation>
    </message>
    <message>
        <source>Plan actions due</source>
        <translation type="vanished">到期的计划行动</translation>
    </message>
    <message>
        <source>Overdue</source>
        <extracomment>A section holding more items than this starts collapsed (its count says how many).</extracomment>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>Later this week</source>
        <translation>本周稍后</translation>
    </message>
    <message>
        <source>Open complaints at strategic and key customers</source>
        <translation>战略客户和重点客户的未解决投诉</translation>
    </message>
    <message>
        <source>Customers slipping since last month</source>
        <translation>较上月下滑的客户</translation>
    </message>
    <message>
        <source>Strategic and key customers without contact for too long</source>
        <translation>长期未联系的战略客户和重点客户</translation>
    </message>
    <message>
        <source>Customers due for their periodic review</source>
        <translation>到期需定期回顾的客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Why it&apos;s here</source>
        <translation>列入原因</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>A top customer not contacted for too long</source>
        <translation>重要客户太久未联系</translation>
    </message>
    <message>
        <source>Review due by its tier&apos;s cadence</source>
        <translation>按客户等级的周期应进行评估</translation>
    </message>
    <message>
        <source>Fell from {before} since {period}</source>
        <translation>自 {period} 起从{before}降级</translation>
    </message>
    <message>
        <source>12-month revenue down {percent} % since {period}</source>
        <translation>近 12 个月收入自 {period} 以来下降 {percent}%</translation>
    </message>
    <message>
        <source>Score fell since {period}</source>
        <translation>自 {period} 起评分下降</translation>
    </message>
    <message>
        <source>Open complaint at a {tier} customer</source>
        <translation>{tier}的未解决投诉</translation>
    </message>
    <message>
        <source>Past its answer-by date by {days} days</source>
        <translation>已超过应答期限 {days} 天</translation>
    </message>
    <message>
        <source>Plan action</source>
        <translation>计划行动</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>{what}, {days} days late</source>
        <translation>{what}，逾期 {days} 天</translation>
    </message>
    <message>
        <source>{what} due today</source>
        <translation>{what}今天到期</translation>
    </message>
    <message>
        <source>{what} due {day}</source>
        <translation>{what}{day}到期</translation>
    </message>
    <message>
        <source>{title} (loading…)</source>
        <translation>{title}（加载中…）</translation>
    </message>
    <message>
        <source>{title} ({total}, the first {shown} shown)</source>
        <translation>{title}（共 {total} 条，显示前 {shown} 条）</translation>
    </message>
    <message>
        <source>raised {day}</source>
        <translation type="vanished">提出于 {day}</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Score {before} → {now}</source>
        <translation>评分 {before} → {now}</translation>
    </message>
    <message>
        <source>Never contacted</source>
        <translation>从未联系</translation>
    </message>
    <message>
        <source>No contact for {days} days (last {day})</source>
        <translation>已 {days} 天未联系（上次 {day}）</translation>
    </message>
    <message>
        <source>Never reviewed</source>
        <translation>从未回顾</translation>
    </message>
    <message>
        <source>Last review {day}</source>
        <translation>上次回顾 {day}</translation>
    </message>
    <message>
        <source>{kind}: {text}</source>
        <translation>{kind}：{text}</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Everyone</source>
        <extracomment>The owner filter&apos;s choice meaning &quot;everyone&quot;.</extracomment>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Me ({name})</source>
        <translation>我（{name}）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nothing is due: no follow-ups, complaints, reviews or silent top customers need you today.</source>
        <translation>今天没有待办：没有需要处理的跟进、投诉、回顾或久未联系的重要客户。</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>标记为完成</translation>
    </message>
    <message>
        <source>Move to another day</source>
        <translation>改到其他日期</translation>
    </message>
    <message>
        <source>Today, {day}</source>
        <translation>今日待办 · {day}</translation>
    </message>
    <message>
        <source>Whose work:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Snooze or give this item another date</source>
        <translation>推迟或为此事项另定日期</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>Next Monday</source>
        <translation>下周一</translation>
    </message>
    <message>
        <source>Another day…</source>
        <translation>其他日期…</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Open the customer of this row (Enter)</source>
        <translation>打开此行的客户（Enter）</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Tick this follow-up or plan action off (Space)</source>
        <translation>将此跟进或计划行动标记为完成（空格键）</translation>
    </message>
</context>
<context>
    <name>TransactionsTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>付款日</translation>
    </message>
    <message>
        <source>{count} transactions · revenue {revenue} · profit {profit} · margin {margin}</source>
        <translation>{count} 笔交易 · 销售额 {revenue} · 毛利 {profit} · 毛利率 {margin}</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>The competitors&apos; shares add up to {total} %: at most 100 %.</source>
        <translation>竞争对手的份额合计为 {total} %：最多为 100 %。</translation>
    </message>
    <message>
        <source>Weights must add up to 100 % (they add up to {total} %).</source>
        <translation>各项权重之和必须为 100%（当前为 {total}%）。</translation>
    </message>
    <message>
        <source>A weight must be between 0 and 100 %.</source>
        <translation>权重必须在 0 到 100% 之间。</translation>
    </message>
    <message>
        <source>Unknown dimension &apos;{name}&apos;. Known: {known}.</source>
        <translation>未知的评估维度“{name}”。可用维度：{known}。</translation>
    </message>
    <message>
        <source>Tier thresholds must fall from strategic to standard, each between 0 and 100 (strategic {strategic} &gt; key {key} &gt; standard {standard}).</source>
        <translation>分级门槛必须从战略客户到普通客户依次递减，且都在 0 到 100 之间（战略客户 {strategic} &gt; 重点客户 {key} &gt; 普通客户 {standard}）。</translation>
    </message>
    <message>
        <source>ABC cut-offs need 0 &lt; A ({a} %) &lt; B ({b} %) &lt; 100.</source>
        <translation>ABC 分界线需满足 0 &lt; A（{a}%）&lt; B（{b}%）&lt; 100。</translation>
    </message>
    <message>
        <source>The revenue guard must be a top share between 1 and 100 %.</source>
        <translation>销售额保护线必须是 1% 到 100% 之间的头部占比。</translation>
    </message>
    <message>
        <source>Must be a whole number between {low} and {high}.</source>
        <translation>必须是 {low} 到 {high} 之间的整数。</translation>
    </message>
    <message>
        <source>A customer must stop being new before it can churn: {days} days is not shorter than {months} months.</source>
        <translation>新客户期须短于流失期：{days} 天不短于 {months} 个月。</translation>
    </message>
    <message>
        <source>Unknown preset &apos;{name}&apos;. Known: {known}.</source>
        <translation>未知的预设方案“{name}”。可用方案：{known}。</translation>
    </message>
    <message>
        <source>Give a reason for the manual override.</source>
        <translation>请填写人工调整的理由。</translation>
    </message>
    <message>
        <source>A contact cannot report to themselves.</source>
        <translation>联系人不能向自己汇报。</translation>
    </message>
    <message>
        <source>Not a snapshot period (expected e.g. 2026-05 or 2026-Q2).</source>
        <translation>不是有效的快照期间（例如 2026-05 或 2026-Q2）。</translation>
    </message>
    <message>
        <source>The target level should not be below the current level.</source>
        <translation>目标关系层次不应低于当前层次。</translation>
    </message>
    <message>
        <source>A measurable objective needs a target value.</source>
        <translation>可量化的目标需要填写目标值。</translation>
    </message>
    <message>
        <source>Revenue cannot be negative.</source>
        <translation>销售额不能为负数。</translation>
    </message>
    <message>
        <source>A share of wallet is a percentage from 0 to 100.</source>
        <translation>钱包份额是 0 到 100 之间的百分比。</translation>
    </message>
    <message>
        <source>A margin is a percentage from -100 to 100.</source>
        <translation>毛利率是 -100 到 100 之间的百分比。</translation>
    </message>
    <message>
        <source>The playbook&apos;s objectives, measures or actions cannot be read.</source>
        <translation>无法读取计划模板的目标、支持措施或行动。</translation>
    </message>
    <message>
        <source>Unknown tier: {value}.</source>
        <translation>未知的客户等级：{value}。</translation>
    </message>
    <message>
        <source>The target level should not be below the starting level.</source>
        <translation>目标关系层次不应低于起始层次。</translation>
    </message>
    <message>
        <source>{name} already reports, directly or not, to this contact.</source>
        <translation>{name} 已直接或间接地向此联系人汇报。</translation>
    </message>
    <message>
        <source>Reports to someone who is not a contact of this customer.</source>
        <translation>汇报对象不是该客户的联系人。</translation>
    </message>
    <message>
        <source>Say why the relationship level changed.</source>
        <translation>请说明关系层次变更的原因。</translation>
    </message>
    <message>
        <source>A service level is from 1 to 365 days.</source>
        <translation>处理时限应为 1 到 365 天。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <source>At most {max} characters.</source>
        <translation>最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>Not a number.</source>
        <translation>不是有效的数字。</translation>
    </message>
    <message>
        <source>Must be a finite number.</source>
        <translation>必须是有限的数值。</translation>
    </message>
    <message>
        <source>Must not be negative.</source>
        <translation>不能为负数。</translation>
    </message>
    <message>
        <source>Must be between {low} and {high}.</source>
        <translation>必须在 {low} 到 {high} 之间。</translation>
    </message>
    <message>
        <source>Ratings go from 1 to 5.</source>
        <translation>评分范围为 1 到 5。</translation>
    </message>
    <message>
        <source>Not a valid date (expected YYYY-MM-DD).</source>
        <translation>不是有效的日期（格式应为 YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>Not a valid date and time (expected YYYY-MM-DD HH:MM).</source>
        <translation>不是有效的日期时间（格式应为 YYYY-MM-DD HH:MM）。</translation>
    </message>
    <message>
        <source>Not one of the allowed values: {allowed}.</source>
        <translation>不是允许的取值之一：{allowed}。</translation>
    </message>
    <message>
        <source>Not a valid e-mail address.</source>
        <translation>不是有效的电子邮件地址。</translation>
    </message>
    <message>
        <source>A phone number holds digits, spaces and + - ( ) only.</source>
        <translation>电话号码只能包含数字、空格和 + - ( )。</translation>
    </message>
    <message>
        <source>Contains control characters.</source>
        <translation>包含控制字符。</translation>
    </message>
    <message>
        <source>Must not be earlier than {other}.</source>
        <translation>不能早于 {other}。</translation>
    </message>
    <message>
        <source>Expected a list of texts.</source>
        <translation>应为文本列表。</translation>
    </message>
    <message>
        <source>Expected yes or no.</source>
        <translation>应为“是”或“否”。</translation>
    </message>
    <message>
        <source>Not a valid period (expected e.g. 2027, 2027-H1, 2027-Q3 or 2027-05, or 2027年, 2027年上半年, 2027年一季度, 2027年5月).</source>
        <translation>不是有效的计划期间（例如 2027、2027-H1、2027-Q3、2027-05，或 2027年、2027年上半年、2027年一季度、2027年5月）。</translation>
    </message>
    <message>
        <source>Not a valid period (expected e.g. 2027, 2027-H1, 2027-Q3 or 2027-05).</source>
        <translation type="vanished">不是有效的期间（例如 2027、2027-H1、2027-Q3 或 2027-05）。</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <source>deleted</source>
        <extracomment>Fields holding another record&apos;s id whose name is not ``*_id`` (shown by its name too).</extracomment>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>WeeklyReportDialog</name>
    <message>
        <source>Weekly report</source>
        <translation>周报</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>所在周</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>销售人员</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>weekly-report</source>
        <translation>周报</translation>
    </message>
    <message>
        <source>Monday {start} to Sunday {end}</source>
        <translation>周一 {start} 至周日 {end}</translation>
    </message>
    <message>
        <source>Save the weekly report</source>
        <translation>保存周报</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>WorkspaceHeaderView</name>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>ABC class</source>
        <translation>ABC 类</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系层次</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>编号 {code}</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>{stage} (set by hand)</source>
        <translation>{stage}（人工设定）</translation>
    </message>
    <message>
        <source>{level}. {name}</source>
        <translation>{level}. {name}</translation>
    </message>
    <message>
        <source>Not scored</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <source>{tier} (set by hand)</source>
        <translation>{tier}（人工设定）</translation>
    </message>
    <message>
        <source>The tier was set by hand; see the Profile tab.</source>
        <translation>此分级为人工设定，详见“概况”标签页。</translation>
    </message>
    <message>
        <source>Value tier from the score</source>
        <translation>根据评分得出的价值分级</translation>
    </message>
    <message>
        <source>No earlier period to compare with yet</source>
        <translation>还没有可供比较的上一期</translation>
    </message>
    <message>
        <source>Against {period}: {score}</source>
        <translation>与 {period} 相比：{score}</translation>
    </message>
</context>
<context>
    <name>self.owner</name>
    <message>
        <source>Covered by {name}</source>
        <translation type="vanished">由 {name} 对接</translation>
    </message>
</context>
</TS>
