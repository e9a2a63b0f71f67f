/*
 * xml_split_plan.c: where a large region file is cut for the parallel read
 * (xml_split.c): its prolog and root start tag are found and checked (an encoding whose
 * bytes below 0x80 are not always ASCII, UTF-16, an unusual root: not split), and the
 * body is cut before <store elements into parts of about equal size (and, while they are
 * read, a part with much left is cut again for a thread done with its own: xml_split.c).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xml_split.h"

/* A byte count from the environment (for tests), else `otherwise`. */
static long long bytes_from_env(const char *name, long long otherwise)
{
	const char *v = getenv(name);
	char *end;

	if (!v || !*v)
		return otherwise;
	long long n = strtoll(v, &end, 10);
	return *end == '\0' && n > 0 ? n : otherwise;
}

static int is_blank_byte(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* The end of s's first occurrence of `what` in [from, n), or 0. */
static size_t head_find_end(const unsigned char *s, size_t from, size_t n, const char *what)
{
	size_t len = strlen(what);

	for (size_t i = from; i + len <= n; i++)
		if (memcmp(s + i, what, len) == 0)
			return i + len;
	return 0;
}

/* Encodings whose bytes below 0x80 are ASCII characters, whatever comes before them:
 * a '<' is a '<', and later parts read the same declaration as the first. */
static int encoding_splits(const unsigned char *decl, size_t n)
{
	static const char *const prefixes[] = { "utf-8", "utf8", "us-ascii", "ascii", "iso-8859-",
		"latin1", "gb2312", "gbk", "gb18030", "big5", "windows-125" };
	size_t at = 0;

	for (size_t i = 0; i + 8 <= n && !at; i++)
		if (memcmp(decl + i, "encoding", 8) == 0)
			at = i + 8;
	if (!at)
		return 1;   /* UTF-8 */
	while (at < n && (is_blank_byte(decl[at]) || decl[at] == '='))
		at++;
	if (at >= n || (decl[at] != '"' && decl[at] != '\''))
		return 0;
	const unsigned char *name = decl + at + 1, *close = memchr(name, decl[at], n - at - 1);
	if (!close)
		return 0;
	size_t len = (size_t)(close - name);
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t k = strlen(prefixes[i]);
		int whole = prefixes[i][k - 1] != '-' && strcmp(prefixes[i], "windows-125") != 0;
		if (len >= k && (!whole || len == k) &&
		    strncasecmp((const char *)name, prefixes[i], k) == 0)
			return 1;
	}
	return 0;
}

/* Finds the prolog and the root start tag <region ...> in run->head[0..n): 0 with
 * header_len set, or -1 when the file is not one to split (UTF-16, an encoding outside
 * encoding_splits, an empty or unusual root, a lone CR before the root). */
static int plan_header(split_run *r, size_t n)
{
	const unsigned char *s = r->head;
	size_t i = 0;

	if (n >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE) ||
		       s[0] == 0 || s[1] == 0))
		return -1;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	if (n >= i + 5 && memcmp(s + i, "<?xml", 5) == 0) {
		size_t end = head_find_end(s, i, n, "?>");
		if (!end || !encoding_splits(s + i, end - i))
			return -1;
		i = end;
	}
	for (;;) {
		while (i < n && is_blank_byte(s[i]))
			i++;
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
			i = head_find_end(s, i + 4, n, "-->");
		else if (n - i >= 2 && memcmp(s + i, "<?", 2) == 0)
			i = head_find_end(s, i + 2, n, "?>");
		else
			break;
		if (!i)
			return -1;
	}
	if (n - i < 8 || memcmp(s + i, "<region", 7) != 0 || !(is_blank_byte(s[i + 7]) || s[i + 7] == '>'))
		return -1;
	unsigned char quote = 0;
	for (i += 7; i < n; i++) {
		if (quote) {
			quote = s[i] == quote ? 0 : quote;
		} else if (s[i] == '"' || s[i] == '\'') {
			quote = s[i];
		} else if (s[i] == '>') {
			if (s[i - 1] == '/')
				return -1;
			break;
		}
	}
	if (i >= n)
		return -1;
	r->header_len = i + 1;
	for (size_t k = 0; k < r->header_len; k++) {
		r->header_newlines += s[k] == '\n';
		if (s[k] == '\r' && (k + 1 >= r->header_len || s[k + 1] != '\n'))
			return -1;
	}
	return 0;
}

