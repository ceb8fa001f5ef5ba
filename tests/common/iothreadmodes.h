#pragma once

// The client's and the load runner's tests run every case twice: with the requests on the
// test's thread (StreamingClient's default) and on two I/O threads. In the test class:
//   void initTestCase_data() { addIoThreadModes(); }
//   void init() { s_ioThreads = ioThreadsOfThisRow(); }
// and client.setIoThreads(s_ioThreads) for every client the case makes.

#include <QTest>

inline void addIoThreadModes()
{
    QTest::addColumn<int>("ioThreads");
    QTest::newRow("own-thread") << 0;
    QTest::newRow("io-threads") << 2;
}

inline int ioThreadsOfThisRow()
{
    QFETCH_GLOBAL(int, ioThreads);
    return ioThreads;
}
