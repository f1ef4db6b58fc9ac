/* A data flow transform that emits in post_execute, after the end of its input. */
#define FIXTURE_FLOW_BREAKS FIXTURE_BREAKS_EMITS_AFTER_END
#include "sluice_fixture_flow.h"

FIXTURE_FLOW_PLUGIN("tests.flow.emits-after-end")
