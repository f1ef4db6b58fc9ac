/*
 * FixtureSilentFailure: validate fails but says nothing (an empty err, no fire_error).
 * `sluice plugins check` must report SLUICE_E_CHECK_FAILURE_UNEXPLAINED.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

static sluice_status silent_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    return SLUICE_E_FAILED; /* the defect: no message */
}

FIXTURE_ONE_TASK_PLUGIN("fixtures.silent", "fixtures.silent.task", fixture_noop_create, silent_validate)
