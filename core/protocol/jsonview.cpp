#include "jsonview_p.h"

#include <optional>
#include <utility>
#include <vector>

namespace ProtocolDetail {

namespace {

using simdjson::dom::element_type;

std::string_view view(QLatin1String key)
{
    return { key.data(), size_t(key.size()) };
}

/// One of 64 bits for a key, from its length and its first and last bytes.
quint64 keyBit(const char *key, uint32_t length)
{
    const unsigned first = length ? uchar(key[0]) : 0;
    const unsigned last = length ? uchar(key[length - 1]) : 0;
    return quint64(1) << ((length * 7 + first * 3 + last) & 63);
}

} // namespace

// --- JsonValue -------------------------------------------------------------------------------

JsonValue::Type JsonValue::type() const
{
    if (const auto *e = std::get_if<simdjson::dom::element>(&m_value)) {
        switch (e->type()) {
        case element_type::OBJECT:
            return Type::Object;
        case element_type::ARRAY:
            return Type::Array;
        case element_type::STRING:
            return Type::String;
        case element_type::INT64:
        case element_type::UINT64:
        case element_type::DOUBLE:
            return Type::Number;
        case element_type::BOOL:
            return Type::Bool;
        case element_type::NULL_VALUE:
            return Type::Null;
        }
        return Type::Undefined;
    }
    if (const auto *q = std::get_if<QJsonValue>(&m_value)) {
        switch (q->type()) {
        case QJsonValue::Object:
            return Type::Object;
        case QJsonValue::Array:
            return Type::Array;
        case QJsonValue::String:
            return Type::String;
        case QJsonValue::Double:
            return Type::Number;
        case QJsonValue::Bool:
            return Type::Bool;
        case QJsonValue::Null:
            return Type::Null;
        case QJsonValue::Undefined:
            break;
        }
    }
    return Type::Undefined;
}

bool JsonValue::toBool(bool defaultValue) const
{
    if (const auto *e = std::get_if<simdjson::dom::element>(&m_value)) {
        bool b = false;
        return e->get(b) == simdjson::SUCCESS ? b : defaultValue;
    }
    if (const auto *q = std::get_if<QJsonValue>(&m_value))
        return q->toBool(defaultValue);
    return defaultValue;
}

double JsonValue::toDouble(double defaultValue) const
{
    if (const auto *e = std::get_if<simdjson::dom::element>(&m_value)) {
        double d = 0; // get<double>() converts integers too
        return e->get(d) == simdjson::SUCCESS ? d : defaultValue;
    }
    if (const auto *q = std::get_if<QJsonValue>(&m_value))
        return q->toDouble(defaultValue);
    return defaultValue;
}

qint64 JsonValue::toInteger(qint64 defaultValue) const
{
    if (const auto *e = std::get_if<simdjson::dom::element>(&m_value)) {
        switch (e->type()) {
        case element_type::INT64: {
            int64_t i = 0;
            return e->get(i) == simdjson::SUCCESS ? qint64(i) : defaultValue;
        }
        case element_type::UINT64: // only above INT64_MAX: out of range
            return defaultValue;
        case element_type::DOUBLE: {
            double d = 0; // Qt's own rule: an integral double within qint64's range
            return e->get(d) == simdjson::SUCCESS ? QJsonValue(d).toInteger(defaultValue) : defaultValue;
        }
        default:
            return defaultValue;
        }
    }
    if (const auto *q = std::get_if<QJsonValue>(&m_value))
        return q->toInteger(defaultValue);
    return defaultValue;
}

QString JsonValue::toString() const
{
    if (const auto *e = std::get_if<simdjson::dom::element>(&m_value)) {
        std::string_view s;
        return e->get(s) == simdjson::SUCCESS ? QString::fromUtf8(s.data(), qsizetype(s.size())) : QString();
    }
    if (const auto *q = std::get_if<QJsonValue>(&m_value))
        return q->toString();
    return {};
}

bool JsonValue::isString(QLatin1String text) const
{
    if (const auto *e = std::get_if<simdjson::dom::element>(&m_value)) {
        std::string_view s;
        return e->get(s) == simdjson::SUCCESS && s == std::string_view(text.data(), size_t(text.size()));
    }
    if (const auto *q = std::get_if<QJsonValue>(&m_value))
        return q->isString() && q->toString() == text;
    return false;
}

JsonObject JsonValue::toObject() const
{
    if (const auto *e = std::get_if<simdjson::dom::element>(&m_value)) {
        simdjson::dom::object o;
        return e->get(o) == simdjson::SUCCESS ? JsonObject(o) : JsonObject();
    }
    if (const auto *q = std::get_if<QJsonValue>(&m_value); q && q->isObject())
        return JsonObject(q->toObject());
    return {};
}

JsonArray JsonValue::toArray() const
{
    if (const auto *e = std::get_if<simdjson::dom::element>(&m_value)) {
        simdjson::dom::array a;
        return e->get(a) == simdjson::SUCCESS ? JsonArray(a) : JsonArray();
    }
    if (const auto *q = std::get_if<QJsonValue>(&m_value); q && q->isArray())
        return JsonArray(q->toArray());
    return {};
}

// --- JsonObject ------------------------------------------------------------------------------

JsonValue JsonObject::value(QLatin1String key) const
{
    if (const auto *o = std::get_if<simdjson::dom::object>(&m_object)) {
        // A linear pass, keeping the last match: at_key() would return the first.
        // Most lookups are of keys an event does not have ("error", "usage", "timings" on a
        // token's chunk): a 64-bit summary of the keys, made on the first lookup, answers those
        // without a pass over the fields.
        const auto end = o->end();
        if (!m_summarised) {
            for (auto it = o->begin(); it != end; ++it)
                m_keyBits |= keyBit(it.key_c_str(), it.key_length());
            m_summarised = true;
        }
        const std::string_view wanted = view(key);
        if (!(m_keyBits & keyBit(wanted.data(), uint32_t(wanted.size()))))
            return {};
        // A linear pass, keeping the last match: at_key() would return the first.
        std::optional<simdjson::dom::element> found;
        for (auto it = o->begin(); it != end; ++it) {
            if (it.key_equals(wanted)) // the length first, from the tape
                found = it.value();
        }
        return found ? JsonValue(*found) : JsonValue();
    }
    if (const auto *q = std::get_if<QJsonObject>(&m_object))
        return JsonValue(q->value(key));
    return {};
}

bool JsonObject::isEmpty() const
{
    if (const auto *o = std::get_if<simdjson::dom::object>(&m_object))
        return o->begin() == o->end();
    if (const auto *q = std::get_if<QJsonObject>(&m_object))
        return q->isEmpty();
    return true;
}

// --- JsonArray -------------------------------------------------------------------------------

qsizetype JsonArray::size() const
{
    if (const auto *a = std::get_if<simdjson::dom::array>(&m_array)) {
        // size() is exact below 2^24 elements; beyond, simdjson counts them.
        const size_t n = a->size();
        if (n < 0xFFFFFF)
            return qsizetype(n);
        qsizetype count = 0;
        for (auto it = a->begin(); it != a->end(); ++it)
            ++count;
        return count;
    }
    if (const auto *q = std::get_if<QJsonArray>(&m_array))
        return q->size();
    return 0;
}

JsonValue JsonArray::first() const
{
    if (const auto *a = std::get_if<simdjson::dom::array>(&m_array))
        return a->begin() != a->end() ? JsonValue(*a->begin()) : JsonValue();
    if (const auto *q = std::get_if<QJsonArray>(&m_array))
        return q->isEmpty() ? JsonValue() : JsonValue(q->first());
    return {};
}

JsonArray::const_iterator JsonArray::begin() const
{
    const_iterator it;
    if (const auto *a = std::get_if<simdjson::dom::array>(&m_array))
        it.m_at = a->begin();
    else if (const auto *q = std::get_if<QJsonArray>(&m_array))
        it.m_at = q;
    else
        it.m_at = static_cast<const QJsonArray *>(nullptr);
    return it;
}

JsonArray::const_iterator JsonArray::end() const
{
    const_iterator it;
    if (const auto *a = std::get_if<simdjson::dom::array>(&m_array)) {
        it.m_at = a->end();
    } else if (const auto *q = std::get_if<QJsonArray>(&m_array)) {
        it.m_at = q;
        it.m_index = q->size();
    } else {
        it.m_at = static_cast<const QJsonArray *>(nullptr);
    }
    return it;
}

JsonValue JsonArray::const_iterator::operator*() const
{
    if (const auto *s = std::get_if<simdjson::dom::array::iterator>(&m_at))
        return JsonValue(**s);
    const QJsonArray *q = std::get<const QJsonArray *>(m_at);
    return q ? JsonValue(q->at(m_index)) : JsonValue();
}

JsonArray::const_iterator &JsonArray::const_iterator::operator++()
{
    if (auto *s = std::get_if<simdjson::dom::array::iterator>(&m_at))
        ++*s;
    else
        ++m_index;
    return *this;
}

bool JsonArray::const_iterator::operator!=(const const_iterator &other) const
{
    if (const auto *s = std::get_if<simdjson::dom::array::iterator>(&m_at)) {
        const auto *o = std::get_if<simdjson::dom::array::iterator>(&other.m_at);
        return !o || *s != *o;
    }
    return m_index != other.m_index;
}

// --- JsonDocument ----------------------------------------------------------------------------

struct JsonDocument::Parser
{
    simdjson::dom::parser parser;
};

// Each thread keeps a few parsers for reuse: a parser's buffers grow to the largest text it
// parsed, so a stream's events cost no allocation after the first. Nested documents (one
// parsed while another is alive) take another parser.
namespace {
constexpr size_t PooledParsers = 4;
constexpr size_t PooledCapacity = 256 * 1024; // a parser grown by a huge body is not kept
thread_local std::vector<std::unique_ptr<JsonDocument::Parser>> parserPool;
} // namespace

std::unique_ptr<JsonDocument::Parser> JsonDocument::takeParser()
{
    if (parserPool.empty())
        return std::make_unique<Parser>();
    std::unique_ptr<Parser> parser = std::move(parserPool.back());
    parserPool.pop_back();
    return parser;
}

void JsonDocument::returnParser(std::unique_ptr<Parser> parser)
{
    if (parser && parser->parser.capacity() <= PooledCapacity && parserPool.size() < PooledParsers)
        parserPool.push_back(std::move(parser));
}

JsonDocument::JsonDocument() = default;

JsonDocument::~JsonDocument()
{
    m_root = JsonValue();
    returnParser(std::move(m_parser));
}

JsonDocument::JsonDocument(JsonDocument &&other) noexcept
    : m_parser(std::move(other.m_parser))
    , m_root(std::exchange(other.m_root, JsonValue())) // the moved-from one views nothing
{
}

JsonDocument &JsonDocument::operator=(JsonDocument &&other) noexcept
{
    if (this != &other) {
        m_root = JsonValue();
        returnParser(std::move(m_parser));
        m_parser = std::move(other.m_parser);
        m_root = std::exchange(other.m_root, JsonValue());
    }
    return *this;
}

JsonDocument JsonDocument::parse(QByteArrayView data, QString *error)
{
    JsonDocument document;
    if (error)
        error->clear();
    document.m_parser = takeParser();
    simdjson::dom::element root;
    // Copied into the parser's padded buffer (simdjson reads a little past the end).
    const char *bytes = data.isEmpty() ? "" : data.data(); // simdjson memcpy()s even 0 bytes
    // A lone scalar is valid JSON to simdjson, not to Qt, whose rule stays: a document is an
    // object or an array (an error body "overloaded" reads as text, not as a JSON string).
    if (document.m_parser->parser.parse(bytes, size_t(data.size()), true).get(root) == simdjson::SUCCESS
        && (root.type() == simdjson::dom::element_type::OBJECT
            || root.type() == simdjson::dom::element_type::ARRAY)) {
        document.m_root = JsonValue(root);
        return document;
    }
    // Rejected: Qt's parser decides, after repairing invalid UTF-8 (which QJsonDocument
    // rejects outright). Its error message is the one users have always seen.
    QJsonParseError parseError;
    const QByteArray text = data.isValidUtf8() ? data.toByteArray() : QString::fromUtf8(data).toUtf8();
    const QJsonDocument qt = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = parseError.errorString();
        return document;
    }
    if (qt.isObject())
        document.m_root = JsonValue(QJsonValue(qt.object()));
    else if (qt.isArray())
        document.m_root = JsonValue(QJsonValue(qt.array()));
    return document;
}

bool JsonDocument::isNull() const
{
    return m_root.isUndefined();
}

bool JsonDocument::isObject() const
{
    return m_root.isObject();
}

bool JsonDocument::isArray() const
{
    return m_root.isArray();
}

JsonObject JsonDocument::object() const
{
    return m_root.toObject();
}

JsonArray JsonDocument::array() const
{
    return m_root.toArray();
}

JsonValue JsonDocument::root() const
{
    return m_root;
}

} // namespace ProtocolDetail
