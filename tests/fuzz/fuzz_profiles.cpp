// ProfileStore::importJson on arbitrary bytes (a profile file a user was sent).
//
// Invariants beyond "no crash, no UB, no leak":
// - all or nothing: on failure no profile is added and the error says why;
// - on success every imported profile is valid, has a unique id that is not the embedded
//   one, a colour, and no API key;
// - what was imported exports and re-imports into an empty store unchanged in number.

#include "fuzzcheck.h"

#include "profiles/profilestore.h"

#include <QCoreApplication>
#include <QSet>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // The store asks QStandardPaths for its default path, which wants an application.
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    ProfileStore store;
    const qsizetype before = store.profiles().size();
    QString error;
    if (!store.importJson(json, &error)) {
        FUZZ_CHECK(!error.isEmpty());
        FUZZ_CHECK(store.profiles().size() == before);
        return 0;
    }
    const QStringList ids = store.lastImportedIds();
    FUZZ_CHECK(!ids.isEmpty());
    FUZZ_CHECK(store.profiles().size() == before + ids.size());
    QSet<QString> seen;
    for (const QString &id : ids) {
        FUZZ_CHECK(!ProfileStore::isEmbedded(id));
        FUZZ_CHECK(!seen.contains(id));
        seen.insert(id);
        const auto profile = store.profile(id);
        FUZZ_CHECK(profile.has_value());
        FUZZ_CHECK(profile->apiKey.isEmpty());
        FUZZ_CHECK(!profile->color.isEmpty());
        FUZZ_CHECK(ProfileStore::validate(*profile).isEmpty());
    }

    ProfileStore again;
    QString againError;
    FUZZ_CHECK(again.importJson(store.exportJson(ids), &againError));
    FUZZ_CHECK(again.lastImportedIds().size() == ids.size());
    return 0;
}
