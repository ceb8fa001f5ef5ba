#pragma once

#include "metrics/runsummary.h"
#include "protocol/endpointprofile.h"

#include <QList>
#include <QStringList>
#include <QWidget>

#include <utility>

class PhaseBarChart;
class QComboBox;
class QLabel;
class QTableWidget;
class WaterfallView;

/*!
 * \brief Where the time goes: the five phases per endpoint for a chosen statistic, their
 * figures and sources in a table, and the waterfall of one selected request.
 *
 * Tests reach its widgets by object name: "statistic" (the combo box) and "phaseTable".
 */
class BreakdownPanel : public QWidget
{
    Q_OBJECT
public:
    /// Which field of each phase's Distribution the bars show.
    enum class Statistic { Mean, P50, P90, P99 };
    Q_ENUM(Statistic)

    explicit BreakdownPanel(QWidget *parent = nullptr);
    ~BreakdownPanel() override;

    /// Shows \a runs, one per endpoint, in the endpoint order (see setEndpointOrder()).
    void setRuns(const QList<std::pair<EndpointProfile, RunSummary>> &runs);
    /// The order endpoints are shown in, by profile id: the sidebar's, so that bars and
    /// columns keep their places whichever request happens to finish first. Endpoints not
    /// listed follow, in the order they were given.
    void setEndpointOrder(const QStringList &ids);
    /// The endpoint names as the bars and columns show them, left to right.
    QStringList endpointNames() const;
    void showRequest(const RequestRecord &record);

    Statistic statistic() const;
    void setStatistic(Statistic statistic);
    /// The figure of \a distribution that \a statistic names.
    static double pick(const Distribution &distribution, Statistic statistic);

    /// Table columns: the typical range of each phase first, then per run its figures and
    /// their verdict against that range (RangeVerdict in Qt::UserRole).
    static constexpr int TypicalRangeColumn = 0;
    static int valueColumn(int run) { return 1 + 2 * run; }
    static int verdictColumn(int run) { return 2 + 2 * run; }

    PhaseBarChart *chart() const { return m_chart; }
    WaterfallView *waterfall() const { return m_waterfall; }

Q_SIGNALS:
    /// A bar was clicked: the window may show a request of run \a index.
    void runClicked(int index);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void fitTable();
    void sortRuns();

    QList<std::pair<EndpointProfile, RunSummary>> m_runs;
    QStringList m_order;
    QComboBox *m_statistic = nullptr;
    QLabel *m_note = nullptr;
    PhaseBarChart *m_chart = nullptr;
    QTableWidget *m_table = nullptr;
    WaterfallView *m_waterfall = nullptr;
};
