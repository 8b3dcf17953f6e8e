/* Character back ends (-chardev) for devices such as virtio-console: where a byte stream
 * from the guest goes and where its input comes from.
 *
 *   socket  a listening Unix (path=) or TCP (host=,port=) socket; one client at a time, the
 *           next one is accepted once it leaves. Only server=on,wait=off (the guest never
 *           waits for a client). Output while no client is connected is dropped.
 *   file    output appended to path= (truncated at start-up); no input.
 *   null    output dropped; no input.
 *
 * THREADS. A chardev lives on the I/O thread: its descriptors are loop watches, and every
 * function except chardev_new/chardev_free must be called there, as are the front end's
 * callbacks (with no lock held). Nothing blocks the loop: output goes through a bounded buffer
 * flushed when the socket is writable, and input is read only as far as the front end says it
 * can take (backpressure: a front end that can take nothing pauses input until it calls
 * chardev_accept_input). */
#ifndef DEV_CHARDEV_H
#define DEV_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/evloop.h"
#include "util/log.h"

#define CHARDEV_OUT_BUF 65536 /* bytes of output held for a slow client */
#define CHARDEV_PATH_MAX 108  /* sun_path */

typedef enum { CHARDEV_NULL, CHARDEV_FILE, CHARDEV_SOCKET } chardev_kind_t;

typedef struct chardev_cfg {
    chardev_kind_t kind;
    char path[CHARDEV_PATH_MAX]; /* file, or Unix socket; empty for TCP */
    char host[64];               /* TCP listen address (numeric IPv4) */
    uint16_t port;               /* TCP port */
} chardev_cfg_t;

/* Parses `-chardev TYPE,PROPS` (TYPE = socket|file|null; PROPS after the type, id= skipped).
 * -1 with a one-line reason. */
int chardev_parse(const char *type, const char *props, chardev_cfg_t *cfg, char *err,
                  size_t errlen);

/* What the device in front of a chardev provides (called on the I/O thread). */
typedef struct chardev_frontend {
    /* Bytes the front end can take now; 0 pauses input until chardev_accept_input. */
    size_t (*can_read)(void *opaque);
    /* Input: at most what can_read last returned. */
    void (*read)(void *opaque, const uint8_t *buf, size_t len);
    /* Output space is available again after chardev_write accepted less than offered. */
    void (*writable)(void *opaque);
} chardev_frontend_t;

typedef struct chardev chardev_t;

/* Opens the back end (creates the file, binds and listens on the socket) and registers its
 * watches with `io`. NULL with a one-line reason. Any thread. */
chardev_t *chardev_new(evloop_t *io, log_ctx_t *log, const chardev_cfg_t *cfg, char *err,
                       size_t errlen);
/* Connects the front end; before the loop runs, or on the loop thread. */
void chardev_attach(chardev_t *c, const chardev_frontend_t *fe, void *opaque);
/* Output: returns the bytes taken. All of them when they were sent, buffered or dropped (no
 * client); fewer when the buffer is full, and `writable` follows once there is room. */
size_t chardev_write(chardev_t *c, const uint8_t *buf, size_t len);
/* The front end can take input again (after can_read returned 0). */
void chardev_accept_input(chardev_t *c);
/* True while a client is connected (socket), always for file and null. */
bool chardev_connected(const chardev_t *c);
/* Closes everything (Unix socket files are removed). Any thread holding no lock. */
void chardev_free(chardev_t *c);

#endif
