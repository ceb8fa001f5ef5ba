#pragma once

#include "load/loadrunner.h"
#include "servermetrics/servermetricsrecord.h"

#include <QList>

/// \brief One endpoint's share of a run: what was asked, what came back, and its figures.
struct EndpointRun
{
    EndpointProfile endpoint;
    LoadConfig config;
    QList<RequestRecord> records; ///< in the order they finished, warm-ups included
    RunSummary summary; ///< recomputed while the run goes (at most ~5 times a second)
    bool finished = false; ///< the endpoint's runner has ended (completed or cancelled)
    /// What the endpoint's server reported on /metrics during the run; nullopt when it was not
    /// scraped (off, or no http(s) address).
    std::optional<ServerMetricsRecord> serverMetrics;
};
