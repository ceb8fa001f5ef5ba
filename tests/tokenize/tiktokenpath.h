#pragma once

// The tiktoken rank files for tests: the build tree's copy (CMake passes its path). Tests
// that need them QSKIP when they are missing, or QFAIL when TOKENSCOPE_REQUIRE_TIKTOKEN=1
// (scripts/test.sh sets it, so CI cannot pass without exact counts).

#include "tokenize/tokencounter.h"

#include <QTest>

inline std::shared_ptr<const BpeEncoding> testEncoding(BpeEncodingId id, QString *why)
{
    TiktokenFiles::setDirectory(QStringLiteral(TOKENSCOPE_TIKTOKEN_DIR));
    return TiktokenFiles::encoding(id, why);
}

inline bool tiktokenRequired()
{
    return qEnvironmentVariableIntValue("TOKENSCOPE_REQUIRE_TIKTOKEN") == 1;
}

// Use inside a test function: gets the encoding or skips/fails the test.
#define REQUIRE_ENCODING(var, id)                                                                            \
    QString var##Why;                                                                                        \
    const auto var = testEncoding(id, &var##Why);                                                            \
    if (!var) {                                                                                              \
        if (tiktokenRequired())                                                                              \
            QFAIL(qPrintable(var##Why));                                                                     \
        QSKIP(qPrintable(var##Why));                                                                         \
    }
