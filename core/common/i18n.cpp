#include "i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

QStringList I18n::availableLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("zh_CN") };
}

QString I18n::nativeName(const QString &language)
{
    if (language == u"zh_CN")
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

QString I18n::install(QCoreApplication &app, const QString &language)
{
    const QLocale locale
        = (language.isEmpty() || language == u"system") ? QLocale::system() : QLocale(language);
    auto *ours = new QTranslator(&app);
    // The .qm files are compiled into the binary (see translations/CMakeLists.txt).
    if (!ours->load(locale, QStringLiteral("tokenscope"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || locale.language() == QLocale::English) {
        // English, or a language without a catalogue: the English one, which holds only the
        // plural forms ("1 level", "2 levels" for "%n level(s)").
        if (ours->load(QStringLiteral(":/i18n/tokenscope_en.qm")))
            app.installTranslator(ours);
        else
            delete ours;
        return QStringLiteral("en");
    }
    app.installTranslator(ours);
    // Qt's own strings (standard dialogs, buttons), when Debian's qt6-translations-l10n has them.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return locale.name();
}
