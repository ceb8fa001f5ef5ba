// What reading a token costs the kernel, and what batching the reads would save (issue "the
// client is never the bottleneck", the concurrency-100 target).
//
// An I/O thread reads each token the moment it arrives: one recvmsg() with the kernel's receive
// time per ready socket, as StampedTcpSocket does. A wait that reports k ready sockets costs k
// system calls. io_uring can take the same k reads in one system call. This measures both on k
// loopback connections, each with one SSE event waiting (the size of a token's event), so the
// decision to build it rests on a figure of this machine: CPU time of the reading thread per
// read, the reads only (the writes that make the sockets ready are not timed).
//
// Built only where liburing's headers are installed (Debian: liburing-dev); the product does
// not use io_uring.

#include <benchmark/benchmark.h>
#include <liburing.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <vector>

namespace {

constexpr char Event[] = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":"
                         "[{\"index\":0,\"delta\":{\"content\":\" token\"},\"finish_reason\":null}]}\n\n";
constexpr size_t EventBytes = sizeof Event - 1;

double threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

/// k connected loopback pairs: the client side stamps its segments, the server side sends
/// each write as its own segment.
class Pairs
{
public:
    explicit Pairs(int k)
    {
        const int listener = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            || getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0
            || listen(listener, k) != 0) {
            throw std::runtime_error("loopback listener");
        }
        const int on = 1;
        m_epoll = epoll_create1(0);
        for (int i = 0; i < k; ++i) {
            const int client = socket(AF_INET, SOCK_STREAM, 0);
            if (connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
                throw std::runtime_error("connect");
            const int server = accept(listener, nullptr, nullptr);
            setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
            setsockopt(client, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
            epoll_event watch {};
            watch.events = EPOLLIN;
            watch.data.u32 = uint32_t(i);
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, client, &watch);
            m_clients.push_back(client);
            m_servers.push_back(server);
        }
        close(listener);
        m_reads.resize(size_t(k));
    }
    ~Pairs()
    {
        for (const int fd : m_clients)
            close(fd);
        for (const int fd : m_servers)
            close(fd);
        close(m_epoll);
    }

    int size() const { return int(m_clients.size()); }
    int client(int i) const { return m_clients[size_t(i)]; }

    /// One event on every connection, and waits until the client sees all of them ready.
    void sendAndWait()
    {
        for (const int fd : m_servers) {
            if (write(fd, Event, EventBytes) != ssize_t(EventBytes))
                throw std::runtime_error("write");
        }
        std::vector<epoll_event> ready(m_clients.size());
        int seen = 0;
        while (seen < size()) {
            const int n = epoll_wait(m_epoll, ready.data(), size() - seen, 1000);
            if (n <= 0)
                throw std::runtime_error("the events did not arrive");
            seen += n;
        }
    }

    /// What one read needs: its buffer, its control buffer for the receive time, its header.
    struct Read
    {
        std::array<char, 16 * 1024> data {};
        alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(timespec))> control {};
        iovec io {};
        msghdr message {};

        msghdr *prepare()
        {
            io = { data.data(), data.size() };
            message = {};
            message.msg_iov = &io;
            message.msg_iovlen = 1;
            message.msg_control = control.data();
            message.msg_controllen = control.size();
            return &message;
        }
    };
    Read &read(int i) { return m_reads[size_t(i)]; }

private:
    std::vector<int> m_clients;
    std::vector<int> m_servers;
    std::vector<Read> m_reads;
    int m_epoll = -1;
};

/// k ready sockets read one recvmsg() each (what the client does today).
void BM_ReadEach(benchmark::State &state)
{
    Pairs pairs(int(state.range(0)));
    for (auto _ : state) {
        pairs.sendAndWait();
        const double start = threadCpuNs();
        for (int i = 0; i < pairs.size(); ++i) {
            const ssize_t n = recvmsg(pairs.client(i), pairs.read(i).prepare(), MSG_DONTWAIT);
            if (n != ssize_t(EventBytes))
                state.SkipWithError("short read");
        }
        state.SetIterationTime((threadCpuNs() - start) / 1e9 / double(pairs.size()));
    }
    state.counters["reads"] = double(pairs.size());
}

/// The same reads as one io_uring submission: one system call for the k of them.
void BM_ReadBatched(benchmark::State &state)
{
    Pairs pairs(int(state.range(0)));
    io_uring ring {};
    if (io_uring_queue_init(unsigned(pairs.size()), &ring, 0) != 0) {
        state.SkipWithError("io_uring is not available here");
        return;
    }
    for (auto _ : state) {
        pairs.sendAndWait();
        const double start = threadCpuNs();
        for (int i = 0; i < pairs.size(); ++i) {
            io_uring_sqe *entry = io_uring_get_sqe(&ring);
            io_uring_prep_recvmsg(entry, pairs.client(i), pairs.read(i).prepare(), MSG_DONTWAIT);
            io_uring_sqe_set_data64(entry, __u64(i));
        }
        io_uring_submit_and_wait(&ring, unsigned(pairs.size()));
        unsigned head = 0;
        unsigned seen = 0;
        io_uring_cqe *completion = nullptr;
        io_uring_for_each_cqe(&ring, head, completion)
        {
            if (completion->res != int(EventBytes))
                state.SkipWithError("short read");
            ++seen;
        }
        io_uring_cq_advance(&ring, seen);
        state.SetIterationTime((threadCpuNs() - start) / 1e9 / double(pairs.size()));
    }
    io_uring_queue_exit(&ring);
    state.counters["reads"] = double(pairs.size());
}

} // namespace

// A fixed number of rounds: the manual time (a read's) is so short that Google Benchmark would
// otherwise run hundreds of thousands of rounds, each with its untimed writes.
BENCHMARK(BM_ReadEach)->Arg(1)->Arg(10)->Arg(50)->UseManualTime()->Iterations(3000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ReadBatched)->Arg(1)->Arg(10)->Arg(50)->UseManualTime()->Iterations(3000)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
