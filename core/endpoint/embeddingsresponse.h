#pragma once

#include <QByteArray>

namespace Sim {

/*!
 * \brief The embedded endpoint's POST /v1/embeddings: an OpenAI-shaped answer whose vectors
 * come from the built-in HashingEmbedder (core/cache), so that the semantic cache's remote
 * embedder can be tested on loopback.
 *
 * Accepts "input" as a string or an array of strings, and an optional "dimensions". Sets
 * \a status to 200, or 400 with an OpenAI error body.
 */
QByteArray embeddingsResponse(const QByteArray &requestBody, int *status);

} // namespace Sim
