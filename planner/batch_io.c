/*
 * batch_io.c: output files with a sticky error, RFC 4180 CSV fields and fast number
 * formatting for `planner batch` (batch_io.h).  A million-row CSV is the hot path:
 * fields go into out_buf's 64 KiB buffer by memcpy (out_buf.h, the writer render_out.c
 * uses too), whole numbers are formatted by integer math, and write(2) is called once
 * per buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_io.h"
#include "numbers.h"
#include "out_buf.h"

struct batch_file {
	out_buf out;          /* the fd, the 64 KiB buffer and the sticky error */
	int fields;           /* fields written in the current CSV row */
	char path[PATH_MAX];
};

batch_file *batch_file_create(const char *dir, const char *name)
{
	batch_file *f = malloc(sizeof *f);

	if (!f)
		return NULL;
	int n = snprintf(f->path, sizeof f->path, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof f->path) {
		free(f);
		errno = ENAMETOOLONG;
		return NULL;
	}
	int fd = open(f->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		int e = errno;
		free(f);
		errno = e;
		return NULL;
	}
	out_buf_init(&f->out, fd);
	f->fields = 0;
	return f;
}

void batch_file_write(batch_file *f, const void *p, size_t n)
{
	out_buf_write(&f->out, p, n);
}

void batch_file_puts(batch_file *f, const char *s)
{
	batch_file_write(f, s, strlen(s));
}

void batch_file_printf(batch_file *f, const char *fmt, ...)
{
	char small[1024];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		if (!f->out.err)
			f->out.err = EINVAL;
		return;
	}
	if ((size_t)n < sizeof small) {
		batch_file_write(f, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		if (!f->out.err)
			f->out.err = ENOMEM;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	batch_file_write(f, big, (size_t)n);
	free(big);
}

int batch_file_error(const batch_file *f)
{
	return f->out.err;
}

int batch_file_close(batch_file *f, char *msg, size_t size)
{
	out_buf_flush(&f->out);
	if (close(f->out.fd) < 0 && !f->out.err)
		f->out.err = errno;
	int err = f->out.err;
	if (err && msg)
		snprintf(msg, size, "%s: %s", f->path, strerror(err));
	free(f);
	return err;
}

static size_t put_uint(uint64_t v, char *out)
{
	size_t n = 1;

	for (uint64_t t = v; t >= 10; t /= 10)
		n++;
	for (size_t i = n; i-- > 0; v /= 10)
		out[i] = (char)('0' + v % 10);
	return n;
}

/* Room for n more bytes at the end of f's buffer (written out first when it lacks
 * them): where they go (the caller adds them to f->out.len), or NULL after an error. */
static char *room(batch_file *f, size_t n)
{
	if (f->out.len + n > sizeof f->out.buf)
		out_buf_flush(&f->out);
	return f->out.err ? NULL : f->out.buf + f->out.len;
}

/* The separator of the next field of the row at p; its length. */
static size_t put_separator(batch_file *f, char *p)
{
	if (f->fields++ == 0)
		return 0;
	*p = ',';
	return 1;
}

/* ---- CSV --------------------------------------------------------------------------------- */

void batch_csv_bom(batch_file *f)
{
	batch_file_write(f, "\xEF\xBB\xBF", 3);
}

static void separator(batch_file *f)
{
	if (f->fields++ == 0)
		return;
	if (f->out.len < sizeof f->out.buf)
		f->out.buf[f->out.len++] = ',';
	else
		batch_file_write(f, ",", 1);
}

void batch_csv_field(batch_file *f, const char *s)
{
	separator(f);
	if (!s)
		return;
	size_t n = 0;    /* strcspn(s, ",\"\r\n"), which costs more on short fields */
	while (s[n] && s[n] != ',' && s[n] != '"' && s[n] != '\r' && s[n] != '\n')
		n++;
	if (s[n] == '\0') {
		batch_file_write(f, s, n);
		return;
	}
	batch_file_write(f, "\"", 1);
	for (;;) {
		const char *q = strchr(s, '"');
		if (!q) {
			batch_file_puts(f, s);
			break;
		}
		batch_file_write(f, s, (size_t)(q - s) + 1);
		batch_file_write(f, "\"", 1);    /* the quote, doubled */
		s = q + 1;
	}
	batch_file_write(f, "\"", 1);
}

void batch_csv_text(batch_file *f, const char *s)
{
	char guarded[2048];

	if (!s || s[0] == '\0' || !strchr("=+-@\t\r", s[0])) {
		batch_csv_field(f, s);
		return;
	}
	snprintf(guarded, sizeof guarded, "'%s", s);
	batch_csv_field(f, guarded);
}

void batch_csv_plain(batch_file *f, const char *s)
{
	char *p = room(f, 1 + 16);

	if (!p)
		return;
	size_t n = put_separator(f, p);
	while (*s && n < 1 + 16)    /* the usual short word: copied here */
		p[n++] = *s++;
	f->out.len += n;
	if (*s)
		batch_file_puts(f, s);
}

/* Numbers are formatted straight into the buffer: the hot path of the tables. */
void batch_csv_num(batch_file *f, double x, int decimals)
{
	char *p = room(f, 1 + 40);

	if (!p)
		return;
	size_t n = put_separator(f, p);
	f->out.len += n + batch_format_num(x, decimals, p + n);
}

void batch_csv_count(batch_file *f, size_t v)
{
	char *p = room(f, 1 + 20);

	if (!p)
		return;
	size_t n = put_separator(f, p);
	f->out.len += n + put_uint(v, p + n);
}

void batch_csv_end(batch_file *f)
{
	batch_file_write(f, "\r\n", 2);
	f->fields = 0;
}

/* ---- numbers ------------------------------------------------------------------------------ */

size_t batch_format_num(double x, int decimals, char *out)
{
	static const double scale[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	size_t n = 0;

	if (isnan(x)) {
		out[0] = '\0';
		return 0;
	}
	if (fabs(x) < 9e15 && x == (double)(int64_t)x) {    /* whole numbers: most figures */
		int64_t v = (int64_t)x;
		if (v < 0)
			out[n++] = '-';
		n += put_uint(v < 0 ? (uint64_t)-v : (uint64_t)v, out + n);
		out[n] = '\0';
		return n;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	if (!(round(fabs(x) * scale[decimals]) < 9e15)) {   /* too large for integer math, or infinite */
		int k = snprintf(out, 40, "%.*g", 15, x);
		return k > 0 ? (size_t)k : 0;
	}
	return number_round(x, decimals, out, 40);   /* the one rounding rule (models/numbers.c) */
}
