/*
 * FixtureLoadProbe: a valid plugin that says when it is loaded. Its constructor (run by dlopen,
 * before any Sluice code) appends "<pid>\n" to the file named by SLUICE_FIXTURE_LOAD_LOG, so a
 * test can tell which processes opened it: the scanner child, or the host that runs a package.
 * With SLUICE_FIXTURE_DAEMON_LOG set, it also starts a background process, writes its pid there
 * and lets it sleep for a minute: a plugin that leaves a daemon behind in the scanner.
 * fixtures.probe.noop is a task that does nothing.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void record_load(void) {
    const char *log = getenv("SLUICE_FIXTURE_LOAD_LOG");
    if (log == NULL || log[0] == '\0') return;
    FILE *file = fopen(log, "a");
    if (file == NULL) return;
    fprintf(file, "%ld\n", (long)getpid());
    fclose(file);
    const char *daemon_log = getenv("SLUICE_FIXTURE_DAEMON_LOG");
    if (daemon_log == NULL || daemon_log[0] == '\0') return;
    pid_t child = fork();
    if (child > 0) {
        /* The parent records the daemon's pid, so it is known even if the daemon dies at once. */
        FILE *out = fopen(daemon_log, "a");
        if (out != NULL) {
            fprintf(out, "%ld\n", (long)child);
            fclose(out);
        }
        return;
    }
    if (child < 0) return;
    /* As a daemon does: let go of every descriptor it inherited (the scanner's report pipe). */
    for (int fd = 3; fd < 1024; fd++) close(fd);
    int null_fd = open("/dev/null", O_WRONLY);
    if (null_fd >= 0) {
        dup2(null_fd, 1);
        dup2(null_fd, 2);
        close(null_fd);
    }
    sleep(60);
    _exit(0);
}

FIXTURE_NOOP_TASK_VTABLE(vtable);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.probe.noop",
     .display_name = "Load probe", .description = "Fixture task that does nothing.", .version = "1.0.0",
     .vtable = &vtable},
};

/* Listed by pointer: the host reads each definition by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.probe", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Logs each load.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
