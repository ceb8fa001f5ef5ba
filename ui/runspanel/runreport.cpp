#include "runreport.h"

#include "format/runsettings.h"
#include "models/endpointresultsmodel.h"
#include "report/reportwriter.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QColor>
#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTextCursor>
#include <QTextFrame>
#include <QTextDocument>
#include <QTextObjectInterface>
#include <QWidget>

#include <cmath>
#include <limits>
#include <optional>

namespace {

QString esc(const QString &text)
{
    return ReportWriter::escape(text);
}

QString formatMs(double ms)
{
    return RunReport::tr("%1 ms").arg(QLocale().toString(ms, 'f', ms < 10 ? 2 : 1));
}

QString formatSeconds(double ms)
{
    const double s = ms / 1000.0;
    const int decimals = std::fmod(ms, 1000.0) == 0 ? 0 : (std::fmod(ms, 100.0) == 0 ? 1 : 3);
    return RunReport::tr("%1 s").arg(QLocale().toString(s, 'f', decimals));
}

QString yesNo(bool value)
{
    return value ? RunReport::tr("Yes") : RunReport::tr("No");
}

QString dash()
{
    return RunReport::tr("—");
}

/// The endpoint's colour as a square before its name; the colour is re-serialised by QColor
/// so that a profile's colour string cannot smuggle anything into the markup.
QString endpointHeader(const EndpointProfile &endpoint)
{
    const QColor color = QColor::fromString(endpoint.color);
    const QString swatch = color.isValid()
        ? QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;").arg(color.name())
        : QString();
    return swatch + esc(endpoint.name);
}

/// One row of a table with a column per endpoint; cells are ready HTML (already escaped).
struct Row
{
    QString label;
    QStringList cells;
    bool emphasised = false;
};

QString table(const QString &corner, const QList<EndpointRun> &runs, const QList<Row> &rows)
{
    QString out = QStringLiteral("<table class=\"grid\" width=\"100%\" cellspacing=\"0\" cellpadding=\"4\">"
                                 "<thead><tr><th align=\"left\">")
        + esc(corner) + u"</th>";
    for (const EndpointRun &run : runs)
        out += u"<th align=\"right\">" + endpointHeader(run.endpoint) + u"</th>";
    out += u"</tr></thead><tbody>";
    for (const Row &row : rows) {
        out += u"<tr><th align=\"left\" class=\"rowhead\">" + esc(row.label) + u"</th>";
        for (const QString &cell : row.cells) {
            if (row.emphasised)
                out += u"<td align=\"right\"><b>" + cell + u"</b></td>";
            else
                out += u"<td align=\"right\">" + cell + u"</td>";
        }
        out += u"</tr>";
    }
    out += u"</tbody></table>";
    return out;
}

QString loadText(const RunSettings &settings)
{
    const double rate = settings.rate.value_or(0);
    const int concurrency = settings.concurrency.value_or(0);
    if (rate <= 0)
        return RunReport::tr("%1 in flight (closed loop)").arg(QLocale().toString(concurrency));
    const QString perSecond = QLocale().toString(rate, 'g', 6);
    QString text = settings.poisson.value_or(false)
        ? RunReport::tr("%1 requests/s, Poisson arrivals").arg(perSecond)
        : RunReport::tr("%1 requests/s, evenly spaced").arg(perSecond);
    if (concurrency > 0)
        text = RunReport::tr("%1, at most %2 in flight").arg(text, QLocale().toString(concurrency));
    return text;
}

QString settingsSection(const QList<EndpointRun> &runs)
{
    QList<Row> rows {
        { RunReport::tr("URL"), {} },
        { RunReport::tr("Protocol"), {} },
        { RunReport::tr("Model"), {} },
        { RunReport::tr("Requests"), {} },
        { RunReport::tr("Load"), {} },
        { RunReport::tr("Warm-up requests"), {} },
        { RunReport::tr("Max output tokens"), {} },
        { RunReport::tr("Timeouts"), {} },
        { RunReport::tr("Connection reuse"), {} },
        { RunReport::tr("TLS verification"), {} },
    };
    for (const EndpointRun &run : runs) {
        // Only what the run export holds: the profile's key and headers stay out.
        const RunSettings s = RunSettings::fromConfig(run.config);
        const RunSettings::Timeouts t = s.timeouts.value_or(RunSettings::Timeouts());
        const QString timeouts
            = RunReport::tr("connect %1 · first token %2 · stall %3 · total %4")
                  .arg(formatSeconds(double(t.connectMs)), formatSeconds(double(t.firstTokenMs)),
                       formatSeconds(double(t.stallMs)), formatSeconds(double(t.totalMs)));
        const QStringList values {
            s.endpoint.url,
            s.endpoint.protocol,
            s.endpoint.model,
            QLocale().toString(s.requests.value_or(0)),
            loadText(s),
            QLocale().toString(s.warmup.value_or(0)),
            QLocale().toString(s.maxTokens.value_or(0)),
            timeouts,
            yesNo(s.reuseConnections.value_or(false)),
            yesNo(s.endpoint.verifyTls.value_or(false)),
        };
        for (qsizetype i = 0; i < rows.size(); ++i)
            rows[i].cells.append(values.at(i).isEmpty() ? dash() : esc(values.at(i)));
    }
    return u"<h2>" + esc(RunReport::tr("Settings")) + u"</h2>" + table(RunReport::tr("Setting"), runs, rows);
}

QString resultsSection(const QList<EndpointRun> &runs)
{
    // The same model as the Runs panel's table, so every figure reads exactly as on screen.
    EndpointResultsModel model;
    model.setRuns(runs);
    const auto header = [&](int column) { return model.headerData(column, Qt::Horizontal).toString(); };
    const auto cell = [&](int row, int column) {
        const QString text = model.data(model.index(row, column)).toString();
        return text.isEmpty() ? dash() : esc(text);
    };

    QList<Row> rows;
    rows.append({ RunReport::tr("Succeeded"), {} });
    rows.append({ RunReport::tr("Failed"), {} });
    rows.append({ RunReport::tr("Cancelled"), {} });
    for (int row = 0; row < runs.size(); ++row) {
        const RunSummary &s = runs.at(row).summary;
        rows[0].cells.append(cell(row, EndpointResultsModel::OkColumn));
        rows[1].cells.append(esc(QLocale().toString(s.requestsFailed)));
        rows[2].cells.append(esc(QLocale().toString(s.requestsCancelled)));
    }
    for (int column = EndpointResultsModel::TtftP50Column; column <= EndpointResultsModel::E2eP99Column; ++column) {
        Row r { RunReport::tr("%1 (ms)").arg(header(column)), {} };
        for (int row = 0; row < runs.size(); ++row)
            r.cells.append(cell(row, column));
        rows.append(r);
    }
    for (int column : { int(EndpointResultsModel::TokensPerSecondColumn),
                        int(EndpointResultsModel::PeakTokensPerSecondColumn),
                        int(EndpointResultsModel::FailuresColumn), int(EndpointResultsModel::CostColumn) }) {
        Row r { column == EndpointResultsModel::FailuresColumn ? RunReport::tr("Failures by class") : header(column),
                {} };
        for (int row = 0; row < runs.size(); ++row)
            r.cells.append(cell(row, column));
        rows.append(r);
    }
    // What the client itself cost: the reader can tell a slow server from a busy client.
    Row lag { RunReport::tr("Client event-loop lag p99 (ms)"), {} };
    Row dispatch { RunReport::tr("Dispatch delay p99 (ms)"), {} };
    Row busy { RunReport::tr("Client I/O threads busy"), {} };
    Row receive { RunReport::tr("Receive times"), {} };
    QStringList warnings;
    for (const EndpointRun &run : runs) {
        const std::optional<ClientOverhead> &c = run.summary.client;
        lag.cells.append(c && c->lagMs.count > 0 ? esc(QLocale().toString(c->lagMs.p99, 'f', 2)) : dash());
        dispatch.cells.append(run.summary.dispatchDelayMs.count > 0
                                  ? esc(QLocale().toString(run.summary.dispatchDelayMs.p99, 'f', 2))
                                  : dash());
        busy.cells.append(c ? esc(RunReport::tr("%1%").arg(QLocale().toString(100.0 * c->cpuShare(), 'f', 0)))
                            : dash());
        const RunSummary &s = run.summary;
        receive.cells.append(s.timedRequests == 0 ? dash()
                                 : s.kernelTimedRequests == s.timedRequests ? esc(RunReport::tr("kernel's"))
                                 : s.kernelTimedRequests == 0              ? esc(RunReport::tr("when read"))
                                 : esc(RunReport::tr("kernel's for %1 of %2")
                                           .arg(QLocale().toString(s.kernelTimedRequests),
                                                QLocale().toString(s.timedRequests))));
        if (c && c->includesClientDelay())
            warnings.append(run.endpoint.name + u": " + c->warning());
    }
    rows.append(lag);
    rows.append(dispatch);
    rows.append(busy);
    rows.append(receive);
    QString html = u"<h2>" + esc(RunReport::tr("Results")) + u"</h2><p class=\"note\">"
        + esc(RunReport::tr("Percentiles and throughput leave out warm-up and failed requests.")) + u"</p>";
    for (const QString &w : std::as_const(warnings))
        html += u"<p class=\"warning\">" + esc(w) + u"</p>";
    return html + table(RunReport::tr("Figure"), runs, rows);
}

QString breakdownSection(const QList<EndpointRun> &runs)
{
    QList<Row> rows;
    for (Phase phase : Phases::all())
        rows.append({ Phases::label(phase), {} });
    Row sum { RunReport::tr("Sum of phases"), {}, true };
    for (const EndpointRun &run : runs) {
        double total = 0;
        bool any = false;
        for (Phase phase : Phases::all()) {
            const size_t i = size_t(phase);
            const Distribution &d = run.summary.phaseMs[i];
            if (d.isEmpty()) {
                rows[qsizetype(i)].cells.append(dash());
                continue;
            }
            any = true;
            total += d.mean;
            const PhaseSource source = run.summary.phaseSource[i];
            QString text = esc(formatMs(d.mean)) + u" <span class=\"source\">("
                + esc(Phases::sourceLabel(source)) + u")</span>";
            if (source == PhaseSource::Estimated)
                text = u"<i>" + text + u"</i>";
            rows[qsizetype(i)].cells.append(text);
        }
        sum.cells.append(any ? esc(formatMs(total)) : dash());
    }
    rows.append(sum);
    return u"<h2>" + esc(RunReport::tr("Where the time goes")) + u"</h2><p class=\"note\">"
        + esc(RunReport::tr("Mean of each phase over the successful requests; the means add up to the mean "
                            "end-to-end latency. Each figure says where it comes from: measured by TokenScope, "
                            "reported by the server, or estimated (in italics) where the trace cannot tell "
                            "the phases apart."))
        + u"</p>" + table(RunReport::tr("Phase"), runs, rows);
}

QString title()
{
    return RunReport::tr("TokenScope run report");
}

/// Title, version and date, then the three tables: the part both formats share.
QString textSections(const QList<EndpointRun> &runs, const QDateTime &when)
{
    QStringList names;
    for (const EndpointRun &run : runs)
        names.append(run.endpoint.name);
    const QString created = RunReport::tr("Created with TokenScope %1 on %2")
                                .arg(QStringLiteral(TOKENSCOPE_VERSION), QLocale().toString(when, QLocale::LongFormat));
    return u"<h1>" + esc(title()) + u"</h1><p class=\"meta\">" + esc(created) + u"<br>"
        + esc(RunReport::tr("Endpoints: %1").arg(names.join(QStringLiteral(", ")))) + u"</p>"
        + settingsSection(runs) + resultsSection(runs) + breakdownSection(runs);
}

} // namespace

QString RunReport::html(const QList<EndpointRun> &runs, const QList<Chart> &charts)
{
    return ReportWriter::html(title(), textSections(runs, QDateTime::currentDateTime()), charts);
}

bool RunReport::writeHtml(const QString &path, const QList<EndpointRun> &runs, const QList<Chart> &charts,
                          QString *error)
{
    return ReportWriter::writeHtml(path, title(), textSections(runs, QDateTime::currentDateTime()), charts, error);
}

bool RunReport::writePdf(const QString &path, const QList<EndpointRun> &runs, const QList<Chart> &charts,
                         QString *error)
{
    return ReportWriter::writePdf(path, title(), textSections(runs, QDateTime::currentDateTime()), charts, error);
}
