// Implementations of the CLinux.h wrappers; each is a thin pass-through to one Linux call.
#define _GNU_SOURCE
#include "CLinux.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

int clinux_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int clinux_epoll_add(int epollFD, int fd, uint32_t events, uint64_t token) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event);
}

int clinux_epoll_delete(int epollFD, int fd) {
    struct epoll_event event = {0};
    return epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, &event);
}

int clinux_epoll_wait(int epollFD, clinux_epoll_event *events, int maxEvents, int timeoutMilliseconds) {
    struct epoll_event raw[1024];
    if (maxEvents > 1024) maxEvents = 1024;
    int count = epoll_wait(epollFD, raw, maxEvents, timeoutMilliseconds);
    for (int i = 0; i < count; i++) {
        events[i].events = raw[i].events;
        events[i].token = raw[i].data.u64;
    }
    return count;
}

int clinux_eventfd_create(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

int clinux_eventfd_signal(int fd) { return eventfd_write(fd, 1); }

void clinux_eventfd_drain(int fd) {
    eventfd_t value;
    (void)eventfd_read(fd, &value);
}

int clinux_stream_socket(int domain) { return socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); }

int clinux_accept(int fd, struct sockaddr *address, socklen_t *length) {
    return accept4(fd, address, length, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

int clinux_set_tcp_nodelay(int fd) {
    int one = 1;
    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

int clinux_set_reuse_address(int fd) {
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
}

int64_t clinux_monotonic_nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

void clinux_set_thread_name(const char *name) {
    char truncated[16];
    snprintf(truncated, sizeof(truncated), "%s", name);
    pthread_setname_np(pthread_self(), truncated);
}

void clinux_line_buffer_stdout(void) { setvbuf(stdout, NULL, _IOLBF, 0); }
