#pragma once

#include "protocol/endpointprofile.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

/*!
 * \brief Reads the prompts of a run: one inline prompt, a text file or a JSONL file.
 *
 * A text file holds one prompt per non-blank line. A JSONL (or NDJSON) file holds one object
 * per non-blank line: {"prompt": "..."} or {"messages": [{"role": ..., "content": ...}, ...]},
 * with an optional "system" string and an optional "max_tokens" integer. Every request starts
 * as a copy of \a defaults (its messages are replaced), so sampling parameters come from the
 * caller. On failure the result is empty and \a error names the file and line.
 */
class PromptSet
{
public:
    enum class Format {
        Auto, ///< JSONL for .jsonl/.ndjson or when the first non-blank character is '{'
        Text, ///< one prompt per non-blank line
        Jsonl, ///< one JSON object per non-blank line
    };

    /// Files larger than this are refused: a prompt set is read whole into memory.
    static constexpr qsizetype MaxFileBytes = 64 * 1024 * 1024;

    /// One prompt, given inline (e.g. on the command line); it must not be blank.
    static std::optional<QList<GenerationRequest>>
    fromText(const QString &text, const GenerationRequest &defaults, QString *error = nullptr);

    /// Reads the file at \a path; errors are prefixed with \a path.
    static std::optional<QList<GenerationRequest>> fromFile(const QString &path,
                                                            const GenerationRequest &defaults,
                                                            QString *error = nullptr,
                                                            Format format = Format::Auto);

    /// Parses file contents; \a sourceName (usually the path) prefixes every error.
    static std::optional<QList<GenerationRequest>>
    fromBytes(QByteArrayView content, const QString &sourceName, const GenerationRequest &defaults,
              QString *error = nullptr, Format format = Format::Auto);

    /// The format Auto resolves to for a file named \a path holding \a content.
    static Format detectFormat(const QString &path, QByteArrayView content);
};
