#include "cli.h"
#include "clicommon.h"
#include "clihistory.h"
#include "cliservermetrics.h"
#include "commands_p.h"

#include "format/runexport.h"
#include "storage/vllmimport.h"

#include <QFile>
#include <QJsonArray>

namespace {

// Import files beyond this are refused rather than read into memory.
constexpr qint64 MaxImportBytes = 512ll * 1024 * 1024;

using CliCommon::fmt;

QString localTime(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                       : QStringLiteral("-");
}

std::optional<qint64> runId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        CliCommon::printError(
            CliText::tr("\"%1\" is not a run id (see 'tokenscope-cli history list')").arg(text));
        return std::nullopt;
    }
    return id;
}

std::optional<QDateTime> dateOption(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return QDateTime();
    const QString v = parser.value(name);
    QDateTime t = QDateTime::fromString(v, Qt::ISODate);
    if (!t.isValid()) {
        const QDate d = QDate::fromString(v, Qt::ISODate);
        if (d.isValid())
            t = d.startOfDay();
    }
    if (!t.isValid()) {
        CliCommon::printError(
            CliText::tr("--%1 expects a date such as 2026-01-31 or 2026-01-31T14:00").arg(name));
        return std::nullopt;
    }
    return t;
}

QJsonObject runJson(const HistoryRun &r)
{
    return { { QStringLiteral("id"), double(r.id) },
             { QStringLiteral("started_at"), r.startedAt.toString(Qt::ISODateWithMs) },
             { QStringLiteral("ended_at"),
               r.endedAt.isValid() ? QJsonValue(r.endedAt.toString(Qt::ISODateWithMs))
                                   : QJsonValue(QJsonValue::Null) },
             { QStringLiteral("status"), RunStatuses::key(r.status) },
             { QStringLiteral("source"), r.source },
             { QStringLiteral("endpoint"), r.endpointName },
             { QStringLiteral("url"), r.endpointUrl },
             { QStringLiteral("model"), r.model },
             { QStringLiteral("protocol"), r.protocol },
             { QStringLiteral("requests"), r.requests },
             { QStringLiteral("requests_ok"), r.requestsOk },
             { QStringLiteral("tags"), QJsonArray::fromStringList(r.tags) },
             { QStringLiteral("tool_version"), r.toolVersion } };
}

int list(HistoryStore &store, const QCommandLineParser &parser)
{
    HistoryFilter filter;
    filter.endpoint = parser.value(QStringLiteral("endpoint"));
    filter.tag = parser.value(QStringLiteral("tag"));
    const auto from = dateOption(parser, QStringLiteral("from"));
    const auto to = dateOption(parser, QStringLiteral("to"));
    if (!from || !to)
        return 2;
    filter.from = *from;
    filter.to = *to;
    if (parser.isSet(QStringLiteral("limit"))) {
        const auto limit = CliCommon::number(parser, QStringLiteral("limit"), 1, 1e9);
        if (!limit)
            return 2;
        filter.limit = int(*limit);
    }
    const QList<HistoryRun> runs = store.listRuns(filter);
    if (!store.errorString().isEmpty() && runs.isEmpty()) {
        CliCommon::printError(store.errorString());
        return 1;
    }
    QTextStream &out = CliCommon::out();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const HistoryRun &r : runs)
            array.append(runJson(r));
        const QByteArray json = QJsonDocument(array).toJson(QJsonDocument::Indented);
        const QString file = parser.value(QStringLiteral("json"));
        if (file == u"-") {
            out << QString::fromUtf8(json);
            out.flush();
            return 0;
        }
        QString error;
        if (!RunExport::writeFile(file, json, &error)) {
            CliCommon::printError(error);
            return 1;
        }
        return 0;
    }
    if (runs.isEmpty()) {
        out << CliText::tr("No runs in the history %1 match.").arg(store.path()) << Qt::endl;
        return 0;
    }
    out << CliCommon::padRight(CliText::tr("ID"), 7) << CliCommon::padRight(CliText::tr("Started"), 21)
        << CliCommon::padRight(CliText::tr("Status"), 13) << CliCommon::padRight(CliText::tr("Source"), 8)
        << CliCommon::padRight(CliText::tr("Requests"), 12)
        << CliCommon::padRight(CliText::tr("Endpoint"), 28) << CliText::tr("Tags") << '\n';
    for (const HistoryRun &r : runs) {
        const QString endpoint = r.endpointName.isEmpty() ? r.endpointUrl : r.endpointName;
        out << CliCommon::padRight(QString::number(r.id), 7)
            << CliCommon::padRight(localTime(r.startedAt), 21)
            << CliCommon::padRight(RunStatuses::label(r.status), 13) << CliCommon::padRight(r.source, 8)
            << CliCommon::padRight(QStringLiteral("%1/%2").arg(r.requestsOk).arg(r.requests), 12)
            << CliCommon::padRight(endpoint.left(26), 28) << r.tags.join(QStringLiteral(", ")) << '\n';
    }
    out.flush();
    return 0;
}

