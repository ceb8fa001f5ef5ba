#include "clicommon.h"
#include "commands_p.h"

#include "protocol/protocoladapter.h"
#include "wire/streamdecoder.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

void printLine(const QJsonObject &o)
{
    CliCommon::out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
}

QJsonValue optionalNumber(const auto &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
}

QJsonObject itemJson(const StreamItem &item)
{
    switch (item.kind) {
    case StreamItem::Kind::TextDelta:
    case StreamItem::Kind::ReasoningDelta: {
        QJsonObject o { { QStringLiteral("kind"),
                          item.kind == StreamItem::Kind::TextDelta ? QStringLiteral("delta")
                                                                   : QStringLiteral("reasoning") },
                        { QStringLiteral("text"), item.text } };
        if (item.tokens)
            o.insert(QStringLiteral("tokens"), double(*item.tokens));
        return o;
    }
    case StreamItem::Kind::Usage:
        return { { QStringLiteral("kind"), QStringLiteral("usage") },
                 { QStringLiteral("prompt_tokens"), optionalNumber(item.usage.promptTokens) },
                 { QStringLiteral("completion_tokens"), optionalNumber(item.usage.completionTokens) },
                 { QStringLiteral("reasoning_tokens"), optionalNumber(item.usage.reasoningTokens) } };
    case StreamItem::Kind::Timings: {
        const ServerTimings &t = item.timings;
        return { { QStringLiteral("kind"), QStringLiteral("timings") },
                 { QStringLiteral("queue_ms"), optionalNumber(t.queueMs) },
                 { QStringLiteral("load_ms"), optionalNumber(t.loadMs) },
                 { QStringLiteral("prompt_ms"), optionalNumber(t.promptMs) },
                 { QStringLiteral("prompt_tokens"), optionalNumber(t.promptTokens) },
                 { QStringLiteral("generation_ms"), optionalNumber(t.generationMs) },
                 { QStringLiteral("generated_tokens"), optionalNumber(t.generatedTokens) },
                 { QStringLiteral("total_ms"), optionalNumber(t.totalMs) } };
    }
    case StreamItem::Kind::Finish:
        return { { QStringLiteral("kind"), QStringLiteral("finish") },
                 { QStringLiteral("reason"), item.finishReason } };
    case StreamItem::Kind::Error:
        return { { QStringLiteral("kind"), QStringLiteral("error") },
                 { QStringLiteral("message"), item.text },
                 { QStringLiteral("type"), item.errorType } };
    }
    return {};
}

} // namespace

int CliCommands::decode(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CliText::tr("Decodes a captured raw response body into JSON lines: one per SSE event or NDJSON line, "
                    "and with --protocol also what the protocol adapter makes of it."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("format"), CliText::tr("Framing: sse or ndjson."), CliText::tr("format") },
        { QStringLiteral("protocol"),
          CliText::tr("Protocol adapter to apply: %1.").arg(Protocols::names().join(QStringLiteral(", "))),
          CliText::tr("name") },
        { QStringLiteral("chunk"), CliText::tr("Feed the decoder this many bytes at a time (default 4096)."),
          CliText::tr("bytes"), QStringLiteral("4096") },
    });
    parser.addPositionalArgument(QStringLiteral("file"),
                                 CliText::tr("The captured body, or - for standard input."));
    if (!parser.parse(arguments)) {
        CliCommon::printError(parser.errorText());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        CliCommon::out() << parser.helpText();
        return 0;
    }
    if (parser.positionalArguments().size() != 1) {
        CliCommon::printError(CliText::tr("decode takes one FILE (or - for standard input)"));
        return 2;
    }
    const auto chunk = CliCommon::number(parser, QStringLiteral("chunk"), 1, 1 << 30);
    if (!chunk)
        return 2;

    std::unique_ptr<ProtocolAdapter> adapter;
    WireFormat format = WireFormat::Sse;
    if (parser.isSet(QStringLiteral("protocol"))) {
        const auto protocol = Protocols::fromName(parser.value(QStringLiteral("protocol")));
        if (!protocol) {
            CliCommon::printError(CliText::tr("unknown protocol \"%1\"; known protocols: %2")
                                      .arg(parser.value(QStringLiteral("protocol")),
                                           Protocols::names().join(QStringLiteral(", "))));
            return 2;
        }
        adapter = ProtocolAdapter::create(*protocol);
        format = adapter->streamFormat();
    }
    if (parser.isSet(QStringLiteral("format"))) {
        const QString f = parser.value(QStringLiteral("format"));
        if (f == u"sse")
            format = WireFormat::Sse;
        else if (f == u"ndjson")
            format = WireFormat::Ndjson;
        else {
            CliCommon::printError(CliText::tr("--format expects sse or ndjson, got \"%1\"").arg(f));
            return 2;
        }
    } else if (!adapter) {
        CliCommon::printError(CliText::tr("decode needs --format or --protocol"));
        return 2;
    }

    const QString path = parser.positionalArguments().constFirst();
    QFile file;
    const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                     : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        CliCommon::printError(CliText::tr("cannot read %1: %2").arg(path, file.errorString()));
        return 1;
    }

    auto decoder = StreamDecoder::create(format);
    QList<WireEvent> events;
    QList<StreamItem> items;
    auto emitEvents = [&] {
        for (const WireEvent &e : std::as_const(events)) {
            if (format == WireFormat::Sse) {
                printLine({ { QStringLiteral("kind"), QStringLiteral("event") },
                            { QStringLiteral("event"), QString::fromUtf8(e.type) },
                            { QStringLiteral("data"), QString::fromUtf8(e.data) },
                            { QStringLiteral("id"), QString::fromUtf8(e.id) } });
            } else {
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(e.data, &error);
                QJsonValue json = doc.isObject() ? QJsonValue(doc.object())
                    : doc.isArray()              ? QJsonValue(doc.array())
                                                 : QJsonValue(QJsonValue::Null);
                QJsonObject line { { QStringLiteral("kind"), QStringLiteral("line") },
                                   { QStringLiteral("json"), json } };
                if (error.error != QJsonParseError::NoError)
                    line.insert(QStringLiteral("raw"), QString::fromUtf8(e.data));
                printLine(line);
            }
            if (adapter && !adapter->isComplete()) {
                adapter->handleEvent(e, items);
                for (const StreamItem &item : std::as_const(items))
                    printLine(itemJson(item));
                items.clear();
            }
        }
        events.clear();
    };

    const qsizetype step = qsizetype(*chunk);
    bool ok = true;
    while (ok) {
        const QByteArray bytes = file.read(step);
        if (bytes.isEmpty())
            break;
        ok = decoder->feed(bytes, events);
        emitEvents();
    }
    if (ok) {
        ok = decoder->finish(events);
        emitEvents();
    }
    CliCommon::out().flush();
    if (!ok) {
        CliCommon::printError(CliText::tr("%1: %2").arg(path, decoder->errorString()));
        return 1;
    }
    return 0;
}
