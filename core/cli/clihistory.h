#pragma once

#include "storage/historystore.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>

/// \brief How run and sweep write to the run history (on by default).
namespace CliHistory {
/// --no-history, --history-db FILE, --tag TAG.
QList<QCommandLineOption> options();
/// The database the options name (or the default one).
QString path(const QCommandLineParser &parser);
/// Opens the history unless --no-history; nullptr (after a warning: the measurement goes
/// on without history) when it cannot be opened.
std::unique_ptr<HistoryStore> open(const QCommandLineParser &parser);

/// \brief Writes one run to the history as its requests finish; a failed write warns once.
class Recorder
{
public:
    Recorder(HistoryStore *store, const LoadConfig &config, const QString &source, const QStringList &tags);
    /// \a settings as RunSettings::fromConfig(…, Detail::History) makes them; \a secrets to scrub.
    Recorder(HistoryStore *store, const RunSettings &settings, const QStringList &secrets,
             const QString &source, const QStringList &tags);
    void append(const RequestRecord &record);
    /// Stores the server's metrics with the run (before finish()); a failed write warns.
    void setServerMetrics(const ServerMetricsRecord &record);
    void setClientOverhead(const ClientOverhead &overhead);
    /// Marks the run finished or cancelled and says where it went.
    void finish(bool cancelled);
    qint64 runId() const { return m_runId; }

private:
    HistoryStore *m_store;
    qint64 m_runId = -1;
    bool m_warned = false;
};
} // namespace CliHistory
