#define _GNU_SOURCE
#include "CSluiceProcess.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

int csluice_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC) == 0 ? 0 : errno;
}

static int set_up_actions(posix_spawn_file_actions_t *actions, const char *directory, int stdout_fd,
                          int stderr_fd) {
    int rc = posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0);
    /* dup2 clears close-on-exec on the new descriptor, so the child keeps 1 and 2. */
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(actions, stdout_fd, 1);
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(actions, stderr_fd, 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    /* Descriptors the host opened without close-on-exec (a plugin's, a library's) stay ours. */
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(actions, 3);
#endif
    if (rc == 0 && directory != NULL) rc = posix_spawn_file_actions_addchdir_np(actions, directory);
    return rc;
}

static int set_up_attributes(posix_spawnattr_t *attributes) {
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    int rc = posix_spawnattr_setpgroup(attributes, 0);
    if (rc == 0) rc = posix_spawnattr_setsigmask(attributes, &none);
    if (rc == 0) rc = posix_spawnattr_setsigdefault(attributes, &all);
    if (rc == 0)
        rc = posix_spawnattr_setflags(attributes,
                                      POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    return rc;
}

extern char **environ; /* unistd.h declares it only for _GNU_SOURCE builds of some libcs */

int csluice_spawn(const char *path, char *const argv[], const char *directory,
                  int stdout_fd, int stderr_fd, pid_t *pid) {
    return csluice_spawn_env(path, argv, directory, environ, stdout_fd, stderr_fd, pid);
}

int csluice_spawn_env(const char *path, char *const argv[], const char *directory, char *const envp[],
                      int stdout_fd, int stderr_fd, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) return rc;
    rc = posix_spawnattr_init(&attributes);
    if (rc != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return rc;
    }
    rc = set_up_actions(&actions, directory, stdout_fd, stderr_fd);
    if (rc == 0) rc = set_up_attributes(&attributes);
    if (rc == 0) rc = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return rc;
}
