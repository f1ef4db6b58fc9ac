/*
 * FixtureEntryAborts: the entry function itself calls abort() before returning a descriptor
 * (a plugin whose static set-up asserts). Discovery must record SIGABRT, never die of it.
 */
#include <sluice/sluice.h>

#include <stdlib.h>

SLUICE_EXPORT const sluice_plugin_descriptor *sluice_plugin_entry(void) {
    abort();
}
