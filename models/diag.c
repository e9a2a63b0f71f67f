/*
 * diag.c: one problem, packed as its place (file, line, store, field), a message key and
 * named arguments, and worded as the single line the contract asks for, "file:line:
 * store ID: field: message", by the renderer the program installs (planner's words come
 * from templates/messages-LANG.txt; models/ holds no sentence).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "utf8.h"

static diag_renderer installed;

void diag_set_renderer(diag_renderer render)
{
	installed = render;
}

/* Appends s to d->msg at *len with every control character (DIAG_SEP among them) made a
 * space, then one DIAG_SEP
 * (unless last); text that does not fit is cut on a character boundary. */
static void pack(diag *d, size_t *len, const char *s, int last)
{
	size_t room = sizeof d->msg - *len;

	if (room <= 2)
		return;
	size_t n = utf8_truncate_n(d->msg + *len, room - 1, s ? s : "", s ? strlen(s) : 0);
	for (size_t i = 0; i < n; i++) {   /* one line, and DIAG_SEP only between parts */
		unsigned char ch = (unsigned char)d->msg[*len + i];
		if (ch < 0x20 || ch == 0x7F)
			d->msg[*len + i] = ' ';
	}
	*len += n;
	if (!last) {
		d->msg[(*len)++] = DIAG_SEP;
		d->msg[*len] = '\0';
	}
}

static void pack_place(diag *d, size_t *len, int status, const char *file, int line,
		       const char *store_id, const char *field)
{
	char num[16];

	d->status = status;
	d->line = line;
	d->msg[0] = '\0';
	*len = 0;
	snprintf(num, sizeof num, "%d", line > 0 ? line : 0);
	pack(d, len, file, 0);
	pack(d, len, num, 0);
	pack(d, len, store_id, 0);
	pack(d, len, field, 0);
}

void diag_vmsg(diag *d, int status, const char *file, int line, const char *store_id,
	       const char *field, const char *key, va_list ap)
{
	size_t len;

	pack_place(d, &len, status, file, line, store_id, field);
	pack(d, &len, key, 0);
	for (const char *name = va_arg(ap, const char *); name; name = va_arg(ap, const char *)) {
		const char *value = va_arg(ap, const char *);
		pack(d, &len, name, 0);
		pack(d, &len, value, 0);
	}
	if (len > 0 && d->msg[len - 1] == DIAG_SEP)
		d->msg[--len] = '\0';
	diag_render(d->msg, d->text, sizeof d->text);
}

void diag_msg(diag *d, int status, const char *file, int line, const char *store_id,
	      const char *field, const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	diag_vmsg(d, status, file, line, store_id, field, key, ap);
	va_end(ap);
}

void diag_at(diag *d, int status, const char *file, int line, const char *store_id,
	     const char *field)
{
	diag_parts m;
	size_t len;

	diag_unpack(d->msg, &m);
	pack_place(d, &len, status, file, line, store_id, field);
	pack(d, &len, m.key, m.n_args == 0);
	for (size_t i = 0; i < m.n_args; i++) {
		pack(d, &len, m.name[i], 0);
		pack(d, &len, m.value[i], i + 1 == m.n_args);
	}
	diag_render(d->msg, d->text, sizeof d->text);
}


/* Cuts s at the next DIAG_SEP; returns the part after it, or NULL at the end. */
static char *next_part(char *s)
{
	char *sep = s ? strchr(s, DIAG_SEP) : NULL;

	if (!sep)
		return NULL;
	*sep = '\0';
	return sep + 1;
}

void diag_unpack(const char *packed, diag_parts *out)
{
	char *p = out->buf, *line;

	snprintf(out->buf, sizeof out->buf, "%s", packed ? packed : "");
	out->file = p;
	line = next_part(p);
	out->store = next_part(line);
	out->field = next_part((char *)out->store);
	out->key = next_part((char *)out->field);
	p = next_part((char *)out->key);
	out->line = line ? (int)strtol(line, NULL, 10) : 0;
	if (!out->store)
		out->store = "";
	if (!out->field)
		out->field = "";
	if (!out->key)
		out->key = "";
	out->n_args = 0;
	while (p && out->n_args < DIAG_ARGS_MAX) {
		char *value = next_part(p);
		out->name[out->n_args] = p;
		out->value[out->n_args] = value ? value : "";
		out->n_args++;
		p = next_part(value);
	}
}

/* Appends to out at *len, clamped to size (utf8_format cuts with "…"). */
static void add(char *out, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(char *out, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;

	if (*len + 1 >= size)
		return;
	va_start(ap, fmt);
	int n = utf8_vformat(out + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = (size_t)n >= size - *len ? size - 1 : *len + (size_t)n;
}

void diag_plain_message(const diag_parts *m, char *out, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	add(out, size, &len, "%s", m->key);
	for (size_t i = 0; i < m->n_args; i++) {
		if (m->key[0])
			add(out, size, &len, " %s=%s", m->name[i], m->value[i]);
		else
			add(out, size, &len, "%s", m->value[i]);
	}
}

/* The plain form, without a renderer: the place as the contract writes it, then the
 * message's plain form. */
static void render_plain(const char *packed, char *out, size_t size)
{
	diag_parts m;
	size_t len = 0;

	diag_unpack(packed, &m);
	out[0] = '\0';
	if (m.file[0] && m.line > 0)
		add(out, size, &len, "%s:%d: ", m.file, m.line);
	else if (m.file[0])
		add(out, size, &len, "%s: ", m.file);
	if (m.store[0])
		add(out, size, &len, "store %s: ", m.store);
	if (m.field[0])
		add(out, size, &len, "%s: ", m.field);
	diag_plain_message(&m, out + len, size - len);
}

void diag_render(const char *packed, char *out, size_t size)
{
	if (size == 0)
		return;
	if (!packed || !strchr(packed, DIAG_SEP))
		utf8_truncate(out, size, packed ? packed : "");   /* worded already */
	else if (installed)
		installed(packed, out, size);
	else
		render_plain(packed, out, size);
}

const char *diag_words(char *out, size_t size, const char *key, ...)
{
	diag d;
	va_list ap;

	va_start(ap, key);
	diag_vmsg(&d, 0, NULL, 0, NULL, NULL, key, ap);
	va_end(ap);
	diag_render(d.msg, out, size);
	return out;
}
