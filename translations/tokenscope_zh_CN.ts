<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchExport</name>
    <message>
        <source>not a simulated batching sweep (it needs &quot;mode&quot; and &quot;rows&quot;)</source>
        <translation>不是模拟批处理扫描（需要 &quot;mode&quot; 和 &quot;rows&quot;）</translation>
    </message>
    <message>
        <source>not an endpoint sweep (it needs &quot;endpoint&quot; and &quot;levels&quot;)</source>
        <translation>不是端点扫描（需要 &quot;endpoint&quot; 和 &quot;levels&quot;）</translation>
    </message>
</context>
<context>
    <name>BatchRuleComparison</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message numerus="yes">
        <source>With %n client(s), fewer than a batch of %1, a batcher without a timer would wait forever: every client ends up waiting for a batch that never fills. The simulation flushes then, which flatters the full-batch rule.</source>
        <translation>
            <numerusform>%n 个客户端少于一批的 %1 个请求，没有定时器的批处理器会永远等下去：每个客户端最终都在等一个永远凑不满的批次。模拟在这时强制发送，因此高估了“只发满批”规则。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>With %n client(s)</source>
        <translation>
            <numerusform>%n 个客户端时</numerusform>
        </translation>
    </message>
    <message>
        <source>At %1 requests/s</source>
        <translation>%1 请求/秒时</translation>
    </message>
    <message>
        <source>%1 the queue fills batches of %2 on its own: waiting for a full batch adds nothing to p99.</source>
        <translation>%1，队列自己就能凑满 %2 个请求的批次：等待满批不会增加 p99。</translation>
    </message>
    <message>
        <source>%1, waiting for a full batch of %2 adds %3 to p99.</source>
        <translation>%1，等待凑满 %2 个请求的批次会使 p99 增加 %3。</translation>
    </message>
    <message>
        <source>%1, waiting for a full batch of %2 takes %3 off p99.</source>
        <translation>%1，等待凑满 %2 个请求的批次会使 p99 减少 %3。</translation>
    </message>
</context>
<context>
    <name>BatchingForm</name>
    <message>
        <source>Enter at least one value.</source>
        <translation>请至少输入一个值。</translation>
    </message>
    <message>
        <source>At most 1000 values.</source>
        <translation>最多 1000 个值。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number.</source>
        <translation>“%1”不是整数。</translation>
    </message>
    <message>
        <source>%1 is outside %2 to %3.</source>
        <translation>%1 超出 %2 到 %3 的范围。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export Sweep as JSON</source>
        <translation>将扫描导出为 JSON</translation>
    </message>
    <message>
        <source>Export Sweep as CSV</source>
        <translation>将扫描导出为 CSV</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>BatchingPanel</name>
    <message>
        <source>Simulated server</source>
        <translation>模拟服务器</translation>
    </message>
    <message>
        <source>A discrete-event simulation of an LLM server: sweep batch size, queue delay and token budget on a published server model.</source>
        <translation>LLM 服务器的离散事件模拟：在已发表的服务器模型上扫描批大小、排队延迟和 token 预算。</translation>
    </message>
    <message>
        <source>Endpoint sweep</source>
        <translation>端点扫描</translation>
    </message>
    <message>
        <source>Measure real endpoints (the embedded one included) over concurrency levels or request rates.</source>
        <translation>按并发级别或请求速率测量真实端点（包括内置端点）。</translation>
    </message>
</context>
<context>
    <name>BodyInflater</name>
    <message>
        <source>the compressed body is corrupt (%1)</source>
        <translation>压缩的响应体已损坏（%1）</translation>
    </message>
</context>
<context>
    <name>BoxPlotChart</name>
    <message>
        <source>%1
median %2 ms, p25–p75 %3–%4 ms</source>
        <translation>%1
中位数 %2 ms，p25–p75 %3–%4 ms</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟 (ms)</translation>
    </message>
</context>
<context>
    <name>BpeEncoding</name>
    <message>
        <source>cannot read the rank file %1: %2</source>
        <translation>无法读取词表文件 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large to be a rank file</source>
        <translation>%1 太大，不是词表文件</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>not a JSON object (%1)</source>
        <translation>不是 JSON 对象（%1）</translation>
    </message>
    <message>
        <source>the split pattern is not %1&apos;s</source>
        <translation>切分模式不是 %1 的模式</translation>
    </message>
    <message>
        <source>&quot;bpe_ranks&quot; is missing</source>
        <translation>缺少 &quot;bpe_ranks&quot;</translation>
    </message>
    <message>
        <source>malformed &quot;bpe_ranks&quot; line</source>
        <translation>&quot;bpe_ranks&quot; 行格式错误</translation>
    </message>
    <message>
        <source>malformed rank &quot;%1&quot;</source>
        <translation>排名 &quot;%1&quot; 格式错误</translation>
    </message>
    <message>
        <source>malformed token &quot;%1&quot;</source>
        <translation>token &quot;%1&quot; 格式错误</translation>
    </message>
    <message>
        <source>rank out of range</source>
        <translation>排名超出范围</translation>
    </message>
    <message>
        <source>too many token bytes</source>
        <translation>token 字节过多</translation>
    </message>
    <message>
        <source>no ranks</source>
        <translation>没有任何排名</translation>
    </message>
    <message>
        <source>duplicate token or rank %1</source>
        <translation>重复的 token 或排名 %1</translation>
    </message>
    <message>
        <source>byte %1 has no rank</source>
        <translation>字节 %1 没有排名</translation>
    </message>
</context>
<context>
    <name>BreakdownPanel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Median (p50)</source>
        <translation>中位数 (p50)</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Which figure of each phase the bars show</source>
        <translation>柱形显示各阶段的哪个统计值</translation>
    </message>
    <message>
        <source>&amp;Statistic:</source>
        <translation>统计量(&amp;S)：</translation>
    </message>
    <message>
        <source>Latency by phase</source>
        <translation>各阶段延迟</translation>
    </message>
    <message>
        <source>Means add up: each bar is the mean end-to-end latency.</source>
        <translation>平均值可以相加：每个柱形的总长即为平均端到端延迟。</translation>
    </message>
    <message>
        <source>Each phase shows its own %1 over all requests. Percentiles of phases do not add up to the end-to-end %1.</source>
        <translation>每个阶段显示其在所有请求上各自的 %1。各阶段的百分位数相加并不等于端到端的 %1。</translation>
    </message>
    <message>
        <source>Sum of phases</source>
        <translation>各阶段之和</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message>
        <source>Estimated: the trace cannot separate this phase, so it is modelled.</source>
        <translation>估算值：追踪数据无法单独分离出此阶段，因此按模型估算。</translation>
    </message>
    <message>
        <source>Typical range</source>
        <translation>典型范围</translation>
    </message>
    <message>
        <source>The range commonly claimed for each phase of a production endpoint; generation has none, it grows linearly with the output tokens</source>
        <translation>生产端点各阶段的典型说法范围；生成阶段没有固定范围，它随输出 token 数线性增长</translation>
    </message>
    <message>
        <source>vs typical</source>
        <translation>对比典型</translation>
    </message>
    <message>
        <source>below</source>
        <translation>低于</translation>
    </message>
    <message>
        <source>within</source>
        <translation>处于</translation>
    </message>
    <message>
        <source>above</source>
        <translation>高于</translation>
    </message>
    <message>
        <source>%1 against the typical range of each phase</source>
        <translation>%1 与各阶段典型范围的比较</translation>
    </message>
    <message>
        <source>No fixed range: generation grows linearly with the output tokens.</source>
        <translation>无固定范围：生成阶段随输出 token 数线性增长。</translation>
    </message>
    <message>
        <source>%1 of %2: %3 (%4)</source>
        <translation>%1 为 %2：%3（%4）</translation>
    </message>
    <message>
        <source>Send a request on the Live tab, or run a load on the Runs tab, to see its five phases.</source>
        <translation>在“实时”页发送请求，或在“压测”页运行负载，即可查看其五个阶段。</translation>
    </message>
</context>
<context>
    <name>CacheExport</name>
    <message>
        <source>not a cache simulation report (it needs &quot;stats&quot; and &quot;queries&quot;)</source>
        <translation>不是缓存模拟报告（需要 &quot;stats&quot; 和 &quot;queries&quot;）</translation>
    </message>
    <message>
        <source>the cache report&apos;s hits (%1) are not its exact plus semantic hits (%2)</source>
        <translation>缓存报告的命中数（%1）不等于精确命中与语义命中之和（%2）</translation>
    </message>
</context>
<context>
    <name>CacheOutcomeModel</name>
    <message>
        <source>false hit</source>
        <translation>误命中</translation>
    </message>
    <message>
        <source>exact hit</source>
        <translation>精确命中</translation>
    </message>
    <message>
        <source>semantic hit</source>
        <translation>语义命中</translation>
    </message>
    <message>
        <source>miss</source>
        <translation>未命中</translation>
    </message>
    <message>
        <source>miss (failed: %1)</source>
        <translation>未命中（失败：%1）</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>Group → matched group</source>
        <translation>分组 → 匹配分组</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟（ms）</translation>
    </message>
    <message>
        <source>The cached entry a hit was answered from, or the nearest entry a miss found</source>
        <translation>命中时给出答案的缓存条目；未命中时找到的最近条目</translation>
    </message>
    <message>
        <source>Nearest entry</source>
        <translation>最近条目</translation>
    </message>
