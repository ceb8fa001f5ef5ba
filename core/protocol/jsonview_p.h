#pragma once

// Private to core/protocol: read-only views of a parsed JSON document, for the adapters'
// parsing of stream events and response bodies (requests are still built with QJsonObject).
//
// Why not QJsonDocument: a stream event is parsed once per token, and QJsonDocument builds a
// tree of allocated values for it (~1.5 µs for an OpenAI chunk). simdjson parses into a
// reused buffer (~0.15 µs). Qt's parser stays as the fallback for what simdjson rejects and
// Qt accepts (lone UTF-16 surrogate escapes, unescaped control characters in strings,
// integers beyond 64 bits), so a server's sloppy JSON reads exactly as it did before.
//
// A view is valid while its JsonDocument lives. The API follows QJsonValue/QJsonObject/
// QJsonArray's names; an absent key or a wrong type reads as undefined or empty, never throws.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <simdjson.h>

#include <memory>
#include <variant>

namespace ProtocolDetail {

class JsonObject;
class JsonArray;

class JsonValue
{
public:
    JsonValue() = default; ///< undefined
    explicit JsonValue(simdjson::dom::element element)
        : m_value(element)
    {
    }
    explicit JsonValue(const QJsonValue &value)
        : m_value(value)
    {
    }

    enum class Type { Undefined, Null, Bool, Number, String, Array, Object };
    Type type() const; ///< the same for simdjson's values and Qt's

    bool isUndefined() const { return type() == Type::Undefined; }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isDouble() const { return type() == Type::Number; } ///< any JSON number, as in QJsonValue
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    bool toBool(bool defaultValue = false) const;
    double toDouble(double defaultValue = 0) const;
    /// The number when it is an integer that fits, else \a defaultValue (QJsonValue::toInteger).
    qint64 toInteger(qint64 defaultValue = 0) const;
    QString toString() const; ///< empty unless a string
    /// Whether it is the string \a text, without making a QString of it.
    bool isString(QLatin1String text) const;
    JsonObject toObject() const; ///< empty unless an object
    JsonArray toArray() const; ///< empty unless an array

private:
    std::variant<std::monostate, simdjson::dom::element, QJsonValue> m_value;
};

class JsonObject
{
public:
    JsonObject() = default; ///< empty
    explicit JsonObject(simdjson::dom::object object)
        : m_object(object)
    {
    }
    explicit JsonObject(const QJsonObject &object)
        : m_object(object)
    {
    }

    /// Undefined when absent. With a key repeated, the last one counts (as in Qt and JavaScript).
    JsonValue value(QLatin1String key) const;
    bool contains(QLatin1String key) const { return !value(key).isUndefined(); }
    bool isEmpty() const;

private:
    std::variant<std::monostate, simdjson::dom::object, QJsonObject> m_object;
    mutable quint64 m_keyBits = 0; ///< a bit per key of the object (see value())
    mutable bool m_summarised = false;
};

class JsonArray
{
public:
    JsonArray() = default; ///< empty
    explicit JsonArray(simdjson::dom::array array)
        : m_array(array)
    {
    }
    explicit JsonArray(const QJsonArray &array)
        : m_array(array)
    {
    }

    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }
    JsonValue first() const; ///< undefined when empty

    /// Forward iteration (no at(i): simdjson's arrays are lists, and an index loop over a
    /// server's million-element array would be quadratic).
    class const_iterator
    {
    public:
        JsonValue operator*() const;
        const_iterator &operator++();
        bool operator!=(const const_iterator &other) const;

    private:
        friend class JsonArray;
        std::variant<simdjson::dom::array::iterator, const QJsonArray *> m_at;
        qsizetype m_index = 0;
    };
    const_iterator begin() const;
    const_iterator end() const;

private:
    std::variant<std::monostate, simdjson::dom::array, QJsonArray> m_array;
};

/*!
 * \brief One parsed JSON text: simdjson first, Qt's parser for what simdjson is too strict for.
 * Invalid UTF-8 is repaired with U+FFFD first, as a stray byte in one token must not turn the
 * event into a parse error. Move-only; its views die with it.
 */
class JsonDocument
{
public:
    JsonDocument();
    ~JsonDocument();
    JsonDocument(JsonDocument &&other) noexcept;
    JsonDocument &operator=(JsonDocument &&other) noexcept;
    JsonDocument(const JsonDocument &) = delete;
    JsonDocument &operator=(const JsonDocument &) = delete;

    /// Parses \a data: an object or an array, as for Qt (a lone scalar is not a document). On
    /// failure the document is null and \a error (when given) says why, in Qt's words.
    static JsonDocument parse(QByteArrayView data, QString *error = nullptr);

    bool isNull() const;
    bool isObject() const;
    bool isArray() const;
    JsonObject object() const; ///< empty unless the root is an object
    JsonArray array() const; ///< empty unless the root is an array
    JsonValue root() const;

    struct Parser; ///< simdjson's parser (its buffers), pooled per thread: jsonview.cpp's business

private:
    static std::unique_ptr<Parser> takeParser();
    static void returnParser(std::unique_ptr<Parser> parser);

    std::unique_ptr<Parser> m_parser; ///< simdjson's, borrowed from this thread's pool
    JsonValue m_root; ///< into m_parser's buffers, or a (shared) copy of Qt's tree
};

} // namespace ProtocolDetail
