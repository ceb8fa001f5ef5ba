#include "batchingform.h"

#include "charts/chartview.h"

#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QFormLayout>
#include <QHeaderView>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <cmath>

std::optional<QList<double>> BatchingForm::parseList(const QString &text, double min, double max, bool integers,
                                                     QString *error)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        *error = tr("Enter at least one value.");
        return std::nullopt;
    }
    if (parts.size() > 1000) {
        *error = tr("At most 1000 values.");
        return std::nullopt;
    }
    QList<double> values;
    for (const QString &part : parts) {
        bool ok = false;
        const double v = part.toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            *error = tr("\"%1\" is not a number.").arg(part);
            return std::nullopt;
        }
        if (integers && v != std::floor(v)) {
            *error = tr("\"%1\" is not a whole number.").arg(part);
            return std::nullopt;
        }
        if (v < min || v > max) {
            *error = tr("%1 is outside %2 to %3.").arg(part).arg(min).arg(max);
            return std::nullopt;
        }
        values.append(v);
    }
    return values;
}

QString BatchingForm::listText(const QList<double> &values)
{
    QStringList parts;
    for (double v : values)
        parts.append(QString::number(v, 'g', 10));
    return parts.join(QStringLiteral(", "));
}

QDoubleSpinBox *BatchingForm::limitBox(QWidget *parent, const char *name)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(0, 3'600'000);
    box->setDecimals(0);
    box->setSingleStep(50);
    box->setSuffix(tr(" ms"));
    box->setSpecialValueText(tr("off"));
    return box;
}

QWidget *BatchingForm::scrollArea(QWidget *content, QWidget *parent)
{
    QScrollArea *scroll = ChartView::scrolledPage(content, parent);
    scroll->setMinimumWidth(content->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    return scroll;
}

void BatchingForm::exportWithDialog(QWidget *parent, bool json, const QString &baseName,
                                    const std::function<bool(const QString &, QString *)> &write)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, json ? tr("Export Sweep as JSON") : tr("Export Sweep as CSV"),
        baseName + (json ? QStringLiteral(".json") : QStringLiteral(".csv")),
        json ? tr("JSON files (*.json)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!write(path, &error))
        QMessageBox::warning(parent, tr("Export Failed"), error);
}

QTableView *BatchingForm::table(QWidget *parent, QAbstractItemModel *model, const char *name)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::UserRole);
    auto *view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setModel(proxy);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    view->setSortingEnabled(true);
    // Columns as wide as their contents whenever the rows change; the user may still drag them.
    const auto fit = [view] { view->resizeColumnsToContents(); };
    QObject::connect(proxy, &QAbstractItemModel::modelReset, view, fit);
    QObject::connect(proxy, &QAbstractItemModel::rowsInserted, view, fit);
    QObject::connect(proxy, &QAbstractItemModel::dataChanged, view, fit);
    fit(); // headers whole before the first rows arrive
    return view;
}

SloEditor::SloEditor(QWidget *parent)
    : QWidget(parent)
{
    m_ttft = BatchingForm::limitBox(this, "sloTtft");
    m_tpot = BatchingForm::limitBox(this, "sloTpot");
    m_tpot->setDecimals(1);
    m_tpot->setSingleStep(5);
    m_e2e = BatchingForm::limitBox(this, "sloE2e");
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("TTFT ≤"), m_ttft);
    layout->addRow(tr("TPOT ≤"), m_tpot);
    layout->addRow(tr("End to end ≤"), m_e2e);
    for (QDoubleSpinBox *box : { m_ttft, m_tpot, m_e2e })
        connect(box, &QDoubleSpinBox::valueChanged, this, &SloEditor::changed);
    setToolTip(tr("Service-level objectives: a request counts towards goodput when it meets every limit "
                  "that is set."));
}

ServiceLevel SloEditor::value() const
{
    ServiceLevel slo;
    slo.ttftMs = m_ttft->value();
    slo.tpotMs = m_tpot->value();
    slo.e2eMs = m_e2e->value();
    return slo;
}

void SloEditor::setValue(const ServiceLevel &slo)
{
    m_ttft->setValue(slo.ttftMs);
    m_tpot->setValue(slo.tpotMs);
    m_e2e->setValue(slo.e2eMs);
}
