// Linux system calls that Swift's Glibc module does not expose (epoll, eventfd, accept4),
// wrapped so that Swift never has to deal with packed structs, unions or variadic functions.
#ifndef CLINUX_H
#define CLINUX_H

#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

// epoll event bits, as plain integers.
static const uint32_t CLINUX_EPOLLIN = 0x001;
static const uint32_t CLINUX_EPOLLPRI = 0x002;
static const uint32_t CLINUX_EPOLLOUT = 0x004;
static const uint32_t CLINUX_EPOLLERR = 0x008;
static const uint32_t CLINUX_EPOLLHUP = 0x010;
static const uint32_t CLINUX_EPOLLRDHUP = 0x2000;
static const uint32_t CLINUX_EPOLLEXCLUSIVE = 1u << 28;
static const uint32_t CLINUX_EPOLLET = 1u << 31;

/// One ready event: the epoll bits and the 64-bit token registered with the file descriptor.
typedef struct {
    uint32_t events;
    uint64_t token;
} clinux_epoll_event;

/// epoll_create1(EPOLL_CLOEXEC).
int clinux_epoll_create(void);
/// epoll_ctl(EPOLL_CTL_ADD) with the given bits and token.
int clinux_epoll_add(int epollFD, int fd, uint32_t events, uint64_t token);
/// epoll_ctl(EPOLL_CTL_DEL).
int clinux_epoll_delete(int epollFD, int fd);
/// epoll_wait into an unpacked array (at most 1024 events per call).
int clinux_epoll_wait(int epollFD, clinux_epoll_event *events, int maxEvents, int timeoutMilliseconds);

/// eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC).
int clinux_eventfd_create(void);
/// Adds 1 to the eventfd counter, waking any epoll waiting on it.
int clinux_eventfd_signal(int fd);
/// Resets the eventfd counter to zero.
void clinux_eventfd_drain(int fd);

/// socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0).
int clinux_stream_socket(int domain);
/// accept4(..., SOCK_NONBLOCK | SOCK_CLOEXEC).
int clinux_accept(int fd, struct sockaddr *address, socklen_t *length);
/// setsockopt(IPPROTO_TCP, TCP_NODELAY, 1).
int clinux_set_tcp_nodelay(int fd);
/// setsockopt(SOL_SOCKET, SO_REUSEADDR, 1).
int clinux_set_reuse_address(int fd);

/// CLOCK_MONOTONIC in nanoseconds.
int64_t clinux_monotonic_nanoseconds(void);
/// Names the calling thread (shows up in top, perf and gdb); names are cut to 15 bytes.
void clinux_set_thread_name(const char *name);
/// Makes stdout line-buffered, so logs of a server run under a pipe or Docker appear at once.
void clinux_line_buffer_stdout(void);

#endif
