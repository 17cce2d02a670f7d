/* fault_shim.c: an LD_PRELOAD library that makes writes to chosen files fail, like a full
 * disk (ENOSPC) or a failing drive (EIO), inside an unmodified process.
 *
 * Intercepted: write, pwrite, pwrite64, writev, and (with KEYPLAN_FAULT_SYNC=1) fsync and
 * fdatasync. A call counts only when the path of its descriptor (readlink /proc/self/fd/N)
 * contains KEYPLAN_FAULT_MATCH. Calls are numbered from 1 in each process:
 *
 *   KEYPLAN_FAULT_MATCH   substring of the paths to fault (unset or empty: the shim is idle)
 *   KEYPLAN_FAULT_SKIP    paths that also contain this substring are left alone
 *   KEYPLAN_FAULT_AFTER   first call number that fails (0: never fail, only count)
 *   KEYPLAN_FAULT_ERRNO   errno of a failed call (28 = ENOSPC, 5 = EIO; default 28)
 *   KEYPLAN_FAULT_MODE    "sticky": every call from AFTER on fails (a full disk);
 *                         "once": only call AFTER fails (a transient error). Default sticky.
 *   KEYPLAN_FAULT_AFTER_SYNCS  instead of a call number: fail from the first counted call
 *                         made after this many fsync/fdatasync calls on matching files (2 on
 *                         the WAL: the first write after the first commit)
 *   KEYPLAN_FAULT_SYNC    "1": fsync and fdatasync count (and fail) too
 *   KEYPLAN_FAULT_TRACE   append "<call> <number> <path>" for every matching call to this
 *                         file (a sync that does not count carries the last write's number)
 *   KEYPLAN_FAULT_COUNT_FILE  at normal exit, "<calls> <failed>" is written to this file
 *
 * A disk that is full is also reported full: once a sticky ENOSPC fault has failed a call,
 * statvfs/fstatvfs (and their 64-bit names) of a matching path say no block is free, so
 * code that asks the file system why a write failed gets the answer a full disk gives.
 *
 * keyplan_fault_configure() re-reads the environment and resets the counters (a process
 * forked from a prepared parent calls it through ctypes); keyplan_fault_calls() and
 * keyplan_fault_failed() return the counters. Build:
 *   cc -shared -fPIC -O2 -o fault_shim.so fault_shim.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static char match[4096];
static char skip[4096];
static int trace_fd = -1;
static long fail_after;
static long after_syncs;
static long syncs;
static int fail_errno = 28;
static int sticky = 1;
static int faults_sync;
static long calls;
static long failed;

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_statvfs)(const char *, struct statvfs *);
static int (*real_statvfs64)(const char *, struct statvfs64 *);
static int (*real_fstatvfs)(int, struct statvfs *);
static int (*real_fstatvfs64)(int, struct statvfs64 *);

static void resolve(void) {
    if (!real_write) real_write = dlsym(RTLD_NEXT, "write");
    if (!real_pwrite) real_pwrite = dlsym(RTLD_NEXT, "pwrite");
    if (!real_pwrite64) real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
    if (!real_writev) real_writev = dlsym(RTLD_NEXT, "writev");
    if (!real_fsync) real_fsync = dlsym(RTLD_NEXT, "fsync");
    if (!real_fdatasync) real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    if (!real_statvfs) real_statvfs = dlsym(RTLD_NEXT, "statvfs");
    if (!real_statvfs64) real_statvfs64 = dlsym(RTLD_NEXT, "statvfs64");
    if (!real_fstatvfs) real_fstatvfs = dlsym(RTLD_NEXT, "fstatvfs");
    if (!real_fstatvfs64) real_fstatvfs64 = dlsym(RTLD_NEXT, "fstatvfs64");
}

void keyplan_fault_configure(void) {
    const char *value;
    resolve();
    value = getenv("KEYPLAN_FAULT_MATCH");
    snprintf(match, sizeof match, "%s", value ? value : "");
    value = getenv("KEYPLAN_FAULT_SKIP");
    snprintf(skip, sizeof skip, "%s", value ? value : "");
    value = getenv("KEYPLAN_FAULT_TRACE");
    if (trace_fd >= 0) close(trace_fd);
    trace_fd = value && *value ? open(value, O_WRONLY | O_CREAT | O_APPEND, 0600) : -1;
    value = getenv("KEYPLAN_FAULT_AFTER");
    fail_after = value ? atol(value) : 0;
    value = getenv("KEYPLAN_FAULT_AFTER_SYNCS");
    after_syncs = value ? atol(value) : 0;
    value = getenv("KEYPLAN_FAULT_ERRNO");
    fail_errno = value && atoi(value) > 0 ? atoi(value) : 28;
    value = getenv("KEYPLAN_FAULT_MODE");
    sticky = !(value && strcmp(value, "once") == 0);
    value = getenv("KEYPLAN_FAULT_SYNC");
    faults_sync = value && strcmp(value, "1") == 0;
    __atomic_store_n(&calls, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&failed, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&syncs, 0, __ATOMIC_SEQ_CST);
}

long keyplan_fault_calls(void) { return __atomic_load_n(&calls, __ATOMIC_SEQ_CST); }
long keyplan_fault_failed(void) { return __atomic_load_n(&failed, __ATOMIC_SEQ_CST); }

__attribute__((constructor)) static void on_load(void) { keyplan_fault_configure(); }

__attribute__((destructor)) static void on_exit_report(void) {
    const char *path = getenv("KEYPLAN_FAULT_COUNT_FILE");
    char line[64];
    int fd, n;
    if (!path || !*path) return;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return;
    n = snprintf(line, sizeof line, "%ld %ld\n", keyplan_fault_calls(), keyplan_fault_failed());
    if (real_write) real_write(fd, line, (size_t)n);
    close(fd);
}

/* Nonzero if fd's path contains the match (and not the skip); the path goes to target. */
static int matches_fd(int fd, char *target, size_t size) {
    char link[64];
    ssize_t length;
    if (!match[0] || fd < 0) return 0;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    length = readlink(link, target, size - 1);
    if (length <= 0) return 0;
    target[length] = '\0';
    return strstr(target, match) != NULL && !(skip[0] && strstr(target, skip));
}

