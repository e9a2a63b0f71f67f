/*
 * cleanup.h: what is removed when planner is stopped by a signal.  Temporary files and
 * the batch's temporary directory are created through here, so they are registered
 * from the moment they exist; SIGINT, SIGTERM, SIGHUP (and a library's abort: SIGABRT,
 * SIGTRAP, SIGSEGV, SIGBUS) stop the plan workers, remove what is registered with
 * async-signal-safe calls only, then raise the signal again (the exit status still
 * names it).  SIGXFSZ is ignored, so a file-size limit is a write error (EFBIG).
 */
#ifndef PLANNER_CLEANUP_H
#define PLANNER_CLEANUP_H

#include <sys/types.h>

/* Installs the handlers (signals ignored at start, e.g. SIGINT of a background job,
 * stay ignored; handlers a sanitizer installed are kept).  Called once by main(). */
void cleanup_install(void);
/* mkstemp(path) with the file registered; *slot for cleanup_forget.  -1 on failure. */
int cleanup_mkstemp(char *path, int *slot);
/* mkdtemp(path) with the directory (and all it will hold) registered. */
char *cleanup_mkdtemp(char *path, int *slot);
/* The file or directory of slot is no longer ours to remove (renamed or removed). */
void cleanup_forget(int slot);
/* fork() for a worker that a signal to this process must stop first; the child
 * forgets nothing (it only removes the files it registers itself). */
pid_t cleanup_fork_worker(void);
/* The workers have all been waited for. */
void cleanup_forget_workers(void);

#endif
