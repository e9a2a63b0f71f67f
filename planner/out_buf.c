/*
 * out_buf.c: the buffered writer with a sticky error (see out_buf.h).
 */
#include <errno.h>
#include <unistd.h>

#include "out_buf.h"

void out_buf_init(out_buf *b, int fd)
{
	b->fd = fd;
	b->err = 0;
	b->len = 0;
}

void out_buf_flush(out_buf *b)
{
	size_t off = 0;

	while (off < b->len && !b->err) {
		ssize_t n = write(b->fd, b->buf + off, b->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			b->err = n < 0 ? errno : EIO;
		else
			off += (size_t)n;
	}
	b->len = 0;
}

void out_buf_write_more(out_buf *b, const void *p, size_t n)
{
	const char *s = p;

	while (n > 0 && !b->err) {
		if (b->len == sizeof b->buf)
			out_buf_flush(b);
		if (b->err)
			return;
		size_t room = sizeof b->buf - b->len;
		size_t k = n < room ? n : room;
		memcpy(b->buf + b->len, s, k);
		b->len += k;
		s += k;
		n -= k;
	}
}
