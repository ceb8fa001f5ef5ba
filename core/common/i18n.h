#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

/// \brief Installs TokenScope's translation (and Qt's own) for a language.
namespace I18n {
/// The languages TokenScope ships, as locale names ("en", "zh_CN").
QStringList availableLanguages();
/// The display name of \a language in that language ("English", "简体中文").
QString nativeName(const QString &language);
/// Installs translators for \a language ("" or "system" = the system locale). Returns the
/// language actually used ("en" when nothing matched: the source strings are English).
QString install(QCoreApplication &app, const QString &language);
} // namespace I18n
