/*
 * out_buf.h: the buffered writer under every output file (batch_io.c's tables and
 * summaries, render_out.c's plans and imported regions): bytes gather in a 64 KiB
 * buffer and reach the file descriptor by write(2) once per buffer.  The first error
 * (an errno value) is kept and later writes do nothing, so writing code stays linear
 * and its caller checks once, at the end (as cairo's own status works).
 */
#ifndef PLANNER_OUT_BUF_H
#define PLANNER_OUT_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct out_buf {
	int fd;
	int err;                 /* first errno, 0 while all is well */
	size_t len;              /* bytes waiting in buf */
	char buf[1 << 16];
} out_buf;

/* An empty buffer writing to fd (-1: none yet), no error. */
void out_buf_init(out_buf *b, int fd);
/* Writes what the buffer holds (retrying short writes and EINTR); empties it. */
void out_buf_flush(out_buf *b);
/* out_buf_write when the bytes do not fit the buffer, or after an error. */
void out_buf_write_more(out_buf *b, const void *p, size_t n);

/* Appends n bytes.  Inline: while they fit it is one memcpy, the hot path of a
 * million-row CSV. */
static inline void out_buf_write(out_buf *b, const void *p, size_t n)
{
	if (b->len + n <= sizeof b->buf && !b->err) {
		memcpy(b->buf + b->len, p, n);
		b->len += n;
		return;
	}
	out_buf_write_more(b, p, n);
}

#endif
