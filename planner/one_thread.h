/*
 * one_thread.h: whether this process runs on one thread only, so that fork() may be
 * called with libraries' locks in any state the caller itself left them in.  pango
 * 1.50 sorts and matches each new font pattern on threads of its own (g_thread_new),
 * which end by themselves once their answer is in; a fork while one of them held a
 * fontconfig or malloc lock would leave the child to wait on it forever.
 */
#ifndef PLANNER_ONE_THREAD_H
#define PLANNER_ONE_THREAD_H

/* Waits up to timeout_ms for every other thread of this process to end (Linux:
 * /proc/self/task).  1 when the caller's is then the only thread, 0 when others are
 * still running, -1 when it cannot be told (no /proc). */
int one_thread_wait(int timeout_ms);

#endif
