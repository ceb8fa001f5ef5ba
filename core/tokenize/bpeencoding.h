#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <QList>

#include <memory>
#include <optional>
#include <vector>

/// \brief The OpenAI byte-level BPE encodings TokenScope counts exactly.
enum class BpeEncodingId {
    Cl100kBase, ///< GPT-3.5 / GPT-4
    O200kBase, ///< GPT-4o and later
};

namespace BpeEncodings {
QString name(BpeEncodingId id); ///< "cl100k_base", "o200k_base"
std::optional<BpeEncodingId> fromName(QStringView name);
QList<BpeEncodingId> all();
} // namespace BpeEncodings

/*!
 * \brief A byte-level BPE encoding (tiktoken's algorithm) loaded from a standard rank file.
 *
 * The rank file is the JSON the npm `tiktoken` package ships as encoders/<name>.json:
 * {"pat_str": ..., "special_tokens": {...}, "bpe_ranks": "! 0 <base64> <base64> ..."}.
 * The split pattern is not run through a regex engine: each encoding's pattern has a
 * hand-written equivalent here (see bpeencoding.cpp), which is what makes it fast.
 * Special tokens are treated as ordinary text (tiktoken's encode_ordinary).
 * Immutable after load, so one instance may be shared by any number of threads.
 */
class BpeEncoding
{
public:
    ~BpeEncoding();
    BpeEncoding(const BpeEncoding &) = delete;
    BpeEncoding &operator=(const BpeEncoding &) = delete;

    /// Loads \a jsonPath as encoding \a id; nullptr with \a error set when the file is missing
    /// or malformed (never crashes on bad input).
    static std::shared_ptr<const BpeEncoding> load(BpeEncodingId id, const QString &jsonPath, QString *error);
    /// The same from the file's bytes.
    static std::shared_ptr<const BpeEncoding> fromJson(BpeEncodingId id, const QByteArray &json,
                                                       QString *error);

    BpeEncodingId id() const { return m_id; }
    QString name() const { return BpeEncodings::name(m_id); }
    /// Number of mergeable ranks (without special tokens).
    int rankCount() const;

    /// Token ids of \a utf8 (invalid UTF-8 bytes are encoded as single bytes, never rejected).
    std::vector<quint32> encode(QByteArrayView utf8) const;
    /// Token ids and, for each, the byte offset where it ends in \a utf8.
    void encodeWithOffsets(QByteArrayView utf8, std::vector<quint32> *ids, std::vector<quint32> *ends) const;
    /// Number of tokens of \a utf8, without building the id list.
    qsizetype count(QByteArrayView utf8) const;
    qsizetype count(QStringView text) const;
    /// The bytes of \a ids (unknown ids are skipped).
    QByteArray decode(const std::vector<quint32> &ids) const;

private:
    BpeEncoding();
    class Private;
    std::unique_ptr<Private> d;
    BpeEncodingId m_id = BpeEncodingId::Cl100kBase;
};