QString historyRow(const QString &label, const Distribution &d)
{
    QString line = CliCommon::padRight(label, 16);
    if (d.isEmpty())
        return line + QStringLiteral("      -");
    for (double v : { d.mean, d.p50, d.p90, d.p99, d.min, d.max })
        line += fmt(v).rightJustified(9);
    return line;
}

int show(HistoryStore &store, qint64 id)
{
    const auto stored = store.loadRun(id);
    if (!stored) {
        CliCommon::printError(store.errorString());
        return 1;
    }
    const HistoryRun &r = stored->run;
    const RunSummary &s = stored->summary;
    QTextStream &out = CliCommon::out();
    out << CliText::tr("Run %1: %2, %3").arg(r.id).arg(RunStatuses::label(r.status), r.source) << '\n'
        << CliText::tr("Started %1, ended %2, recorded with %3")
               .arg(localTime(r.startedAt), localTime(r.endedAt), r.toolVersion)
        << '\n'
        << CliText::tr("Endpoint: %1 %2 (%3, model %4)")
               .arg(r.endpointName, r.endpointUrl, r.protocol, r.model)
        << '\n';
    if (!r.tags.isEmpty())
        out << CliText::tr("Tags: %1").arg(r.tags.join(QStringLiteral(", "))) << '\n';
    out << CliText::tr("Requests: %1 ok, %2 failed, %3 cancelled   wall time %4 s")
               .arg(s.requestsOk)
               .arg(s.requestsFailed)
               .arg(s.requestsCancelled)
               .arg(fmt(s.wallMs / 1000.0, 2))
        << '\n';
    if (s.requestsOk > 0) {
        out << '\n' << QString().leftJustified(16);
        for (const char *h : { "mean", "p50", "p90", "p99", "min", "max" })
            out << QString::fromLatin1(h).rightJustified(9);
        out << '\n'
            << historyRow(CliText::tr("TTFT (ms)"), s.ttftMs) << '\n'
            << historyRow(CliText::tr("ITL (ms)"), s.itlMs) << '\n'
            << historyRow(CliText::tr("TPOT (ms)"), s.tpotMs) << '\n'
            << historyRow(CliText::tr("E2E (ms)"), s.e2eMs) << '\n'
            << '\n'
            << CliText::tr("Output tokens/s: %1   requests/s: %2   peak concurrency: %3")
                   .arg(fmt(s.outputTokensPerSecond), fmt(s.requestsPerSecond, 2))
                   .arg(s.peakConcurrency)
            << '\n';
    }
    out.flush();
    if (stored->serverMetrics)
        CliServerMetrics::printRunSummary(*stored->serverMetrics, s);
    return 0;
}

QString figure(const Distribution &d, double Distribution::*field)
{
    return d.isEmpty() ? QStringLiteral("-") : fmt(d.*field);
}

