/*
 * utf8.c: shortening text on character boundaries with "…", and replacing what pango
 * or cairo cannot show with U+FFFD (see utf8.h).  Plain byte arithmetic on UTF-8.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */

static int continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

size_t utf8_boundary(const char *s, size_t n)
{
	while (n > 0 && continuation((unsigned char)s[n]))
		n--;
	return n;
}

size_t utf8_truncate_n(char *dst, size_t cap, const char *src, size_t n)
{
	size_t el = sizeof UTF8_ELLIPSIS - 1;

	if (cap == 0)
		return 0;
	if (n < cap) {
		memmove(dst, src, n);
		dst[n] = '\0';
		return n;
	}
	if (cap <= el) {
		n = utf8_boundary(src, cap - 1);
		memmove(dst, src, n);
		dst[n] = '\0';
		return n;
	}
	n = utf8_boundary(src, cap - 1 - el);
	memmove(dst, src, n);
	memcpy(dst + n, UTF8_ELLIPSIS, el + 1);
	return n + el;
}

size_t utf8_truncate(char *dst, size_t cap, const char *src)
{
	return utf8_truncate_n(dst, cap, src, strlen(src));
}

int utf8_vformat(char *dst, size_t cap, const char *fmt, va_list ap)
{
	size_t el = sizeof UTF8_ELLIPSIS - 1;
	int n = vsnprintf(dst, cap, fmt, ap);

	if (n < 0 || (size_t)n < cap || cap == 0)
		return n;
	/* dst holds the first cap - 1 bytes: cut them back like utf8_truncate; below 4
	 * bytes, keep the whole characters among them */
	if (cap <= el) {
		size_t k = 0;
		while (k < cap - 1) {
			unsigned char c = (unsigned char)dst[k];
			size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (k + len > cap - 1)
				break;
			k += len;
		}
		dst[k] = '\0';
		return n;
	}
	memcpy(dst + utf8_boundary(dst, cap - 1 - el), UTF8_ELLIPSIS, el + 1);
	return n;
}

int utf8_format(char *dst, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = utf8_vformat(dst, cap, fmt, ap);
	va_end(ap);
	return n;
}

/* Length of the character at s (1-4) when it is valid and showable, else 0. */
static size_t char_length(const unsigned char *s)
{
	unsigned long cp;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if (!continuation(s[i]))
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;   /* overlong, or past Unicode */
	if ((cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
	    (cp & 0xFFFE) == 0xFFFE)
		return 0;   /* surrogate or noncharacter */
	return len;
}

int utf8_showable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t len = char_length(p);
		if (len == 0)
			return 0;
		p += len;
	}
	return 1;
}

char *utf8_showable_dup(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = malloc(3 * strlen(s) + 1), *o = out;   /* a byte may become U+FFFD */

	if (!out)
		return NULL;
	while (*p) {
		size_t len = char_length(p);
		if (len > 0) {
			memcpy(o, p, len);
			o += len;
			p += len;
			continue;
		}
		/* skip what the bad character claimed to be: its lead byte and the
		 * continuation bytes that follow (at most three) */
		size_t skip = 1;
		while (skip < 4 && continuation(p[skip]))
			skip++;
		memcpy(o, REPLACEMENT, 3);
		o += 3;
		p += skip;
	}
	*o = '\0';
	return out;
}
