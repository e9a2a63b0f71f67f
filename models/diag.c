/*
 * diag.c: formats one problem as the single line the contract asks for,
 * "file:line: store ID: field: message", leaving out the parts that are unknown.
 */
#include <stdarg.h>

#include "model.h"
#include "utf8.h"

/* Appends to d->text at *len; a line that does not fit is cut on a character boundary
 * and ends in "…". */
static void diag_vappend(diag *d, size_t *len, const char *fmt, va_list ap)
{
	size_t room = sizeof d->text - *len;

	if (room <= 1)
		return;
	int n = utf8_vformat(d->text + *len, room, fmt, ap);
	if (n < 0)
		d->text[*len] = '\0';
	else if ((size_t)n >= room)
		*len = sizeof d->text - 1;   /* cut: nothing more after the "…" */
	else
		*len += (size_t)n;
}

static void diag_append(diag *d, size_t *len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vappend(d, len, fmt, ap);
	va_end(ap);
}

void diag_set(diag *d, int status, const char *file, int line, const char *store_id,
	      const char *field, const char *fmt, ...)
{
	size_t len = 0;
	va_list ap;

	d->status = status;
	d->line = line;
	d->text[0] = '\0';
	if (file && line > 0)
		diag_append(d, &len, "%s:%d: ", file, line);
	else if (file)
		diag_append(d, &len, "%s: ", file);
	if (store_id && *store_id)
		diag_append(d, &len, "store %s: ", store_id);
	if (field && *field)
		diag_append(d, &len, "%s: ", field);
	va_start(ap, fmt);
	diag_vappend(d, &len, fmt, ap);
	va_end(ap);
}
