/*
 * utf8.h: the one place where text from the input is shortened or made showable.
 * Every length limit cuts on a character boundary and says so with "…" (utf8_truncate);
 * text handed to pango and cairo has no noncharacters or broken sequences, which cairo
 * refuses in PDF text and metadata (utf8_showable_dup).
 */
#ifndef PLANNER_UTF8_H
#define PLANNER_UTF8_H

#include <stdarg.h>
#include <stddef.h>

#define UTF8_ELLIPSIS "\xE2\x80\xA6"   /* U+2026 "…": the text went on */

/* The largest k <= n at which s[0..k) ends on a character boundary (s[n] is read, so
 * s holds at least n + 1 bytes, or n is its length). */
size_t utf8_boundary(const char *s, size_t n);

/* Copies the string src into dst of cap bytes (the terminating NUL included).  When it
 * does not fit, it is cut on a character boundary and ends in "…" (without it when cap
 * is under 4).  dst may be src.  Returns the length written. */
size_t utf8_truncate(char *dst, size_t cap, const char *src);
/* The same for the n bytes at src (a whole number of characters, no NUL needed). */
size_t utf8_truncate_n(char *dst, size_t cap, const char *src, size_t n);

/* snprintf into dst of cap bytes whose output, when it does not fit, is cut on a
 * character boundary and ends in "…" like utf8_truncate.  Returns what snprintf
 * returns: the full length, so a result >= cap means the text was cut. */
int utf8_format(char *dst, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int utf8_vformat(char *dst, size_t cap, const char *fmt, va_list ap);

/* 1 when s is valid UTF-8 without noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF). */
int utf8_showable(const char *s);
/* A malloc'd copy of s with every broken sequence and noncharacter replaced by U+FFFD,
 * or NULL when out of memory. */
char *utf8_showable_dup(const char *s);

#endif