</context>
<context>
    <name>CachePanel</name>
    <message>
        <source>Rate (%)</source>
        <translation>比率 (%)</translation>
    </message>
    <message>
        <source>threshold %1 (the form&apos;s)</source>
        <translation>阈值 %1（表单中的）</translation>
    </message>
    <message>
        <source>best %1 (≤ %2 false hits)</source>
        <translation>最佳 %1（误命中 ≤ %2）</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>The built-in bilingual trace: paraphrase groups in Chinese and English, with near misses.</source>
        <translation>内置双语轨迹：中英文同义改写分组，含易混淆的近似问题。</translation>
    </message>
    <message>
        <source>Typical scenario</source>
        <translation>典型场景</translation>
    </message>
    <message>
        <source>Load trace…</source>
        <translation>加载轨迹…</translation>
    </message>
    <message>
        <source>Trace:</source>
        <translation>轨迹：</translation>
    </message>
    <message>
        <source>Load a query trace</source>
        <translation>加载查询轨迹</translation>
    </message>
    <message>
        <source>Query traces (*.jsonl *.json *.csv);;All files (*)</source>
        <translation>查询轨迹 (*.jsonl *.json *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cosine similarity from which a query is served an entry&apos;s answer.</source>
        <translation>查询达到此余弦相似度即返回条目的答案。</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>阈值：</translation>
    </message>
    <message>
        <source>The largest share of wrong answers you accept; the sweep marks the best threshold for it.</source>
        <translation>可接受的最大错误答案比例；扫描会标出对应的最佳阈值。</translation>
    </message>
    <message>
        <source>Max false hits:</source>
        <translation>最大误命中：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>TTL:</source>
        <translation>TTL：</translation>
    </message>
    <message>
        <source>Sliding (a hit restarts the TTL)</source>
        <translation>滑动（命中时重新开始 TTL）</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> entries</source>
        <translation> 条</translation>
    </message>
    <message>
        <source>Capacity:</source>
        <translation>容量：</translation>
    </message>
    <message>
        <source>LRU (least recently used)</source>
        <translation>LRU（最近最少使用）</translation>
    </message>
    <message>
        <source>LFU (least frequently used)</source>
        <translation>LFU（最不经常使用）</translation>
    </message>
    <message>
        <source>FIFO (first in, first out)</source>
        <translation>FIFO（先进先出）</translation>
    </message>
    <message>
        <source>Eviction:</source>
        <translation>淘汰策略：</translation>
    </message>
    <message>
        <source>Built-in (offline n-gram hashing)</source>
        <translation>内置（离线 n-gram 哈希）</translation>
    </message>
    <message>
        <source>Embedded endpoint /v1/embeddings</source>
        <translation>内嵌端点 /v1/embeddings</translation>
    </message>
    <message>
        <source>Checked endpoint /v1/embeddings</source>
        <translation>已勾选端点 /v1/embeddings</translation>
    </message>
    <message>
        <source>Embedder:</source>
        <translation>嵌入器：</translation>
    </message>
    <message>
        <source>Nowhere (latency model)</source>
        <translation>不发送（延迟模型）</translation>
    </message>
    <message>
        <source>Embedded endpoint</source>
        <translation>内嵌端点</translation>
    </message>
    <message>
        <source>Checked endpoint</source>
        <translation>已勾选端点</translation>
    </message>
    <message>
        <source>Where misses are really sent; hits are always served from the cache.</source>
        <translation>未命中请求真实发送的目标；命中总是由缓存返回。</translation>
    </message>
    <message>
        <source>Send misses to:</source>
        <translation>未命中发送到：</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Hit rate over time</source>
        <translation>命中率随时间变化</translation>
    </message>
    <message>
        <source>Time in the trace (s)</source>
        <translation>轨迹中的时间（秒）</translation>
    </message>
    <message>
        <source>Cumulative share of queries (%)</source>
        <translation>累计查询占比（%）</translation>
    </message>
    <message>
        <source>Threshold sweep (one replay)</source>
        <translation>阈值扫描（一次重放）</translation>
    </message>
    <message>
        <source>Similarity threshold</source>
        <translation>相似度阈值</translation>
    </message>
    <message>
        <source>Threshold sweep</source>
        <translation>阈值扫描</translation>
    </message>
    <message>
        <source>With and without the cache (% of no cache)</source>
        <translation>有无缓存对比（占无缓存的 %）</translation>
    </message>
    <message>
        <source>Latency and cost</source>
        <translation>延迟与费用</translation>
    </message>
    <message>
        <source>Type a question, e.g. 机器学习是什么?</source>
        <translation>输入一个问题，例如 机器学习是什么?</translation>
    </message>
    <message>
        <source>Find nearest</source>
        <translation>查找最近条目</translation>
    </message>
    <message>
        <source>Try a query</source>
        <translation>试一个查询</translation>
    </message>
    <message>
        <source>%1 (%2 queries%3)</source>
        <translation>%1（%2 条查询%3）</translation>
    </message>
    <message>
        <source>built-in sample</source>
        <translation>内置示例</translation>
    </message>
    <message>
        <source>typical scenario</source>
        <translation>典型场景</translation>
    </message>
    <message>
        <source>, with duplicate groups</source>
        <translation>，含重复分组</translation>
    </message>
    <message>
        <source>embedded</source>
        <translation>内嵌</translation>
    </message>
    <message>
        <source>check an endpoint in the sidebar to use its /v1/embeddings</source>
        <translation>请在侧边栏勾选一个端点以使用其 /v1/embeddings</translation>
    </message>
    <message>
        <source>cannot start the embedded endpoint: %1</source>
        <translation>无法启动内嵌端点：%1</translation>
    </message>
    <message>
        <source>check an endpoint in the sidebar to send misses to it</source>
        <translation>请在侧边栏勾选一个端点以向其发送未命中请求</translation>
    </message>
    <message>
        <source>Embedding the trace…</source>
        <translation>正在嵌入轨迹…</translation>
    </message>
    <message>
        <source>Replaying: misses go to the endpoint…</source>
        <translation>正在重放：未命中请求发往端点…</translation>
    </message>
    <message>
        <source>Done: %1 queries.</source>
        <translation>完成：%1 条查询。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · exact hits %2 · semantic hits %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · 精确命中 %2 · 语义命中 %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;False hits %1&lt;/b&gt; (%2 of lookups) · missed duplicates %3 · evictions %4 · expirations %5</source>
        <translation>&lt;b&gt;误命中 %1&lt;/b&gt;（占查询 %2）· 漏掉的重复 %3 · 淘汰 %4 · 过期 %5</translation>
    </message>
    <message>
        <source>Latency saved %1 (miss %2 ms, hit %3 ms) · tokens saved %4 · cost saved %5 · embedder %6, %7 index%8</source>
        <translation>节省延迟 %1（未命中 %2 ms，命中 %3 ms）· 节省 token %4 · 节省费用 %5 · 嵌入器 %6，%7 索引%8</translation>
    </message>
    <message>
        <source>, misses sent to %1</source>
        <translation>，未命中已发送到 %1</translation>
    </message>
    <message>
        <source>, misses modelled</source>
        <translation>，未命中按模型估算</translation>
    </message>
    <message>
        <source>Best threshold for ≤ %1 false hits: &lt;b&gt;%2&lt;/b&gt; (hit rate %3, F1 %4)</source>
        <translation>误命中 ≤ %1 时的最佳阈值：&lt;b&gt;%2&lt;/b&gt;（命中率 %3，F1 %4）</translation>
    </message>
    <message>
        <source>the claimed outcome of each query beside this cache&apos;s (differences in bold)</source>
        <translation>每条查询的典型说法结果与本缓存的结果对照（不一致处加粗）</translation>
    </message>
    <message>
        <source>typical claim</source>
        <translation>典型说法</translation>
    </message>
    <message>
        <source>TokenScope</source>
        <translation>TokenScope</translation>
    </message>
    <message>
        <source>similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>query → best match</source>
        <translation>查询 → 最佳匹配</translation>
    </message>
    <message>
        <source>hit rate</source>
        <translation>命中率</translation>
    </message>
    <message>
        <source>semantic hits</source>
        <translation>语义命中</translation>
    </message>
    <message>
        <source>false hits</source>
        <translation>误命中</translation>
    </message>
    <message>
        <source>false-hit rate</source>
        <translation>误命中率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>without the cache</source>
        <translation>无缓存</translation>
    </message>
    <message>
        <source>with the cache</source>
        <translation>有缓存</translation>
    </message>
    <message>
        <source>Run a simulation first: the query is compared with what it cached.</source>
        <translation>请先运行一次模拟：查询会与其缓存的条目比较。</translation>
    </message>
    <message>
        <source>embedding failed: %1</source>
        <translation>嵌入失败：%1</translation>
    </message>
    <message>
        <source>exact hit</source>
        <translation>精确命中</translation>
    </message>
    <message>
        <source>semantic hit</source>
        <translation>语义命中</translation>
    </message>
    <message>
        <source>below threshold</source>
        <translation>低于阈值</translation>
    </message>
    <message>
        <source>%1  %2  (%3)</source>
        <translation>%1  %2  （%3）</translation>
    </message>
    <message>
        <source>The cache is empty.</source>
        <translation>缓存为空。</translation>
    </message>
    <message>
        <source>Start a replay to see how the cache does on this trace.</source>
        <translation>开始重放，查看缓存在此轨迹上的表现。</translation>
    </message>
</context>
<context>
    <name>CacheSimulator</name>
    <message>
        <source>nothing to simulate: no embedder or an empty trace</source>
        <translation>无可模拟：没有嵌入器或轨迹为空</translation>
    </message>
    <message>
        <source>embedding failed: %1</source>
        <translation>嵌入失败：%1</translation>
    </message>
    <message>
        <source>the embedder returned vectors of different lengths</source>
        <translation>嵌入器返回的向量长度不一致</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>CdfChart</name>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟 (ms)</translation>
    </message>
    <message>
        <source>Share of requests</source>
        <translation>请求占比</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Could not render the image for %1.</source>
        <translation>无法为 %1 渲染图像。</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Exported from TokenScope</source>
        <translation>由 TokenScope 导出</translation>
    </message>
    <message>
        <source>Could not start the SVG renderer.</source>
        <translation>无法启动 SVG 渲染器。</translation>
    </message>
    <message>
        <source>Could not start the PDF renderer.</source>
        <translation>无法启动 PDF 渲染器。</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message>
        <source>No file name was given.</source>
        <translation>未指定文件名。</translation>
    </message>
    <message>
        <source>The resolution must be between %1 and %2 DPI.</source>
        <translation>分辨率必须介于 %1 到 %2 DPI 之间。</translation>
    </message>
    <message>
        <source>Unknown export format.</source>
        <translation>未知的导出格式。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG (*.svg)</source>
        <translation>SVG (*.svg)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export Resolution</source>
        <translation>导出分辨率</translation>
    </message>
    <message>
        <source>Resolution (DPI):</source>
        <translation>分辨率 (DPI)：</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the chart as PNG, SVG or PDF</source>
        <translation>将图表导出为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <source>Copy the chart to the clipboard as an image</source>
        <translation>将图表作为图像复制到剪贴板</translation>
    </message>
    <message>
        <source>Unknown file type for %1: use .png, .svg or .pdf.</source>
        <translation>%1 的文件类型未知：请使用 .png、.svg 或 .pdf。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>unknown command &quot;%1&quot;; try &apos;tokenscope-cli --help&apos;</source>
        <translation>未知命令 &quot;%1&quot;；请尝试 &apos;tokenscope-cli --help&apos;</translation>
    </message>
    <message>
        <source>Runs TokenScope&apos;s simulated LLM endpoint: a real HTTP/1.1 server that speaks every supported protocol with a five-phase latency model and fault injection.</source>
        <translation>运行 TokenScope 的模拟 LLM 端点：一个真实的 HTTP/1.1 服务器，支持所有受支持的协议，并带有五阶段延迟模型和故障注入。</translation>
    </message>
    <message>
        <source>TCP port (default 8088; 0 picks a free one).</source>
        <translation>TCP 端口（默认 8088；0 表示自动选择空闲端口）。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>监听地址（默认 127.0.0.1）。</translation>
    </message>
    <message>
        <source>address</source>
        <translation>address</translation>
    </message>
    <message>
        <source>--host expects an IP address, got &quot;%1&quot;</source>
        <translation>--host 需要一个 IP 地址，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
    <message>
        <source>TokenScope simulated endpoint listening on %1</source>
        <translation>TokenScope 模拟端点正在监听 %1</translation>
    </message>
    <message>
        <source>  OpenAI-compatible base URL: %1/v1   (chat, completions, responses)</source>
        <translation>  OpenAI 兼容的基础 URL：%1/v1   (chat, completions, responses)</translation>
    </message>
    <message>
        <source>  Anthropic, Gemini, Ollama, llama.cpp, TGI, plain SSE: %1</source>
        <translation>  Anthropic、Gemini、Ollama、llama.cpp、TGI、纯 SSE：%1</translation>
    </message>
    <message>
        <source>  Statistics: %1/stats   Stop with Ctrl+C.</source>
        <translation>  统计信息：%1/stats   按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <source>Served %1 requests (%2 streams, %3 tokens); peak %4 streams at once.</source>
        <translation>共处理 %1 个请求（%2 个流，%3 个 token）；峰值同时 %4 个流。</translation>
    </message>
    <message>
        <source>Endpoint: %1 (%2, model %3)</source>
        <translation>端点：%1（%2，模型 %3）</translation>
    </message>
    <message>
        <source>Requests: %1 ok, %2 failed, %3 cancelled   wall time %4 s</source>
        <translation>请求：%1 成功，%2 失败，%3 已取消   墙钟时间 %4 s</translation>
    </message>
    <message>
        <source>%1 × %2: %3</source>
        <translation>%1 × %2：%3</translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation>TTFT (ms)</translation>
    </message>
    <message>
        <source>ITL (ms)</source>
        <translation>ITL (ms)</translation>
    </message>
    <message>
        <source>TPOT (ms)</source>
        <translation>TPOT (ms)</translation>
    </message>
    <message>
        <source>E2E (ms)</source>
        <translation>E2E (ms)</translation>
    </message>
    <message>
        <source>E2E sched (ms)</source>
        <translation>E2E 含排队 (ms)</translation>
    </message>
    <message>
        <source>Client wait (ms)</source>
        <translation>客户端等待 (ms)</translation>
    </message>
    <message>
        <source>TTFA (ms)</source>
        <translation>TTFA (ms)</translation>
    </message>
    <message>
        <source>Output tokens/s: %1 (peak %2)   requests/s: %3   peak concurrency: %4</source>
        <translation>输出 token/秒：%1（峰值 %2）   请求/秒：%3   峰值并发：%4</translation>
    </message>
    <message>
        <source>Embedded endpoint: peak %1 streams served at once (its CPU time is included below)</source>
        <translation>内嵌端点：峰值同时服务 %1 个流（其 CPU 时间已计入下方数据）</translation>
    </message>
    <message>
        <source>Client CPU time: %1 s, %2 µs per output token</source>
        <translation>客户端 CPU 时间：%1 s，每个输出 token %2 µs</translation>
    </message>
    <message>
        <source>Latency breakdown (mean ms of successful requests):</source>
        <translation>延迟分解（成功请求的平均值，单位 ms）：</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Sends streaming requests to an endpoint and reports TTFT, ITL, TPOT, end-to-end latency, throughput and the five-phase latency breakdown. Without --endpoint, a simulated endpoint is started in-process.</source>
        <translation>向端点发送流式请求，并报告 TTFT、ITL、TPOT、端到端延迟、吞吐量以及五阶段延迟分解。未指定 --endpoint 时，会在进程内启动一个模拟端点。</translation>
    </message>
    <message>
        <source>Base URL as the provider documents it (e.g. https://api.openai.com/v1, http://localhost:11434).</source>
        <translation>服务提供方文档中给出的基础 URL（例如 https://api.openai.com/v1、http://localhost:11434）。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Wire protocol: %1 (default openai-chat).</source>
        <translation>通信协议：%1（默认 openai-chat）。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>Model name sent to the endpoint.</source>
        <translation>发送给端点的模型名称。</translation>
    </message>
    <message>
        <source>Environment variable that holds the API key.</source>
        <translation>存放 API 密钥的环境变量。</translation>
    </message>
    <message>
        <source>var</source>
        <translation>var</translation>
    </message>
    <message>
        <source>Extra request header &quot;Name: value&quot; (repeatable).</source>
        <translation>额外的请求头 &quot;Name: value&quot;（可重复指定）。</translation>
    </message>
    <message>
        <source>header</source>
        <translation>header</translation>
    </message>
    <message>
        <source>Do not verify the TLS certificate (marked on every result).</source>
        <translation>不验证 TLS 证书（每个结果中都会注明）。</translation>
    </message>
    <message>
        <source>The prompt (default: a short question).</source>
        <translation>提示词（默认：一个简短的问题）。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>Prompt file: one prompt per line, or JSONL with &quot;prompt&quot; or &quot;messages&quot;.</source>
        <translation>提示词文件：每行一个提示词，或含 &quot;prompt&quot; 或 &quot;messages&quot; 字段的 JSONL。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>System message.</source>
        <translation>系统消息。</translation>
    </message>
    <message>
        <source>Measured requests (default 10).</source>
        <translation>计入测量的请求数（默认 10）。</translation>
    </message>
    <message>
        <source>Requests in flight at once (default 1); with --rate, a cap (0 = none).</source>
        <translation>同时进行中的请求数（默认 1）；与 --rate 一起使用时为上限（0 = 不限）。</translation>
    </message>
    <message>
        <source>Send at this many requests per second instead of a closed loop.</source>
        <translation>以每秒该数量的请求发送，而不使用闭环模式。</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>With --rate: exponential gaps between sends (a Poisson process).</source>
        <translation>与 --rate 一起使用：发送间隔服从指数分布（泊松过程）。</translation>
    </message>
    <message>
        <source>Seed of the Poisson schedule (default 1).</source>
        <translation>泊松发送计划的随机种子（默认 1）。</translation>
    </message>
    <message>
        <source>Maximum output tokens per request (default 128).</source>
        <translation>每个请求的最大输出 token 数（默认 128）。</translation>
    </message>
    <message>
        <source>Sampling temperature.</source>
        <translation>采样温度。</translation>
    </message>
    <message>
        <source>t</source>
        <translation>t</translation>
    </message>
    <message>
        <source>Warm-up requests sent first and left out of the statistics.</source>
        <translation>预热请求数：最先发送，且不计入统计。</translation>
    </message>
    <message>
        <source>Connect timeout (default 10).</source>
        <translation>连接超时（默认 10）。</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>First-token timeout (default 120).</source>
        <translation>首个 token 超时（默认 120）。</translation>
    </message>
    <message>
        <source>Timeout between chunks (default 60).</source>
        <translation>数据块之间的超时（默认 60）。</translation>
    </message>
    <message>
        <source>Timeout of a whole request (default 600).</source>
        <translation>整个请求的超时（默认 600）。</translation>
    </message>
    <message>
        <source>A new connection for every request (cold connections).</source>
        <translation>每个请求都使用新连接（冷连接）。</translation>
    </message>
    <message>
        <source>Ask for non-streaming responses.</source>
        <translation>请求非流式响应。</translation>
    </message>
    <message>
        <source>Write the summary and every request as JSON.</source>
        <translation>以 JSON 格式写出摘要和每个请求。</translation>
    </message>
    <message>
        <source>Write one CSV row per request.</source>
        <translation>每个请求写出一行 CSV。</translation>
    </message>
    <message>
        <source>No progress line.</source>
        <translation>不显示进度行。</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>意外的参数 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unknown protocol &quot;%1&quot;; known protocols: %2</source>
        <translation>未知协议 &quot;%1&quot;；已知协议：%2</translation>
    </message>
    <message>
        <source>--header expects &quot;Name: value&quot;, got &quot;%1&quot;</source>
        <translation>--header 需要 &quot;Name: value&quot; 格式，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the environment variable %1 (from --api-key-env) is not set</source>
        <translation>环境变量 %1（来自 --api-key-env）未设置</translation>
    </message>
    <message>
        <source>--seed expects a whole number</source>
        <translation>--seed 需要一个整数</translation>
    </message>
    <message>
        <source>--poisson needs --rate</source>
        <translation>--poisson 需要同时指定 --rate</translation>
    </message>
    <message>
        <source>give --prompt or --prompts, not both</source>
        <translation>请指定 --prompt 或 --prompts，不能同时指定两者</translation>
    </message>
    <message>
        <source>--endpoint expects an http:// or https:// URL, got &quot;%1&quot;</source>
        <translation>--endpoint 需要 http:// 或 https:// URL，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--model is required with --endpoint for the %1 protocol</source>
        <translation>对于 %1 协议，使用 --endpoint 时必须指定 --model</translation>
    </message>
    <message>
        <source>cannot start the embedded endpoint: %1</source>
        <translation>无法启动内嵌端点：%1</translation>
    </message>
    <message>
        <source>%1/%2 done, %3 failed, %4 in flight, %5 s</source>
        <translation>已完成 %1/%2，失败 %3，进行中 %4，%5 s</translation>
    </message>
    <message>
        <source>Running %1 requests against %2 (%3) ...</source>
        <translation>正在向 %2（%3）发送 %1 个请求...</translation>
    </message>
    <message>
        <source>no request succeeded (%1 failed; first error %2)</source>
        <translation>没有请求成功（%1 个失败；第一个错误：%2）</translation>
    </message>
    <message>
        <source>Decodes a captured raw response body into JSON lines: one per SSE event or NDJSON line, and with --protocol also what the protocol adapter makes of it.</source>
        <translation>将捕获的原始响应体解码为 JSON 行：每个 SSE 事件或 NDJSON 行输出一行；指定 --protocol 时，还会输出协议适配器对其的解析结果。</translation>
    </message>
    <message>
        <source>Framing: sse or ndjson.</source>
        <translation>分帧格式：sse 或 ndjson。</translation>
    </message>
    <message>
        <source>format</source>
        <translation>format</translation>
    </message>
    <message>
        <source>Protocol adapter to apply: %1.</source>
        <translation>要使用的协议适配器：%1。</translation>
    </message>
    <message>
        <source>Feed the decoder this many bytes at a time (default 4096).</source>
        <translation>每次向解码器输入的字节数（默认 4096）。</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>bytes</translation>
    </message>
    <message>
        <source>The captured body, or - for standard input.</source>
        <translation>捕获的响应体文件，或用 - 表示标准输入。</translation>
    </message>
    <message>
        <source>decode takes one FILE (or - for standard input)</source>
        <translation>decode 需要一个 FILE 参数（或用 - 表示标准输入）</translation>
    </message>
    <message>
        <source>--format expects sse or ndjson, got &quot;%1&quot;</source>
        <translation>--format 需要 sse 或 ndjson，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>decode needs --format or --protocol</source>
        <translation>decode 需要 --format 或 --protocol</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Simulated network delay before the response headers (default %1).</source>
        <translation>响应头之前的模拟网络延迟（默认 %1）。</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Simulated prompt processing per prompt token (default %1).</source>
        <translation>每个提示词 token 的模拟提示词处理时间（默认 %1）。</translation>
    </message>
    <message>
        <source>Simulated fixed inference time before the first token (default %1).</source>
        <translation>首个 token 之前的模拟固定推理时间（默认 %1）。</translation>
    </message>
    <message>
        <source>Simulated decode step with one stream (default %1).</source>
        <translation>单个流时每个解码步的模拟耗时（默认 %1）。</translation>
    </message>
    <message>
        <source>Simulated post-processing after the last token (default %1).</source>
        <translation>最后一个 token 之后的模拟后处理时间（默认 %1）。</translation>
    </message>
    <message>
        <source>Decode step growth per extra concurrent stream (default %1).</source>
        <translation>每增加一个并发流时解码步耗时的增长系数（默认 %1）。</translation>
    </message>
    <message>
        <source>factor</source>
        <translation>factor</translation>
    </message>
    <message>
        <source>Relative jitter of every simulated delay, 0..1 (default %1).</source>
        <translation>每个模拟延迟的相对抖动，0..1（默认 %1）。</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>fraction</translation>
    </message>
    <message>
        <source>Seed of the simulation&apos;s jitter and text (default %1).</source>
        <translation>模拟抖动和文本的随机种子（默认 %1）。</translation>
    </message>
    <message>
        <source>Inject a fault: %1.</source>
        <translation>注入故障：%1。</translation>
    </message>
    <message>
        <source>Share of requests that get the fault, 0..1 (default 1).</source>
        <translation>被注入故障的请求比例，0..1（默认 1）。</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>--%1 expects a number from %2 to %3, got &quot;%4&quot;</source>
        <translation>--%1 需要 %2 到 %3 之间的数字，实际为 &quot;%4&quot;</translation>
    </message>
    <message>
        <source>--sim-seed expects a whole number</source>
        <translation>--sim-seed 需要一个整数</translation>
    </message>
    <message>
        <source>unknown fault &quot;%1&quot;; known faults: %2</source>
        <translation>未知故障 &quot;%1&quot;；已知故障：%2</translation>
    </message>
    <message>
        <source>--%1 expects a comma-separated list of %2 from %3 to %4, got &quot;%5&quot;</source>
        <translation>--%1 需要以逗号分隔的 %2 列表，取值 %3 到 %4，实际为 &quot;%5&quot;</translation>
    </message>
    <message>
        <source>whole numbers</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>--%1 needs at least one value</source>
        <translation>--%1 至少需要一个值</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>batch</translation>
    </message>
    <message>
        <source>wait ms</source>
        <translation>wait ms</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>budget</translation>
    </message>
    <message>
        <source>req/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>tok/s</source>
        <translation>token/秒</translation>
    </message>
    <message>
        <source>TTFT p50</source>
        <translation>TTFT p50</translation>
    </message>
    <message>
        <source>TTFT p99</source>
        <translation>TTFT p99</translation>
    </message>
    <message>
        <source>TPOT p50</source>
        <translation>TPOT p50</translation>
    </message>
    <message>
        <source>TPOT p99</source>
        <translation>TPOT p99</translation>
    </message>
    <message>
        <source>E2E p50</source>
        <translation>E2E p50</translation>
    </message>
    <message>
        <source>E2E p99</source>
        <translation>E2E p99</translation>
    </message>
    <message>
        <source>mean bs</source>
        <translation>mean bs</translation>
    </message>
    <message>
        <source>util %</source>
        <translation>util %</translation>
    </message>
    <message>
        <source>Simulates an LLM server under load over a grid of batching settings and prints throughput, TTFT, TPOT and end-to-end latency for each. Times in the table are milliseconds; rows marked * are on the throughput/latency (E2E p99) Pareto front.</source>
        <translation>在一组批处理设置上模拟负载下的 LLM 服务器，并为每种设置输出吞吐量、TTFT、TPOT 和端到端延迟。表中时间单位为毫秒；标记 * 的行位于吞吐量/延迟（E2E p99）帕累托前沿上。</translation>
    </message>
    <message>
        <source>Maximum batch sizes to try (sequences in flight in continuous mode).</source>
        <translation>要尝试的最大批大小（连续批处理模式下为同时处理的序列数）。</translation>
    </message>
    <message>
        <source>list</source>
        <translation>list</translation>
    </message>
    <message>
        <source>Maximum queue delays to try (request mode).</source>
        <translation>要尝试的最大排队延迟（请求级模式）。</translation>
    </message>
    <message>
        <source>Tokens per step to try (continuous mode, default 2048).</source>
        <translation>要尝试的每步 token 数（连续批处理模式，默认 2048）。</translation>
    </message>
    <message>
        <source>Mean arrival rate, requests per second.</source>
        <translation>平均到达速率，每秒请求数。</translation>
    </message>
    <message>
        <source>Exponential gaps between arrivals (default: constant gaps).</source>
        <translation>到达间隔服从指数分布（默认：固定间隔）。</translation>
    </message>
    <message>
        <source>Gamma gaps with this burstiness (shape; below 1 is burstier than Poisson).</source>
        <translation>到达间隔服从伽马分布，取此突发度（形状参数；小于 1 时比泊松更具突发性）。</translation>
    </message>
    <message>
        <source>b</source>
        <translation>b</translation>
    </message>
    <message>
        <source>Closed loop instead of --rate: this many clients, each waiting for its reply.</source>
        <translation>闭环模式，替代 --rate：使用这么多个客户端，每个客户端等待自己的响应。</translation>
    </message>
    <message>
        <source>Requests per configuration (default 1000).</source>
        <translation>每种配置的请求数（默认 1000）。</translation>
    </message>
    <message>
        <source>Server model: %1 (default h100-llama2-7b).</source>
        <translation>服务器模型：%1（默认 h100-llama2-7b）。</translation>
    </message>
    <message>
        <source>Scheduling: request (dynamic batching) or continuous (default request).</source>
        <translation>调度方式：request（动态批处理）或 continuous（默认 request）。</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>mode</translation>
    </message>
    <message>
        <source>Prompt tokens per request (default 128).</source>
        <translation>每个请求的提示词 token 数（默认 128）。</translation>
    </message>
    <message>
        <source>Output tokens per request (default 128).</source>
        <translation>每个请求的输出 token 数（默认 128）。</translation>
    </message>
    <message>
        <source>Draw lengths uniformly within ±this share of the sizes above, 0..0.99 (default 0).</source>
        <translation>在上述长度的 ±该比例范围内均匀抽取长度，0..0.99（默认 0）。</translation>
    </message>
    <message>
        <source>Seed of arrivals and lengths (default 1).</source>
        <translation>到达时间和长度的随机种子（默认 1）。</translation>
    </message>
    <message>
        <source>TTFT limit for goodput.</source>
        <translation>计算有效吞吐量（goodput）时的 TTFT 上限。</translation>
    </message>
    <message>
        <source>TPOT limit for goodput.</source>
        <translation>计算有效吞吐量（goodput）时的 TPOT 上限。</translation>
    </message>
    <message>
        <source>End-to-end limit for goodput.</source>
        <translation>计算有效吞吐量（goodput）时的端到端延迟上限。</translation>
    </message>
    <message>
        <source>Write every configuration as JSON.</source>
        <translation>把每种配置写入 JSON。</translation>
    </message>
    <message>
        <source>Write one CSV row per configuration.</source>
        <translation>每种配置写一行 CSV。</translation>
    </message>
    <message>
        <source>unknown preset &quot;%1&quot;; known presets: %2</source>
        <translation>未知预设 &quot;%1&quot;；已知预设：%2</translation>
    </message>
    <message>
        <source>--mode expects request or continuous, got &quot;%1&quot;</source>
        <translation>--mode 需要 request 或 continuous，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>give either --rate or --clients</source>
        <translation>请指定 --rate 或 --clients 其中之一</translation>
    </message>
    <message>
        <source>give --poisson or --gamma, not both</source>
        <translation>请指定 --poisson 或 --gamma，不要同时指定</translation>
    </message>
    <message>
        <source>--poisson and --gamma need --rate</source>
        <translation>--poisson 和 --gamma 需要配合 --rate 使用</translation>
    </message>
    <message>
        <source>Simulating %1 configurations of %2 requests (%3, %4 mode, %5 arrivals) ...</source>
        <translation>正在模拟 %1 种配置，每种 %2 个请求（%3，%4 模式，%5 到达）...</translation>
    </message>
    <message>
        <source>Model: %1 — %2</source>
        <translation>模型：%1 — %2</translation>
    </message>
    <message>
        <source>Knee: batch %1, wait %2 ms, budget %3 (%4 req/s at E2E p99 %5 ms)</source>
        <translation>拐点：批大小 %1，等待 %2 ms，预算 %3（%4 请求/秒，E2E p99 %5 ms）</translation>
    </message>
    <message>
        <source>Highest throughput meeting the SLO for 99% of requests: batch %1, wait %2 ms, budget %3 (%4 req/s, goodput %5 req/s)</source>
        <translation>使 99% 请求满足 SLO 的最高吞吐量：批大小 %1，等待 %2 ms，预算 %3（%4 请求/秒，有效吞吐量 %5 请求/秒）</translation>
    </message>
    <message>
        <source>No configuration meets the SLO for 99% of requests.</source>
        <translation>没有配置能让 99% 的请求满足 SLO。</translation>
    </message>
    <message>
        <source>Simulated in %1 ms.</source>
        <translation>模拟耗时 %1 ms。</translation>
    </message>
    <message>
        <source>conc</source>
        <translation>conc</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>rate</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>stable</translation>
    </message>
    <message>
        <source>goodput</source>
        <translation>goodput</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Times in ms; throughput and goodput per second over each level&apos;s last windows; * marks the throughput/latency (E2E p99) Pareto front.</source>
        <translation>时间单位为 ms；吞吐量和有效吞吐量按每个级别最后几个窗口的每秒值计算；* 标记吞吐量/延迟（E2E p99）帕累托前沿。</translation>
    </message>
    <message>
        <source>Runs an endpoint at each concurrency level or request rate until its throughput is stable (the last 3 windows within 10%) or a limit ends the level, and reports throughput, TTFT/TPOT/E2E percentiles, errors and goodput per level, the knee of the curve, the highest level meeting the SLOs and the Pareto front. Without --endpoint, a simulated endpoint is started in-process.</source>
        <translation>在每个并发级别或请求速率下运行端点，直到吞吐量稳定（最后 3 个窗口相差不超过 10%）或达到限制为止，并报告每个级别的吞吐量、TTFT/TPOT/E2E 百分位数、错误和有效吞吐量，以及曲线拐点、满足 SLO 的最高级别和帕累托前沿。未指定 --endpoint 时，会在进程内启动一个模拟端点。</translation>
    </message>
    <message>
        <source>Concurrency levels to sweep, e.g. 1,2,4,8 (closed loop).</source>
        <translation>要扫描的并发级别，例如 1,2,4,8（闭环）。</translation>
    </message>
    <message>
        <source>Request rates to sweep, e.g. 1,2,5 (requests/s, open loop).</source>
        <translation>要扫描的请求速率，例如 1,2,5（请求/秒，开环）。</translation>
    </message>
    <message>
        <source>With --rates: exponential gaps between sends.</source>
        <translation>配合 --rates：发送间隔服从指数分布。</translation>
    </message>
    <message>
        <source>Requests per measurement window (default 32; at least 2 × the concurrency).</source>
        <translation>每个测量窗口的请求数（默认 32；至少为并发数的 2 倍）。</translation>
    </message>
    <message>
        <source>Measure in windows of this many seconds instead.</source>
        <translation>改为按这么多秒的窗口进行测量。</translation>
    </message>
    <message>
        <source>Windows after which a level that is not stable ends anyway (default 10).</source>
        <translation>未稳定的级别在这么多个窗口后也会结束（默认 10）。</translation>
    </message>
    <message>
        <source>At most this many requests per level.</source>
        <translation>每个级别最多这么多个请求。</translation>
    </message>
    <message>
        <source>At most this long per level.</source>
        <translation>每个级别最长这么长时间。</translation>
    </message>
    <message>
        <source>Write every level and the analysis as JSON.</source>
        <translation>把每个级别和分析结果写入 JSON。</translation>
    </message>
    <message>
        <source>Write one CSV row per level.</source>
        <translation>每个级别写一行 CSV。</translation>
    </message>
    <message>
        <source>give either --concurrency or --rates</source>
        <translation>请指定 --concurrency 或 --rates 其中之一</translation>
    </message>
    <message>
        <source>--poisson needs --rates</source>
        <translation>--poisson 需要配合 --rates 使用</translation>
    </message>
    <message>
        <source>level %1/%2 (%3): %4 windows, %5 requests, %6 s</source>
        <translation>级别 %1/%2（%3）：%4 个窗口，%5 个请求，%6 s</translation>
    </message>
    <message>
        <source>Sweeping %1 levels against %2 (%3) ...</source>
        <translation>正在对 %2（%3）扫描 %1 个级别...</translation>
    </message>
    <message>
        <source>Knee: %1 (%2 tokens/s)</source>
        <translation>拐点：%1（%2 token/秒）</translation>
    </message>
    <message>
        <source>Highest level meeting the SLOs for %1% of requests: %2 (goodput %3 requests/s)</source>
        <translation>使 %1% 请求满足 SLO 的最高级别：%2（有效吞吐量 %3 请求/秒）</translation>
    </message>
    <message>
        <source>No level meets the SLOs for %1% of requests.</source>
        <translation>没有级别能让 %1% 的请求满足 SLO。</translation>
    </message>
    <message>
        <source>Level %1: %2 × %3</source>
        <translation>级别 %1：%2 × %3</translation>
    </message>
    <message>
        <source>no request succeeded at any level</source>
        <translation>所有级别都没有成功的请求</translation>
    </message>
    <message>
        <source>continuous %1</source>
        <translation>连续 %1</translation>
    </message>
    <message>
        <source>batch %1, %2 ms</source>
        <translation>批 %1，%2 毫秒</translation>
    </message>
    <message>
        <source>no batching</source>
        <translation>不批处理</translation>
    </message>
    <message>
        <source>E2E p95</source>
        <translation>端到端 p95</translation>
    </message>
    <message>
        <source>queue wait</source>
        <translation>排队等待</translation>
    </message>
    <message>
        <source>Throughput gain: %1×; E2E p95 latency ×%2 (%3).</source>
        <translation>吞吐量提升：%1×；端到端 p95 延迟 ×%2（%3）。</translation>
    </message>
    <message>
        <source>the +3× claim holds here</source>
        <translation>“+3×”的说法在此成立</translation>
    </message>
    <message>
        <source>the +3× claim does not hold here</source>
        <translation>“+3×”的说法在此不成立</translation>
    </message>
    <message>
        <source>Run one configuration (one value per list) against the same server without batching (max batch 1), over the same arrivals, and print the throughput gain and latency cost.</source>
        <translation>将一个配置（每个列表一个值）与不批处理（最大批 1）的同一服务器在相同到达序列上对比，并打印吞吐量提升和延迟代价。</translation>
    </message>
    <message>
        <source>--compare needs one value of --max-batch, --max-wait-ms and --token-budget</source>
        <translation>--compare 需要 --max-batch、--max-wait-ms 和 --token-budget 各一个值</translation>
    </message>
    <message>
        <source>Do not write this run to the run history.</source>
        <translation>不将本次运行写入运行历史。</translation>
    </message>
    <message>
        <source>The run history database (default: %1).</source>
        <translation>运行历史数据库（默认：%1）。</translation>
    </message>
    <message>
        <source>Tag the run in the history (repeatable).</source>
        <translation>在运行历史中为本次运行添加标签（可重复）。</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>tokenscope-cli: warning: %1</source>
        <translation>tokenscope-cli：警告：%1</translation>
    </message>
    <message>
        <source>tokenscope-cli: warning: not saved to the history: %1</source>
        <translation>tokenscope-cli：警告：未保存到运行历史：%1</translation>
    </message>
    <message>
        <source>Saved to the history as run %1 (%2)</source>
        <translation>已保存到运行历史，运行编号 %1（%2）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a run id (see &apos;tokenscope-cli history list&apos;)</source>
        <translation>&quot;%1&quot; 不是运行编号（参见 &apos;tokenscope-cli history list&apos;）</translation>
    </message>
    <message>
        <source>--%1 expects a date such as 2026-01-31 or 2026-01-31T14:00</source>
        <translation>--%1 需要日期，例如 2026-01-31 或 2026-01-31T14:00</translation>
    </message>
    <message>
        <source>No runs in the history %1 match.</source>
        <translation>运行历史 %1 中没有匹配的运行。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Run %1: %2, %3</source>
        <translation>运行 %1：%2，%3</translation>
    </message>
    <message>
        <source>Started %1, ended %2, recorded with %3</source>
        <translation>开始于 %1，结束于 %2，记录工具版本 %3</translation>
    </message>
    <message>
        <source>Endpoint: %1 %2 (%3, model %4)</source>
        <translation>端点：%1 %2（%3，模型 %4）</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>Output tokens/s: %1   requests/s: %2   peak concurrency: %3</source>
        <translation>输出 token/秒：%1   请求/秒：%2   峰值并发：%3</translation>
    </message>
    <message>
        <source>export needs --json FILE or --csv FILE</source>
        <translation>export 需要 --json FILE 或 --csv FILE</translation>
    </message>
    <message>
        <source>--format is tokenscope or vllm, not &quot;%1&quot;</source>
        <translation>--format 只能是 tokenscope 或 vllm，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB</source>
        <translation>%1 大于 %2 MiB</translation>
    </message>
    <message>
        <source>cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <source>Imported %1 requests as run %2</source>
        <translation>已导入 %1 个请求，运行编号 %2</translation>
    </message>
    <message>
        <source>The run history: every run and sweep of the GUI and the CLI, request by request.

  list                      runs, newest first (filters: --endpoint, --from, --to, --tag)
  show ID                   a run&apos;s settings and figures
  compare ID ID… [--html FILE] [--pdf FILE]
                            runs side by side; with --html/--pdf, the comparison report
                            with its charts, as the History panel writes it
  export ID --json FILE     a run in the format of &apos;run --json&apos; (or --csv FILE)
  import FILE [--format tokenscope|vllm]
                            a &apos;run --json&apos; file or vLLM&apos;s &apos;bench serve --save-detailed&apos; result
  delete ID                 a run and its requests
  tag ID TAG [--remove]     add (or remove) a tag</source>
        <translation>运行历史：图形界面和命令行的每一次运行与扫描，逐个请求记录。

  list                      列出运行，最新的在前（筛选：--endpoint、--from、--to、--tag）
  show ID                   显示一次运行的设置和数据
  compare ID ID… [--html FILE] [--pdf FILE]
                            并排比较多次运行；加 --html/--pdf 时写出比较报告，
                            含图表，与“历史”面板写出的相同
  export ID --json FILE     以 &apos;run --json&apos; 的格式导出一次运行（或 --csv FILE）
  import FILE [--format tokenscope|vllm]
                            导入 &apos;run --json&apos; 文件或 vLLM &apos;bench serve --save-detailed&apos; 的结果
  delete ID                 删除一次运行及其请求
  tag ID TAG [--remove]     添加（或移除）标签</translation>
    </message>
    <message>
        <source>list, show, compare, export, import, delete or tag</source>
        <translation>list、show、compare、export、import、delete 或 tag</translation>
    </message>
    <message>
        <source>list: runs whose endpoint name or URL contains this.</source>
        <translation>list：端点名称或 URL 包含此文本的运行。</translation>
    </message>
    <message>
        <source>list: runs started at or after this date.</source>
        <translation>list：在此日期或之后开始的运行。</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>list: runs started before this date.</source>
        <translation>list：在此日期之前开始的运行。</translation>
    </message>
    <message>
        <source>list: runs with this tag; import: tag the imported run.</source>
        <translation>list：带有此标签的运行；import：为导入的运行添加标签。</translation>
    </message>
    <message>
        <source>list: at most this many runs.</source>
        <translation>list：最多列出这么多次运行。</translation>
    </message>
    <message>
        <source>list: write the runs as JSON (&quot;-&quot;: standard output); export: the file to write.</source>
        <translation>list：以 JSON 写出运行（&quot;-&quot;：标准输出）；export：要写入的文件。</translation>
    </message>
    <message>
        <source>export: also write one CSV row per request.</source>
        <translation>export：同时为每个请求写一行 CSV。</translation>
    </message>
    <message>
        <source>import: tokenscope (default) or vllm.</source>
        <translation>import：tokenscope（默认）或 vllm。</translation>
    </message>
    <message>
        <source>tag: remove the tag instead.</source>
        <translation>tag：改为移除该标签。</translation>
    </message>
    <message>
        <source>history needs an action: list, show, compare, export, import, delete or tag</source>
        <translation>history 需要一个操作：list、show、compare、export、import、delete 或 tag</translation>
    </message>
    <message>
        <source>unknown history action &quot;%1&quot;</source>
        <translation>未知的 history 操作 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>history %1 takes %2 argument(s); see &apos;tokenscope-cli history --help&apos;</source>
        <translation>history %1 需要 %2 个参数；参见 &apos;tokenscope-cli history --help&apos;</translation>
    </message>
    <message>
        <source>Deleted run %1</source>
        <translation>已删除运行 %1</translation>
    </message>
    <message>
        <source>%1 is not valid UTF-8 text</source>
        <translation>%1 不是有效的 UTF-8 文本</translation>
    </message>
    <message>
        <source>unknown encoding &quot;%1&quot;; known encodings: %2</source>
        <translation>未知编码 &quot;%1&quot;；已知编码：%2</translation>
    </message>
    <message>
        <source>Count tokens with this encoding: cl100k_base or o200k_base (default cl100k_base). Without its rank file, tokens are estimated and labelled so.</source>
        <translation>用此编码计数 token：cl100k_base 或 o200k_base（默认 cl100k_base）。缺少其词表文件时，token 数为估算值并如此标注。</translation>
    </message>
    <message>
        <source>%1 takes one FILE (or - for standard input)</source>
        <translation>%1 需要一个 FILE（或用 - 表示标准输入）</translation>
    </message>
    <message>
        <source>Compresses a prompt: rewrite rules in order, repeated lines removed, whitespace normalised, then, with --budget, truncation to that many tokens. The compressed text goes to standard output; with --stats the figures go to standard error as JSON (or to --json FILE).</source>
        <translation>压缩提示词：按顺序应用改写规则，删除重复行，规范空白；若给出 --budget，再截断到该 token 数。压缩后的文本输出到标准输出；使用 --stats 时统计以 JSON 输出到标准错误（或写入 --json FILE）。</translation>
    </message>
    <message>
        <source>A rule set saved as JSON (see the README).</source>
        <translation>以 JSON 保存的规则集（见 README）。</translation>
    </message>
    <message>
        <source>Truncate the result to at most this many tokens.</source>
        <translation>把结果截断到至多这么多 token。</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>What truncation keeps: head (the beginning), tail (the end), middle (both ends) or sentence (whole sentences). Default: middle.</source>
        <translation>截断保留的部分：head（开头）、tail（结尾）、middle（两端）或 sentence（完整句子）。默认：middle。</translation>
    </message>
    <message>
        <source>Print the figures as JSON on standard error.</source>
        <translation>以 JSON 在标准错误上输出统计。</translation>
    </message>
    <message>
        <source>Write the figures as JSON to this file.</source>
        <translation>把统计以 JSON 写入此文件。</translation>
    </message>
    <message>
        <source>The prompt, or - for standard input.</source>
        <translation>提示词文件，或用 - 表示标准输入。</translation>
    </message>
    <message>
        <source>give either --rules or --preset, not both</source>
        <translation>--rules 与 --preset 只能二选一</translation>
    </message>
    <message>
        <source>unknown strategy &quot;%1&quot;; use head, tail, middle or sentence</source>
        <translation>未知策略 &quot;%1&quot;；请用 head、tail、middle 或 sentence</translation>
    </message>
    <message>
        <source>tokenscope-cli: warning: rule %1 &quot;%2&quot; skipped: %3</source>
        <translation>tokenscope-cli: 警告：已跳过规则 %1 &quot;%2&quot;：%3</translation>
    </message>
    <message>
        <source>tokenscope-cli: note: %1</source>
        <translation>tokenscope-cli: 注意：%1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Counts the tokens of a text and says how they were counted: exactly with the encoding&apos;s rank file, or estimated per script when it is missing.</source>
        <translation>计数文本的 token 并说明计数方式：有编码的词表文件时精确计数，缺少时按文字类别估算。</translation>
    </message>
    <message>
        <source>Print JSON instead of a sentence.</source>
        <translation>输出 JSON 而不是一句话。</translation>
    </message>
    <message>
        <source>Also print the token ids (exact counts only).</source>
        <translation>同时输出 token 编号（仅限精确计数）。</translation>
    </message>
    <message>
        <source>The text, or - for standard input.</source>
        <translation>文本文件，或用 - 表示标准输入。</translation>
    </message>
    <message>
        <source>--sweep expects FROM:TO:STEP with -1 &lt;= FROM &lt;= TO &lt;= 1 and STEP &gt; 0, got &quot;%1&quot;</source>
        <translation>--sweep 需要 FROM:TO:STEP，且 -1 &lt;= FROM &lt;= TO &lt;= 1、STEP &gt; 0，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>hit rate</source>
        <translation>命中率</translation>
    </message>
    <message>
        <source>false hits</source>
        <translation>误命中</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Trace: %1 (%2 queries); embedder: %3; index: %4</source>
        <translation>轨迹：%1（%2 条查询）；嵌入器：%3；索引：%4</translation>
    </message>
    <message>
        <source>Cache: threshold %1, policy %2, capacity %3, TTL %4</source>
        <translation>缓存：阈值 %1，淘汰策略 %2，容量 %3，TTL %4</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>%1 s (%2)</source>
        <translation>%1 秒（%2）</translation>
    </message>
    <message>
        <source>sliding</source>
        <translation>滑动</translation>
    </message>
    <message>
        <source>absolute</source>
        <translation>绝对</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Misses sent to %1: %2 (%3 failed)</source>
        <translation>未命中请求已发送到 %1：%2 个（%3 个失败）</translation>
    </message>
    <message>
        <source>Offline: miss latency and tokens from the latency model (no endpoint called)</source>
        <translation>离线：未命中的延迟和 token 数来自延迟模型（未调用端点）</translation>
    </message>
    <message>
        <source>Statistics: %1</source>
        <translation>统计：%1</translation>
    </message>
    <message>
        <source>Lookups %1: exact hits %2, semantic hits %3</source>
        <translation>查询 %1 次：精确命中 %2，语义命中 %3</translation>
    </message>
    <message>
        <source>False hits %1 (%2 of lookups); missed duplicates %3; evictions %4; expirations %5</source>
        <translation>误命中 %1（占查询 %2）；漏掉的重复 %3；淘汰 %4；过期 %5</translation>
    </message>
    <message>
        <source>Latency: miss %1 ms, hit %2 ms (mean); total %3 s without the cache, %4 s with it (%5 saved)</source>
        <translation>延迟：未命中 %1 ms，命中 %2 ms（平均）；无缓存共 %3 秒，有缓存 %4 秒（节省 %5）</translation>
    </message>
    <message>
        <source>Tokens: %1 without, %2 with (%3 saved); cost %4 → %5 (%6 saved)</source>
        <translation>Token：无缓存 %1，有缓存 %2（节省 %3）；费用 %4 → %5（节省 %6）</translation>
    </message>
    <message>
        <source>Best threshold for at most %1 false hits: %2 (hit rate %3, false hits %4, F1 %5)</source>
        <translation>误命中不超过 %1 时的最佳阈值：%2（命中率 %3，误命中 %4，F1 %5）</translation>
    </message>
    <message>
        <source>No threshold keeps false hits at or below %1.</source>
        <translation>没有阈值能让误命中不超过 %1。</translation>
    </message>
    <message>
        <source>Capacity sweep (hit rate):</source>
        <translation>容量扫描（命中率）：</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>Belady</source>
        <translation>Belady</translation>
    </message>
    <message>
        <source>TTL sweep:</source>
        <translation>TTL 扫描：</translation>
    </message>
    <message>
        <source>TTL s</source>
        <translation>TTL 秒</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Typical scenario: the claimed outcome of each query beside this cache&apos;s</source>
        <translation>典型场景：每条查询的典型说法结果与本缓存的结果对照</translation>
    </message>
    <message>
        <source>typical claim</source>
        <translation>典型说法</translation>
    </message>
    <message>
        <source>TokenScope</source>
        <translation>TokenScope</translation>
    </message>
    <message>
        <source>similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>query → best match</source>
        <translation>查询 → 最佳匹配</translation>
    </message>
    <message>
        <source>(differs)</source>
        <translation>（不一致）</translation>
    </message>
    <message>
        <source>Replays a query trace through a semantic cache (exact layer + embedding similarity) and reports hit rate, false hits, latency, tokens and cost saved, and the whole threshold curve from one replay. Offline unless --embedded or --endpoint: then every miss is really sent.</source>
        <translation>让查询轨迹重放经过语义缓存（精确层 + 嵌入相似度），报告命中率、误命中、节省的延迟、token 和费用，并由一次重放得出完整的阈值曲线。默认离线；使用 --embedded 或 --endpoint 时，每个未命中都会真实发送。</translation>
    </message>
    <message>
        <source>Query trace: JSONL (&quot;text&quot;, optional &quot;timestamp&quot; in s, &quot;group&quot;) or CSV with a header; &quot;sample&quot; for the built-in bilingual trace; &quot;reference&quot; for the typical five-query scenario, whose settings (capacity %1, TTL %2 s, threshold %3) apply unless given. Its third query rephrases the first: a cache keyed by exact text misses it at any threshold; the semantic layer is what can turn it into a semantic hit.</source>
        <translation>查询轨迹：JSONL（&quot;text&quot;，可选 &quot;timestamp&quot;（秒）、&quot;group&quot;）或带表头的 CSV；&quot;sample&quot; 表示内置双语轨迹；&quot;reference&quot; 表示典型的五条查询场景，未另行指定时采用其设置（容量 %1，TTL %2 秒，阈值 %3）。其第三条查询是第一条的改写：按精确文本作键的缓存在任何阈值下都会错过它；语义层才能把它变成语义命中。</translation>
    </message>
    <message>
        <source>Similarity threshold of the semantic layer (default %1).</source>
        <translation>语义层的相似度阈值（默认 %1）。</translation>
    </message>
    <message>
        <source>Print the threshold curve over FROM:TO:STEP (e.g. 0.5:0.99:0.01).</source>
        <translation>打印 FROM:TO:STEP 范围内的阈值曲线（例如 0.5:0.99:0.01）。</translation>
    </message>
    <message>
        <source>range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Largest acceptable false-hit rate, 0..1, for the best threshold (default 0.01).</source>
        <translation>求最佳阈值时可接受的最大误命中率，0..1（默认 0.01）。</translation>
    </message>
    <message>
        <source>Exact layer only (no semantic matching).</source>
        <translation>仅精确层（不做语义匹配）。</translation>
    </message>
    <message>
        <source>Time to live of an entry (default: none).</source>
        <translation>条目的存活时间（默认：无）。</translation>
    </message>
    <message>
        <source>A hit restarts the entry&apos;s TTL.</source>
        <translation>命中时重新开始条目的 TTL。</translation>
    </message>
    <message>
        <source>Maximum entries (default: unlimited).</source>
        <translation>最大条目数（默认：不限）。</translation>
    </message>
    <message>
        <source>Maximum bytes of entries (default: unlimited).</source>
        <translation>条目的最大字节数（默认：不限）。</translation>
    </message>
    <message>
        <source>Eviction: lru, lfu or fifo (default lru).</source>
        <translation>淘汰策略：lru、lfu 或 fifo（默认 lru）。</translation>
    </message>
    <message>
        <source>Also store the query of a semantic hit as an entry.</source>
        <translation>语义命中的查询也作为条目存入。</translation>
    </message>
    <message>
        <source>Capacities to compare LRU, LFU, FIFO and the Belady bound at (e.g. 10,20,50,100).</source>
        <translation>比较 LRU、LFU、FIFO 与 Belady 上界的容量（例如 10,20,50,100）。</translation>
    </message>
    <message>
        <source>TTLs in seconds to compare (e.g. 60,300,1800).</source>
        <translation>要比较的 TTL（秒，例如 60,300,1800）。</translation>
    </message>
    <message>
        <source>builtin (offline character n-gram hashing) or endpoint (POST /v1/embeddings).</source>
        <translation>builtin（离线字符 n-gram 哈希）或 endpoint（POST /v1/embeddings）。</translation>
    </message>
    <message>
        <source>Base URL of the embeddings endpoint (default: the --endpoint, or the embedded one).</source>
        <translation>嵌入端点的基础 URL（默认：--endpoint，或内嵌端点）。</translation>
    </message>
    <message>
        <source>Model name for the embeddings endpoint.</source>
        <translation>嵌入端点使用的模型名称。</translation>
    </message>
    <message>
        <source>Inputs per embeddings call (default 64).</source>
        <translation>每次嵌入调用的输入条数（默认 64）。</translation>
    </message>
    <message>
        <source>Send misses to the embedded simulated endpoint.</source>
        <translation>把未命中请求发送到内嵌模拟端点。</translation>
    </message>
    <message>
        <source>Price per million input tokens (default 0.5).</source>
        <translation>每百万输入 token 的价格（默认 0.5）。</translation>
    </message>
    <message>
        <source>price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Price per million output tokens (default 1.5).</source>
        <translation>每百万输出 token 的价格（默认 1.5）。</translation>
    </message>
    <message>
        <source>Write the report (every query, the curve, the sweeps) as JSON.</source>
        <translation>将报告（每条查询、曲线、各项扫描）写为 JSON。</translation>
    </message>
    <message>
        <source>Write one CSV row per query (and the curve to FILE with .curve.csv).</source>
        <translation>每条查询写一行 CSV（曲线写入以 .curve.csv 结尾的文件）。</translation>
    </message>
    <message>
        <source>--trace FILE is required (or --trace sample, --trace reference)</source>
        <translation>需要 --trace FILE（或 --trace sample、--trace reference）</translation>
    </message>
    <message>
        <source>give --threshold or --sweep, not both</source>
        <translation>请给出 --threshold 或 --sweep，不要同时给出</translation>
    </message>
    <message>
        <source>--policy expects lru, lfu or fifo, got &quot;%1&quot;</source>
        <translation>--policy 需要 lru、lfu 或 fifo，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--embedder expects builtin or endpoint, got &quot;%1&quot;</source>
        <translation>--embedder 需要 builtin 或 endpoint，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>give --embedded or --endpoint, not both</source>
        <translation>请给出 --embedded 或 --endpoint，不要同时给出</translation>
    </message>
    <message>
        <source>--embed-endpoint expects an http:// or https:// URL, got &quot;%1&quot;</source>
        <translation>--embed-endpoint 需要 http:// 或 https:// URL，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Requests per arm of the batching experiment (default 16).</source>
        <translation>批处理实验每组的请求数（默认 16）。</translation>
    </message>
    <message>
        <source>Requests in flight in the batched arm (default 8).</source>
        <translation>批处理组中同时进行的请求数（默认 8）。</translation>
    </message>
    <message>
        <source>Queries of the trace replayed through the cache (default 40; 0: all).</source>
        <translation>经过缓存重放的轨迹查询数（默认 40；0：全部）。</translation>
    </message>
    <message>
        <source>Query trace (JSONL or CSV; default: the built-in sample).</source>
        <translation>查询轨迹（JSONL 或 CSV；默认：内置样例）。</translation>
    </message>
    <message>
        <source>Compression rule preset: zh or en (default zh).</source>
        <translation>压缩规则预设：zh 或 en（默认 zh）。</translation>
    </message>
    <message>
        <source>A second endpoint serving the same model (e.g. quantized), for the variant row.</source>
        <translation>提供同一模型的第二个端点（例如量化版），用于变体一行。</translation>
    </message>
    <message>
        <source>The variant&apos;s model (default: --model).</source>
        <translation>变体的模型（默认：--model）。</translation>
    </message>
    <message>
        <source>Write the table, settings and commands as JSON.</source>
        <translation>将表格、设置和命令写为 JSON。</translation>
    </message>
    <message>
        <source>--preset expects zh or en, got &quot;%1&quot;</source>
        <translation>--preset 需要 zh 或 en，得到的是“%1”</translation>
    </message>
    <message>
        <source>--variant-endpoint expects an http:// or https:// URL, got &quot;%1&quot;</source>
        <translation>--variant-endpoint 需要 http:// 或 https:// URL，得到的是“%1”</translation>
    </message>
    <message>
        <source>technique</source>
        <translation>技术</translation>
    </message>
    <message>
        <source>cost claim</source>
        <translation>费用说法</translation>
    </message>
    <message>
        <source>difficulty</source>
        <translation>难度</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>measured [95%]</source>
        <translation>实测 [95%]</translation>
    </message>
    <message>
        <source>measured cost [95%]</source>
        <translation>实测费用 [95%]</translation>
    </message>
    <message>
        <source>Recommended order for this endpoint (by the surest measured gain):</source>
        <translation>此端点的推荐顺序（按最确定的实测收益）：</translation>
    </message>
    <message>
        <source>no experiment succeeded</source>
        <translation>没有实验成功</translation>
    </message>
    <message>
        <source>Latency model to start from: fast (the default, for demos and tests) or typical (a typical production endpoint: every phase inside its typical range, about 2 s a request); the options below override its values.</source>
        <translation>起始的延迟模型：fast（默认，用于演示和测试）或 typical（典型生产端点：每个阶段都处于典型范围，每个请求约 2 秒）；下面的选项会覆盖其中的值。</translation>
    </message>
    <message>
        <source>Simulated fixed part of prompt processing, added to the per-token part (default %1).</source>
        <translation>模拟的提示词处理固定部分，加在按 token 计的部分之上（默认 %1）。</translation>
    </message>
    <message>
        <source>unknown latency preset &quot;%1&quot;; known presets: %2</source>
        <translation>未知的延迟预设“%1”；已知预设：%2</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>typical range</source>
        <translation>典型范围</translation>
    </message>
    <message>
        <source>vs typical range</source>
        <translation>与典型范围相比</translation>
    </message>
    <message>
        <source>  Latency preset: %1</source>
        <translation>  延迟预设：%1</translation>
    </message>
    <message>
        <source>full batches of %1</source>
        <translation>只发 %1 个请求的满批</translation>
    </message>
    <message>
        <source>full batch only (typical)</source>
        <translation>只发满批（典型）</translation>
    </message>
    <message>
        <source>max wait %1 ms</source>
        <translation>最长等待 %1 毫秒</translation>
    </message>
    <message>
        <source>TTFT p95</source>
        <translation>TTFT p95</translation>
    </message>
    <message>
        <source>Times in milliseconds; the same %1 requests (seed %2) through both rules, batch size %3.</source>
        <translation>时间单位为毫秒；两种规则使用相同的 %1 个请求（种子 %2），批大小 %3。</translation>
    </message>
    <message>
        <source>Without a timer a partial batch waits for more requests: the last ones wait for the end of the trace, where a final flush sends them.</source>
        <translation>没有定时器时，未满的批次会一直等待更多请求：最后几个请求要等到轨迹结束，由最终的刷新发出。</translation>
    </message>
    <message>
        <source>When a partial batch leaves (request mode): max-wait (after --max-wait-ms) or full-batch (never: only full batches, and a final flush at the end of the trace; --max-wait-ms is not used). Default max-wait.</source>
        <translation>未满的批次何时发出（请求模式）：max-wait（等待 --max-wait-ms 之后）或 full-batch（从不：只发满批，轨迹结束时做一次最终刷新；不使用 --max-wait-ms）。默认 max-wait。</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Run one configuration under both rules over the same arrivals: full batch only (the typical sketch&apos;s rule) against max wait; print throughput, TTFT and E2E percentiles side by side and what waiting for a full batch adds to p99. Default --max-batch %1 (the typical usage) and --max-wait-ms %2 (the wait the typical sketch declares but never uses).</source>
        <translation>在相同的到达序列上用两种规则运行同一配置：只发满批（典型示例的规则）对比最长等待；并列打印吞吐量、TTFT 和端到端百分位数，以及等待满批使 p99 增加多少。默认 --max-batch %1（典型用法）和 --max-wait-ms %2（典型示例声明但从未使用的等待时间）。</translation>
    </message>
    <message>
        <source>--rule expects max-wait or full-batch, got &quot;%1&quot;</source>
        <translation>--rule 应为 max-wait 或 full-batch，实际为“%1”</translation>
    </message>
    <message>
        <source>give --compare or --compare-full-batch, not both</source>
        <translation>请给出 --compare 或 --compare-full-batch，不要同时给出</translation>
    </message>
    <message>
        <source>--compare-full-batch runs both rules; leave out --rule</source>
        <translation>--compare-full-batch 会运行两种规则；请去掉 --rule</translation>
    </message>
    <message>
        <source>the full-batch rule needs --mode request: continuous batching has no batches to wait for</source>
        <translation>只发满批规则需要 --mode request：连续批处理没有需要等待凑满的批次</translation>
    </message>
    <message>
        <source>--compare-full-batch needs one value of --max-batch and of --max-wait-ms</source>
        <translation>--compare-full-batch 需要 --max-batch 和 --max-wait-ms 各一个值</translation>
    </message>
    <message>
        <source>Rule: full batch only (no timer, so the wait ms column does not apply): a partial batch waits for more requests, and the last ones wait for the end of the trace.</source>
        <translation>规则：只发满批（没有定时器，因此“wait ms”列不适用）：未满的批次会等待更多请求，最后几个请求要等到轨迹结束。</translation>
    </message>
    <message>
        <source>A built-in rule set: zh, en, or reference (exactly the typical rules of the latency chapter).</source>
        <translation>内置规则集：zh、en，或 reference（与延迟章节中的典型规则完全一致）。</translation>
    </message>
    <message>
        <source>unknown preset &quot;%1&quot;; use zh, en or reference</source>
        <translation>未知预设“%1”；请使用 zh、en 或 reference</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>TTFT p90</source>
        <translation>TTFT p90</translation>
    </message>
    <message>
        <source>TPOT mean</source>
        <translation>TPOT 均值</translation>
    </message>
    <message>
        <source>Output tokens/s</source>
        <translation>输出 token/秒</translation>
    </message>
    <message>
        <source>Latencies in ms.</source>
        <translation>延迟单位为毫秒。</translation>
    </message>
    <message>
        <source>this tokenscope-cli was built without the GUI libraries, which draw the report&apos;s charts; rebuild with TOKENSCOPE_BUILD_GUI=ON</source>
        <translation>此 tokenscope-cli 构建时未包含绘制报告图表所需的图形界面库；请以 TOKENSCOPE_BUILD_GUI=ON 重新构建</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>compare: write the report as HTML, charts inline as SVG.</source>
        <translation>compare：以 HTML 写出报告，图表以 SVG 内嵌。</translation>
    </message>
    <message>
        <source>compare: write the report as an A4 PDF.</source>
        <translation>compare：以 A4 PDF 写出报告。</translation>
    </message>
    <message>
        <source>Requests the simulated engine decodes at once; later ones wait in a FIFO queue, and the wait is part of their time to first token (default 0: no limit).</source>
        <translation>模拟引擎同时解码的请求数；之后的请求在 FIFO 队列中等待，等待时间计入其首个 token 时间（默认 0：不限）。</translation>
    </message>
    <message>
        <source>Size of the simulated KV cache in tokens: GET /metrics reports the prompt and output tokens of the running requests over it as vllm:gpu_cache_usage_perc (default %1).</source>
        <translation>模拟 KV 缓存的大小（以 token 计）：GET /metrics 将运行中请求的提示词 token 与输出 token 之和占它的比例报告为 vllm:gpu_cache_usage_perc（默认 %1）。</translation>
    </message>
    <message>
        <source>--%1 expects a whole number from %2 to %3, got &quot;%4&quot;</source>
        <translation>--%1 需要 %2 到 %3 之间的整数，实际为 &quot;%4&quot;</translation>
    </message>
    <message numerus="yes">
        <source>  Decodes at most %n request(s) at once; the others wait in a queue.</source>
        <translation>
            <numerusform>  最多同时解码 %n 个请求；其余请求在队列中等待。</numerusform>
        </translation>
    </message>
    <message>
        <source>  No limit on the requests decoded at once (see --max-concurrent-decodes).</source>
        <translation>  不限制同时解码的请求数（见 --max-concurrent-decodes）。</translation>
    </message>
    <message>
        <source>  Metrics (Prometheus text, vLLM&apos;s names): %1/metrics</source>
        <translation>  指标（Prometheus 文本格式，采用 vLLM 的指标名）：%1/metrics</translation>
    </message>
    <message>
        <source>Read the server&apos;s Prometheus metrics while measuring: auto (GET /metrics at the root of the endpoint&apos;s host, when it has one), off, or the URL to poll (default auto).</source>
        <translation>测量期间读取服务器的 Prometheus 指标：auto（若端点有主机名，则 GET 其主机根路径下的 /metrics）、off，或要轮询的 URL（默认 auto）。</translation>
    </message>
    <message>
        <source>auto|off|url</source>
        <translation>auto|off|url</translation>
    </message>
    <message>
        <source>Milliseconds between two scrapes of the server&apos;s metrics (default %1).</source>
        <translation>两次抓取服务器指标之间的间隔毫秒数（默认 %1）。</translation>
    </message>
    <message>
        <source>Write every point of the server&apos;s series as CSV (series,t_ms,value).</source>
        <translation>将服务器各序列的每个数据点写为 CSV（series,t_ms,value）。</translation>
    </message>
    <message>
        <source>--server-metrics expects auto, off or an http:// or https:// URL, got &quot;%1&quot;</source>
        <translation>--server-metrics 需要 auto、off 或 http:// 或 https:// URL，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>tokenscope-cli: no server metrics: %1</source>
        <translation>tokenscope-cli：没有服务器指标：%1</translation>
    </message>
    <message>
        <source>tokenscope-cli: warning: server metrics: %1 (later failures are counted in the results, not shown)</source>
        <translation>tokenscope-cli：警告：服务器指标：%1（之后的失败会计入结果，但不再显示）</translation>
    </message>
    <message>
        <source>Server metrics: %1 (%2), %3 every %4 ms, %5 failed</source>
        <translation>服务器指标：%1（%2），每 %4 ms 一次，共 %3，失败 %5 次</translation>
    </message>
    <message numerus="yes">
        <source>%n scrape(s)</source>
        <translation>
            <numerusform>%n 次抓取</numerusform>
        </translation>
    </message>
    <message>
        <source>no scrape succeeded: %1</source>
        <translation>没有一次抓取成功：%1</translation>
    </message>
    <message>
        <source>running: mean %1, max %2   waiting: max %3   KV cache: max %4%</source>
        <translation>运行中：平均 %1，最高 %2   等待中：最多 %3   KV 缓存：最高 %4%</translation>
    </message>
    <message>
        <source>TTFT p50 / p99: server %1 / %2 ms, client %3 / %4 ms (the difference is network + client)</source>
        <translation>TTFT p50 / p99：服务器 %1 / %2 ms，客户端 %3 / %4 ms（差值来自网络 + 客户端）</translation>
    </message>
    <message>
        <source>The server exports no TTFT histogram to compare with the client&apos;s.</source>
        <translation>服务器未导出 TTFT 直方图，无法与客户端的对比。</translation>
    </message>
    <message>
        <source>Server (%1) per level:</source>
        <translation>服务器（%1）各级别：</translation>
    </message>
    <message>
        <source>running mean</source>
        <translation>平均运行中</translation>
    </message>
    <message>
        <source>waiting max</source>
        <translation>最多等待中</translation>
    </message>
    <message>
        <source>KV max %</source>
        <translation>KV 最高 %</translation>
    </message>
    <message>
        <source>TTFT p99 server</source>
        <translation>TTFT p99 服务器</translation>
    </message>
    <message>
        <source>TTFT p99 client</source>
        <translation>TTFT p99 客户端</translation>
    </message>
    <message>
        <source>From the server&apos;s /metrics during each level; its TTFT starts when the request reaches it, the client&apos;s when it is sent (the difference is network + client). The server&apos;s percentiles are estimated inside its histogram&apos;s buckets, so they are only as fine as those buckets.</source>
        <translation>数据来自每个级别期间服务器的 /metrics；服务器的 TTFT 从请求到达服务器时开始计，客户端的从请求发出时开始计（差值来自网络 + 客户端）。服务器的百分位数是在其直方图的桶内估算的，精度取决于桶的划分。</translation>
    </message>
    <message>
        <source>above %1 ms</source>
        <translation>%1 ms 以上</translation>
    </message>
    <message>
        <source>%1-%2 ms</source>
        <translation>%1-%2 ms</translation>
    </message>
    <message>
        <source>server estimates from histogram buckets: p50 in %1, p99 in %2</source>
        <translation>服务器按直方图桶估算：p50 落在 %1，p99 落在 %2</translation>
    </message>
    <message>
        <source>--%1 expects MIN:MAX tokens (either may be left out), got &quot;%2&quot;</source>
        <translation>--%1 需要 MIN:MAX 形式的 token 数范围（任一端可省略），实际为 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>--tokenizer expects one of %1, got &quot;%2&quot;</source>
        <translation>--tokenizer 需要 %1 之一，实际为 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>Synthetic prompts of this many tokens: N, uniform:MIN:MAX, normal:MEAN:SD[:MIN:MAX] or hist:FILE (lines &quot;LENGTH WEIGHT&quot;).</source>
        <translation>生成此长度（token 数）的合成提示词：N、uniform:MIN:MAX、normal:MEAN:SD[:MIN:MAX] 或 hist:FILE（每行 &quot;LENGTH WEIGHT&quot;）。</translation>
    </message>
    <message>
        <source>spec</source>
        <translation>spec</translation>
    </message>
    <message>
        <source>Each request&apos;s max_tokens from this length spec (same forms as --input-tokens).</source>
        <translation>按此长度规格设定每个请求的 max_tokens（格式同 --input-tokens）。</translation>
    </message>
    <message>
        <source>Ask for exactly max_tokens (ignore_eos, min_tokens) where the protocol allows it: vLLM, SGLang and llama.cpp take it; hosted APIs do not.</source>
        <translation>在协议允许时要求恰好输出 max_tokens 个 token（ignore_eos、min_tokens）：vLLM、SGLang 和 llama.cpp 支持；托管 API 不支持。</translation>
    </message>
    <message>
        <source>Language of the synthetic text: en or zh (default en).</source>
        <translation>合成文本的语言：en 或 zh（默认 en）。</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>TOKENS:SHARE[:COUNT]: that share of the prompts starts with one of COUNT prefixes of TOKENS tokens (to measure prefix caching).</source>
        <translation>TOKENS:SHARE[:COUNT]：比例为 SHARE 的提示词以 COUNT 个前缀之一开头，每个前缀长 TOKENS 个 token（用于测量前缀缓存）。</translation>
    </message>
    <message>
        <source>Prompts from a dataset: ShareGPT JSON, chat JSONL or CSV with a prompt column.</source>
        <translation>从数据集读取提示词：ShareGPT JSON、对话 JSONL 或带提示词列的 CSV。</translation>
    </message>
    <message>
        <source>Dataset format: auto, sharegpt, jsonl or csv (default auto).</source>
        <translation>数据集格式：auto、sharegpt、jsonl 或 csv（默认 auto）。</translation>
    </message>
    <message>
        <source>Keep dataset prompts of MIN:MAX input tokens.</source>
        <translation>只保留输入为 MIN:MAX 个 token 的数据集提示词。</translation>
    </message>
    <message>
        <source>Keep dataset entries whose answer is MIN:MAX tokens.</source>
        <translation>只保留回答为 MIN:MAX 个 token 的数据集条目。</translation>
    </message>
    <message>
        <source>Seed of the workload&apos;s random draws (default 1).</source>
        <translation>工作负载随机抽取的随机种子（默认 1）。</translation>
    </message>
    <message>
        <source>--%1 replaces --prompt and --prompts: give one of them</source>
        <translation>--%1 会取代 --prompt 和 --prompts：请只指定其中之一</translation>
    </message>
    <message>
        <source>--shared-prefix needs --input-tokens</source>
        <translation>--shared-prefix 需要同时指定 --input-tokens</translation>
    </message>
    <message>
        <source>--%1 needs --dataset</source>
        <translation>--%1 需要同时指定 --dataset</translation>
    </message>
    <message>
        <source>--workload-seed expects a whole number</source>
        <translation>--workload-seed 需要一个整数</translation>
    </message>
    <message>
        <source>--language expects one of %1, got &quot;%2&quot;</source>
        <translation>--language 需要 %1 之一，实际为 &quot;%2&quot;</translation>
    </message>
    <message numerus="yes">
        <source>Workload: %n synthetic prompt(s), %1 (%2, %3), seed %4</source>
        <translation>
            <numerusform>工作负载：%n 个合成提示词，%1（%2，%3），种子 %4</numerusform>
        </translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Shared prefixes: %1 (%2% of the input tokens are prefix)</source>
        <translation>共享前缀：%1（输入 token 中有 %2% 属于前缀）</translation>
    </message>
    <message>
        <source>--dataset-format expects auto, sharegpt, jsonl or csv, got &quot;%1&quot;</source>
        <translation>--dataset-format 需要 auto、sharegpt、jsonl 或 csv，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: no entry left: %2</source>
        <translation>%1：没有剩余条目：%2</translation>
    </message>
    <message>
        <source>Workload: dataset %1 (%2): %3, seed %4</source>
        <translation>工作负载：数据集 %1（%2）：%3，种子 %4</translation>
    </message>
    <message>
        <source>Output: max_tokens of %1</source>
        <translation>输出：max_tokens 取 %1</translation>
    </message>
    <message>
        <source>Output length forced with ignore_eos / min_tokens where the protocol takes them</source>
        <translation>在协议支持时用 ignore_eos / min_tokens 强制输出长度</translation>
    </message>
    <message>
        <source>Replay a trace: JSONL lines with an arrival time (&quot;timestamp&quot; or &quot;arrival_ms&quot; in ms, &quot;arrival_s&quot; in s), &quot;input_tokens&quot; and &quot;output_tokens&quot; (or a &quot;prompt&quot;).</source>
        <translation>重放轨迹：JSONL 每行包含到达时间（&quot;timestamp&quot; 或 &quot;arrival_ms&quot;，单位 ms；&quot;arrival_s&quot;，单位 s）、&quot;input_tokens&quot; 和 &quot;output_tokens&quot;（或一个 &quot;prompt&quot;）。</translation>
    </message>
    <message>
        <source>Stretch the trace&apos;s time by this factor (2: half as fast; default 1).</source>
        <translation>将轨迹的时间按此倍数拉伸（2：速度减半；默认 1）。</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>Multi-turn conversations of N requests, each turn carrying the earlier prompts and answers (default 1).</source>
        <translation>多轮对话，每段对话 N 个请求，每一轮都带上之前的提示词和回答（默认 1）。</translation>
    </message>
    <message>
        <source>Seconds between an answer and the conversation&apos;s next turn (default 0).</source>
        <translation>从收到回答到对话下一轮之间的秒数（默认 0）。</translation>
    </message>
    <message>
        <source>--input-tokens, --dataset and --trace are three sources of prompts: give one</source>
        <translation>--input-tokens、--dataset 和 --trace 是三种提示词来源：请只指定其中之一</translation>
    </message>
    <message>
        <source>--turns expects a whole number</source>
        <translation>--turns 需要一个整数</translation>
    </message>
    <message>
        <source>--turns is for closed-loop runs; a trace sets its own pace</source>
        <translation>--turns 仅用于闭环运行；轨迹自带发送节奏</translation>
    </message>
    <message>
        <source>--time-scale needs --trace</source>
        <translation>--time-scale 需要同时指定 --trace</translation>
    </message>
    <message numerus="yes">
        <source>Workload: trace %1, %n request(s) over %2 s (time scale %3)</source>
        <translation>
            <numerusform>工作负载：轨迹 %1，%n 个请求，历时 %2 秒（时间缩放 %3）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversations of %n turn(s), %1 s between an answer and the next turn</source>
        <translation>
            <numerusform>每段对话 %n 轮，回答与下一轮之间间隔 %1 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs one short experiment per optimisation technique against an endpoint and prints the typical claim (latency and cost change, difficulty, priority) beside the measured change and cost, with a 95% bootstrap interval: streaming (time to first text), semantic cache (latency over a trace), provider prompt caching (TTFT of prompts sharing a long prefix after one warm request against distinct prefixes, and the cached tokens; the typical table has no row for it), batching (throughput at a concurrency), prompt compression (TTFT, tokens, cost) and a variant endpoint (speed, answer drift); then the order the techniques pay off in on this endpoint. Cost is usage tokens at the endpoint&apos;s prices (cached prompt tokens at its cached-input price), or tokens when it has none. Against the embedded endpoint unless --endpoint is given.</source>
        <translation>针对一个端点，为每种优化技术运行一次简短实验，并把典型说法（延迟与费用变化、难度、优先级）与实测变化和费用并列打印，附 95% bootstrap 置信区间：流式（首段文本时间）、语义缓存（轨迹上的延迟）、服务商提示词缓存（一次预热请求后共享长前缀的提示词的 TTFT，对比前缀各不相同的提示词，以及缓存的 token 数；典型表中没有这一行）、批处理（某一并发下的吞吐量）、提示压缩（TTFT、token 数、费用）和变体端点（速度、回答偏移）；然后给出这些技术在此端点上见效的顺序。费用为按端点价格计算的用量 token（缓存的提示词 token 按其缓存输入价格计），端点没有价格时为 token 数。未指定 --endpoint 时针对内置端点。</translation>
    </message>
    <message>
        <source>Techniques to run, comma-separated: streaming, cache, prompt-cache, batching, compression, variant (default: all).</source>
        <translation>要运行的技术，逗号分隔：streaming、cache、prompt-cache、batching、compression、variant（默认：全部）。</translation>
    </message>
    <message>
        <source>Streaming pairs, prompt-cache pairs, A/B requests per arm and variant rounds (default 5).</source>
        <translation>流式请求对数、提示词缓存请求对数、A/B 每组请求数和变体轮数（默认 5）。</translation>
    </message>
    <message>
        <source>--only expects streaming, cache, prompt-cache, batching, compression or variant, got &quot;%1&quot;</source>
        <translation>--only 需要 streaming、cache、prompt-cache、batching、compression 或 variant，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: %2 ms</source>
        <translation>第 %1 轮：%2 ms</translation>
    </message>
    <message>
        <source>TTFT p50 by conversation turn: %1</source>
        <translation>按对话轮次的 TTFT p50：%1</translation>
    </message>
    <message>
        <source>Prompt cache: %1 of %2 requests read %3% of their prompt tokens from the server&apos;s cache; TTFT p50 %4 ms with, %5 ms without</source>
        <translation>提示词缓存：%2 个请求中有 %1 个从服务器缓存读取了 %3% 的提示词 token；TTFT p50 有缓存 %4 ms，无缓存 %5 ms</translation>
    </message>
    <message>
        <source>--trace sets its own pace: leave out --rate</source>
        <translation>--trace 自带发送节奏：请去掉 --rate</translation>
    </message>
    <message>
        <source>--trace sends one request per line: leave out --requests</source>
        <translation>--trace 每行发送一个请求：请去掉 --requests</translation>
    </message>
    <message numerus="yes">
        <source>Lengths counted by the endpoint (POST /tokenize); its chat template adds %n token(s) to a one-message prompt</source>
        <translation>
            <numerusform>长度由端点计数（POST /tokenize）；其聊天模板为单条消息的提示词额外增加 %n 个 token</numerusform>
        </translation>
    </message>
    <message>
        <source>Lengths counted by the endpoint (POST /tokenize); the chat template&apos;s overhead could not be measured (%1)</source>
        <translation>长度由端点计数（POST /tokenize）；无法测得聊天模板额外增加的 token 数（%1）</translation>
    </message>
    <message>
        <source>What counts --input-tokens: cl100k_base (default), o200k_base, or endpoint (the server&apos;s own POST /tokenize, as llama.cpp and vLLM have).</source>
        <translation>计算 --input-tokens 所用的分词方式：cl100k_base（默认）、o200k_base 或 endpoint（服务器自带的 POST /tokenize，llama.cpp 和 vLLM 均提供）。</translation>
    </message>
    <message>
        <source>Input lengths: all %1 requests&apos; prompt_tokens less the template&apos;s %2 equal the asked length</source>
        <translation>输入长度：全部 %1 个请求的 prompt_tokens 减去模板的 %2 后均等于要求的长度</translation>
    </message>
    <message>
        <source>Input lengths: %1 of %2 requests&apos; prompt_tokens less the template&apos;s %3 equal the asked length; the farthest is off by %4 tokens</source>
        <translation>输入长度：%2 个请求中有 %1 个的 prompt_tokens 减去模板的 %3 后等于要求的长度；偏差最大的相差 %4 个 token</translation>
    </message>
    <message>
        <source>%1 of %2 requests ended before their max_tokens (the model stopped; --ignore-eos asks it not to where the server allows)</source>
        <translation>%2 个请求中有 %1 个在达到 max_tokens 前结束（模型自行停止；在服务器允许时，--ignore-eos 可要求模型不停止）</translation>
    </message>
    <message>
        <source>Usage: tokenscope-cli &lt;command&gt; [options]

Measure, explain and compare the latency of LLM inference endpoints.

Commands:
  run      Send streaming requests and report TTFT, ITL, TPOT, E2E and the
           five-phase latency breakdown (embedded endpoint unless --endpoint).
  sweep    Sweep concurrency levels or request rates against an endpoint: throughput,
           latency percentiles, goodput under SLOs, the knee and the Pareto front.
  serve    Run the simulated endpoint as a standalone HTTP server.
  decode   Decode a captured SSE/NDJSON response body into JSON lines.
  batch-sim  Simulate an LLM server over a grid of batching settings and show
           the throughput/latency trade-off.
  compress Compress a prompt with rewrite rules and truncate it to a token budget.
  tokens   Count the tokens of a text (cl100k_base, o200k_base, or an estimate).
  cache-sim  Replay a query trace through a semantic cache: hit rate, false hits,
           latency and cost saved, the threshold curve.
  history  List, show, export, import, tag and delete the runs in the run history.
  merge    Merge the shards of one run (run --shard K/N, on Slurm or Kubernetes) into
           that run, each shard beside it.
  impact   Measure each optimisation technique on an endpoint beside its typical claim.

Run &apos;tokenscope-cli &lt;command&gt; --help&apos; for the options of a command.
</source>
        <translation>用法：tokenscope-cli &lt;命令&gt; [选项]

测量、解释并比较 LLM 推理端点的延迟。

命令：
  run      发送流式请求，报告 TTFT、ITL、TPOT、E2E 以及
           五阶段延迟分解（未指定 --endpoint 时使用内嵌端点）。
  sweep    对端点扫描多个并发级别或请求速率：吞吐量、
           延迟百分位数、SLO 下的有效吞吐量、拐点和帕累托前沿。
  serve    将模拟端点作为独立的 HTTP 服务器运行。
  decode   将捕获的 SSE/NDJSON 响应体解码为 JSON 行。
  batch-sim  在一组批处理设置上模拟 LLM 服务器，
           展示吞吐量与延迟之间的权衡。
  compress 用改写规则压缩提示，并截断到 token 预算以内。
  tokens   统计文本的 token 数（cl100k_base、o200k_base 或估算）。
  cache-sim  让查询轨迹经过语义缓存重放：命中率、误命中、
           节省的延迟和费用、阈值曲线。
  history  列出、显示、导出、导入、标记和删除运行历史中的运行。
  merge    将一次运行（run --shard K/N，在 Slurm 或 Kubernetes 上）的各分片合并为
           该次运行，并与每个分片并列展示。
  impact   在端点上测量每种优化技术，并与其典型说法对照。

运行 &apos;tokenscope-cli &lt;命令&gt; --help&apos; 查看某个命令的选项。
</translation>
    </message>
    <message>
        <source>Proxy for every request: http://host:port (HTTP CONNECT), socks5:// or socks5h://host:port, or none. Default: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY with NO_PROXY (loopback goes direct).</source>
        <translation>每个请求所用的代理：http://host:port（HTTP CONNECT）、socks5:// 或 socks5h://host:port，或 none。默认：HTTPS_PROXY / HTTP_PROXY / ALL_PROXY，并遵循 NO_PROXY（环回地址直连）。</translation>
    </message>
    <message>
        <source>Run shard K of N (K from 0 to N-1): its share of --requests, --concurrency and --rate, and its own prompts. Under Slurm, SLURM_PROCID and SLURM_NTASKS say it without this option.</source>
        <translation>运行 N 个分片中的第 K 个（K 取 0 到 N-1）：承担 --requests、--concurrency 和 --rate 中属于它的份额，并使用自己的提示词。在 Slurm 下，SLURM_PROCID 和 SLURM_NTASKS 已给出这些信息，无需此选项。</translation>
    </message>
    <message>
        <source>K/N</source>
        <translation>K/N</translation>
    </message>
    <message>
        <source>The number of shards, the index coming from JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs).</source>
        <translation>分片数量；分片序号取自 JOB_COMPLETION_INDEX（Kubernetes Indexed Job）。</translation>
    </message>
    <message>
        <source>The name every shard of one run shares, so that merge keeps runs apart (under Slurm: slurm-$SLURM_JOB_ID).</source>
        <translation>同一运行的所有分片共用的名称，使 merge 能区分不同的运行（在 Slurm 下为 slurm-$SLURM_JOB_ID）。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>Wait until this wall-clock time before sending, so that shards start together: ISO 8601 (2026-12-04T10:00:00Z) or Unix seconds.</source>
        <translation>等到此墙钟时间再开始发送，使各分片同时开始：ISO 8601（2026-12-04T10:00:00Z）或 Unix 秒数。</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>give --shard K/N or --shards N, not both</source>
        <translation>请指定 --shard K/N 或 --shards N，不能同时指定两者</translation>
    </message>
    <message>
        <source>--shards expects a number of shards, got &quot;%1&quot;</source>
        <translation>--shards 需要分片数量，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--start-at expects an ISO 8601 time (2026-12-04T10:00:00Z) or Unix seconds, got &quot;%1&quot;</source>
        <translation>--start-at 需要 ISO 8601 时间（2026-12-04T10:00:00Z）或 Unix 秒数，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--run-id names the shards of one run: give --shard or --shards too</source>
        <translation>--run-id 用于命名同一运行的各分片：请同时指定 --shard 或 --shards</translation>
    </message>
    <message>
        <source>a shard needs --run-id, the name all shards of the run share (Slurm gives one: SLURM_JOB_ID)</source>
        <translation>分片需要 --run-id，即该运行所有分片共用的名称（Slurm 会提供一个：SLURM_JOB_ID）</translation>
    </message>
    <message>
        <source>tokenscope-cli: warning: --start-at %1 was %2 s ago: starting now</source>
        <translation>tokenscope-cli：警告：--start-at %1 已过去 %2 s：立即开始</translation>
    </message>
    <message>
        <source>The shards&apos; JSON files.</source>
        <translation>各分片的 JSON 文件。</translation>
    </message>
    <message>
        <source>shard.json…</source>
        <translation>shard.json…</translation>
    </message>
    <message>
        <source>Write a report of the merged run beside each shard as HTML, charts inline as SVG.</source>
        <translation>以 HTML 写出合并后运行与各分片并列的报告，图表以 SVG 内嵌。</translation>
    </message>
    <message>
        <source>Write the same report as an A4 PDF.</source>
        <translation>以 A4 PDF 写出同一份报告。</translation>
    </message>
    <message>
        <source>Merge the shards given even when some are missing.</source>
        <translation>即使缺少部分分片，也合并已给出的分片。</translation>
    </message>
    <message>
        <source>merge needs the shards&apos; files (e.g. shard-*.json)</source>
        <translation>merge 需要各分片的文件（例如 shard-*.json）</translation>
    </message>
    <message>
        <source>%1: %2 (a shard cut short by a crash or a full disk?)</source>
        <translation>%1：%2（分片是否因崩溃或磁盘已满而中途截断？）</translation>
    </message>
    <message>
        <source>Merged run &quot;%1&quot;: %2 of %3 shards, %4 ok, %5 failed, %6 cancelled, wall time %7 s</source>
        <translation>合并后的运行 &quot;%1&quot;：%3 个分片中的 %2 个，%4 成功，%5 失败，%6 已取消，墙钟时间 %7 s</translation>
    </message>
    <message>
        <source>shard</source>
        <translation>分片</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>lag p99</source>
        <translation>循环延迟 p99</translation>
    </message>
    <message>
        <source>start +ms</source>
        <translation>开始 +ms</translation>
    </message>
    <message>
        <source>stands out</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Latency breakdown (mean ms): %1</source>
        <translation>延迟分解（平均值，单位 ms）：%1</translation>
    </message>
    <message>
        <source>merged run %1</source>
        <translation>合并后的运行 %1</translation>
    </message>
    <message>
        <source>shard %1 (%2)</source>
        <translation>分片 %1（%2）</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Shard %1 (from %2) of run &quot;%3&quot;: %4 of %5 requests, concurrency %6</source>
        <translation>运行 &quot;%3&quot; 的分片 %1（来自 %2）：%5 个请求中的 %4 个，并发 %6</translation>
    </message>
    <message>
        <source>Merges the shards of one run (files of run or sweep --shard K/N --json) into that run: percentiles from the union of every shard&apos;s requests, throughput over the shards&apos; common timeline, a row per shard. Refuses shards of different runs or settings; a missing or cut-short shard is reported.</source>
        <translation>将一次运行的各分片（run 或 sweep --shard K/N --json 写出的文件）合并为该次运行：百分位数取自所有分片请求的并集，吞吐量按各分片共同的时间线计算，每个分片一行。拒绝合并不同运行或不同设置的分片；缺失或被截断的分片会被报告。</translation>
    </message>
    <message>
        <source>Write the merged run as JSON (the format of run --json; of sweep --json for a sweep&apos;s shards).</source>
        <translation>以 JSON 写出合并后的运行（格式同 run --json；扫描的分片则同 sweep --json）。</translation>
    </message>
    <message>
        <source>Write one CSV row per request of the merged run (per level for a sweep&apos;s shards).</source>
        <translation>为合并后运行的每个请求写一行 CSV（扫描的分片则每个级别一行）。</translation>
    </message>
    <message>
        <source>Sweep, levels measured from every shard&apos;s requests:</source>
        <translation>扫描，各级别由所有分片的请求测得：</translation>
    </message>
    <message>
        <source>Each level ran %1 s; its figures are those of its last %2 windows of %3 s.</source>
        <translation>每个级别运行 %1 秒；其数值取自最后 %2 个 %3 秒的窗口。</translation>
    </message>
    <message>
        <source>Timed levels: each level runs exactly this long, in --max-windows equal windows (default 6 here), its figures from the last 3; levels 1 s apart. Needed by shards (--shard), so that they run each level together and merge exactly.</source>
        <translation>定时级别：每个级别恰好运行这么长时间，分为 --max-windows 个等长窗口（此处默认 6 个），数值取自最后 3 个窗口；级别之间间隔 1 秒。分片（--shard）需要此选项，使各分片同时运行每个级别并能精确合并。</translation>
    </message>
    <message>
        <source>--level-seconds sets each level&apos;s length and windows: leave out --%1</source>
        <translation>--level-seconds 已设定每个级别的时长和窗口：请去掉 --%1</translation>
    </message>
    <message>
        <source>a shard of a sweep needs --level-seconds, so that every shard runs each level at the same time for as long</source>
        <translation>扫描的分片需要 --level-seconds，使每个分片在同一时间、以同样时长运行每个级别</translation>
    </message>
    <message>
        <source>a shard of a sweep writes its requests with --json FILE, for merge</source>
        <translation>扫描的分片需用 --json FILE 写出其请求，供 merge 使用</translation>
    </message>
    <message>
        <source>Shard %1 (from %2) of sweep &quot;%3&quot;: levels %4 of its own</source>
        <translation>扫描 &quot;%3&quot; 的分片 %1（来自 %2）：自身承担的级别为 %4</translation>
    </message>
    <message>
        <source>Shard %1 of sweep &quot;%2&quot;: its share of each level (merge the shards for the sweep&apos;s figures)</source>
        <translation>扫描 &quot;%2&quot; 的分片 %1：每个级别中属于它的份额（合并各分片可得到整个扫描的数值）</translation>
    </message>
    <message>
        <source>Threads that read and write the requests&apos; connections, each with its own event loop (default: the number of cores, %1 here; 0: all on the main thread).</source>
        <translation>读写请求连接的线程数，每个线程有自己的事件循环（默认：CPU 核数，本机为 %1；0：全部在主线程上）。</translation>
    </message>
    <message>
        <source>--io-threads expects a whole number, got &quot;%1&quot;</source>
        <translation>--io-threads 需要一个整数，收到的是 &quot;%1&quot;</translation>
    </message>
    <message numerus="yes">
        <source>Client overhead: event-loop lag p50 %1 / p99 %2 / max %3 ms; dispatch delay p50 %4 / p99 %5 / max %6 ms; %n I/O thread(s) busy %7% of the run</source>
        <translation>
            <numerusform>客户端开销：事件循环延迟 p50 %1 / p99 %2 / 最大 %3 ms；派发延迟 p50 %4 / p99 %5 / 最大 %6 ms；%n 个 I/O 线程忙碌占运行时长的 %7%</numerusform>
        </translation>
    </message>
    <message>
        <source>Receive times: the kernel&apos;s, for every request (when the bytes arrived, however late the client read them)</source>
        <translation>接收时间：全部请求均取内核的接收时间（字节到达之时，与客户端多晚读取无关）</translation>
    </message>
    <message>
        <source>Receive times: when the client read the bytes (the kernel&apos;s are used on plain TCP only, not through TLS or a proxy)</source>
        <translation>接收时间：客户端读取字节之时（内核接收时间只用于明文 TCP，不用于 TLS 或代理）</translation>
    </message>
    <message>
        <source>Receive times: the kernel&apos;s for %1 of %2 requests, the others&apos; when the client read their bytes</source>
        <translation>接收时间：%2 个请求中有 %1 个取内核的接收时间，其余取客户端读取字节之时</translation>
    </message>
</context>
<context>
    <name>ClientOverhead</name>
    <message>
        <source>its event loop answered %1 ms late at p99 (more than %2 ms)</source>
        <translation>其事件循环的 p99 响应延迟为 %1 ms（超过 %2 ms）</translation>
    </message>
    <message>
        <source>it used %1% of its I/O threads&apos; time (more than %2%)</source>
        <translation>其 I/O 线程的忙碌时间占 %1%（超过 %2%）</translation>
    </message>
    <message>
        <source>These figures include client delay: %1. Run fewer streams per client, or more clients.</source>
        <translation>这些数据包含客户端延迟：%1。请减少每个客户端的流数，或增加客户端数量。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>The +3× claim: &quot;batching: throughput +3×&quot;, as the commonly quoted table of LLM serving optimisations puts it (the Impact panel lists its other rows); Triton&apos;s dynamic-batching tutorial measures a gain of that size. It holds here when throughput is at least ×3 at an E2E p95 no worse than without batching.</source>
        <translation>“+3×”的说法：常被引用的 LLM 服务优化表写作“批处理：吞吐量 +3×”（影响面板列出了表中其他各行）；Triton 的动态批处理教程测得了同等幅度的提升。当吞吐量至少 ×3 且端到端 p95 不比不批处理时差时，判定此说法在此成立。</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>No batching</source>
        <translation>不批处理</translation>
    </message>
    <message>
        <source>Dynamic batching</source>
        <translation>动态批处理</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>比值</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Requests per second</source>
        <translation>每秒请求数</translation>
    </message>
    <message>
        <source>End-to-end latency</source>
        <translation>端到端延迟</translation>
    </message>
    <message>
        <source>Milliseconds</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Select a configuration in the sweep to compare it with the same server without batching.</source>
        <translation>在扫描结果中选择一个配置，与不做批处理的同一服务器比较。</translation>
    </message>
    <message>
        <source>Throughput ×%1 at E2E p95 ×%2: the +3× claim holds with these settings.</source>
        <translation>吞吐量 ×%1，端到端 p95 ×%2：在这些设置下“+3×”的说法成立。</translation>
    </message>
    <message>
        <source>Throughput ×%1 at E2E p95 ×%2: the +3× claim does not hold with these settings.</source>
        <translation>吞吐量 ×%1，端到端 p95 ×%2：在这些设置下“+3×”的说法不成立。</translation>
    </message>
    <message>
        <source>Continuous batching</source>
        <translation>连续批处理</translation>
    </message>
    <message numerus="yes">
        <source>%n clients in a closed loop</source>
        <translation>
            <numerusform>闭环中的 %n 个客户端</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 requests/s (%2 arrivals)</source>
        <translation>%1 请求/秒（%2 到达）</translation>
    </message>
    <message>
        <source>continuous batching, up to %1 sequences, %2 tokens per step</source>
        <translation>连续批处理，最多 %1 个序列，每步 %2 个 token</translation>
    </message>
    <message>
        <source>dynamic batching, max batch %1, max wait %2 ms</source>
        <translation>动态批处理，最大批 %1，最长等待 %2 毫秒</translation>
    </message>
    <message>
        <source>Same %1 requests and seed %2 through both: %3; %4; %5 prompt + %6 output tokens; model %7.</source>
        <translation>两边使用相同的 %1 个请求和种子 %2：%3；%4；%5 个提示词 token + %6 个输出 token；模型 %7。</translation>
    </message>
    <message>
        <source>Requests/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>Output tokens/s</source>
        <translation>输出 token/秒</translation>
    </message>
    <message>
        <source>TTFT p50 (ms)</source>
        <translation>TTFT p50（毫秒）</translation>
    </message>
    <message>
        <source>E2E p50 (ms)</source>
        <translation>E2E p50（毫秒）</translation>
    </message>
    <message>
        <source>E2E p95 (ms)</source>
        <translation>端到端 p95（毫秒）</translation>
    </message>
    <message>
        <source>E2E p99 (ms)</source>
        <translation>E2E p99（毫秒）</translation>
    </message>
    <message>
        <source>Queue wait (ms)</source>
        <translation>排队等待（毫秒）</translation>
    </message>
    <message>
        <source>Mean batch</source>
        <translation>平均批大小</translation>
    </message>
    <message>
        <source>Busy %</source>
        <translation>繁忙 %</translation>
    </message>
    <message>
        <source>dynamic batching, full batches of %1 only (no timer)</source>
        <translation>动态批处理，只发 %1 个请求的满批（无定时器）</translation>
    </message>
    <message>
        <source>Select a configuration in the sweep table to compare it with no batching.</source>
        <translation>在扫描表中选择一个配置，与不批处理的情况比较。</translation>
    </message>
</context>
<context>
    <name>CompressionExport</name>
    <message>
        <source>not a compression report (it needs &quot;input_tokens&quot; and &quot;rules&quot;)</source>
        <translation>不是压缩报告（需要 &quot;input_tokens&quot; 和 &quot;rules&quot;）</translation>
    </message>
</context>
<context>
    <name>CompressorPanel</name>
    <message>
        <source>Rules (run top to bottom; drag to reorder)</source>
        <translation>规则（自上而下执行；拖动可调整顺序）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Preset…</source>
        <translation>预设…</translation>
    </message>
    <message>
        <source>Chinese (zh)</source>
        <translation>中文（zh）</translation>
    </message>
    <message>
        <source>English (en)</source>
        <translation>英文（en）</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>new rule</source>
        <translation>新规则</translation>
    </message>
    <message>
        <source>text to find</source>
        <translation>要查找的文本</translation>
    </message>
    <message>
        <source>Import rules</source>
        <translation>导入规则</translation>
    </message>
    <message>
        <source>Rule sets (*.json)</source>
        <translation>规则集 (*.json)</translation>
    </message>
    <message>
        <source>Export rules</source>
        <translation>导出规则</translation>
    </message>
    <message>
        <source>Normalise whitespace</source>
        <translation>规范空白</translation>
    </message>
    <message>
        <source>Remove repeated lines</source>
        <translation>删除重复行</translation>
    </message>
    <message>
        <source>Remove repeated sentences</source>
        <translation>删除重复句子</translation>
    </message>
    <message>
        <source>Paste a prompt here</source>
        <translation>在此粘贴提示词</translation>
    </message>
    <message>
        <source>No truncation</source>
        <translation>不截断</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个 token</translation>
    </message>
    <message>
        <source>Input (removed and changed text highlighted)</source>
        <translation>输入（高亮显示删除和修改的文本）</translation>
    </message>
    <message>
        <source>Compressed (replacements highlighted)</source>
        <translation>压缩结果（高亮显示替换内容）</translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation>token：</translation>
    </message>
    <message>
        <source>Truncate:</source>
        <translation>截断：</translation>
    </message>
    <message>
        <source>Measure on endpoint</source>
        <translation>在端点上测量</translation>
    </message>
    <message>
        <source> × each</source>
        <translation> 次 × 每个</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sweep ratios</source>
        <translation>扫描压缩比</translation>
    </message>
    <message>
        <source>Truncate the input to 20–80% of its tokens and measure each</source>
        <translation>把输入截断到其 token 的 20–80% 并逐一测量</translation>
    </message>
    <message>
        <source>Sends the original and the compressed prompt, alternately, and compares prompt tokens, TTFT, end-to-end latency, cost and answer similarity.</source>
        <translation>交替发送原始提示词和压缩后的提示词，比较提示词 token、TTFT、端到端延迟、费用和回答相似度。</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>提示词 token</translation>
    </message>
    <message>
        <source>Sweep (% of the full prompt)</source>
        <translation>扫描（相对完整提示词的 %）</translation>
    </message>
    <message>
        <source>tokens kept (%)</source>
        <translation>保留的 token（%）</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Characters: %1 → %2 (−%3%).  Tokens: %4 → %5 (−%6%).</source>
        <translation>字符：%1 → %2（−%3%）。  token：%4 → %5（−%6%）。</translation>
    </message>
    <message numerus="yes">
        <source>Truncated to fit %n token(s).</source>
        <translation>
            <numerusform>已截断以容纳 %n 个 token。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) skipped: invalid pattern (see the red cells).</source>
        <translation>
            <numerusform>已跳过 %n 条规则：模式无效（见红色单元格）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not start the simulated endpoint: %1</source>
        <translation>无法启动模拟端点：%1</translation>
    </message>
    <message>
        <source>Measuring on %1…</source>
        <translation>正在 %1 上测量…</translation>
    </message>
    <message>
        <source>Sweeping on %1 (%2)…</source>
        <translation>正在 %1 上扫描（%2）…</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原始</translation>
    </message>
    <message>
        <source>Compressed</source>
        <translation>压缩后</translation>
    </message>
    <message>
        <source>Prefill</source>
        <translation>预填充</translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation>TTFT</translation>
    </message>
    <message>
        <source>End to end</source>
        <translation>端到端</translation>
    </message>
    <message>
        <source>Cancelled: the figures cover the requests that finished.</source>
        <translation>已取消：统计只包含已完成的请求。</translation>
    </message>
    <message>
        <source>Prompt tokens (≈ input cost)</source>
        <translation>提示词 token（≈ 输入费用）</translation>
    </message>
    <message>
        <source>Answer similarity</source>
        <translation>回答相似度</translation>
    </message>
    <message>
        <source>%1%: %2 tokens, TTFT %3 ms, E2E %4 ms, similarity %5</source>
        <translation>%1%：%2 个 token，TTFT %3 毫秒，端到端 %4 毫秒，相似度 %5</translation>
    </message>
    <message>
        <source>Typical guess at %1 characters a token: %2 → %3 tokens.</source>
        <translation>按每 %1 个字符一个 token 的典型估算：%2 → %3 个 token。</translation>
    </message>
    <message>
        <source>Runs the A/B on every endpoint checked in the sidebar, one after another</source>
        <translation>在侧边栏勾选的每个端点上依次运行 A/B</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Prefill and TTFT (ms, mean)</source>
        <translation>预填充与 TTFT（毫秒，均值）</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>End-to-end latency (ms, mean)</source>
        <translation>端到端延迟（毫秒，均值）</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message numerus="yes">
        <source>mean of %n request(s); 95% confidence interval %1 to %2</source>
        <translation>
            <numerusform>%n 个请求的均值；95% 置信区间 %1 至 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: prefill</source>
        <translation>%1：预填充</translation>
    </message>
    <message>
        <source>%1: TTFT</source>
        <translation>%1：TTFT</translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation>TTFT（毫秒）</translation>
    </message>
    <message>
        <source>End to end (ms)</source>
        <translation>端到端（毫秒）</translation>
    </message>
    <message>
        <source>Cost per request</source>
        <translation>每个请求的费用</translation>
    </message>
    <message>
        <source>no price set</source>
        <translation>未设置价格</translation>
    </message>
    <message>
        <source>Set the endpoint&apos;s prices per million tokens to see the cost</source>
        <translation>为端点设置每百万 token 的价格即可查看费用</translation>
    </message>
    <message>
        <source>Answer similarity (0–1)</source>
        <translation>回答相似度（0–1）</translation>
    </message>
    <message>
        <source>Original answers against each other: what sampling alone gives</source>
        <translation>原始回答之间的相似度：仅由采样带来的差异</translation>
    </message>
    <message>
        <source>Compressed answers against the original answers</source>
        <translation>压缩后的回答与原始回答的相似度</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n request(s) failed and are left out.</source>
        <translation>
            <numerusform>%1：%n 个请求失败，未计入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Means over the successful requests; hover a figure for its 95% confidence interval.</source>
        <translation>成功请求的均值；鼠标悬停在数字上可查看其 95% 置信区间。</translation>
    </message>
    <message>
        <source>Typical rules</source>
        <translation>典型规则</translation>
    </message>
    <message>
        <source>Click “Measure on endpoint” to compare the original and compressed prompts.</source>
        <translation>点击“在端点上测量”，比较原始提示词与压缩后的提示词。</translation>
    </message>
    <message>
        <source>Click “Sweep ratios” to see latency against the share of the prompt kept.</source>
        <translation>点击“扫描压缩比”，查看延迟随提示词保留比例的变化。</translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>The base URL &quot;%1&quot; is not an http(s) address with a host.</source>
        <translation>基础 URL &quot;%1&quot; 不是带主机名的 http(s) 地址。</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s.</source>
        <translation>%1 在 %2 s 内没有应答。</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>check the API key. %1</source>
        <translation>请检查 API 密钥。%1</translation>
    </message>
    <message>
        <source>the model list is not at this address; check the base URL and the protocol. %1</source>
        <translation>此地址上没有模型列表；请检查基础 URL 和协议。%1</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation>%1 返回 HTTP %2：%3</translation>
    </message>
    <message numerus="yes">
        <source>Connected: HTTP %1 in %2 ms, %n model(s) listed (%3).</source>
        <translation>
            <numerusform>已连接：HTTP %1，耗时 %2 ms，列出 %n 个模型（%3）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No usable proxy: %1</source>
        <translation>没有可用的代理：%1</translation>
    </message>
