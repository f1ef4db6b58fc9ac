/*
 * FixtureGarbledMessage: validate fails with a message that is not UTF-8 (Latin-1 bytes).
 * `sluice plugins check` must report SLUICE_E_CHECK_MESSAGE_INVALID.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

static sluice_status garbled_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx;
    snprintf(err->message, sizeof err->message, "%s", "caf\xe9 not found"); /* the defect: Latin-1 e-acute */
    return SLUICE_E_FAILED;
}

FIXTURE_ONE_TASK_PLUGIN("fixtures.garbled", "fixtures.garbled.task", fixture_noop_create, garbled_validate)
