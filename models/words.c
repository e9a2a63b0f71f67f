/*
 * words.c: a data file's line split into words (words.h).
 */
#include "words.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

size_t words_split(const char *s, size_t len, const char **w, size_t *wl, size_t max)
{
	size_t n = 0, i = 0;

	while (i < len) {
		while (i < len && is_space(s[i]))
			i++;
		if (i == len)
			break;
		size_t start = i;
		while (i < len && !is_space(s[i]))
			i++;
		if (n < max) {
			w[n] = s + start;
			wl[n] = i - start;
		}
		n++;
	}
	return n;
}