</context>
<context>
    <name>Dataset</name>
    <message>
        <source>the file ends before the array is closed (is it truncated?)</source>
        <translation>文件在数组闭合之前就结束了（是否被截断？）</translation>
    </message>
    <message>
        <source>expected a JSON array of conversations ([{&quot;conversations&quot;: [...]}, ...]); a file of one object per line is read as JSONL</source>
        <translation>应为由对话组成的 JSON 数组（[{&quot;conversations&quot;: [...]}, ...]）；每行一个对象的文件按 JSONL 读取</translation>
    </message>
    <message>
        <source>expected a JSON array of conversations ([{&quot;conversations&quot;: [...]}, ...])</source>
        <translation>应为由对话组成的 JSON 数组（[{&quot;conversations&quot;: [...]}, ...]）</translation>
    </message>
    <message>
        <source>conversation %1: expected a JSON object</source>
        <translation>对话 %1：应为 JSON 对象</translation>
    </message>
    <message>
        <source>the file ends inside conversation %1, which starts on line %2 (is it truncated?)</source>
        <translation>文件在对话 %1（始于第 %2 行）中途就结束了（是否被截断？）</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>无效的 JSON：%1</translation>
    </message>
    <message>
        <source>conversation %1</source>
        <translation>对话 %1</translation>
    </message>
    <message>
        <source>a comma before the closing &apos;]&apos; (JSON allows none)</source>
        <translation>闭合的 &apos;]&apos; 之前有逗号（JSON 不允许）</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos; after conversation %1</source>
        <translation>对话 %1 之后应为 &apos;,&apos; 或 &apos;]&apos;</translation>
    </message>
    <message>
        <source>unexpected content after the array</source>
        <translation>数组之后有多余内容</translation>
    </message>
    <message>
        <source>%1: expected a &quot;conversations&quot; array</source>
        <translation>%1：应有 &quot;conversations&quot; 数组</translation>
    </message>
    <message>
        <source>%1, turn %2: expected an object with &quot;from&quot; and &quot;value&quot; strings</source>
        <translation>%1，第 %2 轮：应为带 &quot;from&quot; 和 &quot;value&quot; 字符串的对象</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <source>the conversation</source>
        <translation>该对话</translation>
    </message>
    <message>
        <source>give either &quot;prompt&quot; or &quot;messages&quot;, not both</source>
        <translation>只能指定 &quot;prompt&quot; 或 &quot;messages&quot; 之一，不能同时指定</translation>
    </message>
    <message>
        <source>expected a &quot;prompt&quot; string or a &quot;messages&quot; array</source>
        <translation>应为 &quot;prompt&quot; 字符串或 &quot;messages&quot; 数组</translation>
    </message>
    <message>
        <source>give either &quot;output_tokens&quot; or &quot;max_tokens&quot;, not both</source>
        <translation>只能指定 &quot;output_tokens&quot; 或 &quot;max_tokens&quot; 之一，不能同时指定</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a positive integer</source>
        <translation>&quot;%1&quot; 必须是正整数</translation>
    </message>
    <message>
        <source>&quot;system&quot; must be a string</source>
        <translation>&quot;system&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>&quot;completion&quot; must be a string</source>
        <translation>&quot;completion&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>message %1 needs a &quot;role&quot; string</source>
        <translation>消息 %1 需要 &quot;role&quot; 字符串</translation>
    </message>
    <message>
        <source>message %1, part %2 needs a &quot;type&quot; string</source>
        <translation>消息 %1 的第 %2 部分需要 &quot;type&quot; 字符串</translation>
    </message>
    <message>
        <source>message %1, part %2 needs a &quot;text&quot; string</source>
        <translation>消息 %1 的第 %2 部分需要 &quot;text&quot; 字符串</translation>
    </message>
    <message>
        <source>message %1 needs a &quot;content&quot; string or an array of parts</source>
        <translation>消息 %1 需要 &quot;content&quot; 字符串或由各部分组成的数组</translation>
    </message>
    <message>
        <source>a quoted field that opens on line %1 is never closed</source>
        <translation>始于第 %1 行的引号字段没有闭合</translation>
    </message>
    <message>
        <source>unexpected text after a closing quote (a quote inside a quoted field is written twice: &quot;&quot;)</source>
        <translation>闭合引号之后有多余文本（引号字段内的引号要写两次：&quot;&quot;）</translation>
    </message>
    <message>
        <source>expected a header row naming the columns</source>
        <translation>应有一行列名作为表头</translation>
    </message>
    <message>
        <source>no column named &quot;%1&quot; (the header has: %2)</source>
        <translation>没有名为 &quot;%1&quot; 的列（表头中有：%2）</translation>
    </message>
    <message>
        <source>no prompt column: name one &quot;prompt&quot;, &quot;question&quot;, &quot;input&quot; or &quot;text&quot; (the header has: %1)</source>
        <translation>没有提示词列：请将其中一列命名为 &quot;prompt&quot;、&quot;question&quot;、&quot;input&quot; 或 &quot;text&quot;（表头中有：%1）</translation>
    </message>
    <message numerus="yes">
        <source>this row has %n field(s), not %1 as in the header (an unquoted comma?)</source>
        <translation>
            <numerusform>此行有 %n 个字段，而表头有 %1 个（是否有未加引号的逗号？）</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a positive integer, not &quot;%2&quot;</source>
        <translation>&quot;%1&quot; 必须是正整数，实际为 &quot;%2&quot;</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with an empty prompt</source>
        <translation>
            <numerusform>%n 条提示词为空</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a user turn</source>
        <translation>
            <numerusform>%n 条没有用户轮次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without an answer</source>
        <translation>
            <numerusform>%n 条没有回答</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with non-text content or another role</source>
        <translation>
            <numerusform>%n 条含非文本内容或其他角色</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>跳过 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the token range</source>
        <translation>
            <numerusform>%n 条在 token 范围内</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with the input out of range</source>
        <translation>
            <numerusform>%n 条输入超出范围</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with the output out of range</source>
        <translation>
            <numerusform>%n 条输出超出范围</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without an output length</source>
        <translation>
            <numerusform>%n 条没有输出长度</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sampled</source>
        <translation>
            <numerusform>抽样 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>(more than there are: entries repeat)</source>
        <translation>（多于现有条目：条目会重复）</translation>
    </message>
    <message>
        <source>%1: cannot read the file: %2</source>
        <translation>%1：无法读取文件：%2</translation>
    </message>
    <message>
        <source>%1: the file is larger than %2 MiB, the most a dataset may be</source>
        <translation>%1：文件大于 %2 MiB（数据集文件的上限）</translation>
    </message>
    <message>
        <source>%1: the file is empty</source>
        <translation>%1：文件为空</translation>
    </message>
    <message>
        <source>invalid UTF-8</source>
        <translation>无效的 UTF-8</translation>
    </message>
    <message>
        <source>%1: no entries found</source>
        <translation>%1：未找到条目</translation>
    </message>
    <message>
        <source>%1: no usable entries (%2)</source>
        <translation>%1：没有可用的条目（%2）</translation>
    </message>
    <message>
        <source>an empty prompt</source>
        <translation>提示词为空</translation>
    </message>
    <message>
        <source>no user turn</source>
        <translation>没有用户轮次</translation>
    </message>
    <message>
        <source>no answer after the first user turn</source>
        <translation>第一个用户轮次之后没有回答</translation>
    </message>
    <message>
        <source>non-text content or a role other than system, user or assistant</source>
        <translation>含非文本内容，或角色不是 system、user 或 assistant</translation>
    </message>
    <message>
        <source>input out of range</source>
        <translation>输入超出范围</translation>
    </message>
    <message>
        <source>output out of range</source>
        <translation>输出超出范围</translation>
    </message>
    <message>
        <source>no output length</source>
        <translation>没有输出长度</translation>
    </message>
