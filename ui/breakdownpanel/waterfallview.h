#pragma once

#include "charts/chartexport.h"
#include "metrics/runsummary.h"

#include <QColor>
#include <QList>
#include <QWidget>

#include <optional>

class QAction;

/*!
 * \brief One request as a browser-style network waterfall: DNS, connect, TLS, request
 * sent, waiting for the server, first token, tokens arriving (a tick per chunk) and end,
 * each a bar on a shared millisecond axis.
 *
 * Painted by hand rather than with Qt Charts: a waterfall is rows of labelled intervals,
 * which no chart type draws well, and this keeps it independent of the charts backend.
 */
class WaterfallView : public QWidget, public ExportThemable
{
    Q_OBJECT
public:
    /// One line of the waterfall, in milliseconds from the request's start.
    struct Row
    {
        enum class Kind { Interval, Chunks, Note, Error };
        Kind kind = Kind::Interval;
        QString label;
        double startMs = 0;
        double endMs = 0;
        QColor color;
        QList<double> ticksMs; ///< chunk arrivals (Kind::Chunks)
        QString detail;        ///< right-hand text; the duration when empty
    };

    explicit WaterfallView(QWidget *parent = nullptr);
    ~WaterfallView() override;

    void setRecord(const RequestRecord &record);
    void clear();
    bool hasRecord() const { return m_record.has_value(); }
    /// The rows as drawn (for tests and tooltips).
    QList<Row> rows() const { return m_rows; }
    /// The time the axis spans, in ms.
    double spanMs() const { return m_spanMs; }

    QAction *exportAction() const { return m_exportAction; }
    QAction *copyAction() const { return m_copyAction; }
    /// Writes the waterfall to \a path (.png, .svg or .pdf) on a white background.
    bool exportTo(const QString &path, int dpi = 192, QString *error = nullptr);

    void applyExportTheme(bool light) override;
    QString exportTitle() const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Layout
    {
        QRectF header;
        QRectF axis;
        QRectF bars; ///< the area rows draw their intervals in
        double labelX = 0;
        double durationX = 0;
        double rowHeight = 0;
        double top = 0; ///< y of the first row
    };

    void buildRows();
    Layout layoutFor(const QSize &size) const;
    double xFor(const Layout &layout, double ms) const;
    int rowAt(const QPoint &pos) const;

    std::optional<RequestRecord> m_record;
    QList<Row> m_rows;
    double m_spanMs = 1;
    double m_axisMs = 1; ///< m_spanMs rounded up to a whole tick
    bool m_exportLight = false;
    QAction *m_exportAction = nullptr;
    QAction *m_copyAction = nullptr;
};
