/* A data flow transform that emits an Arrow array whose release is NULL. */
#define FIXTURE_FLOW_BREAKS FIXTURE_BREAKS_EMITS_RELEASED
#include "sluice_fixture_flow.h"

FIXTURE_FLOW_PLUGIN("tests.flow.emits-released")