</context>
<context>
    <name>DynamicBatcher</name>
    <message>
        <source>the batcher has been shut down</source>
        <translation>批处理器已关闭</translation>
    </message>
    <message>
        <source>the executor returned %1 results for a batch of %2</source>
        <translation>执行器为大小 %2 的批返回了 %1 个结果</translation>
    </message>
    <message>
        <source>cancelled: the batcher was shut down</source>
        <translation>已取消：批处理器已关闭</translation>
    </message>
</context>
<context>
    <name>EmbeddedEndpointService</name>
    <message>
        <source>Embedded (simulated)</source>
        <translation>内嵌（模拟）</translation>
    </message>
</context>
<context>
    <name>EndpointBatchExecutor</name>
    <message>
        <source>the client is gone</source>
        <translation>客户端已不存在</translation>
    </message>
    <message>
        <source>the server answered no choice %1 for a batch of %2 prompts (does it take a prompt array?)</source>
        <translation>对于 %2 个提示的批次，服务器没有返回第 %1 个选项（它是否支持提示数组？）</translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>This is the built-in simulated endpoint: only its protocol and model can be changed.</source>
        <translation>这是内置的模拟端点：只能更改其协议和模型。</translation>
    </message>
    <message>
        <source>e.g. vLLM on gpu-01</source>
        <translation>例如 gpu-01 上的 vLLM</translation>
    </message>
    <message>
        <source>The colour of this endpoint in every chart</source>
        <translation>此端点在所有图表中的颜色</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>协议(&amp;P)：</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>基础 URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Fetch models</source>
        <translation>获取模型</translation>
    </message>
    <message>
        <source>Ask the endpoint which models it serves</source>
        <translation>向端点查询其提供的模型</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>添加请求头</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>移除请求头</translation>
    </message>
    <message>
        <source>E&amp;xtra headers:</source>
        <translation>额外请求头(&amp;X)：</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>Stored in keychain</source>
        <translation>存储在密钥环中</translation>
    </message>
    <message>
        <source>e.g. OPENAI_API_KEY (empty: no key)</source>
        <translation>例如 OPENAI_API_KEY（留空：不使用密钥）</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Verify TLS certificate</source>
        <translation>验证 TLS 证书</translation>
    </message>
    <message>
        <source>Without verification anyone on the network path can read the prompts and the API key. Use this only for a test server with a self-signed certificate.</source>
        <translation>不验证证书时，网络路径上的任何人都能读取提示词和 API 密钥。请仅对使用自签名证书的测试服务器关闭验证。</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>安全：</translation>
    </message>
    <message>
        <source> per 1M tokens</source>
        <translation> 每百万 token</translation>
    </message>
    <message>
        <source>Price, input:</source>
        <translation>价格（输入）：</translation>
    </message>
    <message>
        <source>Price, output:</source>
        <translation>价格（输出）：</translation>
    </message>
    <message>
        <source>Add endpoint</source>
        <translation>添加端点</translation>
    </message>
    <message>
        <source>Edit endpoint</source>
        <translation>编辑端点</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>粘贴 API 密钥</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored key</source>
        <translation>留空则保留已存储的密钥</translation>
    </message>
    <message>
        <source>Base URL: the address ending in /v1, e.g. https://api.openai.com/v1</source>
        <translation>基础 URL：以 /v1 结尾的地址，例如 https://api.openai.com/v1</translation>
    </message>
    <message>
        <source>Base URL: the server root, e.g. http://localhost:11434</source>
        <translation>基础 URL：服务器根地址，例如 http://localhost:11434</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>optional: the server uses the model it has loaded</source>
        <translation>可选：服务器将使用其已加载的模型</translation>
    </message>
    <message>
        <source>Endpoint colour</source>
        <translation>端点颜色</translation>
    </message>
    <message>
        <source>Looking for a keychain service…</source>
        <translation>正在查找密钥环服务…</translation>
    </message>
    <message>
        <source>The embedded endpoint needs no key.</source>
        <translation>内嵌端点不需要密钥。</translation>
    </message>
    <message>
        <source>No keychain service (Secret Service, KWallet) is running, so keys cannot be stored safely here. Put the key in an environment variable and enter the variable&apos;s name above.</source>
        <translation>没有正在运行的密钥环服务（Secret Service、KWallet），因此无法在此安全地存储密钥。请将密钥放入环境变量，并在上方输入该变量的名称。</translation>
    </message>
    <message>
        <source>The key is kept in the system keychain, never in a file.</source>
        <translation>密钥保存在系统密钥环中，绝不会写入文件。</translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation>正在向 %1 查询模型…</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) found.</source>
        <translation>
            <numerusform>找到 %n 个模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>auto: /metrics at the host&apos;s root; off; or a URL</source>
        <translation>auto：主机根路径下的 /metrics；off：不读取；或填写一个 URL</translation>
    </message>
    <message>
        <source>Where the server&apos;s Prometheus metrics (requests running and waiting, KV cache use) are read during runs and sweeps</source>
        <translation>压测和扫描期间从哪里读取服务器的 Prometheus 指标（运行中与等待中的请求、KV 缓存使用率）</translation>
    </message>
    <message>
        <source>Server metrics:</source>
        <translation>服务器指标：</translation>
    </message>
    <message>
        <source>same as input</source>
        <translation>与输入相同</translation>
    </message>
    <message>
        <source>Price of prompt tokens the provider read from its prompt cache</source>
        <translation>服务商从其提示词缓存读取的提示词 token 的价格</translation>
    </message>
    <message>
        <source>Price, cached input:</source>
        <translation>价格（缓存输入）：</translation>
    </message>
    <message>
        <source>from HTTPS_PROXY / HTTP_PROXY; none; or a URL</source>
        <translation>留空：取自 HTTPS_PROXY / HTTP_PROXY；none；或填写一个 URL</translation>
    </message>
    <message>
        <source>The proxy requests go through: empty for the environment&apos;s (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY; loopback goes direct), &quot;none&quot;, http://host:port (HTTP CONNECT), or socks5://host:port. Its connect time shows as its own step of the waterfall.</source>
        <translation>请求经过的代理：留空则使用环境变量中的代理（HTTPS_PROXY、HTTP_PROXY、ALL_PROXY、NO_PROXY；环回地址直连）、&quot;none&quot;（不使用代理）、http://host:port（HTTP CONNECT）或 socks5://host:port。连接代理的耗时在瀑布图中单独显示为一步。</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>代理：</translation>
    </message>
</context>
<context>
    <name>EndpointLevelsModel</name>
    <message>
        <source>TTFT p50 (ms)</source>
        <translation>TTFT p50 (ms)</translation>
    </message>
    <message>
        <source>TTFT p99 (ms)</source>
        <translation>TTFT p99 (ms)</translation>
    </message>
    <message>
        <source>TPOT p50 (ms)</source>
        <translation>TPOT p50 (ms)</translation>
    </message>
    <message>
        <source>E2E p50 (ms)</source>
        <translation>E2E p50 (ms)</translation>
    </message>
    <message>
        <source>E2E p99 (ms)</source>
        <translation>E2E p99 (ms)</translation>
    </message>
    <message>
        <source>Goodput (req/s)</source>
        <translation>有效吞吐 (请求/秒)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no (limit)</source>
        <translation>否（达到上限）</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>帕累托</translation>
    </message>
    <message>
        <source>knee</source>
        <translation>拐点</translation>
    </message>
    <message>
        <source>best under SLO</source>
        <translation>满足 SLO 的最佳</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Req/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>Tok/s</source>
        <translation>token/秒</translation>
    </message>
    <message>
        <source>Stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>SLO met %</source>
        <translation>满足 SLO %</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>EndpointListModel</name>
    <message>
        <source>(not running)</source>
        <translation>（未运行）</translation>
    </message>
    <message>
        <source>(whatever the server has loaded)</source>
        <translation>（服务器当前加载的模型）</translation>
    </message>
    <message>
        <source>%1
Protocol: %2 (%3)
Model: %4</source>
        <translation>%1
协议：%2（%3）
模型：%4</translation>
    </message>
</context>
<context>
    <name>EndpointPromptCounter</name>
    <message>
        <source>the endpoint counts no tokens at %1/tokenize (%2): use a named encoding instead</source>
        <translation>端点在 %1/tokenize 未计数出任何 token（%2）：请改用具名编码</translation>
    </message>
</context>
<context>
    <name>EndpointResultsModel</name>
    <message>
        <source>TTFT p50 (ms)</source>
        <translation>TTFT p50 (ms)</translation>
    </message>
    <message>
        <source>TTFT p90 (ms)</source>
        <translation>TTFT p90 (ms)</translation>
    </message>
    <message>
        <source>TTFT p99 (ms)</source>
        <translation>TTFT p99 (ms)</translation>
    </message>
    <message>
        <source>ITL p50 (ms)</source>
        <translation>ITL p50 (ms)</translation>
    </message>
    <message>
        <source>ITL p90 (ms)</source>
        <translation>ITL p90 (ms)</translation>
    </message>
    <message>
        <source>ITL p99 (ms)</source>
        <translation>ITL p99 (ms)</translation>
    </message>
    <message>
        <source>TPOT p50 (ms)</source>
        <translation>TPOT p50 (ms)</translation>
    </message>
    <message>
        <source>TPOT p90 (ms)</source>
        <translation>TPOT p90 (ms)</translation>
    </message>
    <message>
        <source>TPOT p99 (ms)</source>
        <translation>TPOT p99 (ms)</translation>
    </message>
    <message>
        <source>E2E p50 (ms)</source>
        <translation>E2E p50 (ms)</translation>
    </message>
    <message>
        <source>E2E p90 (ms)</source>
        <translation>E2E p90 (ms)</translation>
    </message>
    <message>
        <source>E2E p99 (ms)</source>
        <translation>E2E p99 (ms)</translation>
    </message>
    <message>
        <source>Output (tokens/s)</source>
        <translation>输出 (token/秒)</translation>
    </message>
    <message>
        <source>Peak (tokens/s)</source>
        <translation>峰值 (token/秒)</translation>
    </message>
    <message>
        <source>Cost / 1k req (¤)</source>
        <translation>费用 / 1k 请求 (¤)</translation>
    </message>
    <message>
        <source>Output tokens per second over the run&apos;s wall time</source>
        <translation>本次运行墙钟时间内平均每秒的输出 token 数</translation>
    </message>
    <message>
        <source>Output tokens per second in the busiest one-second window</source>
        <translation>最繁忙的一秒窗口内每秒的输出 token 数</translation>
    </message>
    <message>
        <source>Cost of 1000 such requests from the reported token usage and the endpoint&apos;s prices, in the currency those prices are given in</source>
        <translation>根据上报的 token 用量和端点价格估算的 1000 个此类请求的费用，币种与价格所用币种相同</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>已取消：%1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>The endpoint, in its chart colour</source>
        <translation>端点（以其图表颜色显示）</translation>
    </message>
    <message>
        <source>Requests that completed without error (warm-ups excluded)</source>
        <translation>无错误完成的请求数（不含预热请求）</translation>
    </message>
    <message>
        <source>Time to first token, in milliseconds</source>
        <translation>首个 token 时间，单位为毫秒</translation>
    </message>
    <message>
        <source>Inter-token latency, in milliseconds</source>
        <translation>token 间延迟，单位为毫秒</translation>
    </message>
    <message>
        <source>Time per output token after the first, in milliseconds</source>
        <translation>首个 token 之后每个输出 token 的时间，单位为毫秒</translation>
    </message>
    <message>
        <source>End-to-end latency of a request, in milliseconds</source>
        <translation>单个请求的端到端延迟，单位为毫秒</translation>
    </message>
    <message>
        <source>Failed requests by error class</source>
        <translation>按错误类别统计的失败请求</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>EndpointSidebar</name>
    <message>
        <source>Endpoints</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Check up to %1 endpoints to compare them.</source>
        <translation>最多勾选 %1 个端点进行比较。</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Add an endpoint</source>
        <translation>添加一个端点</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Edit the selected endpoint</source>
        <translation>编辑所选端点</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Copy the selected endpoint</source>
        <translation>复制所选端点</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected endpoint</source>
        <translation>删除所选端点</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Add endpoints from a JSON file</source>
        <translation>从 JSON 文件添加端点</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save your endpoints to a JSON file (API keys are never included)</source>
        <translation>将端点保存到 JSON 文件（绝不包含 API 密钥）</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Ask the selected endpoint for its models and time the answer</source>
        <translation>向所选端点查询模型列表并测量响应时间</translation>
    </message>
    <message>
        <source>The built-in endpoint cannot be deleted</source>
        <translation>内置端点不能删除</translation>
    </message>
    <message>
        <source>New endpoint</source>
        <translation>新端点</translation>
    </message>
    <message>
        <source>Delete endpoint</source>
        <translation>删除端点</translation>
    </message>
    <message>
        <source>Delete the endpoint &quot;%1&quot;? Its stored API key is removed from the keychain too.</source>
        <translation>删除端点 &quot;%1&quot;？其存储的 API 密钥也会从密钥环中移除。</translation>
    </message>
    <message>
        <source>Import endpoints</source>
        <translation>导入端点</translation>
    </message>
    <message>
        <source>Endpoint files (*.json);;All files (*)</source>
        <translation>端点文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) imported. API keys are not part of the file: set the variables or store the keys again.</source>
        <translation>
            <numerusform>已导入 %n 个端点。文件中不包含 API 密钥：请设置相应的环境变量或重新存储密钥。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export endpoints</source>
        <translation>导出端点</translation>
    </message>
    <message>
        <source>endpoints.json</source>
        <translation>endpoints.json</translation>
    </message>
    <message>
        <source>Endpoint files (*.json)</source>
        <translation>端点文件 (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) exported without API keys.</source>
        <translation>
            <numerusform>已导出 %n 个端点（不含 API 密钥）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The embedded endpoint is not running.</source>
        <translation>内嵌端点未在运行。</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 以及另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Models: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Sending a short prompt…</source>
        <translation>正在发送一个简短的提示词…</translation>
    </message>
    <message>
        <source>Generation: first token after %1 ms.</source>
        <translation>生成：%1 ms 后收到首个 token。</translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation>生成失败：%1</translation>
    </message>
