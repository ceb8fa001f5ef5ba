#pragma once

#include <QByteArrayView>
#include <QJsonValue>

#include <optional>

/// \brief What the workload readers (datasets, traces) share: blank lines, where in a file a
/// byte is (for an error's "line L, column C"), and the numbers a user's file may give.
namespace InputText {
/// JSON's and CSV's white space, and the vertical tab and form feed.
bool isSpace(char c);
/// True when \a bytes is empty or only white space.
bool isBlank(QByteArrayView bytes);
/// 1-based line of byte \a offset of \a body.
int lineOf(QByteArrayView body, qsizetype offset);
/// 1-based column of byte \a offset, in characters (code points) from the start of its line.
int columnOf(QByteArrayView body, qsizetype offset);
/// A JSON number that is a whole number from 1 to INT_MAX, or nullopt.
std::optional<int> positiveInt(const QJsonValue &value);
} // namespace InputText