/// The runs side by side (the History panel's figures), and with --html/--pdf its report.
int compare(HistoryStore &store, const QList<qint64> &ids, const QCommandLineParser &parser)
{
    QList<StoredRun> runs;
    for (qint64 id : ids) {
        auto stored = store.loadRun(id);
        if (!stored) {
            CliCommon::printError(store.errorString());
            return 1;
        }
        runs.append(std::move(*stored));
    }
    QTextStream &out = CliCommon::out();
    out << CliCommon::padRight(CliText::tr("Run"), 28) << CliText::tr("OK").rightJustified(6)
        << CliText::tr("Failed").rightJustified(8);
    for (const QString &h : { CliText::tr("TTFT p50"), CliText::tr("TTFT p90"), CliText::tr("TTFT p99"),
                              CliText::tr("E2E p50"), CliText::tr("E2E p99"), CliText::tr("TPOT mean") })
        out << h.rightJustified(11);
    out << CliText::tr("Output tokens/s").rightJustified(17) << '\n';
    for (const StoredRun &run : std::as_const(runs)) {
        const HistoryRun &r = run.run;
        const RunSummary &s = run.summary;
        const QString name = QStringLiteral("#%1 %2").arg(r.id).arg(r.endpointName.isEmpty() ? r.source : r.endpointName);
        out << CliCommon::padRight(name.left(26), 28) << QString::number(s.requestsOk).rightJustified(6)
            << QString::number(s.requestsFailed).rightJustified(8);
        for (const QString &v : { figure(s.ttftMs, &Distribution::p50), figure(s.ttftMs, &Distribution::p90),
                                  figure(s.ttftMs, &Distribution::p99), figure(s.e2eMs, &Distribution::p50),
                                  figure(s.e2eMs, &Distribution::p99), figure(s.tpotMs, &Distribution::mean) })
            out << v.rightJustified(11);
        out << fmt(s.outputTokensPerSecond).rightJustified(17) << '\n';
    }
    out << CliText::tr("Latencies in ms.") << '\n';
    out.flush();

    return Cli::writeComparisonReport(runs, parser.value(QStringLiteral("html")), parser.value(QStringLiteral("pdf")));
}

int exportRun(HistoryStore &store, qint64 id, const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("json")) && !parser.isSet(QStringLiteral("csv"))) {
        CliCommon::printError(CliText::tr("export needs --json FILE or --csv FILE"));
        return 2;
    }
    const auto stored = store.loadRun(id);
    const auto doc = stored ? store.exportRun(id) : std::nullopt;
    if (!doc) {
        CliCommon::printError(store.errorString());
        return 1;
    }
    QString error;
    if (parser.isSet(QStringLiteral("json"))
        && !RunExport::writeFile(parser.value(QStringLiteral("json")), doc->toJson(QJsonDocument::Indented),
                                 &error)) {
        CliCommon::printError(error);
        return 1;
    }
    if (parser.isSet(QStringLiteral("csv"))
        && !RunExport::writeFile(parser.value(QStringLiteral("csv")), RunExport::runCsv(stored->records),
                                 &error)) {
        CliCommon::printError(error);
        return 1;
    }
    return 0;
}

int importRun(HistoryStore &store, const QString &file, const QCommandLineParser &parser)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (format != u"tokenscope" && format != u"vllm") {
        CliCommon::printError(CliText::tr("--format is tokenscope or vllm, not \"%1\"").arg(format));
        return 2;
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        CliCommon::printError(CliText::tr("cannot read %1: %2").arg(file, f.errorString()));
        return 1;
    }
    if (f.size() > MaxImportBytes) {
        CliCommon::printError(CliText::tr("%1 is larger than %2 MiB").arg(file).arg(MaxImportBytes >> 20));
        return 1;
    }
    const QByteArray data = f.readAll();
    QString error;
    const auto run
        = format == u"vllm" ? VllmImport::read(data, &error) : HistoryStore::readExport(data, &error);
    if (!run) {
        CliCommon::printError(CliText::tr("cannot import %1: %2").arg(file, error));
        return 1;
    }
    const qint64 id = store.importRun(*run, parser.values(QStringLiteral("tag")));
    if (id < 0) {
        CliCommon::printError(store.errorString());
        return 1;
    }
    CliCommon::out() << CliText::tr("Imported %1 requests as run %2").arg(run->records.size()).arg(id)
                     << Qt::endl;
    return 0;
}

} // namespace