</context>
<context>
    <name>EndpointSweepPage</name>
    <message numerus="yes">
        <source>%v of %n level(s) done</source>
        <translation>
            <numerusform>已完成 %v / %n 个级别</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: finished levels kept (%n in all).</source>
        <translation>
            <numerusform>已取消：保留已完成的级别（共 %n 个）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n level(s) measured.</source>
        <translation>
            <numerusform>完成：已测量 %n 个级别。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Concurrency (requests in flight)</source>
        <translation>并发（进行中的请求数）</translation>
    </message>
    <message>
        <source>Request rate (per second)</source>
        <translation>请求速率（每秒）</translation>
    </message>
    <message>
        <source>Poisson arrivals</source>
        <translation>泊松到达</translation>
    </message>
    <message>
        <source>A measurement window ends after this many requests (at least twice the concurrency).</source>
        <translation>一个测量窗口在这么多请求完成后结束（至少为并发数的两倍）。</translation>
    </message>
    <message>
        <source>A level ends when the last 3 windows agree within 10%, or after this many.</source>
        <translation>当最近 3 个窗口相差在 10% 以内，或达到此数量时，该级别结束。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Vary:</source>
        <translation>变化量：</translation>
    </message>
    <message>
        <source>Levels:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>最大 token 数：</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>窗口：</translation>
    </message>
    <message>
        <source>Max windows:</source>
        <translation>最多窗口数：</translation>
    </message>
    <message>
        <source>Time per level:</source>
        <translation>每级时间：</translation>
    </message>
    <message>
        <source>Service levels</source>
        <translation>服务等级</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>运行扫描</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Fit Simulator Model</source>
        <translation>拟合模拟器模型</translation>
    </message>
    <message>
        <source>Fit the simulator&apos;s step-time model to this concurrency sweep (TPOT against concurrency) and use it on the Simulated server page.</source>
        <translation>用这次并发扫描（TPOT 随并发变化）拟合模拟器的步长时间模型，并在“模拟服务器”页使用。</translation>
    </message>
    <message>
        <source>Throughput vs latency, one point per level</source>
        <translation>吞吐量与延迟，每个级别一个点</translation>
    </message>
    <message>
        <source>Output tokens per second</source>
        <translation>每秒输出 token 数</translation>
    </message>
    <message>
        <source>End-to-end p99 (ms)</source>
        <translation>端到端 p99（毫秒）</translation>
    </message>
    <message>
        <source>Trade-off</source>
        <translation>权衡</translation>
    </message>
    <message>
        <source>Throughput by level</source>
        <translation>各级别吞吐量</translation>
    </message>
    <message>
        <source>End-to-end p99 by level</source>
        <translation>各级别端到端 p99</translation>
    </message>
    <message>
        <source>By level</source>
        <translation>按级别</translation>
    </message>
    <message>
        <source>No endpoints: check one or more in the sidebar.</source>
        <translation>没有端点：请在侧栏中勾选一个或多个。</translation>
    </message>
    <message>
        <source>Sweeps each in turn: %1</source>
        <translation>依次扫描：%1</translation>
    </message>
    <message>
        <source>fitted: %1</source>
        <translation>拟合：%1</translation>
    </message>
    <message>
        <source>Fitted %1: step floor %2 ms, %3 µs per extra sequence. Selected on the Simulated server page.</source>
        <translation>已拟合 %1：步长下限 %2 毫秒，每增加一个序列 %3 微秒。已在“模拟服务器”页选中。</translation>
    </message>
    <message>
        <source>Levels: %1</source>
        <translation>级别：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1: level %2 of %3, %n window(s) measured…</source>
        <translation>
            <numerusform>%1：第 %2/%3 级，已测量 %n 个窗口…</numerusform>
        </translation>
    </message>
    <message>
        <source>r=%1</source>
        <translation>r=%1</translation>
    </message>
    <message>
        <source>c=%1</source>
        <translation>c=%1</translation>
    </message>
    <message>
        <source>SLO: E2E ≤ %1 ms</source>
        <translation>SLO：端到端 ≤ %1 毫秒</translation>
    </message>
    <message>
        <source>%1: knee at %2</source>
        <translation>%1：拐点在 %2</translation>
    </message>
    <message>
        <source>%1: highest level meeting the SLOs %2 (goodput %3 req/s)</source>
        <translation>%1：满足 SLO 的最高级别 %2（有效吞吐 %3 请求/秒）</translation>
    </message>
    <message>
        <source>%1: no level meets the SLOs</source>
        <translation>%1：没有级别满足 SLO</translation>
    </message>
    <message>
        <source>Requests per second offered</source>
        <translation>提供的每秒请求数</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>并发</translation>
    </message>
    <message>
        <source>Milliseconds</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Click “Run sweep” to measure the checked endpoints at each level.</source>
        <translation>点击“运行扫描”，在每个级别上测量已勾选的端点。</translation>
    </message>
    <message>
        <source>Server: running batch (mean) and queue (max) by level</source>
        <translation>服务器：各级别的运行批次（平均）与队列（最大）</translation>
    </message>
    <message>
        <source>Click “Run sweep”: servers that expose /metrics show their batch and queue at each level here.</source>
        <translation>点击“运行扫描”：提供 /metrics 的服务器会在此显示其每个级别的批次和队列。</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>%1: running (mean)</source>
        <translation>%1：运行中（平均）</translation>
    </message>
    <message>
        <source>%1: waiting (max)</source>
        <translation>%1：等待中（最大）</translation>
    </message>
    <message>
        <source>%1: knee</source>
        <translation>%1：拐点</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
</context>
<context>
    <name>ErrorClass</name>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Invalid request</source>
        <translation>无效请求</translation>
    </message>
    <message>
        <source>DNS failure</source>
        <translation>DNS 解析失败</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>TLS failure</source>
        <translation>TLS 失败</translation>
    </message>
    <message>
        <source>HTTP error</source>
        <translation>HTTP 错误</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>First-token timeout</source>
        <translation>首个 token 超时</translation>
    </message>
    <message>
        <source>Stall timeout</source>
        <translation>停滞超时</translation>
    </message>
    <message>
        <source>Total timeout</source>
        <translation>总超时</translation>
    </message>
    <message>
        <source>Malformed stream</source>
        <translation>流格式错误</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>服务器错误</translation>
    </message>
    <message>
        <source>Reset or truncated</source>
        <translation>连接重置或响应截断</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>FigureFormat</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>FinishReason</name>
    <message>
        <source>end of answer</source>
        <translation>回答结束</translation>
    </message>
    <message>
        <source>token limit reached</source>
        <translation>达到 token 上限</translation>
    </message>
    <message>
        <source>stop sequence</source>
        <translation>停止序列</translation>
    </message>
    <message>
        <source>tool call</source>
        <translation>工具调用</translation>
    </message>
    <message>
        <source>content filter</source>
        <translation>内容过滤</translation>
    </message>
</context>
<context>
    <name>HistogramChart</name>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>Values of %1 and above, the slowest %2%, are counted in this last bin</source>
        <translation>%1 及以上的值（最慢的 %2%）计入最后这一格</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟 (ms)</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Endpoint name or URL</source>
        <translation>端点名称或 URL</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>早于</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show the run in the Runs panel, as if it had just finished</source>
        <translation>在“运行”面板中显示这次运行，就像它刚刚完成一样</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Overlay the selected runs&apos; distributions</source>
        <translation>叠加显示所选运行的分布</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Comparison Report…</source>
        <translation>对比报告…</translation>
    </message>
    <message>
        <source>The runs compared below as a report: HTML with the charts inline, and PDF.</source>
        <translation>将下方对比的运行导出为报告：内嵌图表的 HTML，以及 PDF。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export Comparison Report</source>
        <translation>导出对比报告</translation>
    </message>
    <message>
        <source>Report (HTML and PDF) (*.html)</source>
        <translation>报告（HTML 和 PDF）(*.html)</translation>
    </message>
    <message>
        <source>Report written (HTML and PDF).</source>
        <translation>报告已写入（HTML 和 PDF）。</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>首个 token 时间</translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation>TTFT（毫秒）</translation>
    </message>
    <message>
        <source>Share of requests</source>
        <translation>请求占比</translation>
    </message>
    <message>
        <source>End-to-end latency</source>
        <translation>端到端延迟</translation>
    </message>
    <message>
        <source>E2E (ms)</source>
        <translation>E2E（毫秒）</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>TTFT distribution</source>
        <translation>TTFT 分布</translation>
    </message>
    <message>
        <source>E2E distribution</source>
        <translation>E2E 分布</translation>
    </message>
    <message>
        <source>TTFT box plot</source>
        <translation>TTFT 箱线图</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>The run history is not available: %1</source>
        <translation>运行历史不可用：%1</translation>
    </message>
    <message>
        <source>no database</source>
        <translation>没有数据库</translation>
    </message>
    <message>
        <source>Compare one or more runs first.</source>
        <translation>请先对比一个或多个运行。</translation>
    </message>
    <message>
        <source>TokenScope comparison report</source>
        <translation>TokenScope 对比报告</translation>
    </message>
    <message>
        <source>Created with TokenScope %1 on %2</source>
        <translation>由 TokenScope %1 于 %2 生成</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Time to first token (CDF)</source>
        <translation>首个 token 时间（CDF）</translation>
    </message>
    <message>
        <source>End-to-end latency (CDF)</source>
        <translation>端到端延迟（CDF）</translation>
    </message>
    <message>
        <source>Time to first token (box plot)</source>
        <translation>首个 token 时间（箱线图）</translation>
    </message>
    <message numerus="yes">
        <source>Opened run %1 (%n request(s)).</source>
        <translation>
            <numerusform>已打开运行 %1（%n 个请求）。</numerusform>
        </translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>TTFT p50 (ms)</source>
        <translation>TTFT p50（毫秒）</translation>
    </message>
    <message>
        <source>TTFT p90 (ms)</source>
        <translation>TTFT p90（毫秒）</translation>
    </message>
    <message>
        <source>TTFT p99 (ms)</source>
        <translation>TTFT p99（毫秒）</translation>
    </message>
    <message>
        <source>E2E p50 (ms)</source>
        <translation>E2E p50（毫秒）</translation>
    </message>
    <message>
        <source>E2E p99 (ms)</source>
        <translation>E2E p99（毫秒）</translation>
    </message>
    <message>
        <source>TPOT mean (ms)</source>
        <translation>TPOT 均值（毫秒）</translation>
    </message>
    <message>
        <source>Output tokens/s</source>
        <translation>输出 token/秒</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n run(s).</source>
        <translation>
            <numerusform>正在比较 %n 次运行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n run(s).</source>
        <translation>
            <numerusform>已删除 %n 次运行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB.</source>
        <translation>%1 大于 %2 MiB。</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <source>Imported %1 as run %2.</source>
        <translation>已将 %1 导入为运行 %2。</translation>
    </message>
    <message>
        <source>Exported run %1 to %2.</source>
        <translation>已将运行 %1 导出到 %2。</translation>
    </message>
    <message>
        <source>Delete Runs</source>
        <translation>删除运行</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) and all their requests from the history?</source>
        <translation>
            <numerusform>要从运行历史中删除 %n 次运行及其全部请求吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Tag Runs</source>
        <translation>为运行添加标签</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>TokenScope run JSON (*.json)</source>
        <translation>TokenScope 运行 JSON (*.json)</translation>
    </message>
    <message>
        <source>vLLM bench serve results (*.json)</source>
        <translation>vLLM bench serve 结果 (*.json)</translation>
    </message>
    <message>
        <source>Export Run as JSON</source>
        <translation>将运行导出为 JSON</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Select two or more runs and click Compare.</source>
        <translation>选择两个或更多运行，然后点击“比较”。</translation>
    </message>
    <message>
        <source>Cannot merge the shards: %1</source>
        <translation>无法合并分片：%1</translation>
    </message>
    <message numerus="yes">
        <source>Merged %n shard(s) of run &quot;%1&quot; as run %2.</source>
        <translation>
            <numerusform>已将运行“%1”的 %n 个分片合并为运行 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Run or Shards</source>
        <translation>导入运行或分片</translation>
    </message>
</context>
<context>
    <name>HistoryRunModel</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>OK / requests</source>
        <translation>成功 / 请求</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>HistoryStore</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>database error in %1: %2</source>
        <translation>数据库错误（%1）：%2</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>cannot open the history %1: %2</source>
        <translation>无法打开运行历史 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a TokenScope history or is damaged (%2); TokenScope runs on without history. Move the file away to start a new one.</source>
        <translation>%1 不是 TokenScope 运行历史，或已损坏（%2）；TokenScope 将在没有历史记录的情况下继续运行。将该文件移走即可开始新的历史。</translation>
    </message>
    <message>
        <source>another program&apos;s database</source>
        <translation>其他程序的数据库</translation>
    </message>
    <message>
        <source>the history %1 was written by a newer TokenScope (schema version %2; this version reads up to %3). Update TokenScope or choose another file.</source>
        <translation>运行历史 %1 由更新版本的 TokenScope 写入（架构版本 %2；本版本最高只能读取 %3）。请升级 TokenScope 或选择其他文件。</translation>
    </message>
    <message>
        <source>cannot upgrade the history %1: %2</source>
        <translation>无法升级运行历史 %1：%2</translation>
    </message>
    <message>
        <source>the history is not open</source>
        <translation>运行历史未打开</translation>
    </message>
    <message>
        <source>cannot create the lock file %1</source>
        <translation>无法创建锁文件 %1</translation>
    </message>
    <message>
        <source>cannot store a request of run %1: %2</source>
        <translation>无法保存运行 %1 的请求：%2</translation>
    </message>
    <message>
        <source>cannot finish run %1: %2</source>
        <translation>无法结束运行 %1：%2</translation>
    </message>
    <message>
        <source>no run %1 in the history</source>
        <translation>运行历史中没有运行 %1</translation>
    </message>
    <message>
        <source>request %1 of run %2 is damaged: %3</source>
        <translation>运行 %2 的请求 %1 已损坏：%3</translation>
    </message>
    <message>
        <source>run %1 is still running</source>
        <translation>运行 %1 仍在进行中</translation>
    </message>
    <message>
        <source>a tag is 1 to %1 characters, without control characters</source>
        <translation>标签长度为 1 到 %1 个字符，且不能包含控制字符</translation>
    </message>
    <message>
        <source>not JSON: %1 at byte %2</source>
        <translation>不是 JSON：%1（第 %2 字节）</translation>
    </message>
    <message>
        <source>not a TokenScope run export (it needs &quot;settings&quot; and &quot;requests&quot;)</source>
        <translation>不是 TokenScope 运行导出文件（需要 &quot;settings&quot; 和 &quot;requests&quot;）</translation>
    </message>
    <message>
        <source>request %1 is not an object</source>
        <translation>请求 %1 不是对象</translation>
    </message>
    <message>
        <source>request %1 has neither an end time nor an end-to-end latency</source>
        <translation>请求 %1 既没有结束时间，也没有端到端延迟</translation>
    </message>
    <message>
        <source>request %1 has a chunk without a time</source>
        <translation>请求 %1 有一个没有时间的分块</translation>
    </message>
    <message>
        <source>request %1: its times are out of order (an event before the start or after the end)</source>
        <translation>请求 %1：时间顺序错乱（有事件早于开始或晚于结束）</translation>
    </message>
    <message>
        <source>cannot store the server metrics of run %1: %2</source>
        <translation>无法保存运行 %1 的服务器指标：%2</translation>
    </message>
    <message>
        <source>cannot store the client overhead of run %1: %2</source>
        <translation>无法保存运行 %1 的客户端开销：%2</translation>
    </message>
</context>
<context>
    <name>HttpExchange</name>
    <message>
        <source>invalid endpoint URL &quot;%1&quot;: expected http:// or https:// with a host</source>
        <translation>无效的端点 URL &quot;%1&quot;：应为带主机名的 http:// 或 https:// 地址</translation>
    </message>
    <message>
        <source>the response has a header or chunk line over 16 KiB</source>
        <translation>响应中有超过 16 KiB 的头部行或分块行</translation>
    </message>
    <message>
        <source>the response headers exceed 64 KiB</source>
        <translation>响应头超过 64 KiB</translation>
    </message>
    <message>
        <source>invalid chunked encoding: bad chunk size line</source>
        <translation>无效的分块编码：分块大小行有误</translation>
    </message>
    <message>
        <source>invalid chunked encoding: chunk longer than its size</source>
        <translation>无效的分块编码：分块长度超过其声明的大小</translation>
    </message>
    <message>
        <source>the server did not answer with HTTP: &quot;%1&quot;</source>
        <translation>服务器的应答不是 HTTP：&quot;%1&quot;</translation>
    </message>
    <message>
        <source>the response text exceeds %1 MiB; the rest was not read</source>
        <translation>响应文本超过 %1 MiB；其余部分未读取</translation>
    </message>
    <message>
        <source> (retry after %1)</source>
        <translation> (请在 %1 后重试)</translation>
    </message>
    <message>
        <source>the stream ended without the protocol&apos;s end marker (truncated response)</source>
        <translation>流在收到协议结束标记之前就结束了（响应被截断）</translation>
    </message>
    <message>
        <source>could not resolve host &quot;%1&quot;</source>
        <translation>无法解析主机 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>%1 拒绝了连接</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>与 %1 的 TLS 握手失败：%2</translation>
    </message>
    <message>
        <source>could not connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>connection to %1 failed: %2</source>
        <translation>与 %1 的连接失败：%2</translation>
    </message>
    <message>
        <source>the connection closed while connecting</source>
        <translation>连接在建立过程中被关闭</translation>
    </message>
    <message>
        <source>the server closed the connection before answering</source>
        <translation>服务器在应答之前关闭了连接</translation>
    </message>
    <message>
        <source>the connection closed in the middle of the response headers</source>
        <translation>连接在接收响应头的过程中被关闭</translation>
    </message>
    <message>
        <source>the connection closed before the response was complete (reset or truncated body)</source>
        <translation>连接在响应完成之前被关闭（连接重置或响应体被截断）</translation>
    </message>
    <message>
        <source>no connection to %1 within %2 ms</source>
        <translation>%2 ms 内未能连接到 %1</translation>
    </message>
    <message>
        <source>the request took longer than the total timeout of %1 ms</source>
        <translation>请求耗时超过了 %1 ms 的总超时</translation>
    </message>
    <message>
        <source>no first token within %1 ms</source>
        <translation>%1 ms 内未收到首个 token</translation>
    </message>
    <message>
        <source>the stream stalled: no data for %1 ms</source>
        <translation>流停滞：%1 ms 内没有数据</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>the server sent a body with Content-Encoding &quot;%1&quot;, which TokenScope cannot decode</source>
        <translation>服务器发送的响应体使用了 Content-Encoding &quot;%1&quot;，TokenScope 无法解码</translation>
    </message>
    <message>
        <source>no usable proxy: %1</source>
        <translation>没有可用的代理：%1</translation>
    </message>
    <message>
        <source>refused to send the API key in clear text through the proxy %1: use https, or set the endpoint&apos;s proxy to &quot;none&quot; (or list %2 in NO_PROXY)</source>
        <translation>拒绝通过代理 %1 以明文发送 API 密钥：请使用 https，或将端点的代理设为 &quot;none&quot;（或在 NO_PROXY 中列出 %2）</translation>
    </message>
    <message>
        <source>connection refused by the proxy %1</source>
        <translation>代理 %1 拒绝了连接</translation>
    </message>
    <message>
        <source>could not resolve the proxy %1</source>
        <translation>无法解析代理 %1</translation>
    </message>
    <message>
        <source>the proxy %1 asks for credentials: give them in the proxy URL of HTTPS_PROXY or ALL_PROXY</source>
        <translation>代理 %1 要求提供凭据：请在 HTTPS_PROXY 或 ALL_PROXY 的代理 URL 中给出</translation>
    </message>
    <message>
        <source>the proxy %1 did not answer in time</source>
        <translation>代理 %1 未能及时应答</translation>
    </message>
    <message>
        <source>the proxy %1 would not open a tunnel to %2: %3</source>
        <translation>代理 %1 拒绝建立到 %2 的隧道：%3</translation>
    </message>
</context>
<context>
    <name>ImpactExport</name>
    <message>
        <source>not an Impact table (it needs &quot;settings&quot; and &quot;rows&quot;)</source>
        <translation>不是影响表（需要 &quot;settings&quot; 和 &quot;rows&quot;）</translation>
    </message>
</context>
<context>
    <name>ImpactPanel</name>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>A second checked endpoint serving the same model (e.g. a quantized build).</source>
        <translation>勾选的第二个端点，提供同一模型（例如量化版本）。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Queries of the built-in bilingual trace replayed through the cache.</source>
        <translation>经过缓存重放的内置双语轨迹查询数。</translation>
    </message>
    <message>
        <source>Chinese rules</source>
        <translation>中文规则</translation>
    </message>
    <message>
        <source>English rules</source>
        <translation>英文规则</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>端点：</translation>
    </message>
    <message>
        <source>Variant:</source>
        <translation>变体：</translation>
    </message>
    <message>
        <source>Techniques:</source>
        <translation>技术：</translation>
    </message>
    <message>
        <source>Repetitions:</source>
        <translation>重复次数：</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>最大 token 数：</translation>
    </message>
    <message>
        <source>Batching requests:</source>
        <translation>批处理请求数：</translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation>并发：</translation>
    </message>
    <message>
        <source>Cache queries:</source>
        <translation>缓存查询数：</translation>
    </message>
    <message>
        <source>Compression:</source>
        <translation>压缩：</translation>
    </message>
    <message>
        <source>Run Experiments</source>
        <translation>运行实验</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export Report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Technique</source>
        <translation>技术</translation>
    </message>
    <message>
        <source>Measured change [95%]</source>
        <translation>实测变化 [95%]</translation>
    </message>
    <message>
        <source>Without → with</source>
        <translation>不用 → 使用</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>解读</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Double-click a row for its settings and the command that reruns it.</source>
        <translation>双击一行查看其设置和重新运行它的命令。</translation>
    </message>
    <message>
        <source>Export Impact Table as JSON</source>
        <translation>将影响表导出为 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export Impact Report</source>
        <translation>导出影响报告</translation>
    </message>
    <message>
        <source>Report (HTML and PDF) (*.html)</source>
        <translation>报告（HTML 和 PDF）(*.html)</translation>
    </message>
    <message>
        <source>Report written: %1.html and .pdf</source>
        <translation>报告已写入：%1.html 和 .pdf</translation>
    </message>
    <message>
        <source>No endpoint: check one in the sidebar.</source>
        <translation>没有端点：请在侧栏中勾选一个。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Check an endpoint in the sidebar first.</source>
        <translation>请先在侧栏中勾选一个端点。</translation>
    </message>
    <message>
        <source>Choose at least one technique.</source>
        <translation>请至少选择一种技术。</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n experiment(s) measured.</source>
        <translation>
            <numerusform>完成：已测量 %n 项实验。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>Rerun from the command line:
%1

Settings:
%2</source>
        <translation>在命令行中重新运行：
%1

设置：
%2</translation>
    </message>
    <message>
        <source>%1: settings</source>
        <translation>%1：设置</translation>
    </message>
    <message>
        <source>Copy Command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <source>TokenScope optimisation impact</source>
        <translation>TokenScope 优化效果</translation>
    </message>
    <message>
        <source>Created with TokenScope %1 on %2</source>
        <translation>由 TokenScope %1 于 %2 生成</translation>
    </message>
    <message>
        <source>Endpoint: %1 (%2, model %3)</source>
        <translation>端点：%1（%2，模型 %3）</translation>
    </message>
    <message>
        <source>Measured effects</source>
        <translation>实测效果</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Every row can be rerun with the command beside it.</source>
        <translation>每一行都可以用旁边的命令重新运行。</translation>
    </message>
    <message>
        <source>An interval that contains 0 is no measurable change, whatever its middle.</source>
        <translation>区间包含 0 即为无可测变化，无论其中点如何。</translation>
    </message>
    <message>
        <source>Measured gain beside the typical claim (higher is better)</source>
        <translation>实测收益与典型说法对照（越高越好）</translation>
    </message>
    <message>
        <source>Gain (%)</source>
        <translation>收益（%）</translation>
    </message>
    <message>
        <source>Recommended order for this endpoint</source>
        <translation>此端点的推荐顺序</translation>
    </message>
    <message numerus="yes">
        <source>Typical priority: %n star(s) of 3</source>
        <translation>
            <numerusform>典型优先级：%n 星（满 3 星）</numerusform>
        </translation>
    </message>
    <message>
        <source>Typical claim</source>
        <translation>典型说法</translation>
    </message>
    <message>
        <source>Typical claim: cost</source>
        <translation>典型说法：费用</translation>
    </message>
    <message>
        <source>Difficulty</source>
        <translation>难度</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Measured cost [95%]</source>
        <translation>实测费用 [95%]</translation>
    </message>
    <message>
        <source>Run the experiments to rank the techniques by what they gain on this endpoint.</source>
        <translation>运行实验，按各项技术在此端点上的收益排序。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Ranked by the lower end of each measured gain&apos;s interval, so that an uncertain gain ranks below a sure one; techniques with no measurable change come last.</source>
        <translation>按每项实测收益区间的下端排序，因此不确定的收益排在确定的收益之后；无可测变化的技术排在最后。</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>测量值</translation>
    </message>
    <message>
        <source>Click “Run Experiments” to measure what each technique gains on this endpoint.</source>
        <translation>点击“运行实验”，测量每种技术在此端点上的收益。</translation>
    </message>
    <message>
        <source>Time to first token of prompts sharing a long prefix, sent after one warm request, against the same prompts with distinct prefixes; and the prompt tokens the server reports as cached. The typical table has no row for it.</source>
        <translation>在一次预热请求之后发送的共享长前缀提示词的首个 token 时间，对比前缀各不相同的相同提示词；以及服务器报告为已缓存的提示词 token 数。典型表中没有这一行。</translation>
    </message>
    <message>
        <source>Streaming pairs, prompt-cache pairs, requests per arm of the compression A/B, variant rounds.</source>
        <translation>流式请求对数、提示词缓存请求对数、压缩 A/B 每组请求数、变体轮数。</translation>
    </message>
    <message>
        <source>The commonly quoted change: time to first token, latency, throughput or speed. “No typical claim” where the typical table has no row for the technique.</source>
        <translation>常被引用的变化：首个 token 时间、延迟、吞吐量或速度。典型表中没有该技术的行时显示“无典型说法”。</translation>
    </message>
    <message>
        <source>Per request: usage tokens at the endpoint&apos;s prices, or tokens when it has no price. Prompt caching prices the cached prompt tokens at the endpoint&apos;s cached-input price, or at its input price when it sets none.</source>
        <translation>每个请求：按端点价格计算的用量 token 费用，端点没有价格时为 token 数。提示词缓存把缓存的提示词 token 按端点的缓存输入价格计价，未设置时按其输入价格计价。</translation>
    </message>
    <message>
        <source>The typical table has no row for this technique.</source>
        <translation>典型表中没有此技术的行。</translation>
    </message>
    <message>
        <source>Each change is (with − without) / without of the means, with a 95% bootstrap interval; an interval that contains 0 is no measurable change. The typical claims are the figures commonly quoted for each technique; provider prompt caching has none. Cost is per request: usage tokens at the endpoint&apos;s prices (cached prompt tokens at its cached-input price, if it sets one), or tokens when it has no price.</source>
        <translation>每项变化为均值的 (有 − 无) / 无，附 95% bootstrap 置信区间；区间包含 0 即为无可测变化。典型说法是各项技术常被引用的数字；服务商提示词缓存没有典型说法。费用按每个请求计：按端点价格计算的用量 token（若端点设置了缓存输入价格，缓存的提示词 token 按该价格计），端点没有价格时为 token 数。</translation>
    </message>
</context>
<context>
    <name>ImpactRanking</name>
    <message>
        <source>On this endpoint, %1 pays more than %2.</source>
        <translation>在此端点上，%1比%2收益更大。</translation>
    </message>
    <message>
        <source>Measure at least two techniques to compare their order with the typical priority.</source>
        <translation>至少测量两种技术，才能将其顺序与典型优先级比较。</translation>
    </message>
    <message>
        <source>On this endpoint, the measured order follows the typical priority.</source>
        <translation>在此端点上，实测顺序与典型优先级一致。</translation>
    </message>
    <message>
        <source>%1: %2 %3 · typical priority %4</source>
        <translation>%1：%2 %3 · 典型优先级 %4</translation>
    </message>
    <message>
        <source>worse with it than without</source>
        <translation>使用后比不用更差</translation>
    </message>
    <message>
        <source>%1: %2 %3 · not in the typical table</source>
        <translation>%1：%2 %3 · 不在典型表中</translation>
    </message>
</context>
<context>
    <name>ImpactRunner</name>
    <message>
        <source>Streaming</source>
        <translation>流式</translation>
    </message>
    <message>
        <source>Semantic cache</source>
        <translation>语义缓存</translation>
    </message>
    <message>
        <source>Batching / concurrency</source>
        <translation>批处理 / 并发</translation>
    </message>
    <message>
        <source>Prompt compression</source>
        <translation>提示压缩</translation>
    </message>
    <message>
        <source>Variant (e.g. quantized)</source>
        <translation>变体（例如量化）</translation>
    </message>
    <message>
        <source>Explain in a few sentences why streaming responses feel faster to users.</source>
        <translation>用几句话解释为什么流式响应让用户感觉更快。</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>needs a second endpoint serving the same model</source>
        <translation>需要第二个提供同一模型的端点</translation>
    </message>
    <message>
        <source>time to first text</source>
        <translation>首段文本时间</translation>
    </message>
    <message>
        <source>Streaming: pair %1 of %2</source>
        <translation>流式：第 %1/%2 对</translation>
    </message>
    <message>
        <source>no answer token arrived</source>
        <translation>没有收到回答 token</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>pairs</source>
        <translation>请求对</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>latency per query over a trace</source>
        <translation>轨迹上每个查询的延迟</translation>
    </message>
    <message>
        <source>the trace has no queries</source>
        <translation>轨迹中没有查询</translation>
    </message>
    <message numerus="yes">
        <source>Semantic cache: replaying %n queries</source>
        <translation>
            <numerusform>语义缓存：正在重放 %n 个查询</numerusform>
        </translation>
    </message>
    <message>
        <source>every request of the replay failed</source>
        <translation>重放中的每个请求都失败了</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>hit rate</source>
        <translation>命中率</translation>
    </message>
    <message>
        <source>false hits</source>
        <translation>误命中</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>requests sent</source>
        <translation>已发送请求</translation>
    </message>
    <message>
        <source>output tokens per second</source>
        <translation>每秒输出 token 数</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>token/秒</translation>
    </message>
    <message numerus="yes">
        <source>Batching: %n request(s) one at a time</source>
        <translation>
            <numerusform>批处理：%n 个请求逐个发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Batching: %1 requests, %2 at a time</source>
        <translation>批处理：%1 个请求，每次 %2 个</translation>
    </message>
    <message>
        <source>no request succeeded in one of the arms</source>
        <translation>某一组中没有请求成功</translation>
    </message>
    <message>
        <source>concurrency</source>
        <translation>并发</translation>
    </message>
    <message>
        <source>E2E latency</source>
        <translation>端到端延迟</translation>
    </message>
    <message>
        <source>E2E p50, one at a time</source>
        <translation>端到端 p50，逐个发送</translation>
    </message>
    <message>
        <source>E2E p50, batched</source>
        <translation>端到端 p50，批量</translation>
    </message>
    <message>
        <source>time to first token</source>
        <translation>首个 token 时间</translation>
    </message>
    <message>
        <source>unknown compression preset &quot;%1&quot; (zh or en)</source>
        <translation>未知的压缩预设“%1”（zh 或 en）</translation>
    </message>
    <message>
        <source>Compression: request %1 of %2</source>
        <translation>压缩：第 %1/%2 个请求</translation>
    </message>
    <message>
        <source>prompt tokens</source>
        <translation>提示词 token</translation>
    </message>
    <message>
        <source>answer similarity</source>
        <translation>回答相似度</translation>
    </message>
    <message>
        <source>run to run %1</source>
        <translation>多次运行之间 %1</translation>
    </message>
    <message>
        <source>decode speed</source>
        <translation>解码速度</translation>
    </message>
    <message>
        <source>Variant: round %1 of %2</source>
        <translation>变体：第 %1/%2 轮</translation>
    </message>
    <message>
        <source>no request succeeded on one of the endpoints</source>
        <translation>某一个端点上没有请求成功</translation>
    </message>
    <message>
        <source>variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>server time per output token</source>
        <translation>每个输出 token 的服务器时间</translation>
    </message>
    <message>
        <source>Provider prompt caching</source>
        <translation>服务商提示词缓存</translation>
    </message>
    <message>
        <source>like any other token (the endpoint has no prices)</source>
        <translation>与其他 token 相同（端点没有价格）</translation>
    </message>
    <message>
        <source>at the full input price (the profile sets no cached-input price)</source>
        <translation>按完整输入价格（端点配置未设置缓存输入价格）</translation>
    </message>
    <message>
        <source>at %1 per million tokens instead of the input price %2</source>
        <translation>按每百万 token %1，而非输入价格 %2</translation>
    </message>
    <message>
        <source>Prompt caching: warm-up request</source>
        <translation>提示词缓存：预热请求</translation>
    </message>
    <message>
        <source>the warm-up request failed: %1</source>
        <translation>预热请求失败：%1</translation>
    </message>
    <message>
        <source>no token arrived</source>
        <translation>没有收到 token</translation>
    </message>
    <message>
        <source>Prompt caching: pair %1 of %2</source>
        <translation>提示词缓存：第 %1/%2 对</translation>
    </message>
    <message>
        <source>not reported by the server</source>
        <translation>服务器未报告</translation>
    </message>
    <message>
        <source>%1 (%2 → %3 ms)</source>
        <translation>%1（%2 → %3 ms）</translation>
    </message>
    <message>
        <source>cached tokens, shared prefix</source>
        <translation>缓存 token，共享前缀</translation>
    </message>
    <message>
        <source>cached tokens, distinct prefixes</source>
        <translation>缓存 token，不同前缀</translation>
    </message>
    <message>
        <source>prompt processing</source>
        <translation>提示词处理</translation>
    </message>
    <message>
        <source>warm-up TTFT</source>
        <translation>预热 TTFT</translation>
    </message>
    <message>
        <source>cached tokens billed</source>
        <translation>计费的缓存 token</translation>
    </message>