static void trace(const char *call, long number, const char *path) {
    char line[4200];
    int n;
    if (trace_fd < 0) return;
    n = snprintf(line, sizeof line, "%s %ld %s\n", call, number, path);
    if (n > 0) real_write(trace_fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* Nonzero if this call on fd must fail (errno is then set). A call that does not count
 * (a sync without KEYPLAN_FAULT_SYNC) is only traced. */
static int inject(int fd, const char *call, int counts) {
    char target[4096];
    long number;
    if (!matches_fd(fd, target, sizeof target)) return 0;
    if (call[0] == 'f') __atomic_add_fetch(&syncs, 1, __ATOMIC_SEQ_CST);  /* fsync, fdatasync */
    if (!counts) {
        trace(call, keyplan_fault_calls(), target);
        return 0;
    }
    number = __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
    trace(call, number, target);
    if (after_syncs > 0) {
        long none = 0;
        if (__atomic_load_n(&syncs, __ATOMIC_SEQ_CST) < after_syncs) return 0;
        if (!sticky && !__atomic_compare_exchange_n(&failed, &none, 1, 0, __ATOMIC_SEQ_CST,
                                                    __ATOMIC_SEQ_CST)) return 0;
        if (sticky) __atomic_add_fetch(&failed, 1, __ATOMIC_SEQ_CST);
        errno = fail_errno;
        return 1;
    }
    if (fail_after <= 0 || number < fail_after || (!sticky && number != fail_after)) return 0;
    __atomic_add_fetch(&failed, 1, __ATOMIC_SEQ_CST);
    errno = fail_errno;
    return 1;
}

ssize_t write(int fd, const void *buf, size_t count) {
    resolve();
    return inject(fd, "write", 1) ? -1 : real_write(fd, buf, count);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
    resolve();
    return inject(fd, "pwrite", 1) ? -1 : real_pwrite(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
    resolve();
    return inject(fd, "pwrite64", 1) ? -1 : real_pwrite64(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
    resolve();
    return inject(fd, "writev", 1) ? -1 : real_writev(fd, iov, iovcnt);
}

int fsync(int fd) {
    resolve();
    return inject(fd, "fsync", faults_sync) ? -1 : real_fsync(fd);
}

int fdatasync(int fd) {
    resolve();
    return inject(fd, "fdatasync", faults_sync) ? -1 : real_fdatasync(fd);
}

/* Nonzero once a full disk is being simulated. */
static int disk_full(void) {
    return match[0] && fail_errno == ENOSPC && sticky && keyplan_fault_failed() > 0;
}

static int path_matches(const char *path) {
    char resolved[4096];
    if (!path || !realpath(path, resolved)) return 0;
    strncat(resolved, "/", sizeof resolved - strlen(resolved) - 1);
    return strstr(resolved, match) != NULL;
}

#define NO_ROOM(buf) ((buf)->f_bfree = 0, (buf)->f_bavail = 0)

int statvfs(const char *path, struct statvfs *buf) {
    int result;
    resolve();
    result = real_statvfs(path, buf);
    if (result == 0 && disk_full() && path_matches(path)) NO_ROOM(buf);
    return result;
}

int statvfs64(const char *path, struct statvfs64 *buf) {
    int result;
    resolve();
    result = real_statvfs64(path, buf);
    if (result == 0 && disk_full() && path_matches(path)) NO_ROOM(buf);
    return result;
}

int fstatvfs(int fd, struct statvfs *buf) {
    char target[4096];
    int result;
    resolve();
    result = real_fstatvfs(fd, buf);
    if (result == 0 && disk_full() && matches_fd(fd, target, sizeof target)) NO_ROOM(buf);
    return result;
}

int fstatvfs64(int fd, struct statvfs64 *buf) {
    char target[4096];
    int result;
    resolve();
    result = real_fstatvfs64(fd, buf);
    if (result == 0 && disk_full() && matches_fd(fd, target, sizeof target)) NO_ROOM(buf);
    return result;
}
