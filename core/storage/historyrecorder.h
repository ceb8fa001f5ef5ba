#pragma once

#include "storage/historystore.h"

#include <QObject>

/*!
 * \brief Writes the runs of a LoadRunner (or anything that emits finished requests) to the
 * history as they go: connect requestFinished to append().
 *
 * For the GUI's Runs panel: begin() when a run starts, append() per request, finish() when
 * it ends. A failed write is reported once per run by writeFailed(), never thrown.
 */
class HistoryRecorder : public QObject
{
    Q_OBJECT
public:
    /// \a store must outlive the recorder.
    explicit HistoryRecorder(HistoryStore *store, QObject *parent = nullptr);

    /// Starts a run of \a config; false (and writeFailed()) when the history cannot take it.
    bool begin(const LoadConfig &config, const QString &source = QStringLiteral("run"),
               const QStringList &tags = {});
    qint64 runId() const { return m_runId; }
    bool isRecording() const { return m_runId > 0; }

    /// Stores what the server's /metrics said during the run being recorded (before finish());
    /// nothing when no run is being recorded. A failed write is reported by writeFailed().
    void setServerMetrics(const ServerMetricsRecord &record);
    /// What the client cost during the run (HistoryStore::setClientOverhead).
    void setClientOverhead(const ClientOverhead &overhead);

public Q_SLOTS:
    void append(const RequestRecord &record);
    /// Marks the run finished (or cancelled); nothing when no run is being recorded.
    void finish(bool cancelled = false);

Q_SIGNALS:
    void writeFailed(const QString &message);
    /// The run is complete in the history (for a History panel to refresh).
    void runStored(qint64 runId);

private:
    HistoryStore *m_store;
    qint64 m_runId = -1;
    bool m_failed = false;
};
