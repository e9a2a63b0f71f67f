/*
 * batch_io.h: what `planner batch` writes with: an output file with a sticky error
 * (the first failing write is remembered, later writes do nothing, the caller checks
 * once when closing), RFC 4180 CSV fields on top of it, fast number formatting for
 * million-row tables, the output directory built in a temporary directory and renamed
 * into place at the end, and the progress bar on stderr.
 */
#ifndef PLANNER_BATCH_IO_H
#define PLANNER_BATCH_IO_H

#include <limits.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ---- files with a sticky error ------------------------------------------------------- */
typedef struct batch_file batch_file;

/* Creates dir/name (mode 0644, must not exist).  NULL with errno set on failure. */
batch_file *batch_file_create(const char *dir, const char *name);
void batch_file_write(batch_file *f, const void *p, size_t n);
void batch_file_puts(batch_file *f, const char *s);
void batch_file_printf(batch_file *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The first error (an errno value), 0 while every write succeeded. */
int batch_file_error(const batch_file *f);
/* Flushes, closes and frees f.  Returns 0, or the first errno any write or the close
 * hit (then the message "path: strerror" is in msg). */
int batch_file_close(batch_file *f, char *msg, size_t size);

/* ---- CSV (RFC 4180) ------------------------------------------------------------------ */
/* UTF-8 byte order mark, for spreadsheet programs that otherwise guess the encoding. */
void batch_csv_bom(batch_file *f);
/* One field; quoted when it holds a comma, a double quote, CR or LF (quotes doubled). */
void batch_csv_field(batch_file *f, const char *s);
/* A field known to need no quoting (ids, codes, names of statuses): written as is. */
/* A field of free text from the input (a store name, an error line).  Text starting
 * with = + - @, tab or CR would run as a formula in Excel and WPS: it gets a leading
 * apostrophe (the OWASP "CSV injection" advice), then is quoted like any field. */
void batch_csv_text(batch_file *f, const char *s);
void batch_csv_plain(batch_file *f, const char *s);
/* A number with at most `decimals` decimals, trailing zeros dropped; empty for NaN. */
void batch_csv_num(batch_file *f, double x, int decimals);
void batch_csv_count(batch_file *f, size_t n);
/* Ends the row with CRLF. */
void batch_csv_end(batch_file *f);

/* "946", "12.5", "-3.25": x rounded to at most `decimals` decimals (0-6) by
 * number_round's rule (models/numbers.h), trailing zeros dropped; whole numbers are
 * written without rounding (the fast path); "" for NaN; "%.15g" when x * 10^decimals
 * is 9e15 or more.  out needs 40 bytes.  Returns the length. */
size_t batch_format_num(double x, int decimals, char *out);

/* ---- the output directory ------------------------------------------------------------ */
typedef struct batch_dir {
	char final[PATH_MAX];   /* DIR, without trailing slashes */
	char tmp[PATH_MAX + 16]; /* DIR.tmp-XXXXXX, where everything is written */
	int exists;             /* DIR exists (empty, or a previous output and --force) */
	int was_empty;          /* ... and was empty */
	dev_t dev;              /* DIR as checked at the start */
	ino_t ino;
	int has_input;          /* the region file, never replaced with DIR */
	dev_t input_dev;
	ino_t input_ino;
	int slot;               /* tmp's cleanup.h slot */
} batch_dir;

/* Checks DIR and creates the temporary directory next to it.  DIR may be missing, an
 * empty directory, or (with force) a previous batch output holding only files batch
 * writes (input, the region file, is never one of them); anything else is refused.
 * Prints the reason and returns EXIT_CANTCREAT on failure, else EXIT_OK. */
int batch_dir_begin(batch_dir *d, const char *out, int force, const struct stat *input);
/* Creates the subdirectory tmp/name. */
int batch_dir_mkdir(batch_dir *d, const char *name);
/* Moves the finished output into place (atomically replacing DIR when it exists) and
 * removes what it replaced; partial plans of killed workers are dropped first.  Only
 * what batch_dir_begin checked is replaced: a DIR that appeared, was replaced or got
 * other content meanwhile is refused.  Prints the reason and returns EXIT_CANTCREAT
 * on failure; the finished output then stays in DIR.tmp-XXXXXX (and the line says so). */
int batch_dir_commit(batch_dir *d);
/* Removes the temporary directory and everything in it. */
void batch_dir_abort(batch_dir *d);

/* ---- progress on stderr --------------------------------------------------------------- */
typedef struct batch_progress {
	int on;                 /* stderr is a terminal */
	char what[64];
	double started, last;   /* seconds (monotonic) */
	size_t done, total;
	long long io_base;      /* bytes read by the process when reading began */
	off_t file_size;
	int drawn;
} batch_progress;

/* A bar for `total` steps (plans rendered); what is the key of its label in
 * templates/messages-en.txt (progress.*), "" for none. */
void batch_progress_begin(batch_progress *p, const char *what, size_t total);
/* A bar for reading a file: the fraction of it read so far, and the stores seen. */
void batch_progress_begin_file(batch_progress *p, const char *what, const char *path);
/* done steps (or stores read, for a file); redraws at most ten times a second. */
void batch_progress_update(batch_progress *p, size_t done);
/* Replaces the bar by a line of text, the key of its words (a phase without steps to
 * count). */
void batch_progress_note(batch_progress *p, const char *key);
/* Clears the bar's line. */
void batch_progress_end(batch_progress *p);

#endif