long long split_find_cut(const split_run *r, long long from, char *buf)
{
	enum { TAG = 7 };   /* "<store" and the byte after it */
	long long limit = from + SPLIT_CUT_SEARCH < r->size ? from + SPLIT_CUT_SEARCH : r->size;

	while (from + TAG <= limit) {
		size_t want = limit - from < SPLIT_CUT_WINDOW ? (size_t)(limit - from) : SPLIT_CUT_WINDOW;
		ssize_t n = pread(r->fd, buf, want, from);
		if (n < TAG)
			return -1;
		for (const char *p = buf; (p = memchr(p, '<', (size_t)(buf + n - TAG + 1 - p)));
		     p++) {
			if (memcmp(p, "<store", 6) == 0 &&
			    (is_blank_byte((unsigned char)p[6]) || p[6] == '>' || p[6] == '/'))
				return from + (p - buf);
		}
		from += n - TAG + 1;
	}
	return -1;
}

/* Cuts the file into up to `jobs` parts of about the same size: how many. */
static int plan_parts(split_run *r, int jobs)
{
	long long begin = 0;
	int n = 0;
	char *buf = malloc(SPLIT_CUT_WINDOW);

	r->cap_parts = jobs + SPLIT_MAX_TAKEN;
	r->parts = calloc((size_t)r->cap_parts, sizeof *r->parts);
	r->newlines = malloc((size_t)jobs * sizeof *r->newlines);
	if (!buf || !r->parts || !r->newlines) {
		free(buf);
		return 0;
	}
	for (int k = 1; k <= jobs; k++) {
		long long end = r->size;
		if (k < jobs) {
			long long target = r->size / jobs * k;
			if (target <= begin)
				target = begin + 1;
			if (target < (long long)r->header_len)
				target = (long long)r->header_len;
			end = split_find_cut(r, target, buf);
			if (end < 0)
				end = r->size;   /* no cut found: the rest is one part */
		}
		reader_part *p = &r->parts[n];
		p->run = r;
		p->index = n;
		p->begin = begin;
		p->end = end;
		p->read_to = begin;
		p->lines_before = n == 0 ? 0 : -1;
		r->newlines[n] = -1;
		n++;
		begin = end;
		if (end == r->size)
			break;
	}
	r->parts[n - 1].last = 1;
	r->n_planned = n;
	free(buf);
	return n;
}

/* Opens the file and plans its parts: how many (1 or 0: not worth splitting). */
int split_plan(split_run *r, int jobs)
{
	struct stat st;

	/* stat first: opening a FIFO would wait for its writer and take its data away
	 * from the one-thread read */
	long long min_bytes = bytes_from_env("PLANNER_SPLIT_MIN_BYTES", SPLIT_MIN_BYTES);

	r->take_min = bytes_from_env("PLANNER_SPLIT_TAKE_MIN", SPLIT_TAKE_MIN);
	r->read_ahead = r->take_min / 4 >= SPLIT_READ_AHEAD ? SPLIT_READ_AHEAD :
			r->take_min / 4 <= 4096 ? 4096 : (size_t)(r->take_min / 4);
	if (stat(r->path, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < min_bytes)
		return 0;
	r->fd = open(r->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (r->fd < 0 || fstat(r->fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < min_bytes)
		return 0;
	r->size = (long long)st.st_size;
	ssize_t n = pread(r->fd, r->head, sizeof r->head, 0);
	if (n <= 0 || plan_header(r, (size_t)n) < 0)
		return 0;
	return plan_parts(r, jobs > SPLIT_MAX_PARTS ? SPLIT_MAX_PARTS : jobs);
}
