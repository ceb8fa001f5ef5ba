#include "comparisonreport.h"

#include "historypanel.h"

#include "charts/boxplotchart.h"
#include "charts/cdfchart.h"
#include "charts/palette.h"
#include "report/reportwriter.h"
#include "runspanel/runchartdata.h"

#include <QDateTime>
#include <QLocale>

namespace {

QString ms(const Distribution &d, double Distribution::*field)
{
    return d.isEmpty() ? QStringLiteral("–") : QString::number(d.*field, 'f', 1);
}

} // namespace

QList<EndpointRun> ComparisonReport::fromStored(const QList<StoredRun> &runs)
{
    QList<EndpointRun> out;
    for (const StoredRun &run : runs)
        out.append(HistoryPanel::toEndpointRun(run, Palette::series(int(out.size())).name()));
    return out;
}

QStringList ComparisonReport::figureHeaders()
{
    return { tr("Run"),          tr("OK"),           tr("Failed"),         tr("TTFT p50 (ms)"),
             tr("TTFT p90 (ms)"), tr("TTFT p99 (ms)"), tr("E2E p50 (ms)"),   tr("E2E p99 (ms)"),
             tr("TPOT mean (ms)"), tr("Output tokens/s") };
}

QStringList ComparisonReport::figureRow(const EndpointRun &run)
{
    const RunSummary &s = run.summary;
    return { run.endpoint.name,
             QString::number(s.requestsOk),
             QString::number(s.requestsFailed),
             ms(s.ttftMs, &Distribution::p50),
             ms(s.ttftMs, &Distribution::p90),
             ms(s.ttftMs, &Distribution::p99),
             ms(s.e2eMs, &Distribution::p50),
             ms(s.e2eMs, &Distribution::p99),
             ms(s.tpotMs, &Distribution::mean),
             QString::number(s.outputTokensPerSecond, 'f', 1) };
}

void ComparisonReport::setUpCharts(CdfChart *ttft, CdfChart *e2e, BoxPlotChart *ttftBox)
{
    ttft->setTitle(tr("Time to first token"));
    ttft->setAxisTitles(tr("TTFT (ms)"), tr("Share of requests"));
    e2e->setTitle(tr("End-to-end latency"));
    e2e->setAxisTitles(tr("E2E (ms)"), tr("Share of requests"));
    ttftBox->setTitle(tr("Time to first token"));
    ttftBox->setAxisTitles(QString(), tr("TTFT (ms)"));
}

void ComparisonReport::fillCharts(const QList<EndpointRun> &runs, CdfChart *ttft, CdfChart *e2e,
                                  BoxPlotChart *ttftBox)
{
    ttft->setSeries(RunChartData::ttft(runs));
    e2e->setSeries(RunChartData::e2e(runs));
    ttftBox->setSeries(RunChartData::ttft(runs));
}

bool ComparisonReport::write(const QList<EndpointRun> &runs, const QString &htmlPath, const QString &pdfPath,
                             QString *error)
{
    if (runs.isEmpty()) {
        if (error)
            *error = tr("Compare one or more runs first.");
        return false;
    }
    const auto esc = &ReportWriter::escape;
    const QString title = tr("TokenScope comparison report");
    QString body = u"<h1>" + esc(title) + u"</h1><p class=\"meta\">"
        + esc(tr("Created with TokenScope %1 on %2")
                  .arg(QStringLiteral(TOKENSCOPE_VERSION),
                       QLocale().toString(QDateTime::currentDateTime(), QLocale::LongFormat)))
        + u"</p><h2>" + esc(tr("Runs")) + u"</h2><table class=\"grid\" cellspacing=\"0\" cellpadding=\"4\"><thead><tr>";
    for (const QString &h : { tr("Run"), tr("Endpoint"), tr("Model"), tr("Protocol"), tr("Requests") })
        body += u"<th>" + esc(h) + u"</th>";
    body += QStringLiteral("</tr></thead><tbody>");
    for (const EndpointRun &run : runs) {
        // Settings as stored (no secrets); the URL without user info or query.
        body += u"<tr><td>" + esc(run.endpoint.name) + u"</td><td>"
            + esc(run.endpoint.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)) + u"</td><td>"
            + esc(run.endpoint.model) + u"</td><td>" + esc(Protocols::name(run.endpoint.protocol)) + u"</td><td>"
            + QString::number(run.records.size()) + u"</td></tr>";
    }
    body += u"</tbody></table><h2>" + esc(tr("Figures")) + u"</h2><table class=\"grid\" cellspacing=\"0\" "
            u"cellpadding=\"4\"><thead><tr>";
    const QStringList headers = figureHeaders();
    for (const QString &h : headers)
        body += u"<th>" + esc(h) + u"</th>";
    body += QStringLiteral("</tr></thead><tbody>");
    for (const EndpointRun &run : runs) {
        body += QStringLiteral("<tr>");
        const QStringList cells = figureRow(run);
        for (const QString &cell : cells)
            body += u"<td>" + esc(cell) + u"</td>";
        body += QStringLiteral("</tr>");
    }
    body += QStringLiteral("</tbody></table>");

    // Charts of the report's own, never shown: ReportWriter lays them out at its page size.
    CdfChart ttft;
    CdfChart e2e;
    BoxPlotChart ttftBox;
    setUpCharts(&ttft, &e2e, &ttftBox);
    fillCharts(runs, &ttft, &e2e, &ttftBox);
    const QList<ReportWriter::Chart> charts { { tr("Time to first token (CDF)"), &ttft, {} },
                                              { tr("End-to-end latency (CDF)"), &e2e, {} },
                                              { tr("Time to first token (box plot)"), &ttftBox, {} } };
    if (!htmlPath.isEmpty() && !ReportWriter::writeHtml(htmlPath, title, body, charts, error))
        return false;
    return pdfPath.isEmpty() || ReportWriter::writePdf(pdfPath, title, body, charts, error);
}

bool ComparisonReport::writeStored(const QList<StoredRun> &runs, const QString &htmlPath, const QString &pdfPath,
                                   QString *error)
{
    return write(fromStored(runs), htmlPath, pdfPath, error);
}
