#ifndef CSLUICE_PROCESS_H
#define CSLUICE_PROCESS_H

/* The few process calls Swift cannot reach through Glibc: glibc declares pipe2 and the
 * posix_spawn chdir / closefrom file actions only under _GNU_SOURCE, which the Swift Glibc
 * module is not built with. Each function returns 0 or an errno value; none keeps state. */

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A pipe whose two ends are closed on exec, so no other child inherits them.
 * fds[0] is the read end, fds[1] the write end. Returns 0 or errno. */
int csluice_pipe_cloexec(int fds[2]);

/* Starts `path` with `argv` (NULL-terminated) and the host's environment, as the leader of a
 * new process group, its standard input /dev/null, its standard output and error `stdout_fd` /
 * `stderr_fd`, every other descriptor closed, no signal blocked and every signal at its default
 * action (a host that ignores SIGINT or SIGPIPE must not pass that on). `directory` may be NULL.
 * Returns 0 and the child's id in *pid, or the errno of the failed step (exec included). */
int csluice_spawn(const char *path, char *const argv[], const char *directory,
                  int stdout_fd, int stderr_fd, pid_t *pid);

/* csluice_spawn with the environment `envp` (NULL-terminated "NAME=value" strings) instead of
 * the host's. */
int csluice_spawn_env(const char *path, char *const argv[], const char *directory, char *const envp[],
                      int stdout_fd, int stderr_fd, pid_t *pid);

#ifdef __cplusplus
}
#endif

#endif
