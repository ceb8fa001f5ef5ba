<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoxPlotChart</name>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BreakdownPanel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median (p50)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which figure of each phase the bars show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Statistic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency by phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Means add up: each bar is the mean end-to-end latency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each phase shows its own %1 over all requests. Percentiles of phases do not add up to the end-to-end %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum of phases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated: the trace cannot separate this phase, so it is modelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CdfChart</name>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not render the image for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported from TokenScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start the SVG renderer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start the PDF renderer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file name was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart has no size yet; show it before exporting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resolution must be between %1 and %2 DPI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown export format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution (DPI):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the chart as PNG, SVG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the chart to the clipboard as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown file type for %1: use .png, .svg or .pdf.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Usage: tokenscope-cli &lt;command&gt; [options]

Measure, explain and compare the latency of LLM inference endpoints.

Commands:
  run      Send streaming requests and report TTFT, ITL, TPOT, E2E and the
           five-phase latency breakdown (embedded endpoint unless --endpoint).
  serve    Run the simulated endpoint as a standalone HTTP server.
  decode   Decode a captured SSE/NDJSON response body into JSON lines.

Run &apos;tokenscope-cli &lt;command&gt; --help&apos; for the options of a command.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; try &apos;tokenscope-cli --help&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs TokenScope&apos;s simulated LLM endpoint: a real HTTP/1.1 server that speaks every supported protocol with a five-phase latency model and fault injection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port (default 8088; 0 picks a free one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--host expects an IP address, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenScope simulated endpoint listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  OpenAI-compatible base URL: %1/v1   (chat, completions, responses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Anthropic, Gemini, Ollama, llama.cpp, TGI, plain SSE: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Statistics: %1/stats   Stop with Ctrl+C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served %1 requests (%2 streams, %3 tokens); peak %4 streams at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint: %1 (%2, model %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests: %1 ok, %2 failed, %3 cancelled   wall time %4 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ITL (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPOT (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E2E (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E2E sched (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client wait (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFA (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens/s: %1 (peak %2)   requests/s: %3   peak concurrency: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded endpoint: peak %1 streams served at once (its CPU time is included below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client CPU time: %1 s, %2 µs per output token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency breakdown (mean ms of successful requests):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends streaming requests to an endpoint and reports TTFT, ITL, TPOT, end-to-end latency, throughput and the five-phase latency breakdown. Without --endpoint, a simulated endpoint is started in-process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL as the provider documents it (e.g. https://api.openai.com/v1, http://localhost:11434).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire protocol: %1 (default openai-chat).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model name sent to the endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment variable that holds the API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>var</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra request header &quot;Name: value&quot; (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not verify the TLS certificate (marked on every result).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt (default: a short question).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt file: one prompt per line, or JSONL with &quot;prompt&quot; or &quot;messages&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured requests (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests in flight at once (default 1); with --rate, a cap (0 = none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send at this many requests per second instead of a closed loop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --rate: exponential gaps between sends (a Poisson process).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the Poisson schedule (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum output tokens per request (default 128).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling temperature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up requests sent first and left out of the statistics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-token timeout (default 120).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout between chunks (default 60).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout of a whole request (default 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new connection for every request (cold connections).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for non-streaming responses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the summary and every request as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write one CSV row per request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No progress line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown protocol &quot;%1&quot;; known protocols: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--header expects &quot;Name: value&quot;, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the environment variable %1 (from --api-key-env) is not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--seed expects a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--poisson needs --rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --prompt or --prompts, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain in three sentences why streaming lowers the time to first token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--endpoint expects an http:// or https:// URL, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--model is required with --endpoint for the %1 protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start the embedded endpoint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 done, %3 failed, %4 in flight, %5 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1 requests against %2 (%3) ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no request succeeded (%1 failed; first error %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decodes a captured raw response body into JSON lines: one per SSE event or NDJSON line, and with --protocol also what the protocol adapter makes of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framing: sse or ndjson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol adapter to apply: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed the decoder this many bytes at a time (default 4096).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The captured body, or - for standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decode takes one FILE (or - for standard input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format expects sse or ndjson, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decode needs --format or --protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated network delay before the response headers (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated prompt processing per prompt token (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated fixed inference time before the first token (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated decode step with one stream (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated post-processing after the last token (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode step growth per extra concurrent stream (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative jitter of every simulated delay, 0..1 (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the simulation&apos;s jitter and text (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inject a fault: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of requests that get the fault, 0..1 (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 expects a number from %2 to %3, got &quot;%4&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sim-seed expects a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown fault &quot;%1&quot;; known faults: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>The base URL &quot;%1&quot; is not an http(s) address with a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the API key. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model list is not at this address; check the base URL and the protocol. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connected: HTTP %1 in %2 ms, %n model(s) listed (%3).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the built-in simulated endpoint: only its protocol and model can be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. vLLM on gpu-01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The colour of this endpoint in every chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the endpoint which models it serves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xtra headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. OPENAI_API_KEY (empty: no key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without verification anyone on the network path can read the prompts and the API key. Use this only for a test server with a self-signed certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> per 1M tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price, input:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price, output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to keep the stored key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL: the address ending in /v1, e.g. https://api.openai.com/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL: the server root, e.g. http://localhost:11434</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: the server uses the model it has loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for a keychain service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The embedded endpoint needs no key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain service (Secret Service, KWallet) is running, so keys cannot be stored safely here. Put the key in an environment variable and enter the variable&apos;s name above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is kept in the system keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndpointListModel</name>
    <message>
        <source>(not running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(whatever the server has loaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Protocol: %2 (%3)
Model: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointResultsModel</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint, in its chart colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests that completed without error (warm-ups excluded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to first token, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inter-token latency, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time per output token after the first, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End-to-end latency of a request, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens over the run&apos;s wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens in the busiest one-second window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed requests by error class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost of 1000 such requests from the reported token usage and the endpoint&apos;s prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ITL p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ITL p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ITL p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPOT p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPOT p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPOT p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E2E p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E2E p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E2E p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost / 1k req</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointSidebar</name>
    <message>
        <source>Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check up to %1 endpoints to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add endpoints from a JSON file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save your endpoints to a JSON file (API keys are never included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the selected endpoint for its models and time the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in endpoint cannot be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the endpoint &quot;%1&quot;? Its stored API key is removed from the keychain too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) imported. API keys are not part of the file: set the variables or store the keys again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>endpoints.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) exported without API keys.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The embedded endpoint is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Models: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a short prompt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generation: first token after %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorClass</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-token timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stall timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset or truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistogramChart</name>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HttpExchange</name>
    <message>
        <source>invalid endpoint URL &quot;%1&quot;: expected http:// or https:// with a host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response has a header or chunk line over 16 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response headers exceed 64 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid chunked encoding: bad chunk size line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid chunked encoding: chunk longer than its size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not answer with HTTP: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent a body with Content-Encoding &quot;%1&quot; although identity was asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response text exceeds %1 MiB; the rest was not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (retry after %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream ended without the protocol&apos;s end marker (truncated response)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not resolve host &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection closed while connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection before answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection closed in the middle of the response headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection closed before the response was complete (reset or truncated body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no connection to %1 within %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request took longer than the total timeout of %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no first token within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream stalled: no data for %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonBodyDecoder</name>
    <message>
        <source>JSON response body exceeds the %1 limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveTokenChart</name>
    <message>
        <source>Time since send (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 first token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>TokenScope</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NdjsonDecoder</name>
    <message>
        <source>NDJSON line exceeds the %1 limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Phase</name>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server-reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhaseBarChart</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2: %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated: the trace cannot separate this phase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>it is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown protocol &quot;%1&quot; (known: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint #%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint #%1 (&quot;%2&quot;): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded (simulated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the endpoint list %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no &quot;profiles&quot; list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint list %1 is damaged (%2). It was kept as %3; starting with no saved endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint list %1 is damaged (%2) and could not be moved aside; starting with no saved endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the endpoint list %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not valid JSON: %1 at byte %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds no endpoint profiles (expected a &quot;profiles&quot; list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds no endpoint profiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL has no host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protocol %1 needs a model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid header name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header &quot;%1&quot; is set twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The colour must be of the form #rrggbb.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptSet</name>
    <message>
        <source>invalid JSON at column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give either &quot;prompt&quot; or &quot;messages&quot;, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prompt is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;messages&quot; is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message %1 needs a &quot;role&quot; string and a &quot;content&quot; string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message %1 has the unknown role &quot;%2&quot; (expected system, user or assistant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a &quot;prompt&quot; string or a &quot;messages&quot; array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;system&quot; must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;max_tokens&quot; must be a positive integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read the file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the file is larger than %2 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no prompts found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Protocols</name>
    <message>
        <source>OpenAI-compatible Chat Completions (vLLM, SGLang, llama.cpp, LM Studio, OpenAI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI Responses API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible legacy text Completions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic Messages API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Gemini generateContent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ollama native chat (NDJSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>llama.cpp server native /completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face Text Generation Inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimal SSE token stream (TokenScope test endpoint)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (warm-up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request&apos;s position in the prompt schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to first token of any kind, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to the first answer token (after reasoning), in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End-to-end latency, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time per output token after the first, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the request went over a kept-alive connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFA (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E2E (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPOT (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunConfigWidget</name>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt sent with every request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain in a few sentences how a transformer generates text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (one prompt a line) or JSONL file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional system message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed loop (fixed concurrency)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> req/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poisson arrivals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponentially distributed gaps between sends instead of even ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the Poisson schedule: the same seed sends at the same times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests sent first and left out of the statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeouts and connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse connections (keep-alive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: every request opens a cold connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stall:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Prompt Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt sets (*.txt *.jsonl *.ndjson);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max in flight:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a prompt file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt set is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunExport</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the load against every checked endpoint (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sending; finished requests are kept (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to first token (CDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End-to-end latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E2E (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inter-token latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ITL (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time since start (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT CDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E2E box plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ITL histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export or copy the %1 chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a point of the TTFT chart to select its request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoints: check one or more in the sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 done · %3 failed · %4 s elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · ~%2 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 #%2: TTFT %3 ms, E2E %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 #%2: no token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Run as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Run as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The keychain did not answer within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store the API key in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the API key from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the API key from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain service is available: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SseDecoder</name>
    <message>
        <source>SSE event exceeds the %1 limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeSeriesChart</name>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaterfallView</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the waterfall as PNG, SVG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request-waterfall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the waterfall to the clipboard as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown file type for %1: use .png, .svg or .pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request waterfall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reused connection: no DNS, connect or TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting (server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens arriving</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see its timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request #%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 → %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Wire</name>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
