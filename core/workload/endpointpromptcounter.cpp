#include "endpointpromptcounter.h"

#include "tokenize/endpointtokencounter.h"

#include <QCoreApplication>
#include <QCoroTask>

#include <limits>
#include <memory>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EndpointPromptCounter", text);
}

// A sentence with words, digits and punctuation, so that the template's share is not
// confused with a tokenizer's handling of one kind of text.
const QString ProbeText = QStringLiteral("How many tokens does this sentence take, 42 or 43?");

} // namespace

std::optional<PromptTokenCounter> EndpointPromptCounter::create(const EndpointProfile &profile, QString *error)
{
    auto counter = std::make_shared<EndpointTokenCounter>();
    const TokenCount probe = QCoro::waitFor(counter->tokenizeRoute(profile, ProbeText));
    if (probe.tokens < 0) {
        if (error)
            *error = tr("the endpoint counts no tokens at %1/tokenize (%2): use a named encoding instead")
                         .arg(EndpointTokenCounter::rootUrl(profile).toString(), probe.note);
        return std::nullopt;
    }
    PromptTokenCounter result;
    result.method = CountMethod::Endpoint;
    result.source = QStringLiteral("POST /tokenize");
    // A count the endpoint cannot give is no length: the generator then fails with its error
    // rather than building on a wrong figure.
    result.count = [counter, profile](QStringView text) -> qsizetype {
        const TokenCount c = QCoro::waitFor(counter->tokenizeRoute(profile, text.toString()));
        return c.tokens < 0 ? std::numeric_limits<qsizetype>::max() / 4 : qsizetype(c.tokens);
    };
    return result;
}

std::optional<qint64> EndpointPromptCounter::templateOverhead(const EndpointProfile &profile, QString *error)
{
    EndpointTokenCounter counter;
    const TokenCount text = QCoro::waitFor(counter.tokenizeRoute(profile, ProbeText));
    const TokenCount usage = QCoro::waitFor(counter.promptUsage(profile, ProbeText));
    if (text.tokens < 0 || usage.tokens < 0) {
        if (error)
            *error = text.tokens < 0 ? text.note : usage.note;
        return std::nullopt;
    }
    return usage.tokens - text.tokens;
}