</context>
<context>
    <name>ImpactTable</name>
    <message>
        <source>%1 [%2, %3]</source>
        <translation>%1 [%2, %3]</translation>
    </message>
    <message>
        <source>TTFT %1</source>
        <translation>TTFT %1</translation>
    </message>
    <message>
        <source>throughput %1</source>
        <translation>吞吐量 %1</translation>
    </message>
    <message>
        <source>speed %1</source>
        <translation>速度 %1</translation>
    </message>
    <message>
        <source>GPU memory %1</source>
        <translation>显存 %1</translation>
    </message>
    <message>
        <source>low</source>
        <comment>difficulty of putting a technique in place</comment>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <comment>difficulty of putting a technique in place</comment>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <comment>difficulty of putting a technique in place</comment>
        <translation>高</translation>
    </message>
    <message>
        <source>no measurable change</source>
        <translation>无可测变化</translation>
    </message>
    <message>
        <source>consistent with the claim</source>
        <translation>与说法一致</translation>
    </message>
    <message>
        <source>a bigger gain than claimed</source>
        <translation>收益大于所说</translation>
    </message>
    <message>
        <source>a smaller gain than claimed</source>
        <translation>收益小于所说</translation>
    </message>
    <message>
        <source>the opposite of the claim</source>
        <translation>与说法相反</translation>
    </message>
    <message>
        <source>not measurable from a client</source>
        <translation>无法在客户端测量</translation>
    </message>
    <message>
        <source>%1 (tokens)</source>
        <translation>%1（token）</translation>
    </message>
    <message>
        <source>streaming</source>
        <comment>in a sentence</comment>
        <translation>流式</translation>
    </message>
    <message>
        <source>the semantic cache</source>
        <comment>in a sentence</comment>
        <translation>语义缓存</translation>
    </message>
    <message>
        <source>batching</source>
        <comment>in a sentence</comment>
        <translation>批处理</translation>
    </message>
    <message>
        <source>prompt compression</source>
        <comment>in a sentence</comment>
        <translation>提示压缩</translation>
    </message>
    <message>
        <source>the variant endpoint</source>
        <comment>in a sentence</comment>
        <translation>变体端点</translation>
    </message>
    <message>
        <source>%1: %2 → %3 %4</source>
        <translation>%1：%2 → %3 %4</translation>
    </message>
    <message>
        <source>%1; cost: %2</source>
        <translation>%1；费用：%2</translation>
    </message>
    <message>
        <source>no typical claim</source>
        <translation>无典型说法</translation>
    </message>
    <message>
        <source>a measurable gain (no typical claim to compare)</source>
        <translation>有可测收益（无典型说法可比较）</translation>
    </message>
    <message>
        <source>a measurable loss (no typical claim to compare)</source>
        <translation>有可测损失（无典型说法可比较）</translation>
    </message>
    <message>
        <source>the provider&apos;s prompt cache</source>
        <comment>in a sentence</comment>
        <translation>服务商的提示词缓存</translation>
    </message>
</context>
<context>
    <name>JsonBodyDecoder</name>
    <message>
        <source>JSON response body exceeds the %1 limit</source>
        <translation>JSON 响应体超过 %1 的上限</translation>
    </message>
</context>
<context>
    <name>LatencyModels</name>
    <message>
        <source>Fast (for demos and tests)</source>
        <translation>快速（用于演示和测试）</translation>
    </message>
    <message>
        <source>Typical production endpoint</source>
        <translation>典型生产端点</translation>
    </message>
</context>
<context>
    <name>LengthDistribution</name>
    <message>
        <source>the length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>the minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>the maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>the mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>the standard deviation</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>缺少%1</translation>
    </message>
    <message>
        <source>%1 must be a whole number of tokens, not &quot;%2&quot;</source>
        <translation>%1必须是整数个 token，实际为 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 must be at least 1 token, not %2</source>
        <translation>%1至少须为 1 个 token，实际为 %2</translation>
    </message>
    <message>
        <source>%1 must be at most %2 tokens, not %3</source>
        <translation>%1至多为 %2 个 token，实际为 %3</translation>
    </message>
    <message>
        <source>%1 must be a number, not &quot;%2&quot;</source>
        <translation>%1必须是数字，实际为 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>the weight must be a number, not &quot;%1&quot;</source>
        <translation>权重必须是数字，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the weight must not be negative, not %1</source>
        <translation>权重不能为负数，实际为 %1</translation>
    </message>
    <message>
        <source>expected N, fixed:N, uniform:MIN:MAX, normal:MEAN:STDDEV, normal:MEAN:STDDEV:MIN:MAX, hist:FILE or weights:LEN=W,...</source>
        <translation>应为 N、fixed:N、uniform:MIN:MAX、normal:MEAN:STDDEV、normal:MEAN:STDDEV:MIN:MAX、hist:FILE 或 weights:LEN=W,...</translation>
    </message>
    <message>
        <source>the length specification is empty (%1)</source>
        <translation>长度规格为空（%1）</translation>
    </message>
    <message>
        <source>unknown length distribution &quot;%1&quot; (%2)</source>
        <translation>未知的长度分布 &quot;%1&quot;（%2）</translation>
    </message>
    <message>
        <source>hist: needs a file name, e.g. hist:lengths.txt</source>
        <translation>hist: 需要文件名，例如 hist:lengths.txt</translation>
    </message>
    <message>
        <source>fixed takes one length: fixed:N</source>
        <translation>fixed 需要一个长度：fixed:N</translation>
    </message>
    <message>
        <source>uniform takes two lengths: uniform:MIN:MAX</source>
        <translation>uniform 需要两个长度：uniform:MIN:MAX</translation>
    </message>
    <message>
        <source>the minimum (%1) is larger than the maximum (%2)</source>
        <translation>最小值（%1）大于最大值（%2）</translation>
    </message>
    <message>
        <source>normal takes a mean and a standard deviation, and optionally bounds: normal:MEAN:STDDEV or normal:MEAN:STDDEV:MIN:MAX</source>
        <translation>normal 需要均值和标准差，上下限可选：normal:MEAN:STDDEV 或 normal:MEAN:STDDEV:MIN:MAX</translation>
    </message>
    <message>
        <source>the standard deviation must not be negative, not %1</source>
        <translation>标准差不能为负数，实际为 %1</translation>
    </message>
    <message>
        <source>the standard deviation must be at most %1 tokens, not %2</source>
        <translation>标准差至多为 %1 个 token，实际为 %2</translation>
    </message>
    <message>
        <source>the mean (%1) must lie within %2..%3 tokens</source>
        <translation>均值（%1）必须在 %2..%3 个 token 之间</translation>
    </message>
    <message>
        <source>weights: item %1 (&quot;%2&quot;): %3</source>
        <translation>weights：第 %1 项（&quot;%2&quot;）：%3</translation>
    </message>
    <message>
        <source>%1: cannot read the file: %2</source>
        <translation>%1：无法读取文件：%2</translation>
    </message>
    <message>
        <source>%1: the file is larger than %2 MiB</source>
        <translation>%1：文件大于 %2 MiB</translation>
    </message>
    <message>
        <source>expected &quot;LENGTH WEIGHT&quot;, &quot;LENGTH,WEIGHT&quot; or &quot;LENGTH&quot;, not &quot;%1&quot;</source>
        <translation>应为 &quot;LENGTH WEIGHT&quot;、&quot;LENGTH,WEIGHT&quot; 或 &quot;LENGTH&quot;，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: no lengths were found</source>
        <translation>%1：未找到任何长度</translation>
    </message>
    <message>
        <source>%1: the weights add up to zero</source>
        <translation>%1：权重之和为零</translation>
    </message>
    <message>
        <source>%1: the weights are too large to add up</source>
        <translation>%1：权重过大，无法求和</translation>
    </message>
    <message numerus="yes">
        <source>fixed, %n token(s)</source>
        <translation>
            <numerusform>固定长度，%n 个 token</numerusform>
        </translation>
    </message>
    <message>
        <source>uniform, %1–%2 tokens</source>
        <translation>均匀分布，%1–%2 个 token</translation>
    </message>
    <message>
        <source>normal, mean %1, standard deviation %2, %3–%4 tokens</source>
        <translation>正态分布，均值 %1，标准差 %2，%3–%4 个 token</translation>
    </message>
    <message>
        <source>histogram of %1, %2–%3 tokens</source>
        <translation>%1 的直方图，%2–%3 个 token</translation>
    </message>
    <message>
        <source>histogram, %1–%2 tokens</source>
        <translation>直方图，%1–%2 个 token</translation>
    </message>
</context>
<context>
    <name>LivePanel</name>
    <message>
        <source>&amp;System:</source>
        <translation>系统(&amp;S)：</translation>
    </message>
    <message>
        <source>Optional system message</source>
        <translation>可选的系统消息</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>Explain in a short paragraph why streaming makes a language model feel faster.</source>
        <translation>用一小段话解释为什么流式输出会让语言模型感觉更快。</translation>
    </message>
    <message>
        <source>The prompt to send (Ctrl+Return sends)</source>
        <translation>要发送的提示词（Ctrl+Return 发送）</translation>
    </message>
    <message>
        <source>Max &amp;tokens:</source>
        <translation>最大 token 数(&amp;T)：</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>&quot;default&quot; sends no temperature: the endpoint&apos;s own default applies</source>
        <translation>&quot;默认&quot; 表示不发送 temperature：使用端点自己的默认值</translation>
    </message>
    <message>
        <source>T&amp;emperature:</source>
        <translation>温度(&amp;E)：</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the prompt to every checked endpoint at once (Ctrl+Return)</source>
        <translation>把提示词同时发送到所有勾选的端点（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Cancel every request; the text received so far stays (Esc)</source>
        <translation>取消所有请求；已收到的文本会保留（Esc）</translation>
    </message>
    <message>
        <source>Streaming vs non-streaming</source>
        <translation>流式 vs 非流式</translation>
    </message>
    <message>
        <source>Send the prompt to the first endpoint twice at once, streamed and not, and compare when text first appears</source>
        <translation>把提示词同时两次发送到第一个端点（流式与非流式各一次），比较文本最早出现的时间</translation>
    </message>
    <message>
        <source>With streaming the first words show as soon as they exist; without it, nothing shows until the whole answer is done.</source>
        <translation>使用流式输出时，最先生成的文字会立即显示；不使用时，要等整个回答完成后才会显示任何内容。</translation>
    </message>
    <message>
        <source>Check one to four endpoints in the sidebar, then Send to race them.</source>
        <translation>在侧边栏勾选一到四个端点，然后点击发送让它们同场竞速。</translation>
    </message>
    <message>
        <source>Streaming</source>
        <translation>流式</translation>
    </message>
    <message>
        <source>Non-streaming</source>
        <translation>非流式</translation>
    </message>
    <message>
        <source>Comparing time to first text on %1: streaming vs non-streaming…</source>
        <translation>正在 %1 上比较首段文本出现时间：流式 vs 非流式…</translation>
    </message>
    <message>
        <source>Stopped before sending</source>
        <translation>发送前已停止</translation>
    </message>
    <message>
        <source>stopped before both requests finished</source>
        <translation>在两个请求都完成前已停止</translation>
    </message>
    <message>
        <source>the streaming request failed (%1)</source>
        <translation>流式请求失败（%1）</translation>
    </message>
    <message>
        <source>the non-streaming request failed (%1)</source>
        <translation>非流式请求失败（%1）</translation>
    </message>
    <message>
        <source>the streaming request returned no text</source>
        <translation>流式请求没有返回文本</translation>
    </message>
    <message>
        <source>No comparison: %1</source>
        <translation>无法比较：%1</translation>
    </message>
    <message>
        <source>%1%</source>
        <comment>a change in percent, sign included</comment>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Time to first text: streaming %1 ms · non-streaming %2 ms · %3</source>
        <translation>首段文本出现时间：流式 %1 ms · 非流式 %2 ms · %3</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Stream timeout: each request ends after this long, keeping what arrived and marked as timed out (typical: %1 s)</source>
        <translation>流式超时：每个请求在此时长后结束，保留已收到的内容并标记为超时（典型值：%1 秒）</translation>
    </message>
    <message>
        <source>Time&amp;out:</source>
        <translation>超时(&amp;O)：</translation>
    </message>
    <message>
        <source>The endpoint whose first token came first, against the runner-up</source>
        <translation>首个 token 最先到达的端点，与第二名相比</translation>
    </message>
    <message>
        <source>%1 and %2: first token at the same time (%3 ms)</source>
        <translation>%1 与 %2：首个 token 同时到达（%3 ms）</translation>
    </message>
    <message>
        <source>%1: first token %2 ms sooner (−%3%)</source>
        <translation>%1：首个 token 早 %2 ms（−%3%）</translation>
    </message>
    <message>
        <source>Time to first token: %1 against %2 (the runner-up)</source>
        <translation>首个 token 时间：%1 对比 %2（第二名）</translation>
    </message>
    <message>
        <source>Press Send (Ctrl+Return) to watch the tokens arrive.</source>
        <translation>点击“发送”（Ctrl+Return），观察 token 陆续到达。</translation>
    </message>
    <message>
        <source>Server: no metrics (%1)</source>
        <translation>服务器：没有指标（%1）</translation>
    </message>
    <message>
        <source>Server during the request, at most: %1 running · %2 waiting · KV cache %3%</source>
        <translation>请求期间服务器最高：运行中 %1 · 等待中 %2 · KV 缓存 %3%</translation>
    </message>
    <message>
        <source>Server now: %1 running · %2 waiting · KV cache %3%</source>
        <translation>服务器当前：运行中 %1 · 等待中 %2 · KV 缓存 %3%</translation>
    </message>
</context>
<context>
    <name>LiveReadout</name>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
