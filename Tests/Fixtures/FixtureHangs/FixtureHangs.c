/*
 * FixtureHangs: validate never returns. `sluice plugins check --timeout 1` must report
 * SLUICE_E_CHECK_TIMED_OUT and survive it.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>
#include <unistd.h>

static sluice_status hanging_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    for (;;) sleep(1); /* the defect */
}

FIXTURE_ONE_TASK_PLUGIN("fixtures.hangs", "fixtures.hangs.task", fixture_noop_create, hanging_validate)
