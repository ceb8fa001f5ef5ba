#pragma once

#include <QObject>
#include <QString>

/*!
 * \brief The child widget of type \a W named \a name, found the way a user-level test should:
 * by its object name. Null (with a warning naming what is missing) when there is none, so
 * that a QVERIFY at the call site says which one failed.
 */
template<class W> W *child(const QObject *parent, const char *name)
{
    W *widget = parent->findChild<W *>(QString::fromLatin1(name));
    if (!widget)
        qWarning("no %s named \"%s\" in %s", W::staticMetaObject.className(), name,
                 parent->metaObject()->className());
    return widget;
}
