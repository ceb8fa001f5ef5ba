#pragma once

#include "batching/batchsimulator.h"

#include <QCoreApplication>
#include <QList>
#include <QWidget>

#include <functional>
#include <optional>

class QDoubleSpinBox;
class QFormLayout;
class QTableView;
class QAbstractItemModel;

/// \brief Small pieces shared by the Batching panel's pages.
class BatchingForm
{
    Q_DECLARE_TR_FUNCTIONS(BatchingForm)
public:
    /// "1, 2, 4 8" → {1, 2, 4, 8}; every value within [min, max] (whole numbers if asked).
    static std::optional<QList<double>> parseList(const QString &text, double min, double max, bool integers,
                                                  QString *error);
    static QString listText(const QList<double> &values);
    /// A spin box for a latency limit in ms; 0 shows "off".
    static QDoubleSpinBox *limitBox(QWidget *parent, const char *name);
    /// \a content in a frameless vertical scroll area as wide as the content needs.
    static QWidget *scrollArea(QWidget *content, QWidget *parent);
    /// Asks where to save the sweep as JSON or CSV (\a baseName + suffix offered) and writes it
    /// with \a write; a failure is shown in a message box.
    static void exportWithDialog(QWidget *parent, bool json, const QString &baseName,
                                 const std::function<bool(const QString &, QString *)> &write);
    /// A sortable, single-selection table over \a model (sorted by Qt::UserRole).
    static QTableView *table(QWidget *parent, QAbstractItemModel *model, const char *name);
};

/// \brief TTFT, TPOT and end-to-end limits, each off at 0.
class SloEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SloEditor(QWidget *parent = nullptr);
    ServiceLevel value() const;
    void setValue(const ServiceLevel &slo);

Q_SIGNALS:
    void changed();

private:
    QDoubleSpinBox *m_ttft;
    QDoubleSpinBox *m_tpot;
    QDoubleSpinBox *m_e2e;
};
