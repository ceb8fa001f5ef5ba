#include "clihistory.h"

#include "clicommon.h"

QList<QCommandLineOption> CliHistory::options()
{
    return {
        { QStringLiteral("no-history"), CliText::tr("Do not write this run to the run history.") },
        { QStringLiteral("history-db"),
          CliText::tr("The run history database (default: %1).").arg(HistoryStore::defaultPath()),
          CliText::tr("file") },
        { QStringLiteral("tag"), CliText::tr("Tag the run in the history (repeatable)."),
          CliText::tr("tag") },
    };
}

QString CliHistory::path(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("history-db")) ? parser.value(QStringLiteral("history-db"))
                                                      : HistoryStore::defaultPath();
}

std::unique_ptr<HistoryStore> CliHistory::open(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("no-history")))
        return {};
    auto store = std::make_unique<HistoryStore>();
    if (!store->open(path(parser))) {
        CliCommon::err() << CliText::tr("tokenscope-cli: warning: %1").arg(store->errorString()) << Qt::endl;
        return {};
    }
    return store;
}

CliHistory::Recorder::Recorder(HistoryStore *store, const LoadConfig &config, const QString &source,
                               const QStringList &tags)
    : Recorder(store, RunSettings::fromConfig(config, RunSettings::Detail::History),
               RunSettings::secretsOf(config.endpoint), source, tags)
{
}

CliHistory::Recorder::Recorder(HistoryStore *store, const RunSettings &settings, const QStringList &secrets,
                               const QString &source, const QStringList &tags)
    : m_store(store)
{
    if (!m_store)
        return;
    m_runId = m_store->beginRun(settings, source, tags, secrets);
    if (m_runId < 0) {
        CliCommon::err() << CliText::tr("tokenscope-cli: warning: not saved to the history: %1")
                                .arg(m_store->errorString())
                         << Qt::endl;
        m_store = nullptr;
    }
}

void CliHistory::Recorder::append(const RequestRecord &record)
{
    if (!m_store || m_store->appendRequest(m_runId, record) || m_warned)
        return;
    m_warned = true;
    CliCommon::err() << CliText::tr("tokenscope-cli: warning: %1").arg(m_store->errorString()) << Qt::endl;
}

void CliHistory::Recorder::setServerMetrics(const ServerMetricsRecord &record)
{
    if (!m_store || m_store->setServerMetrics(m_runId, record))
        return;
    CliCommon::err() << CliText::tr("tokenscope-cli: warning: %1").arg(m_store->errorString()) << Qt::endl;
}

void CliHistory::Recorder::setClientOverhead(const ClientOverhead &overhead)
{
    if (!m_store || m_store->setClientOverhead(m_runId, overhead))
        return;
    CliCommon::err() << CliText::tr("tokenscope-cli: warning: %1").arg(m_store->errorString()) << Qt::endl;
}

void CliHistory::Recorder::finish(bool cancelled)
{
    if (!m_store)
        return;
    if (!m_store->finishRun(m_runId, cancelled ? RunStatus::Cancelled : RunStatus::Finished)) {
        CliCommon::err() << CliText::tr("tokenscope-cli: warning: %1").arg(m_store->errorString())
                         << Qt::endl;
        return;
    }
    CliCommon::err() << CliText::tr("Saved to the history as run %1 (%2)").arg(m_runId).arg(m_store->path())
                     << Qt::endl;
}
