/*
 * FixtureUnknownStatus: validate returns 77, which is no SLUICE_* status.
 * `sluice plugins check` must report SLUICE_E_CHECK_STATUS_UNKNOWN.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

static sluice_status unknown_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx;
    snprintf(err->message, sizeof err->message, "%s", "a status of our own");
    return 77; /* the defect */
}

FIXTURE_ONE_TASK_PLUGIN("fixtures.unknown-status", "fixtures.unknown-status.task", fixture_noop_create, unknown_validate)
