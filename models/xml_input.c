/*
 * xml_input.c: the reader's input and its guards: the file opened by us (no URI, no
 * gzip, no stdin), a DOCTYPE refused before any parsing, reads of at most
 * READ_CHUNK_MAX bytes that refuse a start tag with thousands of attributes, and the
 * byte-order mark that decides the encoding.  Both drivers read through here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reader_ctx.h"
#include "xml_prolog.h"

#define PROLOG_SCAN_MAX 65536       /* bytes searched for a <!DOCTYPE before parsing */
#define READ_CHUNK_MAX 16384        /* largest read handed to libxml2 */

/* The line of a <!DOCTYPE in the file's first `window` bytes (after the prolog), or 0. */
int reader_doctype_line(reader_ctx *c, size_t window)
{
	unsigned char *buf;
	ssize_t n;

	if (c->in.size <= 0)
		return 0;   /* a pipe or an empty file: the parser finds out */
	if ((long long)window > c->in.size)
		window = (size_t)c->in.size;
	buf = malloc(window);
	if (!buf)
		return 0;
	n = pread(c->in.fd, buf, window, 0);
	int line = n > 0 ? xml_prolog_doctype_line(buf, (size_t)n) : 0;
	free(buf);
	return line;
}

/* 0 when the file starts without a DOCTYPE; else refuses it (fatal) and returns -1. */
static int refuse_doctype(reader_ctx *c)
{
	int line = reader_doctype_line(c, PROLOG_SCAN_MAX);

	if (line == 0)
		return 0;
	reader_fatal(c, EXIT_DATAERR, line, "xml.doctype", NULL);
	return -1;
}

/* ---- driver ------------------------------------------------------------------------------ */

/* The number of '=' in p[0..n). */
static size_t count_equals(const char *p, size_t n)
{
	size_t count = 0;
	const char *end = p + n;

	while ((p = memchr(p, '=', (size_t)(end - p))) != NULL) {
		count++;
		p++;
	}
	return count;
}

/* libxml2 reads the file through here.  Besides reading, it watches for one start tag
 * with thousands of attributes: libxml2 2.9 checks attribute names for duplicates in
 * quadratic time (200000 attributes take minutes).  '<' cannot occur inside a tag, so
 * the '=' signs since the last '<' bound the attributes of the tag being read.  Reads
 * are at most READ_CHUNK_MAX bytes, so only runs that cross a chunk boundary need counting:
 * a run inside one chunk has too few bytes to matter. */
int reader_input_read(void *arg, char *buf, int len)
{
	reader_ctx *c = arg;
	ssize_t n;

	if (len > READ_CHUNK_MAX)
		len = READ_CHUNK_MAX;
	if (c->part)
		n = reader_part_read(c, buf, (size_t)len);
	else
		do
			n = read(c->in.fd, buf, (size_t)len);
		while (n < 0 && errno == EINTR);
	if (n < 0) {
		c->in.read_errno = errno;
		return -1;
	}
	if (n == 0) {
		c->in.eof = 1;
		return 0;
	}
	c->in.bytes_read += (size_t)n;
	const char *first = memchr(buf, '<', (size_t)n);
	if (!first) {
		c->in.run_equals += count_equals(buf, (size_t)n);
	} else {
		c->in.run_equals += count_equals(buf, (size_t)(first - buf));
		if (c->in.run_equals <= INPUT_MAX_ATTRIBUTES) {
			const char *last = buf + n;
			while (*--last != '<')   /* stops at `first` at the latest */
				;
			c->in.run_equals = count_equals(last, (size_t)(buf + n - last));
		}
	}
	if (c->in.run_equals > INPUT_MAX_ATTRIBUTES) {
		c->in.refused = 1;
		return -1;
	}
	return (int)n;
}

int reader_input_close(void *arg)
{
	(void)arg;
	return 0;   /* the descriptor is ours: ctx_free closes it */
}

int reader_open(reader_ctx *c)
{
	struct stat st;

	/* our own descriptor: libxml2 would read "-" as stdin, take a name as a URI and
	 * quietly gunzip compressed input */
	c->in.fd = open(c->path, O_RDONLY | O_CLOEXEC);
	if (c->in.fd < 0) {
		reader_fatal(c, EXIT_NOINPUT, 0, "file.cannot-open", "reason", strerror(errno), NULL);
		return -1;
	}
	if (fstat(c->in.fd, &st) < 0) {
		reader_fatal(c, EXIT_NOINPUT, 0, "file.cannot-open", "reason", strerror(errno), NULL);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		reader_fatal(c, EXIT_NOINPUT, 0, "file.directory", NULL);
		return -1;
	}
	c->in.size = S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
	return refuse_doctype(c);
}

/* A DOCTYPE or entity the prolog scan did not reach (a long prolog, another encoding):
 * libxml2 parsed it without loading or expanding anything; the file is refused. */
void reader_refuse_late_doctype(reader_ctx *c)
{
	int doctype = reader_doctype_line(c, PROLOG_RESCAN_MAX);

	reader_fatal(c, EXIT_DATAERR, doctype > 0 ? doctype : reader_current_line(c),
		     "xml.doctype", NULL);
}


/* A byte-order mark wins over the encoding the XML declaration names: a file saved as
 * UTF-8 with a BOM and declared ISO-8859-1 (an edited export) is read as UTF-8, never
 * converted twice into garbled names. */
int reader_starts_with_bom(const unsigned char *p, size_t n)
{
	return (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) ||
	       (n >= 2 && ((p[0] == 0xFE && p[1] == 0xFF) || (p[0] == 0xFF && p[1] == 0xFE)));
}

/* Up to size bytes of the file, through reader_input_read (at most READ_CHUNK_MAX
 * bytes at a time, which its watch for huge tags relies on).  Short at the end of the
 * file or when reader_input_read failed (c->in.read_errno, c->in.refused). */
size_t reader_fill_chunk(reader_ctx *c, char *buf, size_t size)
{
	size_t got = 0;

	while (got < size) {
		int n = reader_input_read(c, buf + got, (int)(size - got));
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}