int CliCommands::history(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "The run history: every run and sweep of the GUI and the CLI, request by request.\n"
        "\n"
        "  list                      runs, newest first (filters: --endpoint, --from, --to, --tag)\n"
        "  show ID                   a run's settings and figures\n"
        "  compare ID ID… [--html FILE] [--pdf FILE]\n"
        "                            runs side by side; with --html/--pdf, the comparison report\n"
        "                            with its charts, as the History panel writes it\n"
        "  export ID --json FILE     a run in the format of 'run --json' (or --csv FILE)\n"
        "  import FILE [--format tokenscope|vllm]\n"
        "                            a 'run --json' file or vLLM's 'bench serve --save-detailed' result\n"
        "  delete ID                 a run and its requests\n"
        "  tag ID TAG [--remove]     add (or remove) a tag"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"),
                                 CliText::tr("list, show, compare, export, import, delete or tag"));
    parser.addOptions({
        { QStringLiteral("history-db"),
          CliText::tr("The run history database (default: %1).").arg(HistoryStore::defaultPath()),
          CliText::tr("file") },
        { QStringLiteral("endpoint"), CliText::tr("list: runs whose endpoint name or URL contains this."),
          CliText::tr("text") },
        { QStringLiteral("from"), CliText::tr("list: runs started at or after this date."),
          CliText::tr("date") },
        { QStringLiteral("to"), CliText::tr("list: runs started before this date."), CliText::tr("date") },
        { QStringLiteral("tag"), CliText::tr("list: runs with this tag; import: tag the imported run."),
          CliText::tr("tag") },
        { QStringLiteral("limit"), CliText::tr("list: at most this many runs."), CliText::tr("n") },
        { QStringLiteral("json"),
          CliText::tr("list: write the runs as JSON (\"-\": standard output); export: the file to write."),
          CliText::tr("file") },
        { QStringLiteral("csv"), CliText::tr("export: also write one CSV row per request."),
          CliText::tr("file") },
        { QStringLiteral("format"), CliText::tr("import: tokenscope (default) or vllm."),
          CliText::tr("format"), QStringLiteral("tokenscope") },
        { QStringLiteral("remove"), CliText::tr("tag: remove the tag instead.") },
        { QStringLiteral("html"), CliText::tr("compare: write the report as HTML, charts inline as SVG."),
          CliText::tr("file") },
        { QStringLiteral("pdf"), CliText::tr("compare: write the report as an A4 PDF."), CliText::tr("file") },
    });
    if (const auto status = CliCommon::parseCommandLine(parser, arguments, true))
        return *status;
    const QStringList pos = parser.positionalArguments();
    if (pos.isEmpty()) {
        CliCommon::printError(
            CliText::tr("history needs an action: list, show, compare, export, import, delete or tag"));
        return 2;
    }
    const QString action = pos.constFirst();
    const qsizetype needed = action == u"list" ? 1 : action == u"tag" ? 3 : 2;
    const QStringList known { QStringLiteral("list"),   QStringLiteral("show"),   QStringLiteral("compare"),
                              QStringLiteral("export"), QStringLiteral("import"), QStringLiteral("delete"),
                              QStringLiteral("tag") };
    if (!known.contains(action)) {
        CliCommon::printError(CliText::tr("unknown history action \"%1\"").arg(action));
        return 2;
    }
    if (action == u"compare" ? pos.size() < 2 : pos.size() != needed) {
        CliCommon::printError(
            CliText::tr("history %1 takes %2 argument(s); see 'tokenscope-cli history --help'")
                .arg(action)
                .arg(needed - 1));
        return 2;
    }

    HistoryStore store;
    const QString path = CliHistory::path(parser);
    if (!store.open(path)) {
        CliCommon::printError(store.errorString());
        return 1;
    }
    if (action == u"list")
        return list(store, parser);
    if (action == u"import")
        return importRun(store, pos.at(1), parser);
    if (action == u"compare") {
        QList<qint64> ids;
        for (qsizetype i = 1; i < pos.size(); ++i) {
            const auto id = runId(pos.at(i));
            if (!id)
                return 2;
            ids.append(*id);
        }
        return compare(store, ids, parser);
    }
    const auto id = runId(pos.at(1));
    if (!id)
        return 2;
    if (action == u"show")
        return show(store, *id);
    if (action == u"export")
        return exportRun(store, *id, parser);
    if (action == u"delete") {
        if (!store.deleteRun(*id)) {
            CliCommon::printError(store.errorString());
            return 1;
        }
        CliCommon::out() << CliText::tr("Deleted run %1").arg(*id) << Qt::endl;
        return 0;
    }
    // tag
    const bool ok = parser.isSet(QStringLiteral("remove")) ? store.removeTag(*id, pos.at(2))
                                                           : store.addTag(*id, pos.at(2));
    if (!ok) {
        CliCommon::printError(store.errorString());
        return 1;
    }
    return 0;
}