</context>
<context>
    <name>LiveTokenChart</name>
    <message>
        <source>Time since send (ms)</source>
        <translation>自发送起的时间 (ms)</translation>
    </message>
    <message>
        <source>Tokens received</source>
        <translation>已接收 token 数</translation>
    </message>
    <message>
        <source>%1 first token</source>
        <translation>%1 首个 token</translation>
    </message>
    <message>
        <source>TTFT %1 ms</source>
        <translation>TTFT %1 ms</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>TokenScope — LLM latency workbench</source>
        <translation>TokenScope — 大模型延迟分析台</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>实时(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>压测(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Breakdown</source>
        <translation>分解(&amp;B)</translation>
    </message>
    <message>
        <source>Stream one prompt to up to four endpoints at once and watch the tokens arrive</source>
        <translation>把一个提示词同时流式发送到最多四个端点，观察 token 的到达</translation>
    </message>
    <message>
        <source>Load runs: many requests at a concurrency or rate, with percentiles and charts</source>
        <translation>压测：按并发数或请求速率发送大量请求，给出百分位数和图表</translation>
    </message>
    <message>
        <source>The five latency phases of every endpoint&apos;s live requests</source>
        <translation>各端点实时请求的五个延迟阶段</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export Results…</source>
        <translation>导出结果(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About TokenScope</source>
        <translation>关于 TokenScope(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit TokenScope</source>
        <translation>退出 TokenScope</translation>
    </message>
    <message>
        <source>Requests are still running. Quit anyway? Finished results are kept in the exports you made.</source>
        <translation>仍有请求在运行。仍要退出吗？已完成的结果保留在你已做的导出中。</translation>
    </message>
    <message>
        <source>Embedded endpoint not running</source>
        <translation>内嵌端点未运行</translation>
    </message>
    <message>
        <source>Embedded endpoint %1 · %2 streams now · peak %3 · %4 requests served</source>
        <translation>内嵌端点 %1 · 当前 %2 个流 · 峰值 %3 · 已服务 %4 个请求</translation>
    </message>
    <message>
        <source>Export Results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>tokenscope-run.json</source>
        <translation>tokenscope-run.json</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Every chart has Export… and Copy Image in its context menu (right click). Results of load runs are exported from the Runs panel.</source>
        <translation>每个图表的右键菜单中都有“导出…”和“复制图像”。压测结果请在“压测”面板中导出。</translation>
    </message>
    <message>
        <source>About TokenScope</source>
        <translation>关于 TokenScope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TokenScope %1&lt;/h3&gt;&lt;p&gt;Measures, explains and compares the latency of LLM inference endpoints: time to first token, inter-token latency, throughput and the five phases network → prompt processing → inference → generation → post-processing.&lt;/p&gt;&lt;p&gt;The embedded simulated endpoint works with no account and no network.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TokenScope %1&lt;/h3&gt;&lt;p&gt;测量、解释并比较大模型推理端点的延迟：首个 token 时间、token 间延迟、吞吐量，以及网络 → 提示词处理 → 推理 → 生成 → 后处理这五个阶段。&lt;/p&gt;&lt;p&gt;内嵌的模拟端点无需账号、无需网络即可使用。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>B&amp;atching</source>
        <translation>批处理(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cache</source>
        <translation>缓存(&amp;C)</translation>
    </message>
    <message>
        <source>Com&amp;pressor</source>
        <translation>压缩(&amp;P)</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>历史(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation>影响(&amp;I)</translation>
    </message>
    <message>
        <source>Batching: the throughput/latency trade-off, simulated and measured on endpoints</source>
        <translation>批处理：吞吐量与延迟的权衡，既可模拟，也可在端点上实测</translation>
    </message>
    <message>
        <source>A semantic cache replaying a query trace: hit rate against wrong answers served</source>
        <translation>语义缓存重放查询轨迹：命中率与错误回答的对照</translation>
    </message>
    <message>
        <source>Tune a prompt compressor: rules, truncation to exact token budgets, A/B on an endpoint</source>
        <translation>调校提示压缩器：规则、按精确 token 预算截断、在端点上做 A/B</translation>
    </message>
    <message>
        <source>Every run, kept across restarts: reopen, compare, tag, import and export</source>
        <translation>每次运行都会跨重启保留：重新打开、对比、标记、导入和导出</translation>
    </message>
    <message>
        <source>The typical optimisation table, measured on your endpoint, with a report</source>
        <translation>典型的优化效果表，在您的端点上实测，并附报告</translation>
    </message>
    <message>
        <source>A run is in progress: open the stored run when it ends.</source>
        <translation>有运行正在进行：请在其结束后再打开已保存的运行。</translation>
    </message>
</context>
<context>
    <name>MetricsScraper</name>
    <message>
        <source>No metrics address to poll: &quot;%1&quot; is not an http(s) URL with a host.</source>
        <translation>没有可轮询的指标地址：&quot;%1&quot; 不是带主机名的 http(s) URL。</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s.</source>
        <translation>%1 在 %2 s 内没有应答。</translation>
    </message>
    <message>
        <source>%1 sent more than %2 of metrics; the scrape was dropped.</source>
        <translation>%1 发送的指标超过 %2；本次抓取已丢弃。</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>The server exposes no /metrics (%1 answered HTTP %2). Its metrics must be switched on: llama.cpp with --metrics, SGLang with --enable-metrics.</source>
        <translation>该服务器未提供 /metrics（%1 返回 HTTP %2）。需要先开启其指标：llama.cpp 加 --metrics，SGLang 加 --enable-metrics。</translation>
    </message>
    <message>
        <source>The server said: %1</source>
        <translation>服务器的回复：%1</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2.</source>
        <translation>%1 返回 HTTP %2。</translation>
    </message>
    <message>
        <source>The metrics from %1 could not be read: %2</source>
        <translation>无法读取来自 %1 的指标：%2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 did not answer with Prometheus text (Content-Type: %2).</source>
        <translation>%1 的应答不是 Prometheus 文本格式（Content-Type：%2）。</translation>
    </message>
    <message>
        <source>Line %1: %2.</source>
        <translation>第 %1 行：%2。</translation>
    </message>
</context>
<context>
    <name>NdjsonDecoder</name>
    <message>
        <source>NDJSON line exceeds the %1 limit</source>
        <translation>NDJSON 行超过 %1 的上限</translation>
    </message>
</context>
<context>
    <name>Phase</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Prompt processing</source>
        <translation>提示词处理</translation>
    </message>
    <message>
        <source>Inference</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Post-processing</source>
        <translation>后处理</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>server-reported</source>
        <translation>服务端上报</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>linear in output tokens</source>
        <translation>随输出 token 数线性增长</translation>
    </message>
    <message>
        <source>%1–%2 ms</source>
        <translation>%1–%2 ms</translation>
    </message>
    <message>
        <source>below typical range</source>
        <translation>低于典型范围</translation>
    </message>
    <message>
        <source>within typical range</source>
        <translation>处于典型范围</translation>
    </message>
    <message>
        <source>above typical range</source>
        <translation>高于典型范围</translation>
    </message>
    <message>
        <source>no fixed range</source>
        <translation>无固定范围</translation>
    </message>
</context>
<context>
    <name>PhaseBarChart</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 (estimated)</source>
        <translation>%1（估算）</translation>
    </message>
    <message>
        <source>%1 — %2: %3 (%4)</source>
        <translation>%1 — %2：%3（%4）</translation>
    </message>
    <message>
        <source>Estimated: the trace cannot separate this phase.</source>
        <translation>估算值：追踪数据无法单独分离出此阶段。</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟 (ms)</translation>
    </message>
    <message>
        <source>Typical range: none (%1)</source>
        <translation>典型范围：无（%1）</translation>
    </message>
    <message>
        <source>Typical range: %1 — %2 %3</source>
        <translation>典型范围：%1 — %2 %3</translation>
    </message>
    <message>
        <source>Typical range</source>
        <translation>典型范围</translation>
    </message>
    <message>
        <source>%1: typical range %2</source>
        <translation>%1：典型范围 %2</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
</context>
<context>
    <name>PhaseLegend</name>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Phases:</source>
        <translation>阶段：</translation>
    </message>
</context>
<context>
    <name>PhaseStrip</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Striped phases are estimated: the trace cannot separate them.</source>
        <translation>带条纹的阶段为估算值：追踪数据无法将其单独分离。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2（%3）</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>it is not a JSON object</source>
        <translation>它不是 JSON 对象</translation>
    </message>
    <message>
        <source>unknown protocol &quot;%1&quot; (known: %2)</source>
        <translation>未知协议 &quot;%1&quot;（已知：%2）</translation>
    </message>
    <message>
        <source>Endpoint #%1: %2</source>
        <translation>端点 #%1：%2</translation>
    </message>
    <message>
        <source>Endpoint #%1 (&quot;%2&quot;): %3</source>
        <translation>端点 #%1 (&quot;%2&quot;)：%3</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>Cannot read the endpoint list %1: %2</source>
        <translation>无法读取端点列表 %1：%2</translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1（位于第 %2 字节）</translation>
    </message>
    <message>
        <source>it has no &quot;profiles&quot; list</source>
        <translation>其中没有 &quot;profiles&quot; 列表</translation>
    </message>
    <message>
        <source>The endpoint list %1 is damaged (%2). It was kept as %3; starting with no saved endpoints.</source>
        <translation>端点列表 %1 已损坏（%2）。原文件已保留为 %3；将以没有已保存端点的状态启动。</translation>
    </message>
    <message>
        <source>The endpoint list %1 is damaged (%2) and could not be moved aside; starting with no saved endpoints.</source>
        <translation>端点列表 %1 已损坏（%2），且无法将其移到别处；将以没有已保存端点的状态启动。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot write the endpoint list %1: %2</source>
        <translation>无法写入端点列表 %1：%2</translation>
    </message>
    <message>
        <source>The file is not valid JSON: %1 at byte %2</source>
        <translation>该文件不是有效的 JSON：%1（位于第 %2 字节）</translation>
    </message>
    <message>
        <source>The file holds no endpoint profiles (expected a &quot;profiles&quot; list).</source>
        <translation>该文件不包含端点配置（应包含 &quot;profiles&quot; 列表）。</translation>
    </message>
    <message>
        <source>The file holds no endpoint profiles.</source>
        <translation>该文件不包含端点配置。</translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation>未导入任何内容。%1</translation>
    </message>
    <message>
        <source>The name is empty.</source>
        <translation>名称为空。</translation>
    </message>
    <message>
        <source>The base URL has no host name.</source>
        <translation>基础 URL 中没有主机名。</translation>
    </message>
    <message>
        <source>The protocol %1 needs a model name.</source>
        <translation>协议 %1 需要模型名称。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid header name.</source>
        <translation>&quot;%1&quot; 不是有效的请求头名称。</translation>
    </message>
    <message>
        <source>The header &quot;%1&quot; is set twice.</source>
        <translation>请求头 &quot;%1&quot; 被设置了两次。</translation>
    </message>
    <message>
        <source>The colour must be of the form #rrggbb.</source>
        <translation>颜色格式必须为 #rrggbb。</translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation>价格不能为负数。</translation>
    </message>
    <message>
        <source>The base URL is not a valid URL.</source>
        <translation>基础 URL 不是有效的 URL。</translation>
    </message>
    <message>
        <source>The base URL is empty.</source>
        <translation>基础 URL 为空。</translation>
    </message>
    <message>
        <source>The base URL has no scheme: it must start with http:// or https://.</source>
        <translation>基础 URL 缺少协议部分：必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The scheme &quot;%1&quot; is not supported: the base URL must start with http:// or https://.</source>
        <translation>不支持协议 &quot;%1&quot;：基础 URL 必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The host name &quot;%1&quot; is not valid.</source>
        <translation>主机名 &quot;%1&quot; 无效。</translation>
    </message>
    <message>
        <source>The port &quot;%1&quot; is not a number.</source>
        <translation>端口 &quot;%1&quot; 不是数字。</translation>
    </message>
    <message>
        <source>The port %1 is out of range (1–65535).</source>
        <translation>端口 %1 超出范围（1–65535）。</translation>
    </message>
    <message>
        <source>Server metrics: &quot;auto&quot;, &quot;off&quot;, or an http(s) URL such as http://host:8000/metrics.</source>
        <translation>服务器指标：填写 &quot;auto&quot;、&quot;off&quot; 或一个 http(s) URL，例如 http://host:8000/metrics。</translation>
    </message>
    <message>
        <source>Proxy: %1.</source>
        <translation>代理：%1。</translation>
    </message>
</context>
<context>
    <name>Prometheus</name>
    <message>
        <source>the metrics text is larger than %1</source>
        <translation>指标文本大于 %1</translation>
    </message>
    <message>
        <source>line longer than %1</source>
        <translation>行长度超过 %1</translation>
    </message>
    <message numerus="yes">
        <source>more than %n metric families; the rest was not read</source>
        <translation>
            <numerusform>指标族超过 %n 个；其余未读取</numerusform>
        </translation>
    </message>
    <message>
        <source>HELP line without a valid metric name</source>
        <translation>HELP 行缺少有效的指标名</translation>
    </message>
    <message>
        <source>TYPE line without a valid metric name</source>
        <translation>TYPE 行缺少有效的指标名</translation>
    </message>
    <message>
        <source>unknown metric type &quot;%1&quot;</source>
        <translation>未知的指标类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a second TYPE line for %1</source>
        <translation>%1 出现第二个 TYPE 行</translation>
    </message>
    <message>
        <source>the TYPE line for %1 comes after its samples</source>
        <translation>%1 的 TYPE 行出现在其样本之后</translation>
    </message>
    <message>
        <source>a second HELP line for %1</source>
        <translation>%1 出现第二个 HELP 行</translation>
    </message>
    <message>
        <source>unterminated label set</source>
        <translation>标签集未闭合</translation>
    </message>
    <message>
        <source>expected a label name</source>
        <translation>此处应为标签名</translation>
    </message>
    <message>
        <source>expected = after a label name</source>
        <translation>标签名之后应为 =</translation>
    </message>
    <message>
        <source>a label value must be in double quotes</source>
        <translation>标签值必须放在双引号中</translation>
    </message>
    <message>
        <source>invalid escape sequence in a label value</source>
        <translation>标签值中有无效的转义序列</translation>
    </message>
    <message>
        <source>unterminated label value</source>
        <translation>标签值未闭合</translation>
    </message>
    <message>
        <source>label %1 appears twice</source>
        <translation>标签 %1 出现了两次</translation>
    </message>
    <message>
        <source>expected , or } after a label</source>
        <translation>标签之后应为 , 或 }</translation>
    </message>
    <message>
        <source>expected a metric name</source>
        <translation>此处应为指标名</translation>
    </message>
    <message>
        <source>invalid character in a metric name</source>
        <translation>指标名中有无效字符</translation>
    </message>
    <message>
        <source>a sample without a value</source>
        <translation>样本缺少值</translation>
    </message>
    <message>
        <source>the value is not a number</source>
        <translation>值不是数字</translation>
    </message>
    <message>
        <source>the timestamp is not an integer number of milliseconds</source>
        <translation>时间戳不是整数毫秒数</translation>
    </message>
    <message>
        <source>unexpected text after the timestamp</source>
        <translation>时间戳之后有多余的文本</translation>
    </message>
    <message numerus="yes">
        <source>more than %n sample(s); the rest was not read</source>
        <translation>
            <numerusform>样本超过 %n 个；其余未读取</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is a histogram: its samples end in _bucket, _sum or _count</source>
        <translation>%1 是直方图（histogram）：其样本名应以 _bucket、_sum 或 _count 结尾</translation>
    </message>
    <message>
        <source>a histogram bucket without a valid le label</source>
        <translation>直方图桶缺少有效的 le 标签</translation>
    </message>
    <message>
        <source>a summary sample without a valid quantile label</source>
        <translation>摘要（summary）样本缺少有效的 quantile 标签</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n malformed line(s) skipped (%1)</source>
        <translation>
            <numerusform>已跳过 %n 个格式错误的行（%1）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromptCompressor</name>
    <message>
        <source>the pattern is empty</source>
        <translation>模式为空</translation>
    </message>
    <message>
        <source>invalid regular expression at offset %1: %2</source>
        <translation>正则表达式在偏移 %1 处无效：%2</translation>
    </message>
    <message>
        <source>unsupported rule set version %1</source>
        <translation>不支持的规则集版本 %1</translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be an array</source>
        <translation>&quot;rules&quot; 必须是数组</translation>
    </message>
    <message>
        <source>rule %1 is not an object</source>
        <translation>规则 %1 不是对象</translation>
    </message>
    <message>
        <source>rule %1 has no &quot;pattern&quot; string</source>
        <translation>规则 %1 缺少 &quot;pattern&quot; 字符串</translation>
    </message>
    <message>
        <source>rule %1: &quot;replacement&quot; must be a string</source>
        <translation>规则 %1：&quot;replacement&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large for a rule set</source>
        <translation>%1 太大，不能作为规则集</translation>
    </message>
    <message>
        <source>%1 is not a rule set: %2</source>
        <translation>%1 不是规则集：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>PromptSet</name>
    <message>
        <source>invalid JSON at column %1: %2</source>
        <translation>第 %1 列处的 JSON 无效：%2</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <source>give either &quot;prompt&quot; or &quot;messages&quot;, not both</source>
        <translation>只能指定 &quot;prompt&quot; 或 &quot;messages&quot; 之一，不能同时指定</translation>
    </message>
    <message>
        <source>the prompt is empty</source>
        <translation>提示词为空</translation>
    </message>
    <message>
        <source>&quot;messages&quot; is empty</source>
        <translation>&quot;messages&quot; 为空</translation>
    </message>
    <message>
        <source>message %1 needs a &quot;role&quot; string and a &quot;content&quot; string</source>
        <translation>消息 %1 需要 &quot;role&quot; 字符串和 &quot;content&quot; 字符串</translation>
    </message>
    <message>
        <source>message %1 has the unknown role &quot;%2&quot; (expected system, user or assistant)</source>
        <translation>消息 %1 的角色 &quot;%2&quot; 未知（应为 system、user 或 assistant）</translation>
    </message>
    <message>
        <source>expected a &quot;prompt&quot; string or a &quot;messages&quot; array</source>
        <translation>应为 &quot;prompt&quot; 字符串或 &quot;messages&quot; 数组</translation>
    </message>
    <message>
        <source>&quot;system&quot; must be a string</source>
        <translation>&quot;system&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>&quot;max_tokens&quot; must be a positive integer</source>
        <translation>&quot;max_tokens&quot; 必须是正整数</translation>
    </message>
    <message>
        <source>%1: cannot read the file: %2</source>
        <translation>%1：无法读取文件：%2</translation>
    </message>
    <message>
        <source>%1: the file is larger than %2 MiB</source>
        <translation>%1：文件大于 %2 MiB</translation>
    </message>
    <message>
        <source>invalid UTF-8</source>
        <translation>无效的 UTF-8</translation>
    </message>
    <message>
        <source>%1: no prompts found</source>
        <translation>%1：未找到提示词</translation>
    </message>
</context>
<context>
    <name>Protocols</name>
    <message>
        <source>OpenAI-compatible Chat Completions (vLLM, SGLang, llama.cpp, LM Studio, OpenAI)</source>
        <translation>OpenAI 兼容的 Chat Completions（vLLM、SGLang、llama.cpp、LM Studio、OpenAI）</translation>
    </message>
    <message>
        <source>OpenAI Responses API</source>
        <translation>OpenAI Responses API</translation>
    </message>
    <message>
        <source>OpenAI-compatible legacy text Completions</source>
        <translation>OpenAI 兼容的旧版文本 Completions</translation>
    </message>
    <message>
        <source>Anthropic Messages API</source>
        <translation>Anthropic Messages API</translation>
    </message>
    <message>
        <source>Google Gemini generateContent</source>
        <translation>Google Gemini generateContent</translation>
    </message>
    <message>
        <source>Ollama native chat (NDJSON)</source>
        <translation>Ollama 原生 chat（NDJSON）</translation>
    </message>
    <message>
        <source>llama.cpp server native /completion</source>
        <translation>llama.cpp 服务器原生 /completion</translation>
    </message>
    <message>
        <source>Hugging Face Text Generation Inference</source>
        <translation>Hugging Face Text Generation Inference</translation>
    </message>
    <message>
        <source>Minimal SSE token stream (TokenScope test endpoint)</source>
        <translation>最简 SSE token 流（TokenScope 测试端点）</translation>
    </message>
</context>
<context>
    <name>ProxyResolver</name>
    <message>
        <source>&quot;%1&quot; is not a proxy address (expected e.g. http://proxy:3128 or socks5://proxy:1080)</source>
        <translation>&quot;%1&quot; 不是代理地址（应为例如 http://proxy:3128 或 socks5://proxy:1080）</translation>
    </message>
    <message>
        <source>port %1 is out of range (1-65535)</source>
        <translation>端口 %1 超出范围（1-65535）</translation>
    </message>
    <message>
        <source>%1:// proxies are not supported (use http://, socks5:// or socks5h://)</source>
        <translation>不支持 %1:// 代理（请使用 http://、socks5:// 或 socks5h://）</translation>
    </message>
    <message>
        <source>put the proxy&apos;s user name and password in HTTPS_PROXY or ALL_PROXY, not in the endpoint: endpoints are saved in clear text</source>
        <translation>请将代理的用户名和密码放在 HTTPS_PROXY 或 ALL_PROXY 中，而不是端点里：端点以明文保存</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Embedded endpoint</source>
        <translation>内嵌端点</translation>
    </message>
    <message>
        <source>The embedded simulated endpoint could not start: %1</source>
        <translation>内嵌模拟端点无法启动：%1</translation>
    </message>
    <message>
        <source>Endpoint profiles</source>
        <translation>端点配置</translation>
    </message>
</context>
<context>
    <name>QueryTraceReader</name>
    <message>
        <source>line %1: invalid UTF-8</source>
        <translation>第 %1 行：无效的 UTF-8</translation>
    </message>
    <message>
        <source>line %1: invalid JSON: %2 at column %3</source>
        <translation>第 %1 行：无效的 JSON：%2（第 %3 列）</translation>
    </message>
    <message>
        <source>line %1: expected a JSON object with a &quot;text&quot; field</source>
        <translation>第 %1 行：应为带 &quot;text&quot; 字段的 JSON 对象</translation>
    </message>
    <message>
        <source>line %1: &quot;text&quot; is missing or not a non-empty string</source>
        <translation>第 %1 行：&quot;text&quot; 缺失或不是非空字符串</translation>
    </message>
    <message>
        <source>line %1: the text is longer than %2 characters</source>
        <translation>第 %1 行：文本超过 %2 个字符</translation>
    </message>
    <message>
        <source>line %1: &quot;timestamp&quot; must be a number of seconds</source>
        <translation>第 %1 行：&quot;timestamp&quot; 必须是以秒为单位的数字</translation>
    </message>
    <message>
        <source>line %1: &quot;group&quot; must be a string or a number</source>
        <translation>第 %1 行：&quot;group&quot; 必须是字符串或数字</translation>
    </message>
    <message>
        <source>the trace holds no queries</source>
        <translation>轨迹中没有查询</translation>
    </message>
    <message>
        <source>line %1: a quoted field is not closed</source>
        <translation>第 %1 行：引号字段没有闭合</translation>
    </message>
    <message>
        <source>line 1: the CSV header has no &quot;text&quot; column</source>
        <translation>第 1 行：CSV 表头没有 &quot;text&quot; 列</translation>
    </message>
    <message>
        <source>line %1: expected at least %2 fields, found %3</source>
        <translation>第 %1 行：至少需要 %2 个字段，实际 %3 个</translation>
    </message>
    <message>
        <source>line %1: the text is empty</source>
        <translation>第 %1 行：文本为空</translation>
    </message>
    <message>
        <source>line %1: the timestamp &quot;%2&quot; is not a number of seconds</source>
        <translation>第 %1 行：时间戳 &quot;%2&quot; 不是以秒为单位的数字</translation>
    </message>
    <message>
        <source>the built-in %1 trace is missing</source>
        <translation>内置的 %1 轨迹缺失</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB</source>
        <translation>%1 大于 %2 MiB</translation>
    </message>
</context>
<context>
    <name>RacePane</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation>TTFT</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Time to first token: from sending until the first token arrived</source>
        <translation>首个 token 时间：从发送到第一个 token 到达</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>token/秒</translation>
    </message>
    <message>
        <source>Tokens received so far divided by the seconds since the first token</source>
        <translation>目前已收到的 token 数除以自首个 token 以来的秒数</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <source>Time since the request was sent</source>
        <translation>自请求发出以来的时间</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>Output tokens received</source>
        <translation>已收到的输出 token</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Request waterfall</source>
        <translation>请求瀑布图</translation>
    </message>
    <message>
        <source>Show or hide where the time of this request went</source>
        <translation>显示或隐藏此请求的时间都花在了哪里</translation>
    </message>
    <message>
        <source>Not streamed: the answer appears all at once, when it is complete.</source>
        <translation>非流式：回答完成后一次性出现。</translation>
    </message>
    <message>
        <source>Waiting for the first token…</source>
        <translation>正在等待第一个 token…</translation>
    </message>
    <message>
        <source>Waiting for the whole answer…</source>
        <translation>正在等待完整回答…</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>正在接收…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Done (finish reason: %1)</source>
        <translation>完成（结束原因：%1）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 (partial text kept)</source>
        <translation>%1（已保留部分文本）</translation>
    </message>
    <message>
        <source>[generation timed out]</source>
        <translation>[生成超时]</translation>
    </message>
</context>
<context>
    <name>ReferenceScenario</name>
    <message>
        <source>The typical claim expects a semantic hit for “%1”, a rephrasing of “%2”, at threshold %3.</source>
        <translation>典型说法认为“%1”（“%2”的改写）在阈值 %3 下会语义命中。</translation>
    </message>
    <message>
        <source>The semantic layer is off: matching exact text only, the cache misses it at any threshold.</source>
        <translation>语义层已关闭：只匹配精确文本时，缓存在任何阈值下都会错过它。</translation>
    </message>
    <message>
        <source>Embedder %1 scores the pair %2.</source>
        <translation>嵌入器 %1 给这对查询的相似度为 %2。</translation>
    </message>
    <message>
        <source>With the semantic layer on, embedder %1 scores the pair %2.</source>
        <translation>若开启语义层，嵌入器 %1 给这对查询的相似度为 %2。</translation>
    </message>
    <message>
        <source>That reaches %1: a semantic hit at the typical threshold.</source>
        <translation>达到 %1：在典型阈值下语义命中。</translation>
    </message>
    <message>
        <source>That is below %1, so at the typical threshold it misses; a threshold of %2 or lower matches it.</source>
        <translation>低于 %1，因此在典型阈值下未命中；阈值设为 %2 或更低即可匹配。</translation>
    </message>
    <message>
        <source>exact hit</source>
        <translation>精确命中</translation>
    </message>
    <message>
        <source>semantic hit</source>
        <translation>语义命中</translation>
    </message>
    <message>
        <source>miss</source>
        <translation>未命中</translation>
    </message>
    <message>
        <source>size %1, hits %2, misses %3, hit rate %4</source>
        <translation>大小 %1，命中 %2，未命中 %3，命中率 %4</translation>
    </message>
    <message>
        <source>The five queries of the typical semantic-cache scenario, with its settings (capacity %1 entries, TTL %2 s, threshold %3); each query&apos;s claimed outcome is shown beside the cache&apos;s. A cache keyed by exact text (stripped, lower-cased) misses the rephrased third query at any threshold; TokenScope&apos;s semantic layer is what can turn it into a semantic hit.</source>
        <translation>典型语义缓存场景的五条查询及其设置（容量 %1 条，TTL %2 秒，阈值 %3）；每条查询的典型说法结果与缓存的结果并列显示。按精确文本（去掉首尾空白、转为小写）作键的缓存在任何阈值下都会错过改写过的第三条查询；TokenScope 的语义层才能把它变成语义命中。</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>en</source>
        <comment>The BCP 47 tag of this translation, for the report&apos;s HTML lang attribute (zh-CN for Simplified Chinese)</comment>
        <translation>zh-CN</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>This chart could not be drawn: %1</source>
        <translation>无法绘制此图表：%1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>The chart “%1” could not be drawn: %2</source>
        <translation>无法绘制图表“%1”：%2</translation>
    </message>
    <message>
        <source>Could not start the PDF renderer.</source>
        <translation>无法启动 PDF 渲染器。</translation>
    </message>
    <message>
        <source>%1 · page %2 of %3</source>
        <translation>%1 · 第 %2 页，共 %3 页</translation>
    </message>
</context>
<context>
    <name>RequestHandle</name>
    <message>
        <source>cancelled: the client was closed</source>
        <translation>已取消：客户端已关闭</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1 (warm-up)</source>
        <translation>%1（预热）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>The request&apos;s position in the prompt schedule</source>
        <translation>该请求在提示词发送计划中的位置</translation>
    </message>
    <message>
        <source>Time to first token of any kind, in milliseconds</source>
        <translation>首个 token 时间（任意类型的 token），单位为毫秒</translation>
    </message>
    <message>
        <source>Time to the first answer token (after reasoning), in milliseconds</source>
        <translation>到首个回答 token（思考过程之后）的时间，单位为毫秒</translation>
    </message>
    <message>
        <source>End-to-end latency, in milliseconds</source>
        <translation>端到端延迟，单位为毫秒</translation>
    </message>
    <message>
        <source>Time per output token after the first, in milliseconds</source>
        <translation>首个 token 之后每个输出 token 的时间，单位为毫秒</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>输出 token 数</translation>
    </message>
    <message>
        <source>Whether the request went over a kept-alive connection</source>
        <translation>该请求是否复用了 keep-alive 连接</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation>TTFT (ms)</translation>
    </message>
    <message>
        <source>TTFA (ms)</source>
        <translation>TTFA (ms)</translation>
    </message>
    <message>
        <source>E2E (ms)</source>
        <translation>E2E (ms)</translation>
    </message>
    <message>
        <source>TPOT (ms)</source>
        <translation>TPOT (ms)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>Reused</source>
        <translation>复用</translation>
    </message>
</context>
<context>
    <name>RuleComparisonView</name>
    <message>
        <source>The typical batcher sends a batch only when it is full: it declares a maximum wait but never uses it. Here the same Poisson arrivals (same seed) go through that rule and through the same batcher with a timer. The server, token counts, requests and seed come from the form on the left.</source>
        <translation>典型的批处理器只在批次凑满时才发送：它声明了最长等待时间，却从未使用。这里让相同的泊松到达（相同种子）分别经过这条规则和带定时器的同一批处理器。服务器、token 数、请求数和种子取自左侧表单。</translation>
    </message>
    <message>
        <source> req/s</source>
        <translation> 请求/秒</translation>
    </message>
    <message>
        <source>Mean rate of the Poisson arrivals. A missing timer costs most at low load.</source>
        <translation>泊松到达的平均速率。负载越低，缺少定时器的代价越大。</translation>
    </message>
    <message>
        <source>Requests per batch; the typical usage is 4.</source>
        <translation>每批请求数；典型用法为 4。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>How long the max-wait rule lets a partial batch wait; 100 ms is the wait the typical batcher declares.</source>
        <translation>最长等待规则允许未满批次等待多久；100 毫秒是典型批处理器声明的等待时间。</translation>
    </message>
    <message>
        <source>Compare rules</source>
        <translation>比较规则</translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation>速率：</translation>
    </message>
    <message>
        <source>Max batch size:</source>
        <translation>最大批大小：</translation>
    </message>
    <message>
        <source>Max wait:</source>
        <translation>最长等待：</translation>
    </message>
    <message>
        <source>Without a timer a partial batch waits for more requests, so the last requests wait for the end of the trace, where a final flush sends them. With a timer a partial batch leaves once its oldest request has waited the max wait.</source>
        <translation>没有定时器时，未满的批次会一直等待更多请求，所以最后几个请求要等到轨迹结束，由最终的刷新发出。有定时器时，未满的批次在其最早的请求等满最长等待时间后即发出。</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>首个 token 时间</translation>
    </message>
    <message>
        <source>Milliseconds</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>End-to-end latency</source>
        <translation>端到端延迟</translation>
    </message>
    <message>
        <source>Press Compare rules to see what waiting for a full batch costs at this rate.</source>
        <translation>点击“比较规则”，查看在此速率下等待满批的代价。</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Full batch only (typical)</source>
        <translation>只发满批（典型）</translation>
    </message>
    <message>
        <source>Max wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>Max wait %1 ms</source>
        <translation>最长等待 %1 毫秒</translation>
    </message>
    <message>
        <source>Same %1 requests and seed %2 through both: Poisson arrivals at %3 requests/s; max batch %4; %5 prompt + %6 output tokens; model %7.</source>
        <translation>两边使用相同的 %1 个请求和种子 %2：泊松到达，%3 请求/秒；最大批 %4；%5 个提示 token + %6 个输出 token；模型 %7。</translation>
    </message>
    <message>
        <source>Requests/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>Output tokens/s</source>
        <translation>输出 token/秒</translation>
    </message>
    <message>
        <source>TTFT p50 (ms)</source>
        <translation>TTFT p50（毫秒）</translation>
    </message>
    <message>
        <source>TTFT p95 (ms)</source>
        <translation>TTFT p95（毫秒）</translation>
    </message>
    <message>
        <source>TTFT p99 (ms)</source>
        <translation>TTFT p99（毫秒）</translation>
    </message>
    <message>
        <source>E2E p50 (ms)</source>
        <translation>E2E p50（毫秒）</translation>
    </message>
    <message>
        <source>E2E p95 (ms)</source>
        <translation>E2E p95（毫秒）</translation>
    </message>
    <message>
        <source>E2E p99 (ms)</source>
        <translation>E2E p99（毫秒）</translation>
    </message>
    <message>
        <source>Queue wait (ms)</source>
        <translation>排队等待（毫秒）</translation>
    </message>
    <message>
        <source>Mean batch</source>
        <translation>平均批大小</translation>
    </message>
    <message>
        <source>Click “Compare rules” to run both rules at the same load.</source>
        <translation>点击“比较规则”，在相同负载下运行两种规则。</translation>
    </message>
</context>
<context>
    <name>RuleTableModel</name>
    <message>
        <source>(remove)</source>
        <translation>（删除）</translation>
    </message>
    <message>
        <source>\1 or $1 inserts a group, ${name} a named group</source>
        <translation>\1 或 $1 插入分组，${name} 插入命名分组</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>Aa</source>
        <translation>Aa</translation>
    </message>
    <message>
        <source>Fired</source>
        <translation>命中</translation>
    </message>
</context>
<context>
    <name>RunConfigWidget</name>
    <message>
        <source>Set the number of requests to 1 or more.</source>
        <translation>请将请求数设为 1 或更多。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Inline</source>
        <translation>直接输入</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The prompt sent with every request</source>
        <translation>每个请求都会发送的提示词</translation>
    </message>
    <message>
        <source>Explain in a few sentences how a transformer generates text.</source>
        <translation>用几句话解释 Transformer 是如何生成文本的。</translation>
    </message>
    <message>
        <source>Text (one prompt a line) or JSONL file</source>
        <translation>文本文件（每行一个提示词）或 JSONL 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Optional system message</source>
        <translation>可选的系统消息</translation>
    </message>
    <message>
        <source>System message:</source>
        <translation>系统消息：</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Closed loop (fixed concurrency)</source>
        <translation>闭环（固定并发）</translation>
    </message>
    <message>
        <source>Request rate</source>
        <translation>请求速率</translation>
    </message>
    <message>
        <source> req/s</source>
        <translation> 请求/秒</translation>
    </message>
    <message>
        <source>Poisson arrivals</source>
        <translation>泊松到达</translation>
    </message>
    <message>
        <source>Exponentially distributed gaps between sends instead of even ones</source>
        <translation>发送间隔服从指数分布，而非均匀间隔</translation>
    </message>
    <message>
        <source>Seed of the Poisson schedule: the same seed sends at the same times</source>
        <translation>泊松发送计划的随机种子：相同的种子会在相同的时刻发送</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation>并发数：</translation>
    </message>
    <message>
        <source>Requests sent first and left out of the statistics</source>
        <translation>最先发送且不计入统计的请求</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>请求数：</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation>速率：</translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation>预热：</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>最大 token 数：</translation>
    </message>
    <message>
        <source>Timeouts and connections</source>
        <translation>超时与连接</translation>
    </message>
    <message>
        <source>Reuse connections (keep-alive)</source>
        <translation>复用连接 (keep-alive)</translation>
    </message>
    <message>
        <source>Off: every request opens a cold connection</source>
        <translation>关闭时：每个请求都会打开一个冷连接</translation>
    </message>
    <message>
        <source>Connect:</source>
        <translation>连接：</translation>
    </message>
    <message>
        <source>First token:</source>
        <translation>首个 token：</translation>
    </message>
    <message>
        <source>Stall:</source>
        <translation>停滞：</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>总计：</translation>
    </message>
    <message>
        <source>Open Prompt Set</source>
        <translation>打开提示词集</translation>
    </message>
    <message>
        <source>Prompt sets (*.txt *.jsonl *.ndjson);;All files (*)</source>
        <translation>提示词集 (*.txt *.jsonl *.ndjson);;所有文件 (*)</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Max in flight:</source>
        <translation>最大进行中请求数：</translation>
    </message>
    <message>
        <source>Choose a prompt file.</source>
        <translation>请选择提示词文件。</translation>
    </message>
    <message>
        <source>Enter a prompt.</source>
        <translation>请输入提示词。</translation>
    </message>
    <message>
        <source>The prompt set is empty.</source>
        <translation>提示词集为空。</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Synthetic (exact length)</source>
        <translation>合成（精确长度）</translation>
    </message>
    <message>
        <source>Readable prompts of an exact number of tokens, one per request, so that none repeats</source>
        <translation>可读的提示词，token 数精确，每个请求一个，互不重复</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Prompts sampled from a ShareGPT, chat JSONL or CSV dataset</source>
        <translation>从 ShareGPT、对话 JSONL 或 CSV 数据集中抽样的提示词</translation>
    </message>
    <message>
        <source>e.g. uniform:128:1024</source>
        <translation>例如 uniform:128:1024</translation>
    </message>
    <message>
        <source>Each prompt&apos;s length in tokens of the tokenizer below:
N: always N tokens
uniform:MIN:MAX: every length from MIN to MAX equally likely
normal:MEAN:SD or normal:MEAN:SD:MIN:MAX: a normal distribution, kept within the bounds
hist:FILE: lengths from a file of &quot;LENGTH WEIGHT&quot; lines</source>
        <translation>每个提示词的长度，以下方分词器的 token 计：
N：始终为 N 个 token
uniform:MIN:MAX：MIN 到 MAX 之间每个长度等概率
normal:MEAN:SD 或 normal:MEAN:SD:MIN:MAX：正态分布，限制在边界内
hist:FILE：从每行为 &quot;LENGTH WEIGHT&quot; 的文件中取长度</translation>
    </message>
    <message>
        <source>The encoding that counts the tokens of the prompts and of the dataset&apos;s token ranges. Without its rank file, lengths are estimates and the preview says so.</source>
        <translation>用于计数提示词 token 和数据集 token 范围的编码。缺少其词表文件时，长度为估算值，预览中会注明。</translation>
    </message>
    <message>
        <source>The language of the generated text</source>
        <translation>生成文本的语言</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个 token</translation>
    </message>
    <message>
        <source>Prompts that begin with a shared prefix of this many tokens, identical byte for byte: what a server&apos;s prefix cache can reuse. The prefix counts toward each prompt&apos;s length.</source>
        <translation>提示词以这么多 token 的共享前缀开头，逐字节相同：这正是服务器的前缀缓存可以复用的部分。前缀计入每个提示词的长度。</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>The share of the prompts that begin with a shared prefix</source>
        <translation>以共享前缀开头的提示词所占比例</translation>
    </message>
    <message>
        <source>How many different prefixes the prompts share, taken in turn</source>
        <translation>提示词共享多少个不同的前缀，依次轮流使用</translation>
    </message>
    <message>
        <source>ShareGPT, JSONL or CSV</source>
        <translation>ShareGPT、JSONL 或 CSV</translation>
    </message>
    <message>
        <source>ShareGPT JSON (the first human turn is the prompt), chat JSONL (&quot;messages&quot; or &quot;prompt&quot;) or CSV with a header and a prompt column</source>
        <translation>ShareGPT JSON（第一个用户轮次即提示词）、对话 JSONL（&quot;messages&quot; 或 &quot;prompt&quot;）或带表头和提示词列的 CSV</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Auto: by the file&apos;s extension, then by its first character</source>
        <translation>自动：先按文件扩展名，再按首个字符判断</translation>
    </message>
    <message>
        <source>Keep only the entries whose prompt has this many tokens</source>
        <translation>只保留提示词 token 数在此范围内的条目</translation>
    </message>
    <message>
        <source>Keep only the entries whose answer (its stated length, else the recorded answer) has this many tokens</source>
        <translation>只保留回答（按其标明的长度，否则按记录的回答）token 数在此范围内的条目</translation>
    </message>
    <message>
        <source>Input tokens:</source>
        <translation>输入 token：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Shared prefix:</source>
        <translation>共享前缀：</translation>
    </message>
    <message>
        <source>Prefix share:</source>
        <translation>前缀比例：</translation>
    </message>
    <message>
        <source>Prefixes:</source>
        <translation>前缀数：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Prompt tokens:</source>
        <translation>提示词 token：</translation>
    </message>
    <message>
        <source>Answer tokens:</source>
        <translation>回答 token：</translation>
    </message>
    <message>
        <source>Tokenizer:</source>
        <translation>分词器：</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>输入 token 数</translation>
    </message>
    <message>
        <source>Enter an input length to see the prompts&apos; lengths here.</source>
        <translation>填写输入长度，即可在此查看提示词的长度。</translation>
    </message>
    <message>
        <source>The input lengths of the prompts the run will send (at most the first %1)</source>
        <translation>本次运行将发送的提示词的输入长度（最多前 %1 个）</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大 token 数</translation>
    </message>
    <message>
        <source>Each request&apos;s max tokens, drawn from a length in the same forms as the input tokens (e.g. uniform:64:512). Empty: the Max tokens field, or a dataset entry&apos;s own answer length.</source>
        <translation>每个请求的最大 token 数，按与输入 token 相同格式的长度抽取（例如 uniform:64:512）。留空：使用“最大 token 数”字段，或数据集条目自身的回答长度。</translation>
    </message>
    <message>
        <source>Force exact length (ignore_eos)</source>
        <translation>强制精确长度（ignore_eos）</translation>
    </message>
    <message>
        <source>Ask for exactly the max tokens with ignore_eos and min_tokens. vLLM, SGLang and llama.cpp take them; hosted APIs refuse unknown fields, so they are sent only on the OpenAI-style, llama.cpp and plain protocols.</source>
        <translation>用 ignore_eos 和 min_tokens 要求恰好输出最大 token 数。vLLM、SGLang 和 llama.cpp 支持它们；托管 API 会拒绝未知字段，因此只在 OpenAI 风格、llama.cpp 和 plain 协议上发送。</translation>
    </message>
    <message>
        <source>Conversations of this many requests: each turn sends the earlier prompts and answers before its own prompt (closed loop only)</source>
        <translation>每段对话包含这么多个请求：每一轮在自己的提示词之前发送之前的提示词和回答（仅限闭环）</translation>
    </message>
    <message>
        <source>Time between an answer and the conversation&apos;s next turn</source>
        <translation>从收到回答到对话下一轮之间的时间</translation>
    </message>
    <message>
        <source>Seed of the prompts&apos; lengths and texts, the shared prefixes, the dataset sample and the output lengths: the same seed makes the same prompts. Give each run against one server its own seed, or its prefix cache remembers the last run.</source>
        <translation>提示词长度和文本、共享前缀、数据集抽样和输出长度的随机种子：相同的种子生成相同的提示词。对同一服务器的每次运行请使用不同的种子，否则其前缀缓存会记住上一次运行。</translation>
    </message>
    <message>
        <source>Output tokens:</source>
        <translation>输出 token：</translation>
    </message>
    <message>
        <source>Turns:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Think time:</source>
        <translation>思考时间：</translation>
    </message>
    <message>
        <source>Open Dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>Datasets (*.json *.jsonl *.ndjson *.csv);;All files (*)</source>
        <translation>数据集 (*.json *.jsonl *.ndjson *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This length is not valid.</source>
        <translation>此长度无效。</translation>
    </message>
    <message>
        <source>Choose a dataset file.</source>
        <translation>请选择数据集文件。</translation>
    </message>
    <message>
        <source>A token range ends below its start: set the second number to 0 (any) or above the first.</source>
        <translation>token 范围的结束值小于起始值：请把第二个数设为 0（不限）或大于第一个数。</translation>
    </message>
    <message>
        <source>%1: no entry left: %2</source>
        <translation>%1：没有剩余条目：%2</translation>
    </message>
    <message>
        <source>Input tokens: %1</source>
        <translation>输入 token：%1</translation>
    </message>
    <message>
        <source>Shared prefix: %1</source>
        <translation>共享前缀：%1</translation>
    </message>
    <message>
        <source>Correct the input length to see the prompts&apos; lengths here.</source>
        <translation>请更正输入长度，即可在此查看提示词的长度。</translation>
    </message>
    <message>
        <source>Choose a dataset file to see its prompts&apos; lengths here.</source>
        <translation>选择数据集文件，即可在此查看其提示词的长度。</translation>
    </message>
    <message>
        <source>This dataset is large: its prompts are read and counted when the run starts.</source>
        <translation>此数据集较大：其提示词将在运行开始时读取并计数。</translation>
    </message>
    <message>
        <source>Nothing to preview: see the message above.</source>
        <translation>无可预览内容：请查看上方消息。</translation>
    </message>
    <message>
        <source>Lengths are estimates: %1</source>
        <translation>长度为估算值：%1</translation>
    </message>
    <message numerus="yes">
        <source>Lengths of the first %1 of %n prompt(s)</source>
        <translation>
            <numerusform>%n 个提示词中前 %1 个的长度</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s)</source>
        <translation>
            <numerusform>%n 个提示词</numerusform>
        </translation>
    </message>
    <message>
        <source>Output tokens: %1</source>
        <translation>输出 token：%1</translation>
    </message>
</context>
<context>
    <name>RunExport</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>RunReport</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
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
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 in flight (closed loop)</source>
        <translation>同时 %1 个请求（闭环）</translation>
    </message>
    <message>
        <source>%1 requests/s, Poisson arrivals</source>
        <translation>%1 请求/秒，泊松到达</translation>
    </message>
    <message>
        <source>%1 requests/s, evenly spaced</source>
        <translation>%1 请求/秒，均匀间隔</translation>
    </message>
    <message>
        <source>%1, at most %2 in flight</source>
        <translation>%1，最多同时 %2 个请求</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Warm-up requests</source>
        <translation>预热请求数</translation>
    </message>
    <message>
        <source>Max output tokens</source>
        <translation>最大输出 token 数</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Connection reuse</source>
        <translation>连接复用</translation>
    </message>
    <message>
        <source>TLS verification</source>
        <translation>TLS 证书验证</translation>
    </message>
    <message>
        <source>connect %1 · first token %2 · stall %3 · total %4</source>
        <translation>连接 %1 · 首个 token %2 · 停顿 %3 · 总计 %4</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 (ms)</source>
        <translation>%1 (ms)</translation>
    </message>
    <message>
        <source>Failures by class</source>
        <translation>按类别统计的失败</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Percentiles and throughput leave out warm-up and failed requests.</source>
        <translation>百分位数和吞吐量不包括预热请求和失败的请求。</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Sum of phases</source>
        <translation>各阶段之和</translation>
    </message>
    <message>
        <source>Where the time goes</source>
        <translation>时间花在了哪里</translation>
    </message>
    <message>
        <source>Mean of each phase over the successful requests; the means add up to the mean end-to-end latency. Each figure says where it comes from: measured by TokenScope, reported by the server, or estimated (in italics) where the trace cannot tell the phases apart.</source>
        <translation>各阶段在成功请求上的平均值；这些平均值之和等于平均端到端延迟。每个数值都注明了来源：由 TokenScope 实测、由服务器上报，或在追踪数据无法区分各阶段时估算（斜体显示）。</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>TokenScope run report</source>
        <translation>TokenScope 压测报告</translation>
    </message>
    <message>
        <source>Created with TokenScope %1 on %2</source>
        <translation>由 TokenScope %1 于 %2 生成</translation>
    </message>
    <message>
        <source>Endpoints: %1</source>
        <translation>端点：%1</translation>
    </message>
    <message>
        <source>Client event-loop lag p99 (ms)</source>
        <translation>客户端事件循环延迟 p99 (ms)</translation>
    </message>
    <message>
        <source>Dispatch delay p99 (ms)</source>
        <translation>派发延迟 p99 (ms)</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Client I/O threads busy</source>
        <translation>客户端 I/O 线程忙碌</translation>
    </message>
    <message>
        <source>Receive times</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>kernel&apos;s</source>
        <translation>内核的</translation>
    </message>
    <message>
        <source>when read</source>
        <translation>读取之时</translation>
    </message>
    <message>
        <source>kernel&apos;s for %1 of %2</source>
        <translation>%2 个中 %1 个为内核的</translation>
    </message>
</context>
<context>
    <name>RunWorkloadPage</name>
    <message>
        <source>TTFT p50 by conversation turn</source>
        <translation>按对话轮次的 TTFT p50</translation>
    </message>
    <message>
        <source>TTFT p50 (ms)</source>
        <translation>TTFT p50 (ms)</translation>
    </message>
    <message>
        <source>Run conversations (Workload → Turns) to see whether the TTFT grows with the history each turn carries.</source>
        <translation>运行多轮对话（工作负载 → 轮数），即可查看 TTFT 是否随每一轮携带的对话历史而增长。</translation>
    </message>
    <message>
        <source>Turn %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Ended before
max_tokens</source>
        <translation>提前结束
(未达 max_tokens)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>A request ended early when the model stopped before its max_tokens (--ignore-eos asks it not to, where the server allows). Cached figures come from the server&apos;s usage: OpenAI cached_tokens, Anthropic cache_read_input_tokens, Gemini cachedContentTokenCount, llama.cpp cache_n.</source>
        <translation>模型在达到 max_tokens 之前停止时，请求即为提前结束（在服务器允许时，--ignore-eos 可要求模型不提前停止）。缓存相关数值来自服务器返回的 usage：OpenAI 的 cached_tokens、Anthropic 的 cache_read_input_tokens、Gemini 的 cachedContentTokenCount、llama.cpp 的 cache_n。</translation>
    </message>
    <message>
        <source>Set a Workload in the run settings. Each endpoint&apos;s row then shows how many requests stopped before their max_tokens, and the TTFT of requests its server&apos;s prompt cache served against the rest; conversations show their TTFT turn by turn below.</source>
        <translation>请在运行设置中设定工作负载。之后每个端点所在的行会显示有多少请求在达到 max_tokens 前停止，以及由其服务器提示词缓存提供服务的请求与其余请求的 TTFT 对比；多轮对话会在下方逐轮显示其 TTFT。</translation>
    </message>
    <message>
        <source>Prompt cache:
requests · tokens</source>
        <translation>提示词缓存：
请求 · token</translation>
    </message>
    <message>
        <source>%1 of %2 · %3%</source>
        <translation>%1/%2 · %3%</translation>
    </message>
    <message>
        <source>TTFT p50 (ms):
cached / not</source>
        <translation>TTFT p50 (ms)：
有缓存 / 无缓存</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the load against every checked endpoint (Ctrl+R)</source>
        <translation>对所有已勾选的端点运行负载 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop sending; finished requests are kept (Esc)</source>
        <translation>停止发送；已完成的请求会保留 (Esc)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Cancel Run</source>
        <translation>取消运行</translation>
    </message>
    <message>
        <source>Time to first token (CDF)</source>
        <translation>首个 token 时间 (CDF)</translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation>TTFT (ms)</translation>
    </message>
    <message>
        <source>Share of requests</source>
        <translation>请求占比</translation>
    </message>
    <message>
        <source>End-to-end latency</source>
        <translation>端到端延迟</translation>
    </message>
    <message>
        <source>E2E (ms)</source>
        <translation>E2E (ms)</translation>
    </message>
    <message>
        <source>Inter-token latency</source>
        <translation>token 间延迟</translation>
    </message>
    <message>
        <source>ITL (ms)</source>
        <translation>ITL (ms)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>Output throughput</source>
        <translation>输出吞吐量</translation>
    </message>
    <message>
        <source>Time since start (s)</source>
        <translation>自开始起的时间 (s)</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>token/秒</translation>
    </message>
    <message>
        <source>TTFT CDF</source>
        <translation>TTFT CDF</translation>
    </message>
    <message>
        <source>E2E box plot</source>
        <translation>E2E 箱线图</translation>
    </message>
    <message>
        <source>ITL histogram</source>
        <translation>ITL 直方图</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Export or copy the %1 chart</source>
        <translation>导出或复制 %1 图表</translation>
    </message>
    <message>
        <source>Click a point of the TTFT chart to select its request</source>
        <translation>点击 TTFT 图表中的点以选中对应的请求</translation>
    </message>
    <message>
        <source>No endpoints: check one or more in the sidebar</source>
        <translation>没有端点：请在侧栏中勾选一个或多个端点</translation>
    </message>
    <message>
        <source>Endpoints: %1</source>
        <translation>端点：%1</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>无法开始：%1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%1/%2 done · %3 failed · %4 s elapsed</source>
        <translation>已完成 %1/%2 · 失败 %3 · 已用时 %4 s</translation>
    </message>
    <message>
        <source>%1 · ~%2 s left</source>
        <translation>%1 · 剩余约 %2 s</translation>
    </message>
    <message>
        <source>%1 · cancelled</source>
        <translation>%1 · 已取消</translation>
    </message>
    <message>
        <source>%1 · finished</source>
        <translation>%1 · 已完成</translation>
    </message>
    <message>
        <source>%1 #%2: TTFT %3 ms, E2E %4 ms</source>
        <translation>%1 #%2：TTFT %3 ms，E2E %4 ms</translation>
    </message>
    <message>
        <source>%1 #%2: no token</source>
        <translation>%1 #%2：没有 token</translation>
    </message>
    <message>
        <source>Export Run as JSON</source>
        <translation>将运行结果导出为 JSON</translation>
    </message>
    <message>
        <source>Export Run as CSV</source>
        <translation>将运行结果导出为 CSV</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Mean latency by phase</source>
        <translation>各阶段平均延迟</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Write the settings, results and charts as an HTML page and a PDF</source>
        <translation>把设置、结果和图表写成一个 HTML 页面和一个 PDF</translation>
    </message>
    <message>
        <source>There are no results to report yet.</source>
        <translation>还没有可以写入报告的结果。</translation>
    </message>
    <message>
        <source>No file name was given.</source>
        <translation>未指定文件名。</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Report as HTML and PDF (*.html *.pdf)</source>
        <translation>HTML 和 PDF 报告 (*.html *.pdf)</translation>
    </message>
    <message>
        <source>Report saved as %1.html and %1.pdf</source>
        <translation>报告已保存为 %1.html 和 %1.pdf</translation>
    </message>
    <message>
        <source>Not saved to the history: %1</source>
        <translation>未保存到历史：%1</translation>
    </message>
    <message>
        <source>Showing a stored run from the history.</source>
        <translation>正在显示历史中保存的运行。</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>What the server&apos;s /metrics said during the run</source>
        <translation>运行期间服务器 /metrics 报告的数据</translation>
    </message>
    <message>
        <source>%1: no server metrics (%2)</source>
        <translation>%1：没有服务器指标（%2）</translation>
    </message>
    <message>
        <source>none read yet</source>
        <translation>尚未读到任何指标</translation>
    </message>
    <message>
        <source>%1: running</source>
        <translation>%1：运行中</translation>
    </message>
    <message>
        <source>%1: waiting</source>
        <translation>%1：等待中</translation>
    </message>
    <message>
        <source>Click Run to measure the checked endpoints.</source>
        <translation>点击“运行”，测量已勾选的端点。</translation>
    </message>
    <message>
        <source>%1: KV cache</source>
        <translation>%1：KV 缓存</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Server: requests running and waiting, KV cache</source>
        <translation>服务器：运行中与等待中的请求、KV 缓存</translation>
    </message>
    <message>
        <source>KV %</source>
        <translation>KV %</translation>
    </message>
    <message>
        <source>Click Run: servers that expose /metrics show their batch, queue and KV cache here.</source>
        <translation>点击“运行”：提供 /metrics 的服务器会在此显示其批次、队列和 KV 缓存。</translation>
    </message>
    <message>
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Running
(mean)</source>
        <translation>运行中
(平均)</translation>
    </message>
    <message>
        <source>Waiting
(max)</source>
        <translation>等待中
(最大)</translation>
    </message>
    <message>
        <source>KV cache
(max %)</source>
        <translation>KV 缓存
(最大 %)</translation>
    </message>
    <message>
        <source>TTFT p99
client (ms)</source>
        <translation>TTFT p99
客户端 (ms)</translation>
    </message>
    <message>
        <source>TTFT p99
server (ms)</source>
        <translation>TTFT p99
服务器 (ms)</translation>
    </message>
    <message>
        <source>Its bucket
(ms)</source>
        <translation>所在桶
(ms)</translation>
    </message>
    <message>
        <source>During a run, TokenScope reads each server&apos;s /metrics (vLLM, SGLang, TGI, llama.cpp with --metrics, the embedded endpoint) every 250 ms on a connection of its own, and draws them under the run&apos;s throughput.</source>
        <translation>运行期间，TokenScope 通过一条独立的连接每 250 ms 读取一次各服务器的 /metrics（vLLM、SGLang、TGI、带 --metrics 的 llama.cpp、内嵌端点），并绘制在本次运行的吞吐量下方。</translation>
    </message>
    <message>
        <source>The server estimates its TTFT inside histogram buckets: its true p99 lies anywhere in the bucket shown. Client minus server is network and client time.</source>
        <translation>服务器在直方图桶内估算其 TTFT：真实的 p99 可能位于所示桶内的任意位置。客户端减去服务器即网络和客户端耗时。</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Requests that ended before max_tokens, TTFT with and without the server&apos;s prompt cache, TTFT by conversation turn</source>
        <translation>在达到 max_tokens 前结束的请求、有无服务器提示词缓存时的 TTFT、按对话轮次的 TTFT</translation>
    </message>
    <message>
        <source>Client: lag p99 %1 ms · busy %2%</source>
        <translation>客户端：延迟 p99 %1 ms · 忙碌 %2%</translation>
    </message>
    <message>
        <source>⚠ Includes client delay · %1</source>
        <translation>⚠ 含客户端延迟 · %1</translation>
    </message>
    <message>
        <source>Client overhead: event-loop lag p99 %1 ms (max %2 ms) · dispatch delay p99 %3 ms · I/O threads busy %4% of the run</source>
        <translation>客户端开销：事件循环延迟 p99 %1 ms（最大 %2 ms）· 派发延迟 p99 %3 ms · I/O 线程忙碌占运行时长的 %4%</translation>
    </message>
    <message>
        <source>Event-loop lag: how late a 1 ms timer fired on the I/O threads that read the sockets (a token read there waited as long, unless its time is the kernel&apos;s receive time, as on plain TCP). Dispatch: from when a request was due to its last byte written, less any new connection&apos;s set-up. Busy: those threads&apos; CPU time over the time they had. Above %1 ms of lag at p99 or %2% busy, the figures include client delay.</source>
        <translation>事件循环延迟：在读取套接字的 I/O 线程上，一个 1 ms 定时器晚触发了多久（这些线程读取的 token 也等待了同样长的时间，除非其时间取自内核的接收时间，如明文 TCP）。派发：从请求应发出之时到其最后一个字节写出为止，扣除新建连接的耗时。忙碌：这些线程的 CPU 时间占其可用时间的比例。p99 延迟超过 %1 ms 或忙碌超过 %2% 时，数据包含客户端延迟。</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The keychain did not answer within %1 s.</source>
        <translation>密钥环在 %1 s 内没有响应。</translation>
    </message>
    <message>
        <source>Could not store the API key in the keychain: %1</source>
        <translation>无法将 API 密钥存入密钥环：%1</translation>
    </message>
    <message>
        <source>Could not read the API key from the keychain: %1</source>
        <translation>无法从密钥环读取 API 密钥：%1</translation>
    </message>
    <message>
        <source>Could not delete the API key from the keychain: %1</source>
        <translation>无法从密钥环删除 API 密钥：%1</translation>
    </message>
    <message>
        <source>No keychain service is available: %1</source>
        <translation>没有可用的密钥环服务：%1</translation>
    </message>
</context>
<context>
    <name>ServerMetrics</name>
    <message>
        <source>unknown server</source>
        <translation>未知服务器</translation>
    </message>
</context>
<context>
    <name>ServiceModel</name>
    <message>
        <source>Vidur (Agrawal et al., MLSys 2024) profiling; H100 SXM 3.35 TB/s</source>
        <translation>Vidur（Agrawal 等，MLSys 2024）性能剖析；H100 SXM 3.35 TB/s</translation>
    </message>
    <message>
        <source>Vidur (Agrawal et al., MLSys 2024) profiling; A100 80GB 2.0 TB/s</source>
        <translation>Vidur（Agrawal 等，MLSys 2024）性能剖析；A100 80GB 2.0 TB/s</translation>
    </message>
    <message>
        <source>Triton tutorial &apos;Dynamic batching&apos;: 975/s unbatched, 3188/s batched at concurrency 16</source>
        <translation>Triton 教程“动态批处理”：并发 16 时，不批处理 975/s，批处理 3188/s</translation>
    </message>
    <message>
        <source>a constant step time (queueing-theory checks)</source>
        <translation>固定的单步时间（用于排队论校验）</translation>
    </message>
    <message>
        <source>fitted to two measured (batch size, step time) points</source>
        <translation>根据两个实测的（批大小，单步时间）数据点拟合</translation>
    </message>
    <message numerus="yes">
        <source>fitted to %n measured (concurrency, TPOT) points</source>
        <translation>
            <numerusform>根据 %n 个实测（并发，TPOT）点拟合</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>外观(&amp;A)：</translation>
    </message>
    <message>
        <source>Changes take effect the next time TokenScope starts.</source>
        <translation>更改将在下次启动 TokenScope 时生效。</translation>
    </message>
    <message>
        <source>How fast the embedded (simulated) endpoint answers: quick for demos, or every phase inside its typical range</source>
        <translation>内嵌（模拟）端点的响应速度：适合演示的快速模式，或每个阶段都处于典型范围内</translation>
    </message>
    <message>
        <source>&amp;Embedded endpoint:</source>
        <translation>内嵌端点(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>ShardInfo</name>
    <message>
        <source>its &quot;shard&quot; object has no valid index and count</source>
        <translation>其 &quot;shard&quot; 对象缺少有效的 index 和 count</translation>
    </message>
</context>
<context>
    <name>ShardMerge</name>
    <message>
        <source>no shard files to merge</source>
        <translation>没有要合并的分片文件</translation>
    </message>
    <message>
        <source>%1 is not a shard: it has no &quot;shard&quot; object (was it written by run --shard?)</source>
        <translation>%1 不是分片：其中没有 &quot;shard&quot; 对象（它是由 run --shard 写出的吗？）</translation>
    </message>
    <message>
        <source>%1 is of run &quot;%2&quot; and %3 of run &quot;%4&quot;: shards of different runs cannot be merged</source>
        <translation>%1 属于运行 &quot;%2&quot;，而 %3 属于运行 &quot;%4&quot;：不同运行的分片无法合并</translation>
    </message>
    <message>
        <source>%1 is one of %2 shards and %3 one of %4: they are not of one run</source>
        <translation>%1 是 %2 个分片之一，而 %3 是 %4 个分片之一：它们不属于同一运行</translation>
    </message>
    <message>
        <source>%1 and %2 were run with different settings: shards of one run share them</source>
        <translation>%1 和 %2 的运行设置不同：同一运行的分片应使用相同的设置</translation>
    </message>
    <message>
        <source>shard %1 is given twice (%2 and %3)</source>
        <translation>分片 %1 被给出了两次（%2 和 %3）</translation>
    </message>
    <message numerus="yes">
        <source>%n shard(s) of %1 missing: %2</source>
        <translation>
            <numerusform>%1 个分片中缺少 %n 个：%2</numerusform>
        </translation>
    </message>
    <message>
        <source> (give every shard&apos;s file, or --allow-partial to merge the others)</source>
        <translation>（请给出每个分片的文件，或使用 --allow-partial 合并其余分片）</translation>
    </message>
    <message>
        <source>; the merged run has only the others&apos; requests</source>
        <translation>；合并后的运行只包含其余分片的请求</translation>
    </message>
    <message>
        <source>shard %1 (%2) recorded %3 of its %4 requests: it was cancelled or cut short</source>
        <translation>分片 %1（%2）只记录了其 %4 个请求中的 %3 个：它被取消或中途截断</translation>
    </message>
    <message>
        <source>the clock of shard %1 is not kept in sync (NTP): the merged throughput over time may be misaligned; latencies are not affected</source>
        <translation>分片 %1 的时钟未保持同步（NTP）：合并后的吞吐量时间曲线可能错位；延迟不受影响</translation>
    </message>
    <message>
        <source>shard %1 has no wall-clock reading: its requests are placed at the start</source>
        <translation>分片 %1 没有墙钟时间读数：其请求被放在时间线开头</translation>
    </message>
    <message>
        <source>the shards started %1 s apart (more than 1 s): start them together with --start-at</source>
        <translation>各分片开始时间相差 %1 s（超过 1 s）：请用 --start-at 让它们同时开始</translation>
    </message>
    <message>
        <source>client delay</source>
        <translation>客户端延迟</translation>
    </message>
    <message>
        <source>%1% failed</source>
        <translation>%1% 失败</translation>
    </message>
</context>
<context>
    <name>ShardPlan</name>
    <message>
        <source>--shard expects K/N with K from 0 to N-1 (as SLURM_PROCID counts), got &quot;%1&quot;</source>
        <translation>--shard 需要 K/N，K 取 0 到 N-1（与 SLURM_PROCID 的计数方式相同），实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--shards needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job sets it); give --shard K/N elsewhere</source>
        <translation>--shards 需要 JOB_COMPLETION_INDEX（由 Kubernetes Indexed Job 设置）；在其他环境中请使用 --shard K/N</translation>
    </message>
    <message>
        <source>JOB_COMPLETION_INDEX is &quot;%1&quot;: expected 0 to %2 for --shards %3</source>
        <translation>JOB_COMPLETION_INDEX 为 &quot;%1&quot;：对于 --shards %3，应为 0 到 %2</translation>
    </message>
    <message>
        <source>SLURM_PROCID %1 of SLURM_NTASKS %2 is no shard</source>
        <translation>SLURM_PROCID %1（SLURM_NTASKS %2）不对应任何分片</translation>
    </message>
    <message>
        <source>%1 conversations cannot be split into %2 shards</source>
        <translation>%1 段对话无法拆分为 %2 个分片</translation>
    </message>
    <message>
        <source>%1 requests cannot be split into %2 shards</source>
        <translation>%1 个请求无法拆分为 %2 个分片</translation>
    </message>
</context>
<context>
    <name>SharedPrefixSpec</name>
    <message>
        <source>%1 must be a whole number from 1 to %2, not &quot;%3&quot;</source>
        <translation>%1必须是 1 到 %2 之间的整数，实际为 &quot;%3&quot;</translation>
    </message>
    <message>
        <source>the share must be a number from 0 to 1 (or 0% to 100%), not &quot;%1&quot;</source>
        <translation>比例必须是 0 到 1 之间的数（或 0% 到 100%），实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a shared prefix is TOKENS:SHARE or TOKENS:SHARE:COUNT (e.g. 512:0.5 or 512:50%:4), not &quot;%1&quot;</source>
        <translation>共享前缀的格式为 TOKENS:SHARE 或 TOKENS:SHARE:COUNT（例如 512:0.5 或 512:50%:4），实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the prefix length</source>
        <translation>前缀长度</translation>
    </message>
    <message>
        <source>the number of prefixes</source>
        <translation>前缀个数</translation>
    </message>
</context>
<context>
    <name>SimulationPage</name>
    <message numerus="yes">
        <source>%v of %n configuration(s)</source>
        <translation>
            <numerusform>%v / %n 个配置</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The grid has %n configuration(s); at most 10,000 can be run at once.</source>
        <translation>
            <numerusform>网格有 %n 个配置；一次最多运行 10,000 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %1 of %n configuration(s) kept.</source>
        <translation>
            <numerusform>已取消：保留了 %n 个配置中的 %1 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Token budgets of %1 gave identical results at every batch size: their lines are drawn as one.</source>
        <translation>token 预算 %1 在每个批大小下的结果完全相同：它们的曲线合并为一条。</translation>
    </message>
    <message>
        <source>Max waits of %1 ms gave identical results at every batch size: their lines are drawn as one.</source>
        <translation>最长等待 %1 毫秒在每个批大小下的结果完全相同：它们的曲线合并为一条。</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Dynamic batching (request level)</source>
        <translation>动态批处理（请求级）</translation>
    </message>
    <message>
        <source>Continuous batching (step level)</source>
        <translation>连续批处理（步级）</translation>
    </message>
    <message>
        <source>Request level: a batch runs until its longest request ends (Triton). Step level: sequences join and leave at every step (Orca, vLLM).</source>
        <translation>请求级：一个批次一直运行到其中最长的请求结束（Triton）。步级：序列在每一步加入和离开（Orca、vLLM）。</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Scheduling:</source>
        <translation>调度：</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Closed loop (clients)</source>
        <translation>闭环（客户端）</translation>
    </message>
    <message>
        <source>Constant rate</source>
        <translation>恒定速率</translation>
    </message>
    <message>
        <source>Poisson</source>
        <translation>泊松</translation>
    </message>
    <message>
        <source>Gamma (bursty)</source>
        <translation>伽马（突发）</translation>
    </message>
    <message>
        <source> req/s</source>
        <translation> 请求/秒</translation>
    </message>
    <message>
        <source>Gamma shape: 1 is Poisson, below 1 burstier, above 1 more regular.</source>
        <translation>伽马形状参数：1 即泊松，小于 1 更突发，大于 1 更均匀。</translation>
    </message>
    <message>
        <source>Lengths are drawn uniformly within ± this share of the sizes above.</source>
        <translation>长度在上述大小的 ± 此比例内均匀抽取。</translation>
    </message>
    <message>
        <source>Arrivals:</source>
        <translation>到达：</translation>
    </message>
    <message>
        <source>Clients:</source>
        <translation>客户端：</translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation>速率：</translation>
    </message>
    <message>
        <source>Burstiness:</source>
        <translation>突发度：</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>请求数：</translation>
    </message>
    <message>
        <source>Prompt tokens:</source>
        <translation>提示词 token：</translation>
    </message>
    <message>
        <source>Output tokens:</source>
        <translation>输出 token：</translation>
    </message>
    <message>
        <source>Length spread:</source>
        <translation>长度离散：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Max wait (ms):</source>
        <translation>最长等待（毫秒）：</translation>
    </message>
    <message>
        <source>Token budgets:</source>
        <translation>token 预算：</translation>
    </message>
    <message>
        <source>Max batch sizes:</source>
        <translation>最大批大小：</translation>
    </message>
    <message>
        <source>Triton tutorial example</source>
        <translation>Triton 教程示例</translation>
    </message>
    <message>
        <source>16 clients, 1-token requests, max batch 1 to 16, on the model fitted to Triton&apos;s dynamic-batching tutorial.</source>
        <translation>16 个客户端，1 个 token 的请求，最大批 1 到 16，使用按 Triton 动态批处理教程拟合的模型。</translation>
    </message>
    <message>
        <source>Service levels</source>
        <translation>服务等级</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>运行扫描</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Throughput vs latency, one point per configuration</source>
        <translation>吞吐量与延迟，每个配置一个点</translation>
    </message>
    <message>
        <source>Requests per second</source>
        <translation>每秒请求数</translation>
    </message>
    <message>
        <source>End-to-end p99 (ms)</source>
        <translation>端到端 p99（毫秒）</translation>
    </message>
    <message>
        <source>Trade-off</source>
        <translation>权衡</translation>
    </message>
    <message>
        <source>Throughput by max batch size</source>
        <translation>各最大批大小的吞吐量</translation>
    </message>
    <message>
        <source>Max batch size</source>
        <translation>最大批大小</translation>
    </message>
    <message>
        <source>End-to-end p99 by max batch size</source>
        <translation>各最大批大小的端到端 p99</translation>
    </message>
    <message>
        <source>By batch size</source>
        <translation>按批大小</translation>
    </message>
    <message>
        <source>Batch sizes the server ran</source>
        <translation>服务器实际运行的批大小</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次数</translation>
    </message>
    <message>
        <source>Batch sizes</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Choose a server model.</source>
        <translation>请选择服务器模型。</translation>
    </message>
    <message>
        <source>Max batch sizes: %1</source>
        <translation>最大批大小：%1</translation>
    </message>
    <message>
        <source>Max wait: %1</source>
        <translation>最长等待：%1</translation>
    </message>
    <message>
        <source>Token budgets: %1</source>
        <translation>token 预算：%1</translation>
    </message>
    <message numerus="yes">
        <source>Simulating %n configuration(s)…</source>
        <translation>
            <numerusform>正在模拟 %n 个配置…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n configuration(s).</source>
        <translation>
            <numerusform>完成：%n 个配置。</numerusform>
        </translation>
    </message>
    <message>
        <source>Knee: max batch %1, wait %2 ms: %3 req/s at E2E p99 %4 ms.</source>
        <translation>拐点：最大批 %1，等待 %2 毫秒：%3 请求/秒，端到端 p99 %4 毫秒。</translation>
    </message>
    <message>
        <source>Highest throughput meeting the SLOs for 99% of requests: max batch %1, wait %2 ms (%3 req/s, goodput %4 req/s).</source>
        <translation>99% 的请求满足 SLO 时的最高吞吐量：最大批 %1，等待 %2 毫秒（%3 请求/秒，有效吞吐 %4 请求/秒）。</translation>
    </message>
    <message>
        <source>No configuration meets the SLOs for 99% of requests.</source>
        <translation>没有配置能让 99% 的请求满足 SLO。</translation>
    </message>
    <message numerus="yes">
        <source>%n configuration(s) on the Pareto front.</source>
        <translation>
            <numerusform>帕累托前沿上有 %n 个配置。</numerusform>
        </translation>
    </message>
    <message>
        <source>budget %1 tokens</source>
        <translation>预算 %1 个 token</translation>
    </message>
    <message>
        <source>wait %1 ms</source>
        <translation>等待 %1 毫秒</translation>
    </message>
    <message>
        <source>b%1</source>
        <translation>b%1</translation>
    </message>
    <message>
        <source>SLO: E2E ≤ %1 ms</source>
        <translation>SLO：端到端 ≤ %1 毫秒</translation>
    </message>
    <message>
        <source>Batch sizes the server ran (max batch %1, wait %2 ms)</source>
        <translation>服务器实际运行的批大小（最大批 %1，等待 %2 毫秒）</translation>
    </message>
    <message>
        <source>Simulating the same arrivals without batching…</source>
        <translation>正在模拟不批处理时的相同到达序列…</translation>
    </message>
    <message>
        <source>Max wait (a timer sends partial batches)</source>
        <translation>最长等待（定时器发送未满批次）</translation>
    </message>
    <message>
        <source>Full batch only (no timer, typical)</source>
        <translation>只发满批（无定时器，典型）</translation>
    </message>
    <message>
        <source>When a partial batch leaves. Max wait: once its oldest request has waited the max wait. Full batch only: never; a batch leaves when it is full, as in the typical batcher, and what is left leaves at the end of the trace.</source>
        <translation>未满的批次何时发出。最长等待：其最早的请求等满最长等待时间时。只发满批：从不；批次凑满才发出（与典型批处理器相同），剩下的在轨迹结束时发出。</translation>
    </message>
    <message>
        <source>Batching rule:</source>
        <translation>批处理规则：</translation>
    </message>
    <message>
        <source>Without a timer the last requests wait for the end of the trace.</source>
        <translation>没有定时器时，最后几个请求要等到轨迹结束。</translation>
    </message>
    <message>
        <source>full batches only</source>
        <translation>只发满批</translation>
    </message>
    <message>
        <source>Simulating the same arrivals under both rules…</source>
        <translation>正在用两种规则模拟相同的到达序列…</translation>
    </message>
    <message>
        <source>Click “Run sweep” to simulate each batch size and wait.</source>
        <translation>点击“运行扫描”，模拟各个批大小和最长等待。</translation>
    </message>
    <message>
        <source>Batching gain</source>
        <translation>批处理收益</translation>
    </message>
    <message>
        <source>No batching vs batching, at the same load</source>
        <translation>相同负载下，不批处理与批处理的对比</translation>
    </message>
    <message>
        <source>Batch rules</source>
        <translation>批处理规则</translation>
    </message>
    <message>
        <source>Full batch only vs a maximum wait</source>
        <translation>只发满批与最长等待的对比</translation>
    </message>
</context>
<context>
    <name>SimulationRowsModel</name>
    <message>
        <source>TTFT p50 (ms)</source>
        <translation>TTFT p50 (ms)</translation>
    </message>
    <message>
        <source>TTFT p99 (ms)</source>
        <translation>TTFT p99 (ms)</translation>
    </message>
    <message>
        <source>TPOT p50 (ms)</source>
        <translation>TPOT p50 (ms)</translation>
    </message>
    <message>
        <source>E2E p50 (ms)</source>
        <translation>E2E p50 (ms)</translation>
    </message>
    <message>
        <source>E2E p99 (ms)</source>
        <translation>E2E p99 (ms)</translation>
    </message>
    <message>
        <source>Budget (tokens)</source>
        <translation>预算 (token)</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>帕累托</translation>
    </message>
    <message>
        <source>knee</source>
        <translation>拐点</translation>
    </message>
    <message>
        <source>best under SLO</source>
        <translation>满足 SLO 的最佳</translation>
    </message>
    <message>
        <source>Maximum batch size (sequences in flight in continuous mode)</source>
        <translation>最大批大小（连续模式下为进行中的序列数）</translation>
    </message>
    <message>
        <source>Maximum queue delay before a partial batch leaves (request level)</source>
        <translation>未满批次发出前的最长排队延迟（请求级）</translation>
    </message>
    <message>
        <source>Tokens processed per scheduler step (continuous mode)</source>
        <translation>每个调度步处理的 token 数（连续模式）</translation>
    </message>
    <message>
        <source>Mean time from arrival to the start of service</source>
        <translation>从到达到开始服务的平均时间</translation>
    </message>
    <message>
        <source>Share of the time the server was busy</source>
        <translation>服务器繁忙时间的占比</translation>
    </message>
    <message>
        <source>Share of requests that met every SLO limit</source>
        <translation>满足所有 SLO 限制的请求占比</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批</translation>
    </message>
    <message>
        <source>Wait (ms)</source>
        <translation>等待（毫秒）</translation>
    </message>
    <message>
        <source>Req/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>Tok/s</source>
        <translation>token/秒</translation>
    </message>
    <message>
        <source>Queue (ms)</source>
        <translation>排队（毫秒）</translation>
    </message>
    <message>
        <source>Mean batch</source>
        <translation>平均批大小</translation>
    </message>
    <message>
        <source>Busy %</source>
        <translation>繁忙 %</translation>
    </message>
    <message>
        <source>SLO met %</source>
        <translation>满足 SLO %</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>SloEditor</name>
    <message>
        <source>TTFT ≤</source>
        <translation>TTFT ≤</translation>
    </message>
    <message>
        <source>TPOT ≤</source>
        <translation>TPOT ≤</translation>
    </message>
    <message>
        <source>End to end ≤</source>
        <translation>端到端 ≤</translation>
    </message>
    <message>
        <source>Service-level objectives: a request counts towards goodput when it meets every limit that is set.</source>
        <translation>服务等级目标：请求满足所有已设置的限制时，计入有效吞吐。</translation>
    </message>
</context>
<context>
    <name>SseDecoder</name>
    <message>
        <source>SSE event exceeds the %1 limit</source>
        <translation>SSE 事件超过 %1 的上限</translation>
    </message>
</context>
<context>
    <name>SyntheticPromptGenerator</name>
    <message numerus="yes">
        <source>the text has only %n token(s)</source>
        <translation>
            <numerusform>文本只有 %n 个 token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no cut of the text counts exactly %n token(s) with %1</source>
        <translation>
            <numerusform>按 %1 计数，文本的任何截断都不恰好是 %n 个 token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>could not build a text of exactly %n token(s) with %1</source>
        <translation>
            <numerusform>无法构造按 %1 计数恰好 %n 个 token 的文本</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown language &quot;%1&quot; (expected en or zh)</source>
        <translation>未知的语言 &quot;%1&quot;（应为 en 或 zh）</translation>
    </message>
    <message>
        <source>a text must have at least 1 token, not %1</source>
        <translation>文本至少须有 1 个 token，实际为 %1</translation>
    </message>
    <message numerus="yes">
        <source>could not join shared prefix %1 and a suffix into exactly %n token(s) with %2</source>
        <translation>
            <numerusform>无法将共享前缀 %1 与后缀拼接成按 %2 计数恰好 %n 个 token 的文本</numerusform>
        </translation>
    </message>
    <message>
        <source>the number of prompts must be from 0 to %1, not %2</source>
        <translation>提示词数量必须在 0 到 %1 之间，实际为 %2</translation>
    </message>
    <message>
        <source>%1 prompts of about %2 tokens are more than %3 tokens in all; ask for fewer or shorter prompts</source>
        <translation>%1 个约 %2 个 token 的提示词总计超过 %3 个 token；请减少提示词数量或缩短长度</translation>
    </message>
    <message>
        <source>the shared prefix %1 is out of range</source>
        <translation>共享前缀 %1 超出范围</translation>
    </message>
    <message>
        <source>a shared prefix of %1 tokens leaves no room for the rest of the prompt: the prompts are at most %2 tokens long</source>
        <translation>%1 个 token 的共享前缀没有给提示词的其余部分留下空间：提示词最长只有 %2 个 token</translation>
    </message>
    <message>
        <source>The prompt lengths are estimates, not exact token counts.</source>
        <translation>提示词长度为估算值，不是精确的 token 数。</translation>
    </message>
    <message>
        <source>The prompt lengths are estimates, not exact token counts: %1</source>
        <translation>提示词长度为估算值，不是精确的 token 数：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) picked to share a prefix were not longer than the prefix and have none</source>
        <translation>
            <numerusform>有 %n 个选中共享前缀的提示词不比前缀长，因此没有前缀</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeSeriesChart</name>
    <message>
        <source>Time (s)</source>
        <translation>时间 (s)</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>每秒 token 数</translation>
    </message>
</context>
<context>
    <name>TokenCount</name>
    <message>
        <source>POST /tokenize: no answer within %1 s</source>
        <translation>POST /tokenize：%1 秒内无应答</translation>
    </message>
    <message>
        <source>POST /tokenize: %1</source>
        <translation>POST /tokenize：%1</translation>
    </message>
    <message>
        <source>POST /tokenize: HTTP %1</source>
        <translation>POST /tokenize：HTTP %1</translation>
    </message>
    <message>
        <source>POST /tokenize: the answer has neither &quot;tokens&quot; nor &quot;count&quot;</source>
        <translation>POST /tokenize：应答中既没有 &quot;tokens&quot; 也没有 &quot;count&quot;</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>includes the chat template&apos;s tokens, if any</source>
        <translation>包含聊天模板的 token（如有）</translation>
    </message>
    <message>
        <source>the endpoint reported no prompt token usage</source>
        <translation>端点未报告提示词 token 用量</translation>
    </message>
    <message>
        <source>the request failed: %1</source>
        <translation>请求失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) (exact, %1)</source>
        <translation>
            <numerusform>%n 个 token（精确，%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) (counted by the endpoint, %1)</source>
        <translation>
            <numerusform>%n 个 token（由端点计数，%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>~%n token(s) (estimated)</source>
        <translation>
            <numerusform>约 %n 个 token（估算）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is unavailable: %2 was not found in %3 (run scripts/common.sh&apos;s fetch_tiktoken_ranks or set TOKENSCOPE_TIKTOKEN_DIR)</source>
        <translation>%1 不可用：在 %3 中找不到 %2（运行 scripts/common.sh 的 fetch_tiktoken_ranks 或设置 TOKENSCOPE_TIKTOKEN_DIR）</translation>
    </message>
</context>
<context>
    <name>TraceCodec</name>
    <message>
        <source>unknown request record version</source>
        <translation>未知的请求记录版本</translation>
    </message>
    <message>
        <source>request record without a start time</source>
        <translation>请求记录缺少开始时间</translation>
    </message>
    <message>
        <source>malformed chunks in a request record</source>
        <translation>请求记录中的分块格式错误</translation>
    </message>
</context>
<context>
    <name>TraceFile</name>
    <message>
        <source>give one arrival time, not both &quot;%1&quot; and &quot;%2&quot;</source>
        <translation>只能给出一个到达时间，不能同时给出 &quot;%1&quot; 和 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>no arrival time: give &quot;timestamp&quot; or &quot;arrival_ms&quot; (milliseconds), or &quot;arrival_s&quot; or &quot;t&quot; (seconds)</source>
        <translation>没有到达时间：请给出 &quot;timestamp&quot; 或 &quot;arrival_ms&quot;（毫秒），或 &quot;arrival_s&quot; 或 &quot;t&quot;（秒）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number</source>
        <translation>&quot;%1&quot; 必须是数字</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is out of range (more than %2 seconds from 0)</source>
        <translation>&quot;%1&quot; 超出范围（距 0 超过 %2 秒）</translation>
    </message>
    <message>
        <source>give either &quot;%1&quot; or &quot;%2&quot;, not both</source>
        <translation>只能指定 &quot;%1&quot; 或 &quot;%2&quot; 之一，不能同时指定</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number of at least 1</source>
        <translation>&quot;%1&quot; 必须是不小于 1 的整数</translation>
    </message>
    <message>
        <source>&quot;prompt&quot; must be a string</source>
        <translation>&quot;prompt&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>needs &quot;input_tokens&quot; (or &quot;input_length&quot;) or a non-empty &quot;prompt&quot;</source>
        <translation>需要 &quot;input_tokens&quot;（或 &quot;input_length&quot;）或非空的 &quot;prompt&quot;</translation>
    </message>
    <message>
        <source>&quot;session_id&quot; must be a string or an integer</source>
        <translation>&quot;session_id&quot; 必须是字符串或整数</translation>
    </message>
    <message>
        <source>&quot;hash_ids&quot; must be an array of non-negative whole numbers</source>
        <translation>&quot;hash_ids&quot; 必须是非负整数组成的数组</translation>
    </message>
    <message>
        <source>%1: cannot read the file: %2</source>
        <translation>%1：无法读取文件：%2</translation>
    </message>
    <message>
        <source>%1: the file is larger than %2 MiB, the most a trace may be</source>
        <translation>%1：文件大于 %2 MiB（轨迹文件的上限）</translation>
    </message>
    <message>
        <source>invalid UTF-8</source>
        <translation>无效的 UTF-8</translation>
    </message>
    <message>
        <source>more than %1 entries, the most a trace may hold</source>
        <translation>条目超过 %1 个（轨迹可容纳的上限）</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>无效的 JSON：%1</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <source>%1: the trace holds no entries</source>
        <translation>%1：轨迹中没有条目</translation>
    </message>
    <message>
        <source>the time scale must be a number greater than 0, not %1</source>
        <translation>时间缩放系数必须是大于 0 的数，实际为 %1</translation>
    </message>
    <message>
        <source>scaled by %1, the trace would last longer than %2 years</source>
        <translation>按 %1 缩放后，轨迹时长将超过 %2 年</translation>
    </message>
</context>
<context>
    <name>TradeoffChart</name>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟（毫秒）</translation>
    </message>
</context>
<context>
    <name>Truncator</name>
    <message>
        <source>Keep the beginning</source>
        <translation>保留开头</translation>
    </message>
    <message>
        <source>Keep the end</source>
        <translation>保留结尾</translation>
    </message>
    <message>
        <source>Keep both ends (cut the middle)</source>
        <translation>保留两端（删去中间）</translation>
    </message>
    <message>
        <source>Keep whole sentences</source>
        <translation>保留完整句子</translation>
    </message>
</context>
<context>
    <name>VllmImport</name>
    <message>
        <source>not JSON: %1 at byte %2</source>
        <translation>不是 JSON：%1（第 %2 字节）</translation>
    </message>
    <message>
        <source>not a vLLM benchmark result with per-request details (it needs &quot;ttfts&quot;, &quot;itls&quot; and &quot;output_lens&quot;: run vllm bench serve with --save-result --save-detailed)</source>
        <translation>不是带逐请求明细的 vLLM 基准测试结果（需要 &quot;ttfts&quot;、&quot;itls&quot; 和 &quot;output_lens&quot;：请使用 --save-result --save-detailed 运行 vllm bench serve）</translation>
    </message>
    <message>
        <source>the per-request lists have different lengths (%1 TTFTs, %2 ITL lists, %3 output lengths)</source>
        <translation>逐请求列表的长度不一致（%1 个 TTFT、%2 个 ITL 列表、%3 个输出长度）</translation>
    </message>
    <message>
        <source>request %1 has an invalid inter-token latency</source>
        <translation>请求 %1 的 token 间延迟无效</translation>
    </message>
    <message>
        <source>request %1 succeeded but has no time to first token</source>
        <translation>请求 %1 成功了，但没有首个 token 时间</translation>
    </message>
</context>
<context>
    <name>WaterfallView</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the waterfall as PNG, SVG or PDF</source>
        <translation>将瀑布图导出为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>request-waterfall</source>
        <translation>请求瀑布图</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <source>Copy the waterfall to the clipboard as an image</source>
        <translation>将瀑布图作为图像复制到剪贴板</translation>
    </message>
    <message>
        <source>Unknown file type for %1: use .png, .svg or .pdf.</source>
        <translation>%1 的文件类型未知：请使用 .png、.svg 或 .pdf。</translation>
    </message>
    <message>
        <source>Request waterfall</source>
        <translation>请求瀑布图</translation>
    </message>
    <message>
        <source>Request %1 — %2</source>
        <translation>请求 %1 — %2</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>reused connection: no DNS, connect or TLS</source>
        <translation>复用连接：无需 DNS、建立连接或 TLS</translation>
    </message>
    <message>
        <source>DNS lookup</source>
        <translation>DNS 查询</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>建立连接</translation>
    </message>
    <message>
        <source>TLS handshake</source>
        <translation>TLS 握手</translation>
    </message>
    <message>
        <source>Request sent</source>
        <translation>请求已发送</translation>
    </message>
    <message>
        <source>Waiting (server)</source>
        <translation>等待（服务器）</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>首个 token</translation>
    </message>
    <message>
        <source>Tokens arriving</source>
        <translation>token 到达</translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n 个数据块</numerusform>
        </translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Select a request to see its timeline.</source>
        <translation>选择一个请求以查看其时间线。</translation>
    </message>
    <message>
        <source>Request #%1 — %2</source>
        <translation>请求 #%1 — %2</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>TTFT %1</source>
        <translation>TTFT %1</translation>
    </message>
    <message>
        <source>total %1</source>
        <translation>总计 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个 token</numerusform>
        </translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>于 %1</translation>
    </message>
    <message>
        <source>%1: %2 → %3 (%4)</source>
        <translation>%1：%2 → %3（%4）</translation>
    </message>
    <message>
        <source>Proxy connect</source>
        <translation>连接代理</translation>
    </message>
</context>
<context>
    <name>Wire</name>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
</context>
</TS>
