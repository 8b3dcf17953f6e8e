/* Listening sockets for the GDB stub and QMP, and whole-buffer sends that never raise
 * SIGPIPE (a client that went away is an error return, not a dead emulator). */
#ifndef FRONT_SOCK_H
#define FRONT_SOCK_H

#include <stdbool.h>
#include <stddef.h>

/* "tcp:[HOST]:PORT" (an empty HOST listens on every interface, as QEMU does) or
 * "unix:PATH" (a stale socket file is replaced). Options after a comma are the caller's and
 * must have been cut off. Returns the listening fd, or -1 with a one-line reason in err. */
int sock_listen(const char *spec, char *err, size_t errlen);
/* Sends all of buf; false if the peer is gone or the socket failed. */
bool sock_send_all(int fd, const void *buf, size_t len);
/* Accepts a connection (close-on-exec, TCP_NODELAY on TCP); -1 on failure. */
int sock_accept(int listen_fd);

#endif
