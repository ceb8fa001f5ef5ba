#include "historyrecorder.h"

HistoryRecorder::HistoryRecorder(HistoryStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

bool HistoryRecorder::begin(const LoadConfig &config, const QString &source, const QStringList &tags)
{
    finish(true); // a run left open by its caller counts as cancelled
    m_failed = false;
    if (!m_store || !m_store->isOpen())
        return false;
    m_runId = m_store->beginRun(config, source, tags);
    if (m_runId < 0) {
        Q_EMIT writeFailed(m_store->errorString());
        return false;
    }
    return true;
}

void HistoryRecorder::append(const RequestRecord &record)
{
    if (m_runId < 0 || m_store->appendRequest(m_runId, record) || m_failed)
        return;
    m_failed = true;
    Q_EMIT writeFailed(m_store->errorString());
}

void HistoryRecorder::setServerMetrics(const ServerMetricsRecord &record)
{
    if (m_runId < 0 || m_store->setServerMetrics(m_runId, record))
        return;
    Q_EMIT writeFailed(m_store->errorString());
}

void HistoryRecorder::setClientOverhead(const ClientOverhead &overhead)
{
    if (m_runId < 0 || m_store->setClientOverhead(m_runId, overhead))
        return;
    Q_EMIT writeFailed(m_store->errorString());
}

void HistoryRecorder::finish(bool cancelled)
{
    if (m_runId < 0)
        return;
    const qint64 id = m_runId;
    m_runId = -1;
    if (!m_store->finishRun(id, cancelled ? RunStatus::Cancelled : RunStatus::Finished)) {
        Q_EMIT writeFailed(m_store->errorString());
        return;
    }
    Q_EMIT runStored(id);
}
