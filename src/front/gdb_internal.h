/* Between the GDB stub's transport (gdbstub.c) and its packet handlers (gdb_packets.c); both
 * run on the stub's thread only. */
#ifndef FRONT_GDB_INTERNAL_H
#define FRONT_GDB_INTERNAL_H

#include "front/gdbstub.h"

/* Sends one packet with payload data[0..len), escaping what the protocol requires. */
void gdb_send(gdbstub_t *g, const char *data, size_t len);
void gdb_send_str(gdbstub_t *g, const char *s);
/* Handles a received packet (payload NUL-terminated, binary data unescaped for X). */
void gdb_handle_packet(gdbstub_t *g, char *pkt, size_t len);
/* The stop reply for the machine's current stop; `async` for one the client waited for
 * (a pause then reports SIGINT). */
void gdb_send_stop_reply(gdbstub_t *g, bool async);
/* Ends the session as a detach: points removed, the machine runs, the socket closed. */
void gdb_session_end(gdbstub_t *g);

#endif
