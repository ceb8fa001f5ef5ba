#pragma once

#include "syntheticprompts.h"

#include "protocol/endpointprofile.h"

#include <optional>

/*!
 * \brief Counts in an endpoint's own tokenizer (POST /tokenize: llama.cpp, vLLM, the embedded
 * endpoint), so that synthetic prompts are exactly as long as the server itself counts them.
 *
 * The prompt generator needs an answer at once, so each count waits for the endpoint in a
 * nested event loop: for use before a run starts, never while one is measured.
 */
namespace EndpointPromptCounter {
/// A counter asking \a profile's /tokenize; nullopt with \a error when the endpoint has none
/// (it is asked once, here).
std::optional<PromptTokenCounter> create(const EndpointProfile &profile, QString *error = nullptr);

/*!
 * The tokens the endpoint's chat template adds to a one-message prompt: usage.prompt_tokens
 * of a one-token request minus the /tokenize count of its text. nullopt with \a error when
 * either is unavailable.
 */
std::optional<qint64> templateOverhead(const EndpointProfile &profile, QString *error = nullptr);
} // namespace EndpointPromptCounter
