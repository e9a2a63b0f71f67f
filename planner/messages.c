/*
 * messages.c: planner's own messages worded from templates/messages-LANG.txt (see
 * messages.h): the renderer of every diag, and the words of stdout and stderr lines.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "datapath.h"
#include "messages.h"
#include "utf8.h"

#define MESSAGES_LANGS 4

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char lang[TMPL_LANG_MAX];
	tmpl_set *set;        /* NULL when the file could not be read */
} loaded[MESSAGES_LANGS];
static size_t n_loaded;
static const tmpl_set *english;

static tmpl_set *load(const char *lang)
{
	char dir[1024], path[1100];
	tmpl_set *set = NULL;
	diag err;

	datapath_file("templates", dir, sizeof dir);
	snprintf(path, sizeof path, "%s/messages-%s.txt", dir, lang);
	if (tmpl_load_text(path, lang, &set, &err) != EXIT_OK)
		return NULL;
	return set;
}

const tmpl_set *messages_of(const char *lang)
{
	const tmpl_set *found = NULL;
	size_t i;

	if (!lang || !*lang || strlen(lang) >= TMPL_LANG_MAX ||
	    strspn(lang, "abcdefghijklmnopqrstuvwxyz-_") != strlen(lang))
		lang = "en";
	pthread_mutex_lock(&lock);
	for (i = 0; i < n_loaded; i++)
		if (strcmp(loaded[i].lang, lang) == 0)
			break;
	if (i == n_loaded && n_loaded < MESSAGES_LANGS) {
		snprintf(loaded[i].lang, sizeof loaded[i].lang, "%s", lang);
		loaded[i].set = load(lang);
		n_loaded++;
	}
	if (i < n_loaded)
		found = loaded[i].set;
	pthread_mutex_unlock(&lock);
	if (!found && strcmp(lang, "en") != 0)
		return messages_of("en");
	return found;
}

/* The words of m's message in set (m.key with m's arguments; an empty key's "text"). */
static void words(const tmpl_set *set, const diag_parts *m, char *out, size_t size)
{
	tmpl_arg args[DIAG_ARGS_MAX];

	for (size_t i = 0; i < m->n_args; i++)
		args[i] = (tmpl_arg){ m->name[i], m->value[i] };
	if (m->key[0] && set && tmpl_get(set, m->key))
		tmpl_format(set, m->key, NULL, args, m->n_args, out, size);
	else    /* worded already (the empty key's text), or no words for the key: never blank */
		diag_plain_message(m, out, size);
}

const char *messages_words(const tmpl_set *set, const char *packed, char *out, size_t size)
{
	diag_parts m;

	if (!packed || !strchr(packed, DIAG_SEP)) {
		utf8_truncate(out, size, packed ? packed : "");   /* worded already */
		return out;
	}
	diag_unpack(packed, &m);
	if (m.key[0] && !(set && tmpl_get(set, m.key)))
		set = messages_of("en");    /* a key this language lacks: its English words */
	words(set, &m, out, size);
	return out;
}

/* Appends the place key's words to out at *len. */
static void place(const tmpl_set *set, const char *key, const tmpl_arg *args, size_t n,
		  char *out, size_t size, size_t *len)
{
	if (*len + 1 >= size)
		return;
	tmpl_format(set, key, NULL, args, n, out + *len, size - *len);
	*len += strlen(out + *len);
}

/* The diag renderer: "file:line: store ID: field: message" in English. */
static void render_english(const char *packed, char *out, size_t size)
{
	diag_parts m;
	char line[16];
	size_t len = 0;

	diag_unpack(packed, &m);
	snprintf(line, sizeof line, "%d", m.line);
	tmpl_arg at[] = { { "file", m.file }, { "line", line }, { "store", m.store },
			  { "field", m.field } };
	out[0] = '\0';
	if (m.file[0])
		place(english, m.line > 0 ? "at.file-line" : "at.file", at, 4, out, size, &len);
	if (m.store[0])
		place(english, "at.store", at, 4, out, size, &len);
	if (m.field[0])
		place(english, "at.field", at, 4, out, size, &len);
	if (len + 1 < size)
		words(english, &m, out + len, size - len);
}

void messages_init(void)
{
	english = messages_of("en");
	if (english)
		diag_set_renderer(render_english);
}

const char *messages_vformat(char *out, size_t size, const char *key, va_list ap)
{
	diag_parts m = { .file = "", .store = "", .field = "", .key = key };

	for (const char *name = va_arg(ap, const char *); name && m.n_args < DIAG_ARGS_MAX;
	     name = va_arg(ap, const char *)) {
		const char *value = va_arg(ap, const char *);
		m.name[m.n_args] = name;
		m.value[m.n_args++] = value ? value : "";
	}
	words(english, &m, out, size);
	return out;
}

const char *messages_format(char *out, size_t size, const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	messages_vformat(out, size, key, ap);
	va_end(ap);
	return out;
}

void messages_print(FILE *f, const char *key, ...)
{
	char text[4096];
	va_list ap;

	va_start(ap, key);
	messages_vformat(text, sizeof text, key, ap);
	va_end(ap);
	fputs(text, f);
	fputc('\n', f);
}
